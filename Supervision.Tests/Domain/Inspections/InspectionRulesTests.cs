using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Inspections;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>The state rules of draws, records, findings and corrective orders, on the entities themselves.</summary>
public class InspectionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 2);

    private static InspectionDraw Draw(string seed = "ceremony-2026-11-02") =>
        InspectionDraw.Perform(new InspectionPlan { Id = 1, ProvinceId = 64 }, DrawAlgorithmTests.Inputs(), seed, SeedSource.Ceremony, "inspector.nx", Now, null);

    [Fact]
    public void A_stored_draw_verifies_and_any_tampering_is_detected()
    {
        Assert.True(Draw().Verify().Matches);

        var roster = Draw();
        roster.EntityRosterJson = roster.EntityRosterJson.Replace("分支机构3", "分支机构33");
        Assert.Equal((false, false), (roster.Verify().Matches, roster.Verify().InputsIntact));

        var inspectors = Draw();
        inspectors.InspectorRosterJson = inspectors.InspectorRosterJson.Replace("inspector6.nx", "inspector7.nx");
        Assert.False(inspectors.Verify().InputsIntact);

        var result = Draw();
        var picks = result.Result.ToList();
        (picks[0], picks[1]) = (picks[1] with { Order = 1 }, picks[0] with { Order = 2 });
        result.ResultJson = System.Text.Json.JsonSerializer.Serialize(picks, InspectionDraw.Json);
        Assert.Equal((false, true, false), (result.Verify().Matches, result.Verify().InputsIntact, result.Verify().ResultReproduced));

        var seed = Draw();
        seed.Seed += "0";
        Assert.False(seed.Verify().ResultReproduced);
        Assert.Contains("不一致", seed.Verify().Message);
    }

    [Fact]
    public void A_ceremony_seed_must_not_be_guessable_and_a_published_draw_cannot_be_voided()
    {
        Assert.Equal("draw.seed_short", Assert.Throws<DomainException>(() => Draw("12345")).Code);
        var draw = Draw();
        draw.Publish("inspector.nx", Now);
        Assert.Equal("draw.published", Assert.Throws<DomainException>(() => draw.Void("录入错误需要重抽", Now, false)).Code);
        var started = Draw();
        Assert.Equal("draw.started", Assert.Throws<DomainException>(() => started.Void("录入错误需要重抽", Now, inspectionsStarted: true)).Code);
    }

    private static Inspection Record()
    {
        var inspection = new Inspection { Id = 5, ProvinceId = 64, BranchId = 7, EntityName = "宁夏移动银川分公司" };
        inspection.Inspectors.AddRange([new InspectionInspector { UserId = "a" }, new InspectionInspector { UserId = "b" }]);
        inspection.Items.AddRange([
            new InspectionItemResult { Id = 1, ItemCode = "RN-01", ItemTitle = "入网证件查验" },
            new InspectionItemResult { Id = 2, ItemCode = "RN-05", ItemTitle = "读卡器与联网核验" },
        ]);
        return inspection;
    }

    [Fact]
    public void A_record_refuses_items_outside_its_plan_future_dates_and_incomplete_completion()
    {
        var r = Record();
        Assert.Equal("inspection.item_outside_plan", Assert.Throws<DomainException>(() => r.RecordItem(99, ItemOutcome.Compliant, null, "a", Now)).Code);
        Assert.Equal("inspection.date_future", Assert.Throws<DomainException>(() => r.RecordVisit(Today.AddDays(1), "营业厅", "王磊", null, null, Today)).Code);
        r.RecordItem(1, ItemOutcome.Compliant, null, "a", Now);
        Assert.Equal(InspectionStatus.InProgress, r.Status);
        r.RecordItem(2, ItemOutcome.NonCompliant, null, "a", Now);
        var ex = Assert.Throws<DomainException>(() => r.Complete("a", Now, Today, "宁通管检〔2026〕1号"));
        Assert.Contains("请填写检查日期", ex.Message);
        Assert.Contains("不符合项须写明检查发现的情况（“读卡器与联网核验”）", ex.Message);
    }

    [Fact]
    public void An_inspection_needs_two_inspectors()
    {
        var r = Record();
        r.Inspectors.RemoveAt(1);
        Assert.Contains("检查人员不少于两名。", r.CompletionProblems(Today));
    }

    [Fact]
    public void A_completed_record_is_locked_and_changes_only_by_an_amendment_with_a_reason()
    {
        var r = Record();
        r.RecordVisit(Today, "营业厅", "王磊", "店长", null, Today);
        r.RecordCredentialsShown([("a", "马建国", "宁通执字第640003号"), ("b", "李娜", "宁通执字第640005号")], Now);
        r.RecordItem(1, ItemOutcome.Compliant, null, "a", Now);
        r.RecordItem(2, ItemOutcome.NonCompliant, "人工录入12笔", "a", Now);
        r.Complete("a", Now, Today, "宁通管检〔2026〕1号");
        Assert.Equal("inspection.locked", Assert.Throws<DomainException>(() => r.RecordItem(1, ItemOutcome.NonCompliant, "x", "a", Now)).Code);
        Assert.Equal("inspection.amend_reason", Assert.Throws<DomainException>(() => r.Amend(1, ItemOutcome.NonCompliant, "x", "改", "a", Now)).Code);
        var amendment = r.Amend(2, ItemOutcome.Compliant, "复核录像后确认使用读卡器", "现场记录误将抽查样本计入", "b", Now);
        Assert.Equal((ItemOutcome.NonCompliant, ItemOutcome.Compliant, "人工录入12笔"), (amendment.OutcomeBefore, amendment.OutcomeAfter, amendment.NotesBefore));
        Assert.Equal(ItemOutcome.Compliant, r.Items[1].Outcome);
    }

    private static LegalBasis Basis(params SanctionKind[] kinds) => new()
    {
        Id = 3, Code = "ORD25-A06", Statute = "《电话用户真实身份信息登记规定》", DutyArticle = "第六条", PenaltyArticle = "第十九条", Duty = "查验证件",
        AllowedSanctions = [.. kinds], EffectiveFrom = new DateOnly(2013, 9, 1),
    };

    [Fact]
    public void A_finding_needs_a_fitting_legal_basis_and_is_decided_once()
    {
        Finding Open() => new() { Status = FindingStatus.Open, FoundOn = Today };
        Assert.Equal("finding.basis_required", Assert.Throws<DomainException>(() => Open().Decide(FindingDecision.CorrectiveOrder, FindingSeverity.General, null, null, "a", Now)).Code);
        Assert.Equal("finding.basis_no_penalty", Assert.Throws<DomainException>(() => Open().Decide(FindingDecision.Enforcement, FindingSeverity.Severe, Basis(SanctionKind.CorrectiveOrder), null, "a", Now)).Code);
        Assert.Equal("finding.observation_reason", Assert.Throws<DomainException>(() => Open().Decide(FindingDecision.Observation, FindingSeverity.General, null, "", "a", Now)).Code);
        var expired = Basis(SanctionKind.CorrectiveOrder);
        expired.EffectiveTo = new DateOnly(2025, 12, 31);
        Assert.Equal("finding.basis_not_effective", Assert.Throws<DomainException>(() => Open().Decide(FindingDecision.CorrectiveOrder, FindingSeverity.General, expired, null, "a", Now)).Code);

        var handed = Open();
        handed.Decide(FindingDecision.Enforcement, FindingSeverity.Severe, Basis(SanctionKind.CorrectiveOrder, SanctionKind.Fine), null, "a", Now);
        Assert.Equal(("待立案", true), (handed.StateLabel, handed.AwaitingCase));
        Assert.Equal("finding.decided", Assert.Throws<DomainException>(() => handed.Decide(FindingDecision.Observation, FindingSeverity.General, null, "再议再议再议", "a", Now)).Code);
        handed.EnforcementCaseId = 12;
        Assert.Equal("已立案", handed.StateLabel);
    }

    private static CorrectiveOrder Draft()
    {
        var order = CorrectiveOrder.Draft(new Finding { Id = 4, ProvinceId = 64, BranchId = 7, Facts = "人工录入12笔" }, "立即停止人工录入", 3,
            DeadlineMode.WorkingDays, 10, null, "u-1", "a", Now);
        order.Id = 9;
        return order;
    }

    private static readonly WorkingDayCalendar Calendar = new([new CalendarDay { Date = new DateOnly(2026, 10, 1), Kind = CalendarDayKind.Holiday }], [2026]);

    [Fact]
    public void A_deadline_is_counted_in_working_days_and_never_lies_in_the_past()
    {
        var draft = Draft();
        Assert.Equal(new DateOnly(2026, 11, 16), draft.ComputeDeadline(Calendar, Today));   // Monday 2 Nov + 10 working days
        draft.EditDraft(draft.Facts, draft.Requirement, DeadlineMode.Date, null, Today.AddDays(-1));
        Assert.Equal("order.deadline_past", Assert.Throws<DomainException>(() => draft.ComputeDeadline(Calendar, Today)).Code);
        Assert.Equal("order.deadline_past", Assert.Throws<DomainException>(() => Draft().Issue(Today, "宁通管改〔2026〕1号", "a", Now, Today)).Code);
        draft.EditDraft(draft.Facts, draft.Requirement, DeadlineMode.WorkingDays, 0, null);
        Assert.Equal("order.working_days", Assert.Throws<DomainException>(() => draft.ComputeDeadline(Calendar, Today)).Code);
    }

    private static CorrectiveOrder Issued()
    {
        var o = Draft();
        o.Issue(new DateOnly(2026, 11, 16), "宁通管改〔2026〕1号", "a", Now, Today);
        return o;
    }

    [Fact]
    public void An_issued_order_is_visible_to_the_carrier_and_no_longer_editable()
    {
        var o = Issued();
        Assert.True(o.VisibleToParty);
        Assert.Equal((OrderState.Issued, new DateOnly(2026, 11, 16)), (o.State, o.Deadline!.Value));
        Assert.Equal("order.not_draft", Assert.Throws<DomainException>(() => o.EditDraft("x", "y", DeadlineMode.Date, null, Today.AddDays(30))).Code);
    }

    [Fact]
    public void Overdue_is_flagged_once_after_the_deadline_and_a_late_report_is_marked_late()
    {
        var o = Issued();
        Assert.False(o.MarkOverdue(new DateOnly(2026, 11, 16)));
        Assert.True(o.MarkOverdue(new DateOnly(2026, 11, 17)));
        Assert.False(o.MarkOverdue(new DateOnly(2026, 11, 18)));
        Assert.Equal((OrderState.Overdue, new DateOnly(2026, 11, 17)), (o.State, o.OverdueSince!.Value));
        Assert.Equal("order.extension_overdue", Assert.Throws<DomainException>(() => o.RequestExtension(new DateOnly(2026, 12, 1), "设备采购周期长", "c", Now, new DateOnly(2026, 11, 18))).Code);
        var reply = o.Reply("已全部更换二代证读卡器并完成培训", "c", Now, new DateOnly(2026, 11, 18));
        Assert.True(reply.Late);
        Assert.Equal(OrderState.Replied, o.State);
    }

    [Fact]
    public void An_extension_is_approved_with_a_date_or_refused_with_a_reason()
    {
        var o = Issued();
        Assert.Equal("order.extension_date", Assert.Throws<DomainException>(() => o.RequestExtension(new DateOnly(2026, 11, 10), "理由理由理由", "c", Now, Today)).Code);
        o.RequestExtension(new DateOnly(2026, 11, 30), "读卡器采购需要时间", "c", Now, Today);
        Assert.Equal("order.extension_pending", Assert.Throws<DomainException>(() => o.RequestExtension(new DateOnly(2026, 12, 30), "再申请一次试试", "c", Now, Today)).Code);
        Assert.Equal("order.extension_approved_date", Assert.Throws<DomainException>(() => o.DecideExtension(true, new DateOnly(2026, 12, 5), null, "a", Now, Today)).Code);
        o.DecideExtension(true, new DateOnly(2026, 11, 25), "同意延期", "a", Now, Today);
        Assert.Equal((new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 16)), (o.Deadline!.Value, o.OriginalDeadline!.Value));
        Assert.False(o.MarkOverdue(new DateOnly(2026, 11, 20)));

        var refused = Issued();
        refused.RequestExtension(new DateOnly(2026, 11, 30), "读卡器采购需要时间", "c", Now, Today);
        Assert.Equal("order.refusal_reason", Assert.Throws<DomainException>(() => refused.DecideExtension(false, null, "不行", "a", Now, Today)).Code);
        var decided = refused.DecideExtension(false, null, "整改措施简单，无需延期", "a", Now, Today);
        Assert.Equal((ExtensionStatus.Refused, new DateOnly(2026, 11, 16)), (decided.Status, refused.Deadline!.Value));
    }

    [Fact]
    public void Reinspection_verifies_or_fails_a_report_and_a_failed_or_overdue_order_can_be_escalated()
    {
        var o = Issued();
        Assert.Equal("order.not_replied", Assert.Throws<DomainException>(() => o.Verify(true, "整改到位", Today, null, "a", Today)).Code);
        Assert.Equal("order.escalate_state", Assert.Throws<DomainException>(() => o.Escalate("拒不整改拒不整改", Now)).Code);
        o.Reply("已全部更换二代证读卡器并完成培训", "c", Now, Today);
        Assert.Equal("order.reinspect_future", Assert.Throws<DomainException>(() => o.Verify(true, "整改已经到位", Today.AddDays(1), null, "a", Today)).Code);
        o.Verify(false, "抽查仍发现人工录入", Today, "宁通管复〔2026〕1号", "a", Today);
        Assert.Equal(OrderState.NotVerified, o.State);
        o.Reopen(new DateOnly(2026, 11, 20), Today);
        Assert.Equal((OrderState.Issued, 2), (o.State, o.Round));
        Assert.True(o.MarkOverdue(new DateOnly(2026, 11, 21)));
        o.Escalate("逾期仍未整改到位", Now);
        Assert.Equal(OrderState.Escalated, o.State);
        Assert.Equal("order.no_reply_expected", Assert.Throws<DomainException>(() => o.Reply("补充报告补充报告补充报告", "c", Now, Today)).Code);
    }
}
