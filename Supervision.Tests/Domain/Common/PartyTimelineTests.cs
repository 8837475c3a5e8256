using Supervision.Domain.Catalog;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Tests.Domain.Enforcement;

namespace Supervision.Tests.Domain.Common;

/// <summary>The party's timeline of a record is built from its issued facts alone, in the order things happened.</summary>
public class PartyTimelineTests
{
    private static DateTimeOffset At(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static IssuedDocument Opinion(string number, DateTimeOffset at) =>
        new() { Kind = DocumentKind.ReinspectionOpinion, Number = number, IssuedAt = at, VisibleToParty = true };

    [Fact]
    public void An_order_of_two_rounds_tells_each_reinspection_from_its_opinion_and_nothing_of_the_draft()
    {
        // Issued with a week to rectify; an extension asked for and refused; reported a day late; failed, re-ordered, reported and passed.
        var order = CorrectiveOrder.Draft(new Finding { Facts = "下达稿" }, "立即整改", 3, DeadlineMode.Date, null, new DateOnly(2026, 11, 9), "u-1", "a", At(11, 1));
        order.Issue(new DateOnly(2026, 11, 9), "宁通管改〔2026〕3号", "a", At(11, 2), new DateOnly(2026, 11, 2));
        order.RequestExtension(new DateOnly(2026, 11, 16), "设备采购周期较长", "carrier", At(11, 3), new DateOnly(2026, 11, 3));
        order.DecideExtension(false, null, "五个工作日足够", "a", At(11, 4), new DateOnly(2026, 11, 4));
        order.Reply("已停用人工录入并培训全部营业员。", "carrier", At(11, 10), new DateOnly(2026, 11, 10));
        order.Verify(false, "仍有网点人工录入。", new DateOnly(2026, 11, 12), "宁通管复〔2026〕5号", "a", new DateOnly(2026, 11, 12));
        order.Reopen(new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 12));
        order.Reply("全部网点已配备读卡器并联网核验。", "carrier", At(11, 20), new DateOnly(2026, 11, 20));
        order.Verify(true, "经现场复查，整改到位。", new DateOnly(2026, 11, 25), "宁通管复〔2026〕8号", "a", new DateOnly(2026, 11, 25));
        // Documents of another kind or not served to the party are no reinspection the party was told of.
        IssuedDocument[] documents = [Opinion("宁通管复〔2026〕8号", At(11, 25)), Opinion("宁通管复〔2026〕5号", At(11, 12)),
            new() { Kind = DocumentKind.InspectionRecord, Number = "宁通管检〔2026〕1号", IssuedAt = At(10, 30), VisibleToParty = false }];

        Assert.Equal([
            "2026年11月2日 下达整改通知（宁通管改〔2026〕3号），整改期限至2026年11月9日",
            "2026年11月3日 申请将整改期限延至2026年11月16日",
            "2026年11月4日 延期申请未获批准：五个工作日足够",
            "2026年11月10日 提交整改报告（逾期提交）",
            "2026年11月12日 整改复查不合格（宁通管复〔2026〕5号），须再次整改并报告",
            "2026年11月20日 提交整改报告（第2轮）",
            "2026年11月25日 整改复查合格（宁通管复〔2026〕8号）",
        ], order.PartyTimeline(documents).Select(e => e.ToString()));
        Assert.Empty(CorrectiveOrder.Draft(new Finding { Facts = "草稿" }, "立即整改", 3, DeadlineMode.WorkingDays, 5, null, "u-1", "a", At(11, 1)).PartyTimeline(documents));
    }

