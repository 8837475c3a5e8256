using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using Supervision.Domain.Rankings;
using Supervision.Tests.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Web.Publicity;

namespace Supervision.Tests.Web.Enforcement;

/// <summary>
/// After the decision, on a portal of its own with its clock set: a revoking review withdraws the announcement within three
/// working days and takes the decision out of the rankings; a changing one changes the fine, the draft announcement and the
/// figures, and pauses the surcharge while it runs; an unpaid fine without review or suit raises the court-enforcement
/// reminder on the day its window opens. Cases are decided 11 May 2026 and served 12 May with a warning and ¥20,000 (due 27 May).
/// </summary>
public class CaseRemediesFlowTests(Portal portal) : IClassFixture<Portal>
{
    private static DateOnly D(string s) => DateOnly.Parse(s);

    private async Task<AccessScope> InspectorAsync()
    {
        await using var db = portal.Db();
        return AccessScope.ForProvince((await db.Provinces.SingleAsync(p => p.Code == "64")).Id, false, UserRole.Inspector);
    }

    private async Task<T> AsInspectorAsync<T>() where T : notnull => portal.ScopeFor(await InspectorAsync(), "inspector.nx").ServiceProvider.GetRequiredService<T>();

    private async Task<Announcement> AnnouncementOfAsync(long caseId, bool correction = false)
    {
        await using var db = portal.Db();
        var id = caseId.ToString();
        return await db.Announcements.AsNoTracking().Where(a => a.SourceType == PenaltyAnnouncement.SourceType && (correction ? a.SourceId.StartsWith(id + ":") : a.SourceId == id))
            .SingleAsync();
    }

