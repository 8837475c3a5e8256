using Supervision.Domain.Common;
using Supervision.Domain.Inspections;
using static Supervision.Tests.Domain.Common.Offered;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>What an inspection record (and a finding) offers each actor: only the drawn inspectors record, complete and amend.</summary>
public class InspectionActionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 11, 2);

    private static Inspection Planned()
    {
        var inspection = new Inspection { Id = 5, ProvinceId = 64, BranchId = 7, EntityName = "宁夏移动银川分公司" };
        inspection.Inspectors.AddRange([new InspectionInspector { UserId = "a" }, new InspectionInspector { UserId = "b" }]);
        inspection.Items.AddRange([
            new InspectionItemResult { Id = 1, ItemCode = "RN-01", ItemTitle = "入网证件查验" },
            new InspectionItemResult { Id = 2, ItemCode = "RN-05", ItemTitle = "读卡器与联网核验" },
        ]);
        return inspection;
    }

    private static Inspection Recorded()
    {
        var r = Planned();
        r.RecordVisit(Today, "银川市兴庆区解放西街营业厅", "王磊", "店长", null, Today);
        r.RecordCredentialsShown([("a", "马建国（网安处）", "宁通执字第640003号"), ("b", "李娜", "宁通执字第640005号")], Now);
        r.RecordItem(1, ItemOutcome.Compliant, null, "a", Now);
        r.RecordItem(2, ItemOutcome.NonCompliant, "两台读卡器未联网", "a", Now);
        return r;
    }

    private static Inspection In(string state)
    {
        var r = state is "planned" ? Planned() : Recorded();
        if (state == "completed") r.Complete("a", Now, Today, "宁通管检〔2026〕1号");
        if (state == "cancelled") r.Cancel();
        return r;
    }

    [Theory]
    [InlineData("planned", "preview record (complete)", "preview", "preview")]
    [InlineData("recorded", "preview record complete", "preview", "preview")]
    [InlineData("completed", "amend", "", "")]
    [InlineData("cancelled", "", "", "")]
    public void The_drawn_inspectors_record_and_complete_others_may_preview_while_it_is_open(string state, string assigned, string otherInspector, string observer)
    {
        var r = In(state);
        Assert.Equal(assigned, Keys(r.ActionsFor(Acting.Officer, assigned: true, Today)));
        Assert.Equal(otherInspector, Keys(r.ActionsFor(Acting.Officer, assigned: false, Today)));
        Assert.Equal(observer, Keys(r.ActionsFor(Acting.Observer, assigned: false, Today)));
        Assert.Empty(r.ActionsFor(Acting.Party, assigned: false, Today)); // the carrier never sees the record
    }

    /// <summary>行政处罚法第四十二条、第五十五条: two of the record's own inspectors, each with a 执法证号; otherwise complete, the record is refused with a code of its own.</summary>
    [Fact]
    public void A_record_otherwise_complete_is_not_signed_before_two_of_its_inspectors_showed_their_certificates()
    {
        var r = Planned();
        r.RecordVisit(Today, "营业厅", "王磊", "店长", null, Today);
        r.RecordItem(1, ItemOutcome.Compliant, null, "a", Now);
        r.RecordItem(2, ItemOutcome.Compliant, null, "a", Now);
        Assert.Equal("inspection.credentials_not_shown", Assert.Throws<DomainException>(() => r.Complete("a", Now, Today, null)).Code);
        Assert.Equal("inspection.credentials_not_inspector", Assert.Throws<DomainException>(() => r.RecordCredentialsShown([("a", "马建国", "1"), ("x", "王五", "2")], Now)).Code);
        Assert.Equal("inspection.credentials_missing", Assert.Throws<DomainException>(() => r.RecordCredentialsShown([("a", "马建国", "1"), ("b", "李娜", " ")], Now)).Code);
        Assert.Equal("inspection.credentials_two_officers", Assert.Throws<DomainException>(() => r.RecordCredentialsShown([("a", "马建国", "1")], Now)).Code);
        r.RecordCredentialsShown([("a", "马建国（网安处）", "宁通执字第640003号"), ("b", "李娜", "宁通执字第640005号")], Now);
        Assert.Equal("马建国，执法证号宁通执字第640003号；李娜，执法证号宁通执字第640005号", r.CredentialsShownBy);
        r.Complete("a", Now, Today, "宁通管检〔2026〕1号");
        Assert.Equal(InspectionStatus.Completed, r.Status);
    }

    [Fact]
    public void Completion_not_possible_yet_says_what_is_missing_as_completing_would()
    {
        var r = Planned();
        r.RecordItem(2, ItemOutcome.NonCompliant, null, "a", Now);
        var reason = NotYet(r.ActionsFor(Acting.Officer, assigned: true, Today), InspectionActions.Complete);
        Assert.Equal("检查记录尚不完整：请填写检查日期。请填写检查地点。请填写企业在场人员。尚有1项未记录结果（“入网证件查验”）。不符合项须写明检查发现的情况（“读卡器与联网核验”）。请登记执法人员已出示执法证件（行政处罚法第五十五条）。", reason);
        Assert.Equal(reason, Assert.Throws<DomainException>(() => r.Complete("a", Now, Today, null)).Message);
        Assert.Equal(reason, Assert.Throws<DomainException>(() => r.RequireCompletable(Today)).Message);
        Assert.Equal(InspectionStatus.InProgress, r.Status);
    }

    [Fact]
    public void An_open_finding_is_decided_by_an_inspector_and_only_once()
    {
        var finding = new Finding { Id = 3, Title = "RN-05 读卡器与联网核验", Status = FindingStatus.Open };
        Assert.Equal("decide", Keys(finding.ActionsFor(Acting.Officer, Acting.Officer)));
        Assert.Empty(finding.ActionsFor(Acting.Observer, Acting.Observer));
        finding.Decide(FindingDecision.Observation, FindingSeverity.General, null, "情节轻微，已当场纠正", "a", Now);
        Assert.Empty(finding.ActionsFor(Acting.Officer, Acting.Officer));
        Assert.Equal("finding.decided", Assert.Throws<DomainException>(() => finding.Decide(FindingDecision.Observation, FindingSeverity.General, null, "再议再议再议", "a", Now)).Code);
    }

    [Fact]
    public void A_finding_handed_to_enforcement_offers_filing_its_case_to_enforcement_officers_until_the_case_is_open()
    {
        var finding = new Finding { Id = 4, BranchId = 7, Title = "RN-05 读卡器与联网核验", Status = FindingStatus.Decided, Decision = FindingDecision.Enforcement, EnforcementRequestedAt = Now };
        // A system administrator files cases but does not run inspections: no decision, yet the case.
        Assert.Equal("file-case", Keys(finding.ActionsFor(Acting.Observer, Acting.Officer)));
        Assert.Empty(finding.ActionsFor(Acting.Observer, Acting.Observer));
        Assert.Empty(finding.ActionsFor(Acting.Party, Acting.Party));
        finding.CaseOpened(11, 7);
        Assert.Empty(finding.ActionsFor(Acting.Officer, Acting.Officer));
    }

    [Fact]
    public void A_plan_is_started_when_complete_drawn_from_while_active_and_cancelled_until_closed()
    {
        var plan = new InspectionPlan { Id = 1, ProvinceId = 64, Year = 2026, PeriodStart = new(2026, 11, 1), PeriodEnd = new(2026, 12, 31), SamplingRatio = 0.2m };
        var draft = plan.ActionsFor(Acting.Officer, DrawStanding.None);
        Assert.Equal("edit (activate) (draw) cancel", Keys(draft));
        Assert.Equal("请填写计划名称。 请选择检查范围。 请至少选择一个检查项目。", NotYet(draft, PlanActions.Activate));
        Assert.Equal(NotYet(draft, PlanActions.Activate), Assert.Throws<DomainException>(plan.Activate).Message);
        Assert.Equal("计划尚未启动，请先启动计划再抽取。", NotYet(draft, PlanActions.Draw));
        Assert.Equal(NotYet(draft, PlanActions.Draw), Assert.Throws<DomainException>(plan.RequireActive).Message);

        (plan.Title, plan.ScopeCodes, plan.ChecklistItemIds) = ("2026年第四季度实名制专项检查", ["CMCC"], [1, 2]);
        Assert.Equal("edit activate (draw) cancel", Keys(plan.ActionsFor(Acting.Officer, DrawStanding.None)));
        plan.Activate();
        Assert.Equal("draw complete cancel", Keys(plan.ActionsFor(Acting.Officer, DrawStanding.None)));
        Assert.Empty(plan.ActionsFor(Acting.Observer, DrawStanding.None));
        plan.Complete();
        Assert.Empty(plan.ActionsFor(Acting.Officer, DrawStanding.None));
    }

    [Fact]
    public void A_plan_is_drawn_once_then_only_redrawn_with_a_reason_before_its_inspections_start()
    {
        var plan = new InspectionPlan
        {
            Id = 1, ProvinceId = 64, Year = 2026, Title = "2026年第四季度实名制专项检查", PeriodStart = new(2026, 11, 1), PeriodEnd = new(2026, 12, 31),
            SamplingRatio = 0.2m, ScopeCodes = ["CMCC"], ChecklistItemIds = [1],
        };
        plan.Activate();

        var pending = plan.ActionsFor(Acting.Officer, new DrawStanding(Exists: true, Published: false, InspectionsStarted: false));
        Assert.Equal("(draw) complete cancel", Keys(pending));
        Assert.Equal("本计划已有一次尚未公开的抽取结果，请先公开或作废后再抽取。", NotYet(pending, PlanActions.Draw));
        Assert.Equal(NotYet(pending, PlanActions.Draw), Assert.Throws<DomainException>(() => plan.RequireCanDraw(new(true, false, false), null)).Message);

        var published = new DrawStanding(Exists: true, Published: true, InspectionsStarted: false);
        Assert.Equal("redraw complete cancel", Keys(plan.ActionsFor(Acting.Officer, published)));
        Assert.Equal("draw.already_published", Assert.Throws<DomainException>(() => plan.RequireCanDraw(published, null)).Code);
        Assert.Equal("draw.redraw_reason", Assert.Throws<DomainException>(() => plan.RequireCanDraw(published, "重抽")).Code);
        plan.RequireCanDraw(published, "原抽取时检查对象名录遗漏两家分公司");

        var started = published with { InspectionsStarted = true };
        Assert.StartsWith("已按现行抽取结果开始检查，不能重新抽取", NotYet(plan.ActionsFor(Acting.Officer, started), PlanActions.Redraw));
        Assert.Equal("draw.redraw_started", Assert.Throws<DomainException>(() => plan.RequireCanDraw(started, "原抽取时检查对象名录遗漏两家分公司")).Code);
        Assert.Equal("draw.redraw_not_published", Assert.Throws<DomainException>(() => plan.RequireCanDraw(DrawStanding.None, "原抽取时检查对象名录遗漏两家分公司")).Code);
    }

    [Fact]
    public void Rest_compliant_records_only_the_unanswered_items_and_is_refused_when_none_is_left()
    {
        var inspection = Planned();
        inspection.Items.Add(new InspectionItemResult { Id = 3, ItemCode = "LOG-01", ItemTitle = "日志留存" });
        inspection.RecordItem(2, ItemOutcome.NonCompliant, "两台读卡器未联网", "a", Now);
        Assert.Equal(2, inspection.RecordRemainingCompliant("b", Now));
        Assert.Equal([ItemOutcome.Compliant, ItemOutcome.NonCompliant, ItemOutcome.Compliant], inspection.Items.Select(i => i.Outcome));
        Assert.Equal(("a", "两台读卡器未联网"), (inspection.Items[1].RecordedBy, inspection.Items[1].Notes));
        Assert.Equal(InspectionStatus.InProgress, inspection.Status);
        Assert.Equal("inspection.none_pending", Assert.Throws<DomainException>(() => inspection.RecordRemainingCompliant("b", Now)).Code);
    }
}
