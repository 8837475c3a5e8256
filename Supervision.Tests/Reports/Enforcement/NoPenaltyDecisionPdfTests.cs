using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Reports.Documents;
using UglyToad.PdfPig;

namespace Supervision.Tests.Reports.Enforcement;

/// <summary>The 不予行政处罚决定书 states its number, the ground in law and its articles — and does not call an act unlawful that was not established.</summary>
public class NoPenaltyDecisionPdfTests
{
    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    private static CaseDocumentData Data(string ground, string article, bool established) => new()
    {
        Kind = DocumentKind.NoPenaltyDecision, Authority = "宁夏回族自治区通信管理局", CaseNumber = "宁通管立〔2026〕1号", Number = "宁通管不罚〔2026〕4号",
        Party = new PartyInfo("中国移动通信集团宁夏有限公司", "91640000710000000X", "宁夏回族自治区银川市金凤区", null),
        Title = "未按规定核验用户身份", Facts = "2026年3月10日，某合作营业厅未核验证件为用户办理入网。", Evidence = ["现场检查记录"],
        Statute = "《电话用户真实身份信息登记规定》", DutyArticle = "第六条", PenaltyArticle = "第十九条", Sanctions = [],
        FiledOn = new DateOnly(2026, 3, 20), IssueDate = new DateOnly(2026, 5, 6), Investigators = ["张伟", "李娜"], ReviewBody = "中华人民共和国工业和信息化部",
        NoPenaltyReason = "涉及用户3户，已于次日补登记", NoPenaltyGround = ground, NoPenaltyArticle = article, NoPenaltyActEstablished = established,
    };

    [Fact]
    public void The_decision_carries_its_number_and_the_ground_with_its_articles()
    {
        var text = Text(new DocumentRenderer().Render(Data("初次违法且危害后果轻微并及时改正", "《中华人民共和国行政处罚法》第三十三条第一款、第五十七条第一款第（二）项", true)));
        Assert.Contains("宁通管不罚〔2026〕4号", text);
        Assert.Contains("你单位的上述行为违反了《电话用户真实身份信息登记规定》第六条的规定", text);
        Assert.Contains("鉴于涉及用户3户，已于次日补登记，属于初次违法且危害后果轻微并及时改正的情形", text);
        Assert.Contains("依据《中华人民共和国行政处罚法》第三十三条第一款、第五十七条第一款第（二）项的规定，本机关决定对你单位不予行政处罚", text);
    }

    [Fact]
    public void Where_the_facts_are_not_established_the_decision_says_so_instead_of_a_violation()
    {
        var text = Text(new DocumentRenderer().Render(Data("违法事实不能成立", "《中华人民共和国行政处罚法》第五十七条第一款第（三）项", false)));
        Assert.Contains("违法事实不能成立", text);
        Assert.Contains("第五十七条第一款第（三）项", text);
        Assert.DoesNotContain("违反了", text);
        Assert.DoesNotContain("引以为戒", text);
    }
}