    [Fact]
    public void A_decision_in_the_timeline_names_the_penalties_and_the_order_to_correct_apart_from_them()
    {
        var c = CaseFixture.Filed();
        c.StartInvestigation("i", At(4, 21));
        c.AddEvidence(new CaseEvidence { Description = "暗访录像及入网工单", CollectedOn = new DateOnly(2026, 4, 22), CollectedBy = "i" }, "i", At(4, 22));
        c.SubmitForReview("违法事实清楚，证据确凿", "i", At(4, 23));
        CaseSanction[] sanctions = [CaseFixture.Correction(), CaseFixture.Warning(), CaseFixture.Fine(20_000m)];
        c.ProposeSanctions(sanctions, CaseFixture.Bases, actAlreadyFined: false, "i", At(4, 24));
        c.ServePriorNotice(new DateOnly(2026, 4, 30), CaseFixture.Settings, CaseFixture.Calendar, "i", At(4, 30));
        c.Decide(new DateOnly(2026, 5, 11), [CaseFixture.Correction(), CaseFixture.Warning(), CaseFixture.Fine(20_000m)], "宁通管罚〔2026〕3号", CaseFixture.Bases,
            CaseFixture.Settings, CaseFixture.Calendar, "i", At(5, 11));
        c.Serve(new DateOnly(2026, 5, 12), "直接送达", CaseFixture.Settings, CaseFixture.Calendar, "i", At(5, 12));

        // 责令改正 is not a penalty (行政处罚法 Art. 9, Art. 28): not in the list of penalties, named after them with its deadline.
        Assert.Contains("2026年5月12日 送达行政处罚决定书（宁通管罚〔2026〕3号）：警告；罚款 ¥20,000.00，缴款期限至2026年5月27日；同时责令于2026年6月30日前改正",
            c.PartyTimeline([]).Select(e => e.ToString()));
    }

    [Fact]
    public void A_case_tells_its_party_what_was_served_and_what_it_did_but_not_the_investigation_or_internal_approvals()
    {
        var c = CaseFixture.Noticed(); // served 30 April: statement period to 8 May
        c.RecordStatement(new CaseStatement { Text = "我方已整改", SubmittedAt = At(5, 6) }, new DateOnly(2026, 5, 6), "p", At(5, 6));
        c.ReviewStatements(StatementAdoption.NotAdopted, "事后整改不影响违法事实的认定", "i", At(5, 8)); // internal: the decision states it
        c.ExtendDecisionPeriod(new DateOnly(2026, 8, 1), "案情复杂，需补充调查", CaseFixture.Settings, "i", At(5, 7)); // internal
        c.Decide(new DateOnly(2026, 5, 11), CaseFixture.Penalty(CaseFixture.Order25, 20_000m), "宁通管罚〔2026〕2号", CaseFixture.Bases, CaseFixture.Settings, CaseFixture.Calendar, "i", At(5, 11));
        c.Serve(new DateOnly(2026, 5, 12), "直接送达", CaseFixture.Settings, CaseFixture.Calendar, "i", At(5, 12));
        c.AcknowledgeService("p", At(5, 13));
        c.RecordPayment(20_000m, new DateOnly(2026, 5, 20), "2026052001", CaseFixture.Settings, "i", At(5, 20));
        CaseFixture.Corrected(c, "2026-05-25");
        c.Close(new DateOnly(2026, 5, 28), "i", At(5, 28));
        IssuedDocument[] documents = [new() { Kind = DocumentKind.PriorNotice, Number = "宁通管告〔2026〕4号", VisibleToParty = true },
            new() { Kind = DocumentKind.CaseFilingApproval, Number = "宁通管立〔2026〕9号", VisibleToParty = false }];

        Assert.Equal([
            "2026年4月30日 送达行政处罚事先告知书（宁通管告〔2026〕4号），陈述申辩期限至2026年5月8日",
            "2026年5月6日 提交陈述申辩意见",
            "2026年5月12日 送达行政处罚决定书（宁通管罚〔2026〕2号）：警告；罚款 ¥20,000.00，缴款期限至2026年5月27日；同时责令于2026年6月30日前改正",
            "2026年5月13日 确认签收行政处罚决定书",
            "2026年5月20日 缴纳罚款¥20,000.00（凭证2026052001）",
            "2026年5月20日 执行完毕：罚款 ¥20,000.00",
            "2026年5月25日 执行完毕：责令限期改正",
            "2026年5月28日 结案",
        ], c.PartyTimeline(documents).Select(e => e.ToString()));
        Assert.Empty(CaseFixture.UnderReview().PartyTimeline(documents)); // not yet told of the case
    }
}
