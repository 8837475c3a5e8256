using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// After the decision (served Tuesday 12 May 2026, ¥20,000 due by 27 May): review and suit in turn and in time, the surcharge
/// not counted while they run, outcomes that change or revoke the sanctions, and the court-enforcement window.
/// </summary>
public class CaseRemediesTests
{
    private static DomainException Refused(Action step) => Assert.Throws<DomainException>(step);

    [Fact]
    public void The_surcharge_is_not_counted_from_the_filing_through_the_outcome_and_resumes_after_it()
    {
        var c = Served();
        Assert.Equal(D("2026-05-27"), c.EffectivePaymentDueDate);
        Assert.Equal(3_000m, c.SurchargeOn(D("2026-06-01"), Settings.SurchargeRatePerDay));   // 28 May–1 June: 5 days at 3 %

        c.FileRemedy(RemedyKind.Review, D("2026-06-02"), null, "工信复〔2026〕12号", null, Settings, "i", Now);
        Assert.Equal("中华人民共和国工业和信息化部", c.Remedies.Single().Body);   // the body its decision names
        // While the review runs, the days from its filing are not counted.
        Assert.Equal(3_000m, c.SurchargeOn(D("2026-06-02"), Settings.SurchargeRatePerDay));
        Assert.Equal(3_000m, c.SurchargeOn(D("2026-07-20"), Settings.SurchargeRatePerDay));
        Assert.Equal(49, c.SurchargePausedDays(D("2026-07-20")));                                   // 2 June–20 July

        c.RecordRemedyOutcome(RemedyOutcome.Upheld, D("2026-07-31"), "事实清楚，维持原决定", null, null, Bases, Calendar, "i", Now);
        Assert.Equal(3_000m, c.SurchargeOn(D("2026-07-31"), Settings.SurchargeRatePerDay));       // the outcome day is in the review
        Assert.Equal(4_200m, c.SurchargeOn(D("2026-08-02"), Settings.SurchargeRatePerDay));       // then 1 and 2 August count
        Assert.Equal(60, c.SurchargePausedDays(D("2026-08-02")));
        // The cap stays the fine.
        Assert.Equal(20_000m, c.SurchargeOn(D("2026-12-31"), Settings.SurchargeRatePerDay));
        Assert.Contains(c.Steps, s => s.Action == "行政复议决定：维持");
    }

