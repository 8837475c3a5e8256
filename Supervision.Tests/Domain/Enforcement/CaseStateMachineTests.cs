using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Enforcement;

public class CaseStateMachineTests
{
    // ------------------------------------------------------------------ filing

    [Fact]
    public void Filing_sets_the_90_day_decision_deadline_and_records_the_step()
    {
        var c = Filed();
        Assert.Equal((CaseState.Filed, D("2026-07-19")), (c.State, c.DecisionDueDate));
        Assert.Equal("立案", Assert.Single(c.Steps).Action);
        Assert.False(c.VisibleToParty);
    }

    [Theory]
    [InlineData("2024-04-19", "case.limitation")]           // two years and a day before filing
    [InlineData("2026-04-21", "case.violation_after_filing")]
    [InlineData("2013-08-31", "case.limitation")]
    public void Filing_refuses_acts_out_of_time(string violation, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => Filed(violation: violation)).Code);

    [Fact]
    public void Filing_exactly_two_years_after_the_act_is_still_in_time() => Assert.Equal(CaseState.Filed, Filed(violation: "2024-04-20").State);

    [Fact]
    public void Filing_needs_two_investigators_and_a_basis_in_force()
    {
        var one = Assert.Throws<DomainException>(() => EnforcementCase.File(Party, Order25, "案由", "事实", D("2026-03-01"), D("2026-04-20"),
            [("u1", "甲"), ("u1", "甲")], CaseSource.Direct, null, Settings, "i", Now));
        Assert.Equal("case.investigators", one.Code);
        Assert.Contains("第四十二条", one.Message);
        var early = Assert.Throws<DomainException>(() => Filed(AntiFraud, violation: "2022-11-30", filed: "2022-12-20"));
        Assert.Equal("case.basis_not_effective", early.Code);
    }

    // ------------------------------------------------------------------ every step from every state

    public enum Step { StartInvestigation, AddEvidence, SubmitForReview, Propose, ServePriorNotice, RequestHearing, ScheduleHearing, RecordHearing, Decide, NoPenalty, Withdraw, Transfer, Serve, Pay, Close }

    /// <summary>Where each step may happen; everywhere else it must be refused.</summary>
    private static readonly Dictionary<Step, CaseState[]> AllowedIn = new()
    {
        [Step.StartInvestigation] = [CaseState.Filed],
        [Step.AddEvidence] = [CaseState.Investigating, CaseState.UnderReview],
        [Step.SubmitForReview] = [CaseState.Investigating],
        [Step.Propose] = [CaseState.UnderReview],
        [Step.ServePriorNotice] = [CaseState.UnderReview],
        [Step.RequestHearing] = [],   // only with a large fine; covered by its own test
        [Step.ScheduleHearing] = [CaseState.Hearing],
        [Step.RecordHearing] = [],    // needs a scheduled hearing; covered by its own test
        [Step.Decide] = [CaseState.PriorNoticeServed], // (from 听证 only once held: its own test)
        [Step.NoPenalty] = [CaseState.UnderReview, CaseState.PriorNoticeServed, CaseState.Hearing],
        [Step.Withdraw] = [CaseState.Filed, CaseState.Investigating, CaseState.UnderReview],
        [Step.Transfer] = [CaseState.Filed, CaseState.Investigating, CaseState.UnderReview, CaseState.PriorNoticeServed, CaseState.Hearing],
        [Step.Serve] = [CaseState.Decided],
        [Step.Pay] = [CaseState.Served, CaseState.Executing],
        [Step.Close] = [],            // needs every sanction executed; covered by its own test
    };

    private static void Do(EnforcementCase c, Step step)
    {
        switch (step)
        {
            case Step.StartInvestigation: c.StartInvestigation("i", Now); break;
            case Step.AddEvidence: c.AddEvidence(Evidence(), "i", Now); break;
            case Step.SubmitForReview: c.SubmitForReview("事实清楚", "i", Now); break;
            case Step.Propose: c.ProposeSanctions(Penalty(Order25, null), Bases, false, "i", Now); break;
            case Step.ServePriorNotice: c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now); break;
            case Step.RequestHearing: c.RequestHearing(D("2026-05-06"), "p", Now); break;
            case Step.ScheduleHearing: c.ScheduleHearing(D("2026-05-06"), D("2026-05-20"), new TimeOnly(9, 30), "局第一会议室", Panel, Settings, Calendar, "i", Now); break;
            case Step.RecordHearing: c.RecordHearing(D("2026-05-20"), "当事人陈述", "i", Now); break;
            case Step.Decide: c.Decide(D("2026-06-30"), Penalty(Order25, null), null, Bases, Settings, Calendar, "i", Now); break;
            case Step.NoPenalty: c.DecideNoPenalty(D("2026-05-06"), FirstOffence, "违法行为轻微并及时改正", null, "i", Now); break;
            case Step.Withdraw: c.Withdraw(D("2026-05-06"), "违法事实不能成立", "i", Now); break;
            case Step.Transfer: c.Transfer(D("2026-05-06"), "银川市公安局", "涉嫌犯罪需移送处理", "i", Now); break;
            case Step.Serve: c.Serve(D("2026-05-12"), "直接送达", Settings, Calendar, "i", Now); break;
            case Step.Pay: c.RecordPayment(1m, D("2026-05-13"), "POS9", Settings, "i", Now); break;
            case Step.Close: c.Close(D("2026-05-14"), "i", Now); break;
        }
    }

    public static TheoryData<CaseState, Step> Every
    {
        get
        {
            var data = new TheoryData<CaseState, Step>();
            foreach (var state in EachState.Keys)
                foreach (var step in Enum.GetValues<Step>())
                    data.Add(state, step);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Each_step_happens_only_where_the_procedure_allows_it(CaseState state, Step step)
    {
        var c = EachState[state]();
        Assert.Equal(state, c.State);
        if (AllowedIn[step].Contains(state))
        {
            Do(c, step);
            return;
        }
        var refused = Assert.Throws<DomainException>(() => Do(c, step));
        // Refusals name the stage the case is in (or the rule that stops the step), never a technical error.
        Assert.Matches("(阶段|听证|告知|期限|罚款|执行|处罚)", refused.Message);
        Assert.StartsWith("case.", refused.Code);
    }

    // ------------------------------------------------------------------ sanctions against the law

    [Theory]
    [InlineData("9999.99", false)]
    [InlineData("10000", true)]
    [InlineData("30000", true)]
    [InlineData("30000.01", false)]
    public void A_fine_must_lie_within_the_range_of_its_basis(string amount, bool accepted)
    {
        var c = UnderReview();
        var act = () => c.ProposeSanctions(Penalty(Order25, decimal.Parse(amount)), Bases, false, "i", Now);
        if (accepted) act();
        else Assert.Equal("fine.out_of_range", Assert.Throws<DomainException>(act).Code);
    }

    [Fact]
    public void A_sanction_the_basis_does_not_allow_is_refused_and_one_act_is_fined_once()
    {
        var c = UnderReview();
        var suspend = new CaseSanction { Kind = SanctionKind.SuspendBusiness, LegalBasisId = 1, Description = "暂停业务" };
        Assert.Equal("case.sanction_not_allowed", Assert.Throws<DomainException>(() => c.ProposeSanctions([suspend], Bases, false, "i", Now)).Code);
        Assert.Equal("case.double_fine", Assert.Throws<DomainException>(() => c.ProposeSanctions([.. Penalty(Order25, 10_000m), Fine(12_000m)], Bases, false, "i", Now)).Code);
        var twice = Assert.Throws<DomainException>(() => c.ProposeSanctions(Penalty(Order25, 10_000m), Bases, actAlreadyFined: true, "i", Now));
        Assert.Contains("第二十九条", twice.Message);
        c.ProposeSanctions(Penalty(Order25, null), Bases, actAlreadyFined: true, "i", Now); // the corrective order and a warning are still possible
    }

    // ------------------------------------------------------------------ prior notice, statement, hearing, decision

    [Fact]
    public void The_statement_period_counts_working_days_and_the_case_becomes_visible_to_the_party()
    {
        var c = Noticed();
        Assert.Equal(D("2026-05-08"), c.StatementDeadline); // 1–5 May off
        Assert.False(c.HearingOffered);
        Assert.True(c.VisibleToParty);
    }

    [Fact]
    public void No_decision_before_the_statement_period_has_run_unless_the_party_waived_it()
    {
        var c = Noticed();
        foreach (var day in new[] { "2026-05-06", "2026-05-08" })
        {
            var e = Assert.Throws<DomainException>(() => c.Decide(D(day), Penalty(Order25, 20_000m), null, Bases, Settings, Calendar, "i", Now));
            Assert.Equal("case.statement_period_running", e.Code);
            Assert.Contains("2026年5月8日", e.Message);
        }
        var waived = Noticed();
        waived.RecordStatement(new CaseStatement { Text = "本公司放弃陈述申辩和听证的权利。", IsWaiver = true }, D("2026-05-06"), "p", Now);
        waived.Decide(D("2026-05-06"), Penalty(Order25, 20_000m), null, Bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, waived.State);
    }

    [Fact]
    public void A_statement_is_reviewed_adopted_or_not_with_a_reason_before_the_decision()
    {
        var silent = Noticed();
        Assert.Equal("case.no_statement", Assert.Throws<DomainException>(() => silent.ReviewStatements(StatementAdoption.NotAdopted, "当事人未提出意见", "i", Now)).Code);
        silent.Decide(D("2026-05-11"), Penalty(Order25, 20_000m), null, Bases, Settings, Calendar, "i", Now); // no statement: nothing to review

        var c = Noticed();
        c.RecordStatement(new CaseStatement { Text = "涉事网点系代理商违规，已解除合作。" }, D("2026-05-07"), "p", Now);
        var unreviewed = Assert.Throws<DomainException>(() => c.Decide(D("2026-05-11"), Penalty(Order25, 20_000m), null, Bases, Settings, Calendar, "i", Now));
        Assert.Equal("case.statement_not_reviewed", unreviewed.Code);
        Assert.Contains("行政处罚法第四十五条", unreviewed.Message);
        Assert.Equal("case.reason_required", Assert.Throws<DomainException>(() => c.ReviewStatements(StatementAdoption.NotAdopted, " ", "i", Now)).Code);
        c.ReviewStatements(StatementAdoption.NotAdopted, "代理商违规不能免除你单位的查验义务。", "i", Now);
        Assert.Equal("经复核，本机关认为代理商违规不能免除你单位的查验义务，对你单位的陈述、申辩意见不予采纳。", c.StatementReviewText);
        // A further statement within the period is reviewed anew.
        c.RecordStatement(new CaseStatement { Text = "补充：已全面排查其他代理商。" }, D("2026-05-08"), "p", Now);
        Assert.Null(c.StatementAdoption);
        Assert.Equal("case.statement_not_reviewed", Assert.Throws<DomainException>(() => c.Decide(D("2026-05-11"), Penalty(Order25, 20_000m), null, Bases, Settings, Calendar, "i", Now)).Code);
        c.ReviewStatements(StatementAdoption.PartlyAdopted, "全面排查属实，可以从轻处罚", "i", Now);
        c.Decide(D("2026-05-11"), Penalty(Order25, 15_000m), null, Bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, c.State);
        Assert.Equal("case.wrong_state", Assert.Throws<DomainException>(() => c.ReviewStatements(StatementAdoption.Adopted, "决定后不得再复核", "i", Now)).Code);
    }

    [Fact]
    public void A_hearing_is_public_unless_a_ground_of_the_law_keeps_it_closed()
    {
        var open = Noticed(100_000m, AntiFraud);
        open.RequestHearing(D("2026-05-07"), "p", Now);
        open.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now);
        Assert.Null(open.HearingClosedGround);

        var closed = Noticed(100_000m, AntiFraud);
        closed.RequestHearing(D("2026-05-07"), "p", Now);
        Assert.Equal("case.hearing_closed_ground", Assert.Throws<DomainException>(() =>
            closed.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, closedGround: (HearingPrivacyGround)7)).Code);
        closed.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, closedGround: HearingPrivacyGround.PersonalPrivacy);
        Assert.Equal(HearingPrivacyGround.PersonalPrivacy, closed.HearingClosedGround);
        Assert.Contains("不公开举行（涉及个人隐私）", closed.Steps[^1].Detail);
    }

    [Fact]
    public void A_statement_after_its_deadline_is_refused()
    {
        var c = Noticed();
        c.RecordStatement(new CaseStatement { Text = "涉事网点系代理商违规，已解除合作。" }, D("2026-05-08"), "p", Now);
        Assert.Equal("case.statement_late", Assert.Throws<DomainException>(() =>
            c.RecordStatement(new CaseStatement { Text = "补充意见" }, D("2026-05-11"), "p", Now)).Code);
    }

    [Fact]
    public void The_decision_is_never_heavier_than_the_notice()
    {
        var heavier = Assert.Throws<DomainException>(() => Noticed().Decide(D("2026-05-11"), Penalty(Order25, 25_000m), null, Bases, Settings, Calendar, "i", Now));
        Assert.Contains("第四十五条", heavier.Message);
        var added = Assert.Throws<DomainException>(() => Noticed().Decide(D("2026-05-11"),
            [.. Penalty(Order25, 20_000m), new CaseSanction { Kind = SanctionKind.PublicAnnouncement, LegalBasisId = 1, Description = "公告" }], null, Bases, Settings, Calendar, "i", Now));
        Assert.Equal("case.heavier_than_notice", added.Code);
        var lighter = Noticed();
        lighter.Decide(D("2026-05-11"), Penalty(Order25, 15_000m), null, Bases, Settings, Calendar, "i", Now); // a defence may lighten the penalty
        Assert.Equal(15_000m, lighter.FineAmount);
        Assert.Equal(D("2026-05-20"), lighter.ServiceDueDate);
    }

    [Fact]
    public void A_step_cannot_be_dated_after_today_in_Beijing()
    {
        var c = Noticed();
        var beijingMorning = new DateTimeOffset(2026, 5, 10, 17, 0, 0, TimeSpan.Zero); // 11 May 01:00 in Beijing
        var future = Assert.Throws<DomainException>(() => c.Decide(D("2026-05-12"), Penalty(Order25, null), null, Bases, Settings, Calendar, "i", beijingMorning));
        Assert.Equal("case.date_in_future", future.Code);
        Assert.Contains("2026年5月12日", future.Message);
        c.Decide(D("2026-05-11"), Penalty(Order25, null), null, Bases, Settings, Calendar, "i", beijingMorning); // already the 11th in Beijing
        Assert.Equal(CaseState.Decided, c.State);
        Assert.Equal("case.date_in_future", Assert.Throws<DomainException>(() => c.Serve(D("2026-05-12"), "直接送达", Settings, Calendar, "i", beijingMorning)).Code);
    }

    [Fact]
    public void After_ninety_days_a_decision_needs_an_approved_extension()
    {
        var c = Noticed();
        var late = Assert.Throws<DomainException>(() => c.Decide(D("2026-07-20"), Penalty(Order25, null), null, Bases, Settings, Calendar, "i", Now));
        Assert.Equal("case.decision_overdue", late.Code);
        c.ExtendDecisionPeriod(D("2026-08-18"), "案情复杂，需补充调查取证", CaseFixture.Settings, "i", Now);
        c.Decide(D("2026-07-20"), Penalty(Order25, null), null, Bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void A_large_fine_offers_a_hearing_which_must_be_requested_in_time_noticed_in_time_and_held_before_deciding()
    {
        var c = Noticed(100_000m, AntiFraud);
        Assert.True(c.HearingOffered);
        Assert.Equal(D("2026-05-11"), c.HearingRequestDeadline); // 6,7,8, Sat 9 (make-up workday), Mon 11
        var early = Assert.Throws<DomainException>(() => c.Decide(D("2026-05-11"), [Fine(100_000m, 2)], null, Bases, Settings, Calendar, "i", Now));
        Assert.Equal("case.hearing_request_running", early.Code);
        Assert.Equal("case.hearing_request_late", Assert.Throws<DomainException>(() => Noticed(100_000m, AntiFraud).RequestHearing(D("2026-05-12"), "p", Now)).Code);

        c.RequestHearing(D("2026-05-07"), "p", Now);
        // Seven working days after the notice of 7 May: 8, Sat 9 (make-up), 11, 12, 13, 14, 15.
        var tooSoon = Assert.Throws<DomainException>(() => c.ScheduleHearing(D("2026-05-07"), D("2026-05-14"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now));
        Assert.Contains("最早为2026年5月15日", tooSoon.Message);
        c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now);
        Assert.Equal("case.hearing_not_held", Assert.Throws<DomainException>(() => c.Decide(D("2026-05-19"), [Fine(100_000m, 2)], null, Bases, Settings, Calendar, "i", Now)).Code);
        c.RecordHearing(D("2026-05-18"), "当事人对事实无异议，请求从轻处罚。", "i", Now);
        LegallyReviewed(c, "2026-05-19"); // a hearing case: 法制审核 (Art. 58)
        c.Decide(D("2026-05-19"), [Fine(80_000m, 2)], null, Bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, c.State);
    }

    // ------------------------------------------------------------------ service, payment, surcharge, closing

    [Fact]
    public void Service_starts_the_fifteen_day_payment_period_and_carries_out_the_warning()
    {
        var c = Served();
        Assert.Equal(D("2026-05-27"), c.PaymentDueDate);
        Assert.False(c.ServiceLate);
        Assert.Equal(SanctionStatus.Executed, c.Sanctions.Single(s => s.Kind == SanctionKind.Warning).Status);
        Assert.True(Served(servedOn: "2026-05-21").ServiceLate); // due 20 May
    }

    [Theory]
    [InlineData("2026-05-27", "0")]        // the due date itself
    [InlineData("2026-05-28", "600")]      // 3 % of 20,000 for one day
    [InlineData("2026-06-29", "19800")]    // 33 days
    [InlineData("2026-06-30", "20000")]    // 34 days would be 20,400: capped at the fine
    [InlineData("2027-01-01", "20000")]
    public void The_late_surcharge_grows_three_percent_a_day_and_stops_at_the_fine(string asOf, string expected) =>
        Assert.Equal(decimal.Parse(expected), Served().SurchargeOn(D(asOf), Settings.SurchargeRatePerDay));

    [Fact]
    public void Payments_are_checked_and_the_fine_is_executed_when_fine_and_surcharge_are_paid()
    {
        var c = Corrected(Served());
        Assert.Equal("case.payment_before_service", Assert.Throws<DomainException>(() => c.RecordPayment(100m, D("2026-05-11"), "P", Settings, "i", Now)).Code);
        Assert.Equal("case.payment_amount", Assert.Throws<DomainException>(() => c.RecordPayment(-5m, D("2026-05-13"), "P", Settings, "i", Now)).Code);
        Assert.Equal("case.payment_precision", Assert.Throws<DomainException>(() => c.RecordPayment(10.001m, D("2026-05-13"), "P", Settings, "i", Now)).Code);
        var over = Assert.Throws<DomainException>(() => c.RecordPayment(20_600.01m, D("2026-05-28"), "P", Settings, "i", Now));
        Assert.Equal("case.overpayment", over.Code);
        Assert.Contains("¥20,600.00", over.Message);

        c.RecordPayment(10_000m, D("2026-05-20"), "POS-1", Settings, "i", Now);
        Assert.Equal(CaseState.Executing, c.State);
        Assert.Equal("case.sanctions_open", Assert.Throws<DomainException>(() => c.Close(D("2026-06-02"), "i", Now)).Code);
        // Paid late: the remaining 10,000 plus two days' surcharge on the whole fine (2 × 600).
        c.RecordPayment(11_200m, D("2026-05-29"), "POS-2", Settings, "i", Now);
        Assert.Equal(SanctionStatus.Executed, c.Fine!.Status);
        Assert.Equal(0m, c.OutstandingOn(D("2026-09-01"), Settings.SurchargeRatePerDay)); // no surcharge once settled
        c.Close(D("2026-06-02"), "i", Now);
        Assert.Equal(CaseState.Closed, c.State);
    }

    [Fact]
    public void An_approved_deferral_moves_the_due_date_the_surcharge_runs_from()
    {
        var c = Served();
        c.ApprovePaymentArrangement(ApprovalKind.Deferral, D("2026-07-31"), null, "企业资金周转困难，申请暂缓缴纳", "i", Now);
        Assert.Equal(0m, c.SurchargeOn(D("2026-07-31"), Settings.SurchargeRatePerDay));
        Assert.Equal(600m, c.SurchargeOn(D("2026-08-01"), Settings.SurchargeRatePerDay));
        Assert.Equal("case.arrangement_date", Assert.Throws<DomainException>(() =>
            c.ApprovePaymentArrangement(ApprovalKind.Deferral, D("2026-07-01"), null, "再次申请暂缓缴纳", "i", Now)).Code);
    }

    [Fact]
    public void A_case_closes_only_when_every_sanction_is_executed_or_formally_ended()
    {
        CaseSanction Order() => new() { Id = 99, Kind = SanctionKind.CorrectiveOrder, LegalBasisId = 1, Description = "整改", CorrectionDeadline = D("2026-06-30") };
        var c = UnderReview();
        c.ProposeSanctions([Warning(), Order()], Bases, false, "i", Now);
        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now);
        c.Decide(D("2026-05-11"), [Warning(), Order()], null, Bases, Settings, Calendar, "i", Now);
        c.Serve(D("2026-05-12"), "直接送达", Settings, Calendar, "i", Now);
        Assert.Null(c.PaymentDueDate);
        var order = c.Sanctions.Single(s => s.Kind == SanctionKind.CorrectiveOrder);
        Assert.Equal("case.sanctions_open", Assert.Throws<DomainException>(() => c.Close(D("2026-06-01"), "i", Now)).Code);
        Assert.Equal("case.end_reason_required", Assert.Throws<DomainException>(() => c.EndSanction(order.Id, D("2026-07-01"), "无", "i", Now)).Code);
        c.ExecuteSanction(order.Id, D("2026-06-28"), "整改复查合格", "i", Now);
        c.Close(D("2026-07-01"), "i", Now);
        Assert.Equal(CaseState.Closed, c.State);
    }
}
