using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// What a case offers each actor today (<see cref="EnforcementCase.ActionsFor(Acting, DateOnly)"/>), and that it offers
/// exactly what its transitions then accept: the page renders this list and decides nothing itself.
/// </summary>
public class CaseActionsTests
{
    /// <summary>Keys as offered; a trailing “?” marks one offered but not yet allowed.</summary>
    private static string[] Offered(EnforcementCase c, Acting actor, string today) =>
        c.ActionsFor(actor, D(today)).Select(a => a.Allowed ? a.Key : a.Key + "?").ToArray();

    private static AvailableAction Action(EnforcementCase c, Acting actor, string today, string key) =>
        Assert.Single(c.ActionsFor(actor, D(today)), a => a.Key == key);

    // ------------------------------------------------------------------ every state × every actor

    /// <summary>
    /// State, the day looked at (6 May lies within the statement period of the notice served 30 April; the later states are
    /// looked at after their own steps), the officer's actions and the party's.
    /// </summary>
    public static TheoryData<CaseState, string, string, string> EveryState => new()
    {
        { CaseState.Filed, "2026-05-06", "investigate mark-significance service-address withdraw transfer extend", "" },
        { CaseState.Investigating, "2026-05-06", "evidence review mark-significance service-address withdraw transfer extend", "" },
        { CaseState.UnderReview, "2026-05-06", "evidence propose notice mark-significance service-address no-penalty withdraw transfer extend", "" },
        { CaseState.PriorNoticeServed, "2026-05-06", "mark-significance decide? statement service-address no-penalty transfer extend", "statement waive" },
        { CaseState.Hearing, "2026-05-06", "schedule-hearing hold-hearing? mark-significance decide? statement service-address no-penalty transfer extend", "statement waive" },
        { CaseState.Decided, "2026-05-14", "serve service-address", "" },
        { CaseState.Served, "2026-05-14", "payment arrangement close? remedy-review remedy-litigation enforcement-apply?", "acknowledge" },
        { CaseState.Executing, "2026-05-14", "payment arrangement close? remedy-review remedy-litigation enforcement-apply?", "acknowledge" },
        { CaseState.Closed, "2026-05-14", "remedy-review remedy-litigation", "" }, // a closed case takes no step from the party
        { CaseState.NoPenalty, "2026-05-14", "", "" },
        { CaseState.Withdrawn, "2026-05-14", "", "" },
        { CaseState.Transferred, "2026-05-14", "", "" },
    };

    [Theory]
    [MemberData(nameof(EveryState))]
    public void Each_state_offers_each_actor_its_own_next_steps(CaseState state, string today, string officer, string party)
    {
        var c = EachState[state]();
        Assert.Equal(state, c.State);
        Assert.Equal(Keys(officer), Offered(c, Acting.Officer, today));
        Assert.Equal(Keys(party), Offered(c, Acting.Party, today));
        Assert.Empty(c.ActionsFor(Acting.Observer, D(today))); // leaders and the ministry read
        // What is not yet allowed always says why.
        Assert.All(c.ActionsFor(Acting.Officer, D(today)).Where(a => !a.Allowed), a => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}{4}", a.NotYet!));
    }