    [Fact]
    public void Dates_and_periods_are_refused_with_the_article()
    {
        var c = Served();
        Assert.Equal("case.remedy_before_service", Refused(() => c.FileRemedy(RemedyKind.Review, D("2026-05-11"), null, null, null, Settings, "i", Now)).Code);
        var late = Refused(() => c.FileRemedy(RemedyKind.Review, D("2026-07-14"), null, null, null, Settings, "i", Now));   // 60 days end on Saturday 11 July: Monday 13
        Assert.Equal("case.remedy_late", late.Code);
        Assert.Contains("行政复议法第二十条", late.Message);
        Assert.Contains("2026年7月13日", late.Message);
        var body = Refused(() => c.FileRemedy(RemedyKind.Review, D("2026-06-01"), "宁夏回族自治区人民政府", null, null, Settings, "i", Now));
        Assert.Equal("case.review_body", body.Code);
        Assert.Contains("行政复议法第二十七条", body.Message);
        var suitLate = Refused(() => c.FileRemedy(RemedyKind.Litigation, D("2026-11-13"), "银川市兴庆区人民法院", null, null, Settings, "i", Now));
        Assert.Contains("行政诉讼法第四十六条", suitLate.Message);
        Assert.Equal("case.court_required", Refused(() => c.FileRemedy(RemedyKind.Litigation, D("2026-06-01"), "银川市", null, null, Settings, "i", Now)).Code);

        // Late, but accepted for a lawful reason: recorded with it.
        c.FileRemedy(RemedyKind.Review, D("2026-07-20"), Settings.ReviewBody, null, "因疫情封控耽误申请期限，复议机关已受理", Settings, "i", Now);
        Assert.Equal("因疫情封控耽误申请期限，复议机关已受理", c.Remedies.Single().LateReason);
        var turn = Refused(() => c.FileRemedy(RemedyKind.Litigation, D("2026-07-21"), "银川市兴庆区人民法院", null, null, Settings, "i", Now));
        Assert.Contains("行政复议法第二十九条", turn.Message);
        var early = Refused(() => c.RecordRemedyOutcome(RemedyOutcome.Upheld, D("2026-07-19"), null, null, null, Bases, Calendar, "i", Now));
        Assert.Equal("case.outcome_before_filing", early.Code);
        Assert.Equal("case.date_in_future", Refused(() => c.RecordRemedyOutcome(RemedyOutcome.Upheld, D("2027-01-05"), null, null, null, Bases, Calendar, "i", Now)).Code);
        c.RecordRemedyOutcome(RemedyOutcome.Upheld, D("2026-09-01"), null, null, null, Bases, Calendar, "i", Now);

        // After the review: suit within fifteen days of its decision (行政诉讼法第四十五条), and a court does not 维持.
        var afterReview = Refused(() => c.FileRemedy(RemedyKind.Litigation, D("2026-09-17"), "银川市兴庆区人民法院", null, null, Settings, "i", Now));
        Assert.Contains("行政诉讼法第四十五条", afterReview.Message);
        c.FileRemedy(RemedyKind.Litigation, D("2026-09-16"), "银川市兴庆区人民法院", "（2026）宁0104行初88号", null, Settings, "i", Now);
        var upheld = Refused(() => c.RecordRemedyOutcome(RemedyOutcome.Upheld, D("2026-12-01"), null, null, null, Bases, Calendar, "i", Now));
        Assert.Equal("case.outcome_kind", upheld.Code);
        Assert.Contains("行政诉讼法第六十九条", upheld.Message);
        Assert.Contains("当事人已提起行政诉讼", Refused(() => c.FileRemedy(RemedyKind.Review, D("2026-09-20"), null, null, null, Settings, "i", Now)).Message);
    }

    [Fact]
    public void A_change_replaces_the_sanctions_and_a_revocation_ends_them_while_a_finding_of_illegality_leaves_them()
    {
        var changed = Served();
        changed.FileRemedy(RemedyKind.Review, D("2026-06-01"), null, null, null, Settings, "i", Now);
        Assert.Equal("case.changed_sanctions_required",
            Refused(() => changed.RecordRemedyOutcome(RemedyOutcome.Changed, D("2026-07-01"), null, null, null, Bases, Calendar, "i", Now)).Code);
        Assert.Equal("fine.out_of_range", Refused(() => changed.RecordRemedyOutcome(RemedyOutcome.Changed, D("2026-07-01"), null, Penalty(Order25, 5_000m), null, Bases, Calendar, "i", Now)).Code);
        changed.RecordRemedyOutcome(RemedyOutcome.Changed, D("2026-07-01"), "罚款数额明显不当", Penalty(Order25, 10_000m), null, Bases, Calendar, "i", Now);
        Assert.Equal(10_000m, changed.FineAmount);
        Assert.Equal(3, changed.Sanctions.Count(s => s.Status == SanctionStatus.Superseded)); // the decided 责令限期改正, 警告 and 罚款
        Assert.Equal(10_000m, changed.OutstandingOn(D("2026-07-01"), Settings.SurchargeRatePerDay) - changed.SurchargeOn(D("2026-07-01"), Settings.SurchargeRatePerDay));
        Assert.Null(changed.DecisionRevokedOn);

        var revoked = Served();
        revoked.FileRemedy(RemedyKind.Litigation, D("2026-06-01"), "银川市兴庆区人民法院", null, null, Settings, "i", Now);
        revoked.RecordRemedyOutcome(RemedyOutcome.Revoked, D("2026-09-01"), null, null, null, Bases, Calendar, "i", Now);
        Assert.Equal((D("2026-09-01"), 0m, (CaseSanction?)null), (revoked.DecisionRevokedOn!.Value, revoked.FineAmount, revoked.Fine));
        Assert.Equal(0m, revoked.SurchargeOn(D("2026-12-31"), Settings.SurchargeRatePerDay));
        Assert.DoesNotContain(revoked.ActionsFor(Acting.Officer, D("2026-12-31")), a => a.Key.StartsWith("remedy-") || a.Key.StartsWith("enforcement-"));
        Assert.Contains(changed.ActionsFor(Acting.Officer, D("2026-07-02")), a => a.Key == "remedy-litigation");
        revoked.Close(D("2026-09-02"), "i", Now);   // nothing left to execute

        var illegal = Served();
        illegal.FileRemedy(RemedyKind.Review, D("2026-06-01"), null, null, null, Settings, "i", Now);
        illegal.RecordRemedyOutcome(RemedyOutcome.ConfirmedIllegal, D("2026-07-01"), "程序轻微违法", null, null, Bases, Calendar, "i", Now);
        Assert.Equal((20_000m, (DateOnly?)null), (illegal.FineAmount, illegal.DecisionRevokedOn));

        // The party reads what happened, never the notes.
        var timeline = changed.PartyTimeline([]).Select(e => e.Text).ToList();
        Assert.Contains("向中华人民共和国工业和信息化部申请行政复议", timeline);
        Assert.Contains("行政复议决定：变更", timeline);
        Assert.DoesNotContain(timeline, t => t.Contains("罚款数额明显不当"));
    }

