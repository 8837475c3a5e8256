using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Enforcement;

/// <summary>
/// The case page (as the server renders it for each user) shows the steps the case itself offers that user today: a step
/// held back is shown disabled with the case's reason, and a carrier sees only its own steps.
/// </summary>
public class CaseDetailTests(Portal portal) : IClassFixture<Portal>
{
    /// <summary>A case of CMCC-64 whose prior notice (warning and a fine of 20,000, below the hearing threshold) was served on 30 April 2026.</summary>
    private async Task<EnforcementCase> NoticedAsync()
    {
        portal.Today(new DateOnly(2026, 4, 30));
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToListAsync();
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new(branch.Id, basis.Id, "未按规定查验入网用户有效身份证件", "暗访发现合作营业厅为未出示证件的用户办理入网。",
            new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), investigators, DifferentActConfirmed: true)); // each test files a case of its own
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份", new DateOnly(2026, 4, 22), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿。");
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, [Lawful.Correction(basis.Id), new(SanctionKind.Warning, basis.Id, null, "警告"), new(SanctionKind.Fine, basis.Id, 20_000m, "罚款")]);
        await cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        return await cases.GetAsync(id);
    }

    /// <summary>The case page as the user sees it after signing in today (a session of another day has expired).</summary>
    private async Task<IDocument> PageAsync(string user, long id)
    {
        var client = portal.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(client, user, DemoAccounts.Password)).StatusCode);
        return new HtmlParser().ParseDocument(await client.GetStringAsync($"/cases/{id}"));
    }

    private static List<string> ActionKeys(IDocument page) =>
        page.QuerySelectorAll("button[id^=record-action-]").Select(b => b.Id!["record-action-".Length..]).ToList();

    /// <summary>The page's buttons are the entity's actions for this actor today: same keys, labels and order, disabled exactly when held back.</summary>
    private static void AssertShowsWhatTheCaseOffers(IDocument page, EnforcementCase c, Acting actor, DateOnly today)
    {
        var offered = c.ActionsFor(actor, today);
        var shown = page.QuerySelectorAll("button[id^=record-action-]").ToList();
        Assert.Equal(offered.Select(a => (a.Key, a.Label, !a.Allowed)),
            shown.Select(b => (b.Id!["record-action-".Length..], b.TextContent.Trim(), b.HasAttribute("disabled"))));
    }

    [Fact]
    public async Task Before_a_decision_the_party_reads_the_fine_as_proposed_and_no_corrective_deadline_runs()
    {
        var c = await NoticedAsync();
        portal.Today(new DateOnly(2026, 5, 6));
        foreach (var user in new[] { "carrier.cmcc.nx", "inspector.nx" })
        {
            var page = await PageAsync(user, c.Id);
            // 拟罚款, from the served 事先告知书: never a fine imposed.
            Assert.Equal("¥20,000.00（尚未作出处罚决定）", page.GetElementById("proposed-fine")!.TextContent.Trim());
            var labels = page.QuerySelectorAll(".mud-text-secondary").Select(l => l.TextContent.Trim()).ToList();
            Assert.Contains("拟罚款", labels);
            Assert.DoesNotContain("罚款", labels);
            // The proposed corrective order sets no deadline until a decision orders it.
            Assert.DoesNotContain("责令改正期限", page.GetElementById("deadlines")!.TextContent);
            Assert.Contains("当事人陈述申辩期限", page.GetElementById("deadlines")!.TextContent);
        }
    }

    [Fact]
    public async Task A_step_the_case_holds_back_is_shown_disabled_with_its_reason_until_the_day_it_is_allowed()
    {
        var c = await NoticedAsync();
        var deadline = c.StatementDeadline!.Value;
        var reason = Assert.Single(c.ActionsFor(Acting.Officer, deadline), a => a.Key == "decide").NotYet;
        Assert.Contains(ChineseDate.Format(deadline), reason);

        portal.Today(deadline);
        var page = await PageAsync("inspector.nx", c.Id);
        Assert.Equal(["approval-decision", "approval-no-penalty", "approval-extension", "mark-significance", "decide", "statement", "service-address", "no-penalty", "transfer",
            "extend"], ActionKeys(page));
        AssertShowsWhatTheCaseOffers(page, c, Acting.Officer, deadline);
        Assert.True(page.GetElementById("record-action-decide")!.HasAttribute("disabled"));
        Assert.False(page.GetElementById("record-action-transfer")!.HasAttribute("disabled"));
        Assert.Equal($"“作出处罚决定”：{reason}", page.GetElementById("record-action-decide-reason")!.TextContent.Trim());

        // Past the period the decision still waits for the 局领导's approval (Art. 57), then it is offered.
        portal.Today(deadline.AddDays(1));
        page = await PageAsync("inspector.nx", c.Id);
        Assert.True(page.GetElementById("record-action-decide")!.HasAttribute("disabled"));
        Assert.Contains("行政处罚法第五十七条", page.GetElementById("record-action-decide-reason")!.TextContent);
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
        {
            var sanctions = c.Sanctions.Select(x => new SanctionInput(x.Kind, x.LegalBasisId, x.Amount, x.Description, x.CorrectionDeadline)).ToList();
            c = await inspector.Get<EnforcementService>().RequestApprovalAsync(c.Id, c.ConcurrencyToken, ApprovalStep.Decision, new ApprovalProposal(Sanctions: sanctions), "");
        }
        await LeaderApproval.ApproveAsync(portal.ScopeFor, c.Id, ApprovalStep.Decision);
        using (var inspector = await portal.AsUserAsync("inspector.nx")) c = await inspector.Get<EnforcementService>().GetAsync(c.Id);
        page = await PageAsync("inspector.nx", c.Id);
        AssertShowsWhatTheCaseOffers(page, c, Acting.Officer, deadline.AddDays(1));
        Assert.False(page.GetElementById("record-action-decide")!.HasAttribute("disabled"));
        Assert.Null(page.GetElementById("record-action-decide-reason"));
        Assert.DoesNotContain("statement", ActionKeys(page)); // the statement period has ended
    }

    [Fact]
    public async Task A_carrier_sees_only_its_own_steps_and_a_leader_none()
    {
        var c = await NoticedAsync();
        var deadline = c.StatementDeadline!.Value;
        portal.Today(deadline);
        var carrier = await PageAsync("carrier.cmcc.nx", c.Id);
        Assert.Equal(["statement", "waive"], ActionKeys(carrier));
        AssertShowsWhatTheCaseOffers(carrier, c, Acting.Party, deadline);
        Assert.Equal("提交陈述申辩", carrier.GetElementById("record-action-statement")!.TextContent.Trim()); // its own statement, not the officer's record of one
        // Not one of the officer's steps that day, by key or by name.
        var officers = c.ActionsFor(Acting.Officer, deadline);
        Assert.Empty(officers.Select(a => a.Label).Intersect(carrier.QuerySelectorAll("button").Select(b => b.TextContent.Trim())));
        Assert.Empty(officers.Select(a => a.Key).Except(["statement"]).Intersect(ActionKeys(carrier)));
        Assert.Empty(carrier.QuerySelectorAll(".record-action-reason")); // the officer's reasons are not the party's business

        var leader = await PageAsync("leader.nx", c.Id);
        Assert.Contains(c.Title, leader.Body!.TextContent); // the leader reads the case
        Assert.Empty(ActionKeys(leader));
        Assert.Empty(leader.QuerySelectorAll(".record-action-reason"));

        portal.Today(deadline.AddDays(1));
        carrier = await PageAsync("carrier.cmcc.nx", c.Id);
        Assert.Contains(c.Title, carrier.Body!.TextContent);
        Assert.Empty(ActionKeys(carrier));
    }

    [Fact]
    public async Task The_designated_legal_reviewer_is_offered_the_review_and_an_investigator_is_not_and_the_party_never_sees_it()
    {
        var c = await NoticedAsync();
        portal.Today(new DateOnly(2026, 5, 11));
        var reviewer = await PageAsync("inspector4.nx", c.Id); // the demo's designated 法制审核人员, no investigator of the case
        Assert.Contains("legal-review", ActionKeys(reviewer));
        Assert.False(reviewer.GetElementById("record-action-legal-review")!.HasAttribute("disabled"));
        Assert.DoesNotContain("legal-review", ActionKeys(await PageAsync("inspector.nx", c.Id)));

        using (var legal = await portal.AsUserAsync("inspector4.nx"))
        {
            var cases = legal.Get<EnforcementService>();
            var me = await cases.ReviewerAsync(c.ProvinceId);
            Assert.NotNull(me);
            await cases.RecordLegalReviewAsync(c.Id, (await cases.GetAsync(c.Id)).ConcurrencyToken, new DateOnly(2026, 5, 11), LegalReviewOpinion.ApproveWithChanges, "罚款数额宜适当降低。");
        }
        var officer = await PageAsync("inspector.nx", c.Id);
        var shown = Assert.Single(officer.QuerySelectorAll(".legal-review")).TextContent;
        Assert.Contains("修改后同意", shown);
        Assert.Contains("罚款数额宜适当降低。", shown);
        var party = await PageAsync("carrier.cmcc.nx", c.Id);
        Assert.Null(party.GetElementById("case-deliberation")); // an internal opinion, not the party's business
        Assert.DoesNotContain("罚款数额宜适当降低", party.Body!.TextContent);
    }
}
