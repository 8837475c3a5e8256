using System.Text.RegularExpressions;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Reports.Documents;
using Supervision.Reports.Enforcement;
using Supervision.Web.Demo;
using UglyToad.PdfPig;

namespace Supervision.Tests.Reports.Enforcement;

/// <summary>
/// The wording of the case documents as a lawyer reads it: the 立案审批表 states suspected facts (涉嫌), the decision's forms
/// established ones; the 不予行政处罚决定书 says each reason once.
/// </summary>
public class CaseWordingTests
{
    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    private static byte[] Render(DocumentKind kind, string? keep = null)
    {
        var pdf = new DocumentRenderer().Render(DocumentSamples.Of(kind));
        if (keep is not null) File.WriteAllBytes(Path.Combine(Path.GetTempPath(), keep), pdf);
        return pdf;
    }

    [Fact]
    public void The_filing_approval_states_the_facts_as_suspected_and_the_decision_approval_as_established()
    {
        var filing = Text(Render(DocumentKind.CaseFilingApproval, "filing-approval-sample.pdf"));
        Assert.Contains("涉嫌营业网点未按规定查验用户身份证件案", filing);
        Assert.Contains("涉嫌违法事实", filing);
        Assert.Contains("经初步核查，当事人涉嫌", filing);
        Assert.DoesNotContain("主要违法事实", filing);
        Assert.DoesNotContain("你单位", filing); // an internal form speaks of 当事人

        var decision = Text(Render(DocumentKind.DecisionApproval));
        Assert.Contains("主要违法事实", decision);
        Assert.DoesNotContain("涉嫌违法事实", decision);
        Assert.DoesNotContain("经初步核查", decision);
    }

    [Theory]
    [InlineData("营业网点未按规定查验用户身份证件", "涉嫌营业网点未按规定查验用户身份证件案")]
    [InlineData("涉嫌未落实实名登记一案", "涉嫌未落实实名登记案")]
    [InlineData("未留存网络日志案", "涉嫌未留存网络日志案")]
    public void The_cause_at_filing_reads_suspected_once(string title, string expected) =>
        Assert.Equal(expected, CasePdf.SuspectedCause(title));

    [Fact]
    public void The_filing_facts_are_prefixed_once_and_speak_of_the_party()
    {
        Assert.Equal("经初步核查，当事人涉嫌存在以下违法行为：2026年3月10日，当事人营业厅未核验证件。", CasePdf.SuspectedFacts("经查，2026年3月10日，你单位营业厅未核验证件。"));
        Assert.Equal("经初步核查，当事人涉嫌未核验证件。", CasePdf.SuspectedFacts("当事人涉嫌未核验证件。"));
    }

    /// <summary>The clauses of a text (split at 。；，：) of some length: none may occur twice.</summary>
    private static IReadOnlyList<string> RepeatedClauses(string text) =>
        Regex.Split(text, "[。；，：]").Select(c => c.Trim()).Where(c => c.Length >= 8)
            .GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    [Fact]
    public void The_no_penalty_decision_sample_says_each_reason_and_the_conclusion_once()
    {
        var text = Text(Render(DocumentKind.NoPenaltyDecision, "no-penalty-sample.pdf"));
        Assert.Empty(RepeatedClauses(text));
        // The title, and the conclusion once.
        Assert.Equal(2, Regex.Matches(text, "不予行政处罚").Count);
        Assert.Single(Regex.Matches(text, "违法行为轻微并及时改正"));
        Assert.Single(Regex.Matches(text, "第三十三条第一款"));
        Assert.Single(Regex.Matches(text, "2026年8月3日"));
        Assert.Contains("鉴于你单位于发现次日即对上述3户用户重新核验身份并修复识别设备，未发现冒用他人身份入网的情况，属于违法行为轻微并及时改正，没有造成危害后果的情形", text);
    }

    /// <summary>An officer's reason that repeats the ground, its article and the conclusion is cut to its facts: the document says them once.</summary>
    [Fact]
    public void A_reason_that_repeats_the_ground_and_the_conclusion_is_printed_once()
    {
        var data = (CaseDocumentData)DocumentSamples.Of(DocumentKind.NoPenaltyDecision) with
        {
            NoPenaltyReason = "鉴于你单位已于次日改正，违法行为轻微并及时改正，没有造成危害后果，依据《中华人民共和国行政处罚法》第三十三条第一款，不予行政处罚。",
        };
        var text = Text(new DocumentRenderer().Render(data));
        Assert.Empty(RepeatedClauses(text));
        Assert.Equal(2, Regex.Matches(text, "不予行政处罚").Count);
        Assert.Single(Regex.Matches(text, "没有造成危害后果"));
        Assert.Contains("鉴于你单位已于次日改正，属于违法行为轻微并及时改正，没有造成危害后果的情形，依据", text);
        Assert.Equal("你单位已于次日改正", CasePdf.NoPenaltyReasonText(data.NoPenaltyReason, data.NoPenaltyGround));
    }
}
