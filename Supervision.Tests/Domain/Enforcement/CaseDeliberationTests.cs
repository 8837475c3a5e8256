using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>法制审核 (行政处罚法第五十八条) and 集体讨论 (第五十七条第二款) before a decision, on the case itself.</summary>
public class CaseDeliberationTests
{
    private static void Decide(EnforcementCase c, string on = "2026-05-11", decimal fine = 20_000m) =>
        c.Decide(D(on), Penalty(Order25, fine), null, Bases, Settings, Calendar, "i", Now);

    private static DomainException Refused(EnforcementCase c, string on = "2026-05-11", decimal fine = 20_000m) =>
        Assert.Throws<DomainException>(() => Decide(c, on, fine));

    /// <summary>A case noticed on 30 April under settings whose legal-review threshold is 20,000 (the statement period ends 8 May).</summary>
    private static EnforcementCase NoticedWithThreshold(decimal fine, decimal threshold)
    {
        var c = UnderReview(fine);
        c.ServePriorNotice(D("2026-04-30"), VerifyThresholds(new EnforcementSettings { LegalReviewThreshold = threshold }), Calendar, "i", Now);
        return c;
    }

    [Fact]
    public void Below_an_unverified_legal_review_threshold_the_decision_waits_for_the_review_naming_the_setting()
    {
        // Below the bureau's amount, no hearing, not marked: the skip rests on the setting alone, which nobody has verified.
        var unverified = VerifyThresholds(new EnforcementSettings { LegalReviewThreshold = 30_000m });
        unverified.LegalReviewThresholdVerified = false;
        var c = UnderReview(20_000m);
        c.ServePriorNotice(D("2026-04-30"), unverified, Calendar, "i", Now);
        Assert.Empty(c.LegalReviewGrounds());
        var refusal = Assert.Throws<DomainException>(() => c.Decide(D("2026-05-11"), Penalty(Order25, 20_000m), null, Bases, unverified, Calendar, "i", Now));
        Assert.Equal("case.legal_review_threshold_unverified", refusal.Code);
        Assert.Contains("法制审核金额标准", refusal.Message);
        Assert.Contains("行政处罚法第五十八条", refusal.Message);
        Assert.Equal(refusal.Message, Assert.Single(c.ActionsFor(Acting.Officer, D("2026-05-11"), unverified), a => a.Key == "decide").NotYet);

        // Once reviewed the decision goes on; verified by an administrator, the same case below the amount skips the review.
        LegallyReviewed(c, "2026-05-11");
        c.Decide(D("2026-05-11"), Penalty(Order25, 20_000m), null, Bases, unverified, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, c.State);
        var verified = UnderReview(20_000m);
        verified.ServePriorNotice(D("2026-04-30"), VerifyThresholds(new EnforcementSettings { LegalReviewThreshold = 30_000m }), Calendar, "i", Now);
        verified.Decide(D("2026-05-11"), Penalty(Order25, 20_000m), null, Bases, VerifyThresholds(new EnforcementSettings { LegalReviewThreshold = 30_000m }), Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, verified.State);
    }

    [Fact]
    public void An_unverified_hearing_threshold_offers_the_hearing_for_any_fine_and_the_form_says_why_without_an_unchecked_source()
    {
        var unverified = VerifyThresholds(new EnforcementSettings { HearingThreshold = 50_000m });
        unverified.HearingThresholdVerified = false;
        unverified.HearingThresholdSource = "《中华人民共和国行政处罚法》第六十三条第一款第（一）项；本局适用的较大数额标准文件和条款待核对";
        var c = UnderReview(20_000m);
        c.ServePriorNotice(D("2026-04-30"), unverified, Calendar, "i", Now);
        Assert.True(c.HearingOffered); // the reading that favours the party
        var text = c.HearingRightText(unverified);
        Assert.Contains("拟罚款¥20,000.00", text);
        Assert.Contains("罚款¥50,000.00以上", text);
        Assert.Contains("告知了听证权利", text);
        Assert.DoesNotContain("待核对", text);

        // Verified: below the amount no hearing arises, and the form cites the amount with its source.
        var verified = VerifyThresholds(new EnforcementSettings { HearingThreshold = 50_000m });
        var below = UnderReview(20_000m);
        below.ServePriorNotice(D("2026-04-30"), verified, Calendar, "i", Now);
        Assert.False(below.HearingOffered);
        Assert.Equal("拟罚款¥20,000.00，未达到本省较大数额罚款标准（罚款¥50,000.00以上，依据：《中华人民共和国行政处罚法》第六十三条第一款第（一）项；较大数额罚款标准为测试数据），"
                     + "不属于《中华人民共和国行政处罚法》第六十三条规定的听证范围。", below.HearingRightText(verified));
        var above = UnderReview(30_000m);
        Assert.Contains("达到本省较大数额罚款标准（罚款¥30,000.00以上，依据：", above.HearingRightText(VerifyThresholds(new EnforcementSettings { HearingThreshold = 30_000m })));
    }