    private static string[] Keys(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void The_party_is_offered_nothing_before_it_was_told_of_the_case()
    {
        foreach (var state in new[] { CaseState.Filed, CaseState.Investigating, CaseState.UnderReview, CaseState.NoPenalty })
            Assert.Empty(EachState[state]().ActionsFor(Acting.Party, D("2026-05-06")));
    }

    // ------------------------------------------------------------------ the reasons, with their dates

    [Fact]
    public void Deciding_waits_for_the_statement_period_and_says_until_when()
    {
        var c = Noticed(); // statement period to Friday 8 May
        foreach (var day in new[] { "2026-04-30", "2026-05-08" })
        {
            var decide = Action(c, Acting.Officer, day, "decide");
            Assert.False(decide.Allowed);
            Assert.Equal("陈述申辩期限自事先告知书送达之日（2026年4月30日）起计算，至2026年5月8日届满，届满前（或当事人书面放弃前）不得作出决定（行政处罚法第四十四条、第六十二条）。", decide.NotYet);
        }
        Assert.True(Action(c, Acting.Officer, "2026-05-11", "decide").Allowed);
        // The party may state its case until the period ends, then the step is gone.
        Assert.Equal(["statement", "waive"], Offered(c, Acting.Party, "2026-05-08"));
        Assert.Empty(Offered(c, Acting.Party, "2026-05-11"));
    }

    [Fact]
    public void A_written_waiver_lets_the_decision_come_before_the_period_ends()
    {
        var c = Noticed();
        c.RecordStatement(new CaseStatement { Text = "本公司放弃陈述申辩和听证的权利。", IsWaiver = true }, D("2026-05-06"), "p", Now);
        Assert.True(Action(c, Acting.Officer, "2026-05-06", "decide").Allowed);
        Assert.Equal(["statement"], Offered(c, Acting.Party, "2026-05-06")); // a statement is still taken; a second waiver is not
        Assert.Equal("case.already_waived", Assert.Throws<DomainException>(() =>
            c.RecordStatement(new CaseStatement { Text = "再次放弃。", IsWaiver = true }, D("2026-05-07"), "p", Now)).Code);
    }

    [Fact]
    public void A_hearing_offered_case_shows_the_party_its_request_until_the_deadline_and_holds_the_decision_until_then()
    {
        var c = Noticed(100_000m, AntiFraud); // hearing request deadline Monday 11 May
        Assert.Equal(["statement", "waive", "request-hearing"], Offered(c, Acting.Party, "2026-05-06"));
        Assert.Equal(["waive", "request-hearing"], Offered(c, Acting.Party, "2026-05-11")); // the statement period ended on 8 May
        Assert.Empty(Offered(c, Acting.Party, "2026-05-12"));
        Assert.Equal("登记听证申请", Action(c, Acting.Officer, "2026-05-11", "request-hearing").Label);
        Assert.DoesNotContain("request-hearing", Offered(c, Acting.Officer, "2026-05-12"));

        Assert.Equal("听证申请期限至2026年5月11日届满，届满前不得作出决定（行政处罚法第六十四条第（一）项）。", Action(c, Acting.Officer, "2026-05-09", "decide").NotYet);
        Assert.Contains("行政处罚法第五十八条", Action(c, Acting.Officer, "2026-05-12", "decide").NotYet); // a hearing was offered: 法制审核 first
        LegallyReviewed(c, "2026-05-12");
        Assert.True(Action(c, Acting.Officer, "2026-05-12", "decide").Allowed);
        Assert.DoesNotContain("request-hearing", Offered(Noticed(), Acting.Party, "2026-05-06")); // below the threshold: no hearing
    }

    [Fact]
    public void A_requested_hearing_is_scheduled_then_held_and_only_then_the_case_is_decided()
    {
        var c = EachState[CaseState.Hearing]();
        Assert.Equal("尚未安排听证。", Action(c, Acting.Officer, "2026-05-12", "hold-hearing").NotYet);
        Assert.Equal("当事人已申请听证，听证举行后方可作出决定。", Action(c, Acting.Officer, "2026-05-12", "decide").NotYet);

        c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now);
        Assert.Equal("听证定于2026年5月18日举行，举行后方可记录。", Action(c, Acting.Officer, "2026-05-15", "hold-hearing").NotYet);
        Assert.True(Action(c, Acting.Officer, "2026-05-18", "hold-hearing").Primary);
        Assert.True(Action(c, Acting.Officer, "2026-05-18", "hold-hearing").Allowed);

        c.RecordHearing(D("2026-05-18"), "当事人对事实无异议，请求从轻处罚。", "i", Now);
        Assert.Equal(["mark-significance", "decide?", "service-address", "no-penalty", "transfer", "extend"], Offered(c, Acting.Officer, "2026-05-19")); // 法制审核 first
        LegallyReviewed(c, "2026-05-19");
        Assert.Equal(["mark-significance", "decide", "service-address", "no-penalty", "transfer", "extend"], Offered(c, Acting.Officer, "2026-05-19"));
        Assert.Equal("case.hearing_held", Assert.Throws<DomainException>(() =>
            c.ScheduleHearing(D("2026-05-19"), D("2026-06-30"), new TimeOnly(9, 30), "第二会议室", Panel, Settings, Calendar, "i", Now)).Code);
    }

