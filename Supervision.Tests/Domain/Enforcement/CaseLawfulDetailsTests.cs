using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// What a lawyer still found wrong, each refused with its article and then allowed: periods moved off holidays, the fifteen days
/// to sue after a review, 确认无效, the grounds of 不予行政处罚, service of the hearing notice, service by post and by
/// announcement, the conditions of heavier tiers, the statute over the departmental rule, and the five-year limitation.
/// </summary>
public class CaseLawfulDetailsTests
{
    private static DomainException Refused(Action step) => Assert.Throws<DomainException>(step);

    /// <summary>The fixture's 2026 arrangement plus 12 and 13 November as rest days (a made-up holiday to land a period on).</summary>
    private static readonly WorkingDayCalendar NovemberHoliday = new(
        new[] { 12, 13 }.Select(d => new CalendarDay { Date = new DateOnly(2026, 11, d), Kind = CalendarDayKind.Holiday }), [2026]);

    private static LegalBasis Basis(int id, string code, Action<LegalBasis> change)
    {
        var b = new LegalBasis
        {
            Id = id, Code = code, Statute = "《中华人民共和国反电信网络诈骗法》", DutyArticle = "第九条", PenaltyArticle = "第三十九条", Duty = "实名制",
            AllowedSanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine, SanctionKind.SuspendBusiness], FineMin = 500_000m, FineMax = 5_000_000m,
            EffectiveFrom = new DateOnly(2022, 12, 1), Verified = true, VerifiedBy = "系统管理员", VerifiedOn = new DateOnly(2026, 1, 5),
        };
        change(b);
        return b;
    }

    // ------------------------------------------------------------------ 1. periods moved off holidays

    [Fact]
    public void A_period_whose_last_day_is_a_rest_day_ends_on_the_next_working_day()
    {
        Assert.Equal(D("2026-07-13"), Calendar.AddCalendarDays(D("2026-05-12"), 60));   // Saturday 11 July → Monday
        Assert.Equal(D("2026-06-22"), Calendar.PeriodEnd(D("2026-06-19")));             // 端午 19–21 June → Monday 22 June
        Assert.Equal(D("2026-11-16"), NovemberHoliday.AddMonths(D("2026-05-12"), 6));    // 12, 13 off, 14–15 weekend
        Assert.Equal(D("2026-11-12"), Calendar.AddMonths(D("2026-05-12"), 6));           // a Thursday: unchanged
    }

    [Fact]
    public void The_review_period_ending_on_a_saturday_runs_to_monday_citing_the_review_law()
    {
        var c = Served();   // served Tuesday 12 May 2026: sixty days end on Saturday 11 July
        Assert.Equal(D("2026-07-13"), c.ReviewPeriodEnds);
        var late = Refused(() => c.FileRemedy(RemedyKind.Review, D("2026-07-14"), null, null, null, Settings, "i", Now));
        Assert.Equal("case.remedy_late", late.Code);
        Assert.Contains("2026年7月13日", late.Message);
        Assert.Contains("行政复议法第二十条", late.Message);
        c.FileRemedy(RemedyKind.Review, D("2026-07-13"), null, null, null, Settings, "i", Now);
        Assert.Null(c.Remedies.Single().LateReason);
    }

    [Fact]
    public void The_suit_period_and_the_enforcement_window_after_it_are_moved_off_holidays()
    {
        var c = Decided();
        c.Serve(D("2026-05-12"), ServiceMethods.InPerson, Settings, NovemberHoliday, "i", Now);
        Assert.Equal(D("2026-11-16"), c.SuitPeriodEnds);
        Assert.Equal((D("2026-11-17"), D("2027-02-16")), c.EnforcementWindow!.Value);
        c.ServeEnforcementDemand(D("2026-11-01"), "i", Now);
        var early = Refused(() => c.ApplyForEnforcement(D("2026-11-16"), "银川市兴庆区人民法院", "i", Now));
        Assert.Equal("case.enforcement_too_early", early.Code);
        Assert.Contains("2026年11月16日", early.Message);
        Assert.Contains("行政诉讼法第四十六条", early.Message);
        Assert.Contains("行政强制法第五十三条", early.Message);
        c.ApplyForEnforcement(D("2026-11-17"), "银川市兴庆区人民法院", "i", Now);
    }

    [Fact]
    public void After_a_review_decision_court_enforcement_waits_for_the_fifteen_days_to_sue()
    {
        var c = Served();
        c.FileRemedy(RemedyKind.Review, D("2026-06-01"), null, null, null, Settings, "i", Now);
        Assert.False(c.AwaitsCourtEnforcement);   // the review runs
        Assert.Contains("行政诉讼法第四十五条", Refused(() => c.ServeEnforcementDemand(D("2026-06-10"), "i", Now)).Message);

        c.RecordRemedyOutcome(RemedyOutcome.Upheld, D("2026-07-01"), null, null, null, Bases, Calendar, "i", Now);
        Assert.Equal(D("2026-07-16"), c.Remedies.Single().SuitPeriodEnds);
        Assert.Equal(D("2026-07-16"), c.LastDayToSue);
        Assert.True(c.AwaitsCourtEnforcement);
        Assert.Equal((D("2026-07-17"), D("2026-10-16")), c.EnforcementWindow!.Value);
        c.ServeEnforcementDemand(D("2026-07-02"), "i", Now);
        var early = Refused(() => c.ApplyForEnforcement(D("2026-07-16"), "银川市兴庆区人民法院", "i", Now));
        Assert.Equal("case.enforcement_too_early", early.Code);
        Assert.Contains("行政诉讼法第四十五条", early.Message);
        var deadline = EnforcementService.Deadlines(c, D("2026-07-20")).Single(d => d.Key == "court-enforcement");
        Assert.Equal(D("2026-10-16"), deadline.Due);
        c.ApplyForEnforcement(D("2026-07-17"), "银川市兴庆区人民法院", "i", Now);

        // A party that sues within the fifteen days is not within 行政强制法第五十三条.
        var sued = Served();
        sued.FileRemedy(RemedyKind.Review, D("2026-06-01"), null, null, null, Settings, "i", Now);
        sued.RecordRemedyOutcome(RemedyOutcome.Upheld, D("2026-07-01"), null, null, null, Bases, Calendar, "i", Now);
        sued.FileRemedy(RemedyKind.Litigation, D("2026-07-16"), "银川市兴庆区人民法院", null, null, Settings, "i", Now);
        Assert.False(sued.AwaitsCourtEnforcement);
        Assert.Contains("已提起行政诉讼", Refused(() => sued.ServeEnforcementDemand(D("2026-07-20"), "i", Now)).Message);
    }

    // ------------------------------------------------------------------ 2. 确认无效

    [Fact]
    public void A_decision_confirmed_void_ends_its_sanctions_as_a_revocation_does()
    {
        var c = Served();
        c.FileRemedy(RemedyKind.Review, D("2026-06-01"), null, null, null, Settings, "i", Now);
        c.RecordRemedyOutcome(RemedyOutcome.ConfirmedVoid, D("2026-07-01"), "实施主体不具有行政主体资格", null, null, Bases, Calendar, "i", Now);
        Assert.Equal((D("2026-07-01"), 0m, (CaseSanction?)null), (c.DecisionRevokedOn!.Value, c.FineAmount, c.Fine));
        Assert.Equal("确认无效", c.RevokedAs);
        Assert.False(c.AwaitsCourtEnforcement);
        Assert.Contains(c.Steps, s => s.Action == "行政复议决定：确认无效");
        Assert.Contains("被确认无效", Refused(() => c.FileRemedy(RemedyKind.Litigation, D("2026-07-02"), "银川市兴庆区人民法院", null, null, Settings, "i", Now)).Message);
        Assert.True(RemedyLabels.EndsDecision(RemedyOutcome.ConfirmedVoid));
        Assert.Contains(RemedyOutcome.ConfirmedVoid, RemedyLabels.OutcomesOf(RemedyKind.Litigation));
    }

    // ------------------------------------------------------------------ 3. grounds of 不予行政处罚

    [Fact]
    public void No_penalty_needs_a_ground_in_law_and_records_it_with_its_article_and_number()
    {
        var c = Noticed();
        var none = Refused(() => c.DecideNoPenalty(D("2026-05-06"), null, "违法行为轻微，已及时改正", null, "i", Now));
        Assert.Equal("case.no_penalty_ground", none.Code);
        Assert.Contains("第三十三条", none.Message);
        Assert.Contains("第五十七条第一款第（三）项", none.Message);

        c.DecideNoPenalty(D("2026-05-06"), FirstOffence, "首次被查处，涉及用户3户，已于次日补登记", "宁通管不罚〔2026〕2号", "i", Now);
        Assert.Equal(("APL33-1-FIRST", "初次违法且危害后果轻微并及时改正", "宁通管不罚〔2026〕2号"), (c.NoPenaltyGroundCode, c.NoPenaltyGround, c.NoPenaltyNumber));
        Assert.Contains("第三十三条第一款", c.NoPenaltyArticle);
        Assert.Contains(c.PartyTimeline([]), e => e.Text == "决定不予行政处罚（宁通管不罚〔2026〕2号）：初次违法且危害后果轻微并及时改正");
    }

    // ------------------------------------------------------------------ 4. service of the hearing notice

    [Fact]
    public void The_hearing_notice_is_served_electronically_only_with_consent_as_the_prior_notice()
    {
        var c = Noticed(100_000m, AntiFraud);
        c.RequestHearing(D("2026-05-06"), "p", Now);
        var refused = Refused(() => c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, ServiceMethods.Electronic));
        Assert.Equal("case.electronic_service_without_consent", refused.Code);
        Assert.Contains("行政处罚法第六十一条第二款", refused.Message);
        Assert.Equal("case.service_method", Refused(() => c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, "口头通知")).Code);

        c.Consent("nx-legal@10086.cn", D("2026-05-06"));
        c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, ServiceMethods.Electronic);
        Assert.Equal(ServiceMethods.Electronic, c.HearingNoticeServiceMethod);
    }

    // ------------------------------------------------------------------ 5. service by post and by announcement

    [Fact]
    public void Service_by_post_takes_effect_on_the_receipt_date_and_periods_run_from_it()
    {
        var c = Decided();
        var noPosting = Refused(() => c.Serve(D("2026-05-14"), ServiceMethods.Post, Settings, Calendar, "i", Now));
        Assert.Equal("case.postal_receipt", noPosting.Code);
        Assert.Contains("回执上注明的收件日期", noPosting.Message);
        Assert.Equal("case.postal_receipt",
            Refused(() => c.Serve(D("2026-05-12"), ServiceMethods.Post, Settings, Calendar, "i", Now, new ServiceDetails(PostedOn: D("2026-05-13")))).Code);

        // Without the 邮件号 of the tracking record, no service by post is recorded.
        var noTracking = Refused(() => c.Serve(D("2026-05-18"), ServiceMethods.Post, Settings, Calendar, "i", Now, new ServiceDetails(PostedOn: D("2026-05-12"))));
        Assert.Equal("case.postal_tracking", noTracking.Code);
        Assert.Contains("行政处罚法第六十一条", noTracking.Message);

        c.Serve(D("2026-05-18"), ServiceMethods.Post, Settings, Calendar, "i", Now, new ServiceDetails(PostedOn: D("2026-05-12"), TrackingNumber: "1179230645164"));
        Assert.Equal(D("2026-05-18"), c.ServedOn);
        Assert.Equal(D("2026-06-02"), c.PaymentDueDate);                          // fifteen days from the receipt
        Assert.Equal(D("2026-07-17"), c.ReviewPeriodEnds);                         // sixty days from the receipt
        Assert.False(c.ServiceLate);                                               // posted on the day after the decision
        Assert.Contains("2026年5月12日交邮（邮件号1179230645164）", c.ServiceRecord);
        var recorded = c.ServiceOf(DocumentKind.PenaltyDecision)!;
        Assert.Equal((DocumentKind.PenaltyDecision, D("2026-05-18"), D("2026-05-12"), "1179230645164"), (recorded.Document, recorded.ServedOn, recorded.PostedOn, recorded.TrackingNumber));
    }

    [Fact]
    public void Service_by_announcement_needs_the_failed_attempts_and_takes_effect_thirty_days_later()
    {
        var c = Decided();
        var refused = Refused(() => c.Serve(D("2026-05-12"), ServiceMethods.Announcement, Settings, Calendar, "i", Now));
        Assert.Equal("case.announcement_service", refused.Code);
        Assert.Contains("民事诉讼法第九十五条", refused.Message);

        c.Serve(D("2026-05-12"), ServiceMethods.Announcement, Settings, Calendar, "i", Now,
            new ServiceDetails(FailedAttempts: "5月11日直接送达，住所无人；同日邮寄送达被退回"));
        Assert.Equal(D("2026-06-11"), c.ServedOn);
        Assert.Equal(D("2026-06-26"), c.PaymentDueDate);
        Assert.Equal(D("2026-08-10"), c.ReviewPeriodEnds);
        Assert.Contains("视为送达", c.ServiceRecord);

        // The prior notice too: the statement period runs from the day service takes effect.
        var n = UnderReview();
        n.ServePriorNotice(D("2026-04-21"), Settings, Calendar, "i", Now, ServiceMethods.Announcement, new ServiceDetails(FailedAttempts: "住所无人，邮寄被退回，电话无法联系"));
        Assert.Equal(D("2026-05-21"), n.PriorNoticeServedOn);
        Assert.Equal(D("2026-05-26"), n.StatementDeadline);
    }

    // ------------------------------------------------------------------ 6. heavier tiers and their conditions

    [Fact]
    public void A_serious_tier_is_refused_until_the_case_records_the_facts_that_make_it_serious()
    {
        var serious = Basis(3, "ATFL-39-SERIOUS", b => { b.Condition = TierCondition.Serious; b.MandatorySanctions = [SanctionKind.Fine]; });
        var bases = new Dictionary<int, LegalBasis> { [3] = serious };
        var c = Investigated(serious);
        CaseSanction[] Heavy() => [new() { Kind = SanctionKind.Fine, LegalBasisId = 3, Amount = 600_000m, Description = "罚款" },
            new() { Kind = SanctionKind.SuspendBusiness, LegalBasisId = 3, Description = "暂停相关业务" }];
        var refused = Refused(() => c.ProposeSanctions(Heavy(), bases, false, "i", Now));
        Assert.Equal("case.condition_not_recorded", refused.Code);
        Assert.Contains("情节严重", refused.Message);
        Assert.Contains("第三十九条", refused.Message);

        Assert.Equal("case.aggravation_facts", Refused(() => c.RecordAggravatingFacts("情节严重", "i", Now)).Code);
        c.RecordAggravatingFacts("一年内为未核验身份的用户办理电话卡1.2万张，其中300张涉诈", "i", Now);
        c.ProposeSanctions(Heavy(), bases, false, "i", Now);
        Assert.Equal(2, c.Sanctions.Count);
    }

    [Fact]
    public void A_tier_whose_fine_is_mandatory_refuses_a_penalty_without_it_and_needs_refusal_or_harm()
    {
        var tier = Basis(4, "CSL2025-23-SERIOUS", b =>
        {
            (b.Statute, b.DutyArticle, b.PenaltyArticle) = ("《中华人民共和国网络安全法》（2025年修正）", "第二十三条第（三）项", "第六十一条");
            (b.AllowedSanctions, b.FineMin, b.FineMax) = ([SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine], 50_000m, 500_000m);
            (b.Condition, b.MandatorySanctions) = (TierCondition.RefusedOrHarm, [SanctionKind.Fine]);
        });
        var bases = new Dictionary<int, LegalBasis> { [4] = tier };
        var c = Investigated(tier);
        c.RecordAggravatingFacts("日志缺失导致无法追查一起网络攻击事件的来源", "i", Now);
        var withoutFine = Refused(() => c.ProposeSanctions([new() { Kind = SanctionKind.Warning, LegalBasisId = 4, Description = "警告" }], bases, false, "i", Now));
        Assert.Equal("case.mandatory_sanction", withoutFine.Code);
        Assert.Contains("第六十一条", withoutFine.Message);

        var other = Investigated(tier);
        var unmet = Refused(() => other.ProposeSanctions([new() { Kind = SanctionKind.Fine, LegalBasisId = 4, Amount = 60_000m, Description = "罚款" }], bases, false, "i", Now));
        Assert.Equal("case.condition_not_recorded", unmet.Code);
        Assert.Contains("拒不改正或者导致危害后果", unmet.Message);
        c.ProposeSanctions([new() { Kind = SanctionKind.Fine, LegalBasisId = 4, Amount = 60_000m, Description = "罚款" }], bases, false, "i", Now);
    }

    // ------------------------------------------------------------------ 8. the statute over the departmental rule; five years

    [Fact]
    public void Where_a_statute_and_a_departmental_rule_cover_the_act_the_statute_applies()
    {
        var rule = Basis(5, "ORD25-A06", b =>
        {
            (b.Statute, b.DutyArticle, b.PenaltyArticle, b.Rank) = ("《电话用户真实身份信息登记规定》", "第六条", "第十九条", LegalRank.DepartmentalRule);
            (b.FineMin, b.FineMax) = (10_000m, 30_000m);
        });
        var statute = Basis(6, "ATFL-39", b => (b.FineMin, b.FineMax, b.Rank) = (50_000m, 500_000m, LegalRank.Law));
        var bases = new Dictionary<int, LegalBasis> { [5] = rule, [6] = statute };
        var c = Investigated(rule);
        var refused = Refused(() => c.ProposeSanctions([new() { Kind = SanctionKind.Warning, LegalBasisId = 5, Description = "警告" },
            new() { Kind = SanctionKind.Fine, LegalBasisId = 6, Amount = 50_000m, Description = "罚款" }], bases, false, "i", Now));
        Assert.Equal("case.statute_applies", refused.Code);
        Assert.Contains("立法法", refused.Message);
        Assert.Contains("请依据《中华人民共和国反电信网络诈骗法》第九条、第三十九条处罚", refused.Message);
        Assert.Contains("删去依据《电话用户真实身份信息登记规定》第六条、第十九条的处理", refused.Message);
        Assert.DoesNotContain("ORD25", refused.Message);
        c.ProposeSanctions([new() { Kind = SanctionKind.Fine, LegalBasisId = 6, Amount = 50_000m, Description = "罚款" }], bases, false, "i", Now);
    }

    [Fact]
    public void Five_years_apply_only_where_the_case_records_harm_to_life_health_or_financial_security()
    {
        EnforcementCase File(string violation, string? facts) => EnforcementCase.File(Party, Order25, "未按规定查验证件", "事实", D(violation), D("2026-04-20"),
            [("u1", "马建国"), ("u2", "李娟")], CaseSource.Direct, null, Settings, "i", Now, extendedLimitationFacts: facts);

        var two = Assert.Throws<DomainException>(() => File("2023-04-01", null));
        Assert.Equal("case.limitation", two.Code);
        Assert.Contains("行政处罚法第三十六条", two.Message);
        Assert.Contains("5年", two.Message);
        Assert.Equal("case.extended_limitation_facts", Assert.Throws<DomainException>(() => File("2023-04-01", "涉及金融")).Code);
        var c = File("2023-04-01", "违规开出的电话卡被用于电信诈骗，造成用户财产损失12万元");
        Assert.StartsWith("违规开出的电话卡", c.ExtendedLimitationFacts);
        Assert.Equal("case.limitation", Assert.Throws<DomainException>(() => File("2021-04-01", "违规开出的电话卡被用于电信诈骗，造成用户财产损失12万元")).Code);
    }
}