    /// <summary>The case page as the user sees it after signing in today.</summary>
    private async Task<AngleSharp.Dom.IDocument> PageAsync(string user, long id)
    {
        var client = portal.Anonymous();
        await Portal.SignInAsync(client, user, DemoAccounts.Password);
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync($"/cases/{id}"));
    }

    private async Task<int> NotificationsAsync(string key)
    {
        await using var db = portal.Db();
        return await db.Notifications.IgnoreQueryFilters().CountAsync(n => n.DedupKey == key); // every recipient's copy
    }

    /// <summary>The May figures as the nightly rebuild leaves them on 1 June (the month has ended); the province's summary covers May.</summary>
    private async Task<Dictionary<string, IndicatorValue>> MayFiguresAsync()
    {
        portal.Today(D("2026-06-01"));
        if ((await RankingData.ValuesAsync(portal, "CMCC-64", "2026-05")).Count == 0)
            await RankingData.FileAndAcceptAsync(portal, "CMCC-64", "2026-05", new RnRow());
        await portal.ScopeFor(AccessScope.System, "system").ServiceProvider.GetRequiredService<RankingUpdater>().RunAsync(portal.Clock.GetUtcNow());
        return await RankingData.ValuesAsync(portal, "CMCC-64", "2026-05");
    }

    /// <summary>确认无效 (行政复议法第六十七条; 行政处罚法第三十八条) ends the decision as 撤销 does: announcement, sanctions and rankings alike.</summary>
    [Theory]
    [InlineData(RemedyOutcome.Revoked, "撤销", "2026-03-11")]
    [InlineData(RemedyOutcome.ConfirmedVoid, "确认无效", "2026-03-18")]
    public async Task A_revocation_withdraws_the_announcement_within_three_working_days_and_the_decision_leaves_the_rankings(RemedyOutcome outcome, string label, string act)
    {
        var id = await DecidedCase.DecideAsync(portal, $"未按规定查验入网用户身份证件（复议{label}）", "合作营业厅未核验证件为用户办理入网。", D(act),
            SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine);
        var draft = await AnnouncementOfAsync(id);
        portal.Today(D("2026-05-14"));
        await using (var db = portal.Db())
        {
            var ordinary = await db.PublicationCategories.SingleAsync(c => c.Code == "ordinary");
            await LeaderApproval.PublishAsync(portal.ScopeFor, (await AsInspectorAsync<PublicityService>()), draft.Id, D("2026-05-14"), new PublicationChoice(ordinary.Id, null));
        }

        var before = await MayFiguresAsync();
        var cases = await AsInspectorAsync<EnforcementService>();
        var c = await cases.FileRemedyAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, new RemedyInput(RemedyKind.Review, D("2026-06-01"), null, "工信复〔2026〕7号"));
        portal.Today(D("2026-07-15"));   // a Wednesday
        await cases.RecordRemedyOutcomeAsync(id, c.ConcurrencyToken, new RemedyOutcomeInput(outcome, D("2026-07-15"), "认定事实不清，责令重新调查"));

        var marked = await AnnouncementOfAsync(id);
        Assert.Equal((AnnouncementStatus.Published, D("2026-07-15"), D("2026-07-20")), (marked.Status, marked.SourceChangedOn!.Value, marked.WithdrawalDueBy!.Value));
        Assert.Contains($"经中华人民共和国工业和信息化部行政复议{label}", marked.SourceChangeReason);
        Assert.Equal(label, (await cases.GetAsync(id)).RevokedAs);
        var shown = await portal.Anonymous().GetStringAsync($"/public/announcements/{marked.Id}?probe=category");
        Assert.Contains("<th scope=\"row\">公示类别</th><td class=\"pub-text\">一般失信行为</td>", shown);
        // The decision no longer counts: one decision and ¥20,000 fewer in May, in the outcome's own transaction.
        var after = await RankingData.ValuesAsync(portal, "CMCC-64", "2026-05");
        Assert.Equal(before[SupervisionIndicators.Penalties].Value - 1, after[SupervisionIndicators.Penalties].Value);
        Assert.Equal(before[SupervisionIndicators.Fines].Value - 20_000, after[SupervisionIndicators.Fines].Value);

        // Past the three working days the publication scanner alerts; the officer withdraws and the public page says why.
        portal.Today(D("2026-07-21"));
        await portal.ScopeFor(AccessScope.System, "system").ServiceProvider.GetRequiredService<PublicationDeadlineScanner>().RunAsync(portal.Clock.GetUtcNow());
        Assert.True(await NotificationsAsync($"announcement:{marked.Id}:撤回公示:20260720:overdue") > 0);
        await (await AsInspectorAsync<PublicityService>()).WithdrawAsync(marked.Id, marked.ConcurrencyToken, "该处罚决定已经行政复议撤销");
        var page = await portal.Anonymous().GetStringAsync($"/public/announcements/{marked.Id}?probe=withdrawn");
        Assert.Contains("本公示已于2026年7月21日撤回", page);
        Assert.Contains("该处罚决定已经行政复议撤销", page);
    }

    [Fact]
    public async Task A_change_pauses_the_surcharge_while_the_review_runs_then_changes_the_fine_the_draft_and_the_figures()
    {
        var id = await DecidedCase.DecideAsync(portal, "未按规定查验入网用户身份证件（复议变更）", "合作营业厅未核验证件为用户办理入网。", D("2026-03-12"),
            SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine);
        var before = await MayFiguresAsync();
        var cases = await AsInspectorAsync<EnforcementService>();
        var rate = (await cases.SettingsAsync((await cases.GetAsync(id)).ProvinceId)).SurchargeRatePerDay;

        portal.Today(D("2026-06-01"));
        var late = await Assert.ThrowsAsync<DomainException>(() => cases.FileRemedyAsync(id, Guid.Empty, new RemedyInput(RemedyKind.Review, D("2026-06-01"), "宁夏回族自治区人民政府", null)));
        Assert.Equal("case.changed", late.Code);   // a stale page is refused before anything else
        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await cases.FileRemedyAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, new RemedyInput(RemedyKind.Review, D("2026-06-01"), "宁夏回族自治区人民政府", null)));
        Assert.Contains("行政复议法第二十七条", refused.Message);
        var c = await cases.FileRemedyAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, new RemedyInput(RemedyKind.Review, D("2026-06-01"), null, null));
        Assert.Equal(2_400m, c.SurchargeOn(BeijingTime.Today(portal.Clock), rate));              // 28–31 May

        portal.Today(D("2026-06-30"));
        c = await cases.GetAsync(id);
        Assert.Equal((2_400m, 30), (c.SurchargeOn(BeijingTime.Today(portal.Clock), rate), c.SurchargePausedDays(BeijingTime.Today(portal.Clock))));
        int basis;
        await using (var db = portal.Db())
            basis = await db.LegalBases.Where(b => b.Code == "ORD25-A06").Select(b => b.Id).SingleAsync();
        await cases.RecordRemedyOutcomeAsync(id, c.ConcurrencyToken, new RemedyOutcomeInput(RemedyOutcome.Changed, D("2026-06-30"), "罚款数额明显不当",
            [Lawful.Correction(basis), new SanctionInput(SanctionKind.Warning, basis, null, "警告"), new SanctionInput(SanctionKind.Fine, basis, 10_000m, "罚款")]));

        portal.Today(D("2026-07-02"));
        c = await cases.GetAsync(id);
        Assert.Equal(10_000m, c.FineAmount);
        Assert.Equal(1_800m, c.SurchargeOn(BeijingTime.Today(portal.Clock), rate));              // 4 days before, 1–2 July after: 6 × 3 % of ¥10,000
        var draft = await AnnouncementOfAsync(id);
        Assert.Equal(AnnouncementStatus.Draft, draft.Status);
        Assert.Contains("罚款人民币10,000.00元", draft.PenaltyContent);
        var after = await RankingData.ValuesAsync(portal, "CMCC-64", "2026-05");
        Assert.Equal(before[SupervisionIndicators.Penalties].Value, after[SupervisionIndicators.Penalties].Value);

        // The officer's page shows the paused days and the review; the party reads the outcome in its timeline, never the note.
        var officer = await PageAsync("inspector.nx", id);
        Assert.Contains("已暂停计算30日", officer.GetElementById("surcharge-paused")!.TextContent);
        Assert.Contains("罚款数额明显不当", officer.GetElementById("remedies")!.TextContent);
        var party = await PageAsync("carrier.cmcc.nx", id);
        Assert.Null(party.GetElementById("case-remedies"));
        Assert.Contains("行政复议决定：变更", party.Body!.TextContent);
        Assert.DoesNotContain("罚款数额明显不当", party.Body!.TextContent);
        Assert.Equal(before[SupervisionIndicators.Fines].Value - 10_000, after[SupervisionIndicators.Fines].Value);
    }

    [Fact]
    public async Task The_court_enforcement_reminder_is_raised_on_the_day_the_window_opens_once()
    {
        var unpaid = await DecidedCase.DecideAsync(portal, "未按规定查验入网用户身份证件（未缴纳）", "合作营业厅未核验证件为用户办理入网。", D("2026-03-13"),
            SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine);
        var reviewed = await DecidedCase.DecideAsync(portal, "未按规定查验入网用户身份证件（已复议）", "合作营业厅未核验证件为用户办理入网。", D("2026-03-16"),
            SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine);
        var cases = await AsInspectorAsync<EnforcementService>();
        portal.Today(D("2026-06-01"));
        await cases.FileRemedyAsync(reviewed, (await cases.GetAsync(reviewed)).ConcurrencyToken, new RemedyInput(RemedyKind.Review, D("2026-06-01"), null, null));
        var scanner = portal.ScopeFor(AccessScope.System, "system").ServiceProvider.GetRequiredService<CourtEnforcementScanner>();
        string Key(long id) => $"case:{id}:court-enforcement:20261113:open";

        portal.Today(D("2026-11-12"));   // the last day of the six-month suit period
        await scanner.RunAsync(portal.Clock.GetUtcNow());
        Assert.Equal(0, await NotificationsAsync(Key(unpaid)));

        portal.Today(D("2026-11-13"));
        await scanner.RunAsync(portal.Clock.GetUtcNow());
        Assert.Equal(2, await NotificationsAsync(Key(unpaid)));      // each of the two investigators
        Assert.Equal(0, await NotificationsAsync(Key(reviewed)));
        await scanner.RunAsync(portal.Clock.GetUtcNow());
        Assert.Equal(2, await NotificationsAsync(Key(unpaid)));
        var c = await cases.GetAsync(unpaid);
        Assert.Equal(D("2027-02-12"), EnforcementService.Deadlines(c, D("2026-11-13")).Single(d => d.Key == "court-enforcement").Due);

        // The review decided and upheld: the party may still sue within fifteen days of it (行政诉讼法第四十五条) — 13 November + 15
        // is Saturday 28 November, so Monday 30 November (the period moves off the rest day); the reminder comes the day after.
        await cases.RecordRemedyOutcomeAsync(reviewed, (await cases.GetAsync(reviewed)).ConcurrencyToken, new RemedyOutcomeInput(RemedyOutcome.Upheld, D("2026-11-13"), null));
        string AfterReview(long id) => $"case:{id}:court-enforcement:20261201:open";
        portal.Today(D("2026-11-30"));
        await scanner.RunAsync(portal.Clock.GetUtcNow());
        Assert.Equal(0, await NotificationsAsync(AfterReview(reviewed)));
        portal.Today(D("2026-12-01"));
        await scanner.RunAsync(portal.Clock.GetUtcNow());
        Assert.Equal(2, await NotificationsAsync(AfterReview(reviewed)));
    }

    [Fact]
    public async Task A_direct_filing_beside_a_case_on_the_same_duty_and_overlapping_act_needs_the_inspector_to_confirm_a_different_act()
    {
        int branch, basis;
        string[] investigators;
        await using (var db = portal.Db())
        {
            branch = await db.Branches.Where(b => b.Code == "CMCC-64").Select(b => b.Id).SingleAsync();
            basis = await db.LegalBases.Where(b => b.Code == "ORD25-A06").Select(b => b.Id).SingleAsync();
            investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        }
        portal.Today(D("2026-04-30"));
        var cases = await AsInspectorAsync<EnforcementService>();
        FileCaseInput Input(string from, string? to, bool confirmed = false) => new(branch, basis, "未按规定查验入网用户身份证件", "某营业厅为未出示证件的用户办理入网。",
            D(from), D("2026-04-20"), investigators, ActEndedOn: to is null ? null : D(to), DifferentActConfirmed: confirmed);

        var first = await LeaderApproval.FileAsync(portal.ScopeFor, cases, Input("2026-02-02", "2026-02-20"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => cases.FileAsync(Input("2026-02-10", null)));
        Assert.Equal(EnforcementService.SameActCode, refused.Code);
        Assert.Contains("行政处罚法第二十九条", refused.Message);
        Assert.Contains((await cases.GetAsync(first)).CaseNumber!, refused.Message);
        var confirmed = await cases.FileAsync(Input("2026-02-10", null, confirmed: true));
        var later = await cases.FileAsync(Input("2026-02-21", null));   // after the first act ended: no overlap
        Assert.NotEqual(confirmed, later);
    }
}