    [Fact]
    public void After_the_decision_period_a_decision_made_within_it_is_still_recorded_and_a_later_one_asks_for_an_extension()
    {
        var late = Noticed();
        Assert.True(Action(late, Acting.Officer, "2026-07-20", "decide").Allowed); // the date entered decides, not the day it is recorded
        Assert.Equal("已超过作出决定的期限（2026年7月19日）。如需延长，须先办理延期审批（行政处罚法第六十条）。", Assert.Throws<DomainException>(() =>
            late.Decide(D("2026-07-20"), Penalty(Order25, null), null, Bases, Settings, Calendar, "i", Now)).Message);
        late.Decide(D("2026-07-19"), Penalty(Order25, null), null, Bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, late.State);

        var extended = Noticed();
        extended.ExtendDecisionPeriod(D("2026-08-18"), "案情复杂，需补充调查取证", CaseFixture.Settings, "i", Now);
        extended.Decide(D("2026-07-20"), Penalty(Order25, null), null, Bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, extended.State);
    }

    [Fact]
    public void Review_and_notice_wait_for_evidence_and_a_proposed_penalty()
    {
        var investigating = Filed();
        investigating.StartInvestigation("i", Now);
        Assert.Equal("尚未收集任何证据，不能提交审查。", Action(investigating, Acting.Officer, "2026-05-06", "review").NotYet);
        investigating.AddEvidence(Evidence(), "i", Now);
        investigating.SubmitForReview("违法事实清楚", "i", Now);
        var notice = Action(investigating, Acting.Officer, "2026-05-06", "notice");
        Assert.Equal(("告知前须先拟定处罚。", false), (notice.NotYet, notice.Primary));
        Assert.True(Action(investigating, Acting.Officer, "2026-05-06", "propose").Primary);
        investigating.ProposeSanctions(Penalty(Order25, null), Bases, false, "i", Now);
        Assert.True(Action(investigating, Acting.Officer, "2026-05-06", "notice") is { Allowed: true, Primary: true });
    }

    [Fact]
    public void Closing_waits_for_every_sanction_and_names_the_open_ones()
    {
        var c = Served();
        Assert.Equal("尚有未执行完毕的处罚：责令限期改正、罚款 ¥20,000.00。全部执行或终结执行后方可结案。", Action(c, Acting.Officer, "2026-05-13", "close").NotYet);
        Corrected(c, "2026-05-13");
        Assert.Equal("尚有未执行完毕的处罚：罚款 ¥20,000.00。全部执行或终结执行后方可结案。", Action(c, Acting.Officer, "2026-05-13", "close").NotYet);
        c.RecordPayment(20_000m, D("2026-05-20"), "POS1", Settings, "i", Now);
        Assert.Equal(["close", "remedy-review", "remedy-litigation"], Offered(c, Acting.Officer, "2026-05-20")); // nothing left to pay or defer; the party may still seek review or sue
    }

    [Fact]
    public void A_case_filed_without_its_approval_offers_to_issue_it_once()
    {
        var c = Unapproved();
        Assert.Equal(["issue-filing", "investigate", "mark-significance", "service-address", "withdraw", "transfer", "extend"], Offered(c, Acting.Officer, "2026-05-06"));
        c.RecordFilingApproval("宁通管立〔2026〕7号", Now);
        Assert.DoesNotContain("issue-filing", Offered(c, Acting.Officer, "2026-05-06"));
        Assert.Equal("case.filing_issued", Assert.Throws<DomainException>(() => c.RecordFilingApproval("宁通管立〔2026〕8号", Now)).Code);
    }