    [Fact]
    public void Court_enforcement_opens_after_the_suit_period_for_three_months_after_a_demand_served_ten_days_before()
    {
        var c = Served();
        Assert.Equal((D("2026-11-13"), D("2027-02-12")), c.EnforcementWindow!.Value);
        Assert.True(c.AwaitsCourtEnforcement);
        var deadline = EnforcementService.Deadlines(c, D("2026-11-20")).Single(d => d.Key == "court-enforcement");
        Assert.Equal((D("2027-02-12"), false, false), (deadline.Due, deadline.Met, deadline.Overdue));

        Assert.Equal("case.demand_before_due", Refused(() => c.ServeEnforcementDemand(D("2026-05-27"), "i", Now)).Code);
        var early = Refused(() => c.ApplyForEnforcement(D("2026-11-12"), "银川市兴庆区人民法院", "i", Now));
        Assert.Equal("case.enforcement_too_early", early.Code);
        Assert.Contains("行政强制法第五十三条", early.Message);
        Assert.Contains("第五十四条", Refused(() => c.ApplyForEnforcement(D("2026-11-13"), "银川市兴庆区人民法院", "i", Now)).Message);
        c.ServeEnforcementDemand(D("2026-11-10"), "i", Now);
        Assert.Equal("case.demand_period_running", Refused(() => c.ApplyForEnforcement(D("2026-11-19"), "银川市兴庆区人民法院", "i", Now)).Code);
        c.ApplyForEnforcement(D("2026-11-20"), "银川市兴庆区人民法院", "i", Now);
        Assert.True(EnforcementService.Deadlines(c, D("2027-03-01")).Single(d => d.Key == "court-enforcement").Met);
        c.RecordEnforcementRuling(D("2026-12-10"), "裁定准予强制执行", "i", Now);
        Assert.Contains("行政机关向银川市兴庆区人民法院申请强制执行", c.PartyTimeline([]).Select(e => e.Text));

        var late = Served();
        late.ServeEnforcementDemand(D("2026-11-01"), "i", Now);
        Assert.Equal("case.enforcement_too_late", Refused(() => late.ApplyForEnforcement(D("2027-02-13"), "银川市兴庆区人民法院", "i", Now)).Code);
        Assert.True(EnforcementService.Deadlines(late, D("2027-02-13")).Single(d => d.Key == "court-enforcement").Overdue);

        // A party that sought review is not within Art. 53: no window to track.
        var reviewed = Served();
        reviewed.FileRemedy(RemedyKind.Review, D("2026-06-01"), null, null, null, Settings, "i", Now);
        Assert.False(reviewed.AwaitsCourtEnforcement);
        Assert.DoesNotContain(EnforcementService.Deadlines(reviewed, D("2026-11-20")), d => d.Key == "court-enforcement");
    }
}