    [Fact]
    public void A_fine_at_the_provinces_threshold_is_refused_until_an_approving_review_then_decided()
    {
        var c = NoticedWithThreshold(20_000m, threshold: 20_000m);
        var refusal = Refused(c);
        Assert.Equal("case.legal_review_required", refusal.Code);
        Assert.Contains("行政处罚法第五十八条", refusal.Message);
        Assert.Contains("拟罚款达到本省法制审核金额标准", refusal.Message);
        Assert.Equal(refusal.Message, Assert.Single(c.ActionsFor(Acting.Officer, D("2026-05-11")), a => a.Key == "decide").NotYet);

        LegallyReviewed(c, "2026-05-11");
        Decide(c);
        Assert.Equal(CaseState.Decided, c.State);

        var below = NoticedWithThreshold(19_999m, threshold: 20_000m);
        Assert.Empty(below.LegalReviewGrounds());
        Decide(below, fine: 19_999m); // below the threshold, no hearing, not marked: no review required
        Assert.Equal(CaseState.Decided, below.State);
    }

    [Fact]
    public void A_hearing_case_needs_the_review_after_the_hearing_too()
    {
        var c = Noticed(100_000m, AntiFraud);
        c.RequestHearing(D("2026-05-06"), "p", Now);
        c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now);
        c.RecordHearing(D("2026-05-18"), "当事人对事实无异议。", "i", Now);
        var refusal = Assert.Throws<DomainException>(() => c.Decide(D("2026-05-19"), [Fine(80_000m, 2)], null, Bases, Settings, Calendar, "i", Now));
        Assert.Equal("case.legal_review_required", refusal.Code);
        Assert.Contains("当事人申请了听证", refusal.Message);
        LegallyReviewed(c, "2026-05-19");
        c.Decide(D("2026-05-19"), [Fine(80_000m, 2)], null, Bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void An_investigator_of_the_case_cannot_review_it_and_is_told_why()
    {
        var c = EachState[CaseState.Hearing]();
        var investigator = new CaseReviewer("u1", "马建国");
        var offered = Assert.Single(c.ActionsFor(investigator, D("2026-05-12")));
        Assert.Equal("legal-review", offered.Key);
        Assert.Contains("调查人员", offered.NotYet);
        var refusal = Assert.Throws<DomainException>(() => c.RecordLegalReview(investigator, D("2026-05-12"), LegalReviewOpinion.Approve, "同意。", "u1", Now));
        Assert.Equal(("case.reviewer_is_investigator", offered.NotYet), (refusal.Code, refusal.Message));
        Assert.Empty(c.LegalReviews);

        Assert.True(Assert.Single(c.ActionsFor(Reviewer, D("2026-05-12"))).Allowed);
        Assert.Empty(Decided().ActionsFor(Reviewer, D("2026-05-14"))); // nothing left to review once decided
    }

    [Fact]
    public void A_new_proposal_voids_the_review_and_needs_a_new_one()
    {
        var c = UnderReview();
        c.MarkSignificance(major: false, complex: true, "涉及多个代理商和多个法律关系", "i", Now);
        c.RecordDiscussion(D("2026-04-28"), "王志强、李明、张华", "同意给予警告并处罚款", "i", Now);
        LegallyReviewed(c, "2026-04-28");
        Assert.True(c.CurrentLegalReview!.Approves);

        c.ProposeSanctions(Penalty(Order25, 15_000m), Bases, actAlreadyFined: false, "i", Now);
        Assert.True(Assert.Single(c.LegalReviews).Superseded);
        Assert.Null(c.CurrentLegalReview);
        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now);
        var refusal = Refused(c, fine: 15_000m);
        Assert.Equal("case.legal_review_required", refusal.Code);
        Assert.Contains("重新拟定处罚后须重新审核", refusal.Message);

        LegallyReviewed(c, "2026-05-11");
        Assert.Equal("责令限期改正；警告；罚款 ¥15,000.00", c.CurrentLegalReview!.Proposal);
        Decide(c, fine: 15_000m);
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void A_disapproving_opinion_holds_the_decision_until_an_approving_one()
    {
        var c = NoticedWithThreshold(20_000m, threshold: 10_000m);
        c.RecordLegalReview(Reviewer, D("2026-05-08"), LegalReviewOpinion.Reject, "证据不足以证明违法行为持续时间，请补充调查。", "legal", Now);
        var refusal = Refused(c);
        Assert.Equal("case.legal_review_rejected", refusal.Code);
        Assert.Contains("不同意", refusal.Message);
        Assert.Contains("行政处罚法第五十八条", refusal.Message);

        c.RecordLegalReview(Reviewer, D("2026-05-11"), LegalReviewOpinion.ApproveWithChanges, "补充证据后同意，罚款数额宜适当降低。", "legal", Now);
        Assert.Equal("case.decision_before_legal_review", Refused(c, on: "2026-05-09").Code); // not dated before the opinion
        Decide(c, fine: 15_000m);
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void A_major_case_needs_the_review_and_the_collective_discussion_each_named_by_its_article()
    {
        var c = Noticed();
        Assert.DoesNotContain(c.ActionsFor(Acting.Officer, D("2026-05-11")), a => a.Key == "discussion");
        Assert.Equal("case.reason_required", Assert.Throws<DomainException>(() => c.MarkSignificance(true, false, "", "i", Now)).Code);
        c.MarkSignificance(major: true, complex: false, "涉及电话卡逾千张，社会影响恶劣", "i", Now);
        Assert.Equal("重大违法行为", c.SignificanceText);

        Assert.Equal("case.legal_review_required", Refused(c).Code);
        LegallyReviewed(c, "2026-05-11");
        var refusal = Refused(c);
        Assert.Equal("case.discussion_required", refusal.Code);
        Assert.Contains("行政处罚法第五十七条第二款", refusal.Message);
        var discuss = Assert.Single(c.ActionsFor(Acting.Officer, D("2026-05-11")), a => a.Key == "discussion");
        Assert.True(discuss.Allowed);
        Assert.Equal(refusal.Message, Assert.Single(c.ActionsFor(Acting.Officer, D("2026-05-11")), a => a.Key == "decide").NotYet);

        Assert.Equal("case.discussion_participants", Assert.Throws<DomainException>(() =>
            c.RecordDiscussion(D("2026-05-11"), "王志强", "同意", "i", Now)).Code);
        c.RecordDiscussion(D("2026-05-11"), "王志强、李明，张华", "同意给予警告并处罚款二万元", "i", Now);
        Assert.Equal("王志强、李明、张华", Assert.Single(c.Discussions).Participants);
        Decide(c);
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void A_complex_case_needs_its_discussion_and_the_mark_can_be_withdrawn_before_the_decision()
    {
        var c = Noticed();
        c.MarkSignificance(major: false, complex: true, "涉及多个法律关系", "i", Now);
        LegallyReviewed(c, "2026-05-11"); // 疑难复杂: Art. 58 (3)
        Assert.Equal("case.discussion_required", Refused(c).Code);
        Assert.Equal("case.significance_unchanged", Assert.Throws<DomainException>(() => c.MarkSignificance(false, true, "再次认定为复杂", "i", Now)).Code);
        c.MarkSignificance(major: false, complex: false, "经补充调查，案情已查清，不属于复杂案件", "i", Now);
        Decide(c);
        Assert.Equal(CaseState.Decided, c.State);
        Assert.Equal("case.wrong_state", Assert.Throws<DomainException>(() => c.MarkSignificance(true, false, "决定后认定为重大", "i", Now)).Code);
    }
}