    [Fact]
    public void Each_pending_sanction_but_the_fine_is_carried_out_by_the_officer_and_any_may_be_ended()
    {
        var c = UnderReview();
        c.ProposeSanctions([.. Penalty(Order25, 20_000m), new CaseSanction { Kind = SanctionKind.PublicAnnouncement, LegalBasisId = 1, Description = "公告" }], Bases, false, "i", Now);
        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now);
        c.Decide(D("2026-05-11"), [.. Penalty(Order25, 20_000m), new CaseSanction { Kind = SanctionKind.PublicAnnouncement, LegalBasisId = 1, Description = "公告" }],
            null, Bases, Settings, Calendar, "i", Now);
        CaseSanction Of(SanctionKind kind) => c.Sanctions.Single(s => s.Kind == kind);
        Assert.Empty(c.ActionsFor(Acting.Officer, Of(SanctionKind.PublicAnnouncement))); // decided, not yet served
        c.Serve(D("2026-05-12"), "直接送达", Settings, Calendar, "i", Now);

        Assert.Empty(c.ActionsFor(Acting.Officer, Of(SanctionKind.Warning))); // carried out by service
        Assert.Equal(["end-sanction"], c.ActionsFor(Acting.Officer, Of(SanctionKind.Fine)).Select(a => a.Key));
        Assert.Equal(["execute-sanction", "end-sanction"], c.ActionsFor(Acting.Officer, Of(SanctionKind.PublicAnnouncement)).Select(a => a.Key));
        Assert.Empty(c.ActionsFor(Acting.Party, Of(SanctionKind.PublicAnnouncement)));
        Assert.Empty(c.ActionsFor(Acting.Observer, Of(SanctionKind.PublicAnnouncement)));
    }

    // ------------------------------------------------------------------ the list and the transitions agree

    private static readonly string[] AllKeys =
    [
        "issue-filing", "investigate", "evidence", "review", "propose", "notice", "schedule-hearing", "hold-hearing", "decide", "statement", "waive",
        "request-hearing", "serve", "acknowledge", "payment", "arrangement", "close", "no-penalty", "withdraw", "transfer", "extend", "service-address",
        "mark-significance", "discussion", "statement-review",
        "remedy-review", "remedy-litigation", "remedy-suspend", "remedy-outcome", "enforcement-demand", "enforcement-apply", "enforcement-ruling",
    ];

    /// <summary>Each action's transition, dated today.</summary>
    private static void Do(EnforcementCase c, string key, DateOnly today)
    {
        switch (key)
        {
            case "issue-filing": c.RecordFilingApproval("宁通管立〔2026〕9号", Now); break;
            case "investigate": c.StartInvestigation("i", Now); break;
            case "evidence": c.AddEvidence(new CaseEvidence { Description = "入网工单", CollectedOn = today, CollectedBy = "i" }, "i", Now); break;
            case "review": c.SubmitForReview("事实清楚", "i", Now); break;
            case "propose": c.ProposeSanctions(Penalty(Order25, null), Bases, false, "i", Now); break;
            case "notice": c.ServePriorNotice(today, Settings, Calendar, "i", Now); break;
            case "schedule-hearing": c.ScheduleHearing(today, today.AddDays(30), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now); break;
            case "hold-hearing": c.RecordHearing(today, "当事人陈述", "i", Now); break;
            case "decide": c.Decide(today, Penalty(Order25, null), null, Bases, Settings, Calendar, "i", Now); break;
            case "statement": c.RecordStatement(new CaseStatement { Text = "已整改" }, today, "p", Now); break;
            case "waive": c.RecordStatement(new CaseStatement { Text = "放弃陈述申辩和听证。", IsWaiver = true }, today, "p", Now); break;
            case "request-hearing": c.RequestHearing(today, "p", Now); break;
            case "serve": c.Serve(today, "直接送达", Settings, Calendar, "i", Now); break;
            case "acknowledge": c.AcknowledgeService("p", Now); break;
            case "payment": c.RecordPayment(1m, today, "POS9", Settings, "i", Now); break;
            case "arrangement": c.ApprovePaymentArrangement(ApprovalKind.Deferral, D("2026-09-30"), null, "企业资金周转困难", "i", Now); break;
            case "close": c.Close(today, "i", Now); break;
            case "no-penalty": c.DecideNoPenalty(today, FirstOffence, "违法行为轻微并及时改正", null, "i", Now); break;
            case "withdraw": c.Withdraw(today, "违法事实不能成立", "i", Now); break;
            case "transfer": c.Transfer(today, "银川市公安局", "涉嫌犯罪需移送处理", "i", Now); break;
            case "extend": c.ExtendDecisionPeriod(D("2026-08-18"), "案情复杂，需补充调查", CaseFixture.Settings, "i", Now); break;
            case "service-address": c.RecordServiceAddress("银川市金凤区北京中路1号", null, today, "i", Now); break;
            case "mark-significance": c.MarkSignificance(true, false, "涉及用户数量大，社会影响恶劣", "i", Now); break;
            case "discussion": c.RecordDiscussion(today, "王志强、李明", "同意给予警告并处罚款", "i", Now); break;
            case "statement-review": c.ReviewStatements(StatementAdoption.NotAdopted, "所称情况不影响违法事实的认定", "i", Now); break;
            case "remedy-review": c.FileRemedy(RemedyKind.Review, today, null, null, null, Settings, "i", Now); break;
            case "remedy-litigation": c.FileRemedy(RemedyKind.Litigation, today, "银川市兴庆区人民法院", null, null, Settings, "i", Now); break;
            case "remedy-suspend": c.SuspendExecution(today, "复议机关决定停止执行", "i", Now); break;
            case "remedy-outcome": c.RecordRemedyOutcome(RemedyOutcome.Dismissed, today, null, null, null, Bases, Calendar, "i", Now); break;
            case "enforcement-demand": c.ServeEnforcementDemand(today, "i", Now); break;
            case "enforcement-apply": c.ApplyForEnforcement(today, "银川市兴庆区人民法院", "i", Now); break;
            case "enforcement-ruling": c.RecordEnforcementRuling(today, "裁定准予强制执行", "i", Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(key), key);
        }
    }

    public static TheoryData<CaseState, string, string> EveryStateAndAction
    {
        get
        {
            var data = new TheoryData<CaseState, string, string>();
            // Within the statement period, and after every deadline of the party; a decided case only after its decision and service.
            foreach (var state in EachState.Keys)
                foreach (var key in AllKeys)
                    foreach (var today in state is CaseState.Decided or CaseState.Served or CaseState.Executing or CaseState.Closed ? ["2026-05-14"] : new[] { "2026-05-06", "2026-05-14" })
                        data.Add(state, key, today);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void An_action_is_offered_as_allowed_exactly_when_its_transition_accepts_it_that_day(CaseState state, string key, string today)
    {
        var c = EachState[state]();
        var offered = new[] { Acting.Officer, Acting.Party }.SelectMany(actor => c.ActionsFor(actor, D(today))).Where(a => a.Key == key).ToList();
        var refusal = Record.Exception(() => Do(c, key, D(today)));
        Assert.True(refusal is null or DomainException, refusal?.ToString());
        if (refusal is null) Assert.Contains(offered, a => a.Allowed);
        else
        {
            Assert.DoesNotContain(offered, a => a.Allowed);
            // Held back rather than out of place: the reason shown is the refusal itself.
            foreach (var held in offered) Assert.Equal(refusal.Message, held.NotYet);
        }
    }
}
