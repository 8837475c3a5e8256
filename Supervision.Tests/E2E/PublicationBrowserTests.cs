using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Reports.Enforcement;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.E2E;

public class PublicationBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };

    /// <summary>A case against 宁夏电信 decided yesterday with 向社会公告 and served: its draft announcement waits for review.</summary>
    private async Task<string> DecidedCaseAsync()
    {
        var today = Supervision.Domain.Common.BeijingTime.Today(portal.Factory.Clock);
        using var system = portal.Factory.ScopeFor(AccessScope.System, "test");
        await using var db = await system.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CTCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        using var scope = portal.Factory.ScopeFor(AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector), "inspector.nx");
        var docs = scope.ServiceProvider.GetRequiredService<EnforcementService>();
        var cases = scope.ServiceProvider.GetRequiredService<EnforcementService>();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, docs, new FileCaseInput(branch.Id, basis.Id, "营业网点为用户办理入网未核验身份证件",
            "执法人员暗访发现，该企业营业网点为用户（身份证号640102199001011234）办理入网时未核验证件。", today.AddDays(-60), today.AddDays(-40), investigators));
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访记录", today.AddDays(-35), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "事实清楚");
        SanctionInput[] sanctions = [Lawful.Correction(basis.Id), new(SanctionKind.Warning, basis.Id, null, "警告"), new(SanctionKind.PublicAnnouncement, basis.Id, null, "向社会公告")];
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        await docs.ServePriorNoticeAsync(id, c.ConcurrencyToken, today.AddDays(-30));
        c = await cases.GetAsync(id);
        var decision = await LeaderApproval.DecideAsync(portal.ScopeFor, docs, id, today.AddDays(-2), sanctions);
        c = await cases.GetAsync(id);
        await docs.ServeAsync(id, c.ConcurrencyToken, today.AddDays(-1), "直接送达");
        return decision.Number!;
    }

    [Fact]
    public async Task An_inspector_publishes_a_decision_and_the_public_finds_it_without_signing_in()
    {
        var number = await DecidedCaseAsync();
        var p = await portal.SignedInAsync("inspector.nx");
        try
        {
            await p.GotoAsync("/publicity");
            await p.ClickAsync("#announcements a:has-text('营业网点为用户办理入网未核验身份证件')");
            await Assertions.Expect(p.Locator("#record-action-publish")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Assertions.Expect(p.Locator("#ann-facts")).Not.ToHaveValueAsync(new System.Text.RegularExpressions.Regex("640102199001011234"));
            // The category decides the period, counted from the decision date.
            await BrowserPortal.SelectAsync(p, "ann-category", "一般失信行为");
            await Assertions.Expect(p.Locator("#ann-period-end")).ToContainTextAsync("公示至");
            await BrowserPortal.ShotAsync(p, "publicity-0-category");
            // Publishing waits for the 局领导's approval of this category and period.
            await Assertions.Expect(p.Locator("#record-action-publish")).ToBeDisabledAsync();
            await Assertions.Expect(p.Locator("#record-action-publish-reason")).ToContainTextAsync("须经行政机关负责人批准");
            await p.ClickAsync("#record-action-request-approval");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToContainTextAsync("将报请：按一般失信行为公示12个月");
            await p.ClickAsync("#action-confirm");
            await Assertions.Expect(p.Locator(".mud-snackbar")).ToContainTextAsync("已报请局领导审批发布", Slow);
            var leader = await portal.SignedInAsync("leader.nx");
            await BrowserPortal.ApproveInInboxAsync(leader, "营业网点为用户办理入网未核验身份证件", "同意按一般失信行为公示。");
            await leader.CloseAsync();
            await p.ReloadAsync();
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle); // the circuit is up: a click on the prerendered button would do nothing
            await Assertions.Expect(p.Locator("#record-action-publish")).ToBeEnabledAsync(new() { Timeout = 20_000 });
            await p.ClickAsync("#record-action-publish");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToBeVisibleAsync();
            await Assertions.Expect(p.Locator(".mud-dialog")).ToContainTextAsync("按一般失信行为自处罚决定日期起公示12个月");
            // The preview shows the public page as it will read: the number in it, the ID number already removed.
            await Assertions.Expect(p.Locator("#publication-preview")).ToContainTextAsync(number);
            await Assertions.Expect(p.Locator("#publication-preview")).ToContainTextAsync("（身份证号码已隐去）");
            await Assertions.Expect(p.Locator("#publication-preview")).Not.ToContainTextAsync("640102199001011234");
            await Assertions.Expect(p.Locator("#content-note")).ToContainTextAsync("发布前可预览");
            await p.ClickAsync("#action-confirm");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(p.Locator(".status-chip").First).ToContainTextAsync("公示中", Slow);
            await Assertions.Expect(p.Locator("#content-note")).ToContainTextAsync("以下为公示网站显示的内容，不能再修改", Slow);
            await Assertions.Expect(p.Locator("#open-public")).ToBeVisibleAsync();
            await BrowserPortal.ShotAsync(p, "publicity-1-published");

            // Anyone, without signing in, finds it by the decision's number and opens its 公告.
            var reader = await portal.NewPageAsync();
            await reader.GotoAsync("/public");
            await reader.FillAsync("input[name=number]", number);
            await reader.ClickAsync("button[type=submit]");
            await Assertions.Expect(reader.Locator("#result-count")).ToContainTextAsync("共 1 条");
            await reader.ClickAsync("#results a");
            await Assertions.Expect(reader.Locator("#fields")).ToContainTextAsync(number);
            await Assertions.Expect(reader.Locator("#fields")).ToContainTextAsync("（身份证号码已隐去）");
            await Assertions.Expect(reader.Locator("#fields")).Not.ToContainTextAsync("640102199001011234");
            await BrowserPortal.ShotAsync(reader, "publicity-2-public-detail");
            var download = await reader.Context.APIRequest.GetAsync(await reader.Locator("#pdf").GetAttributeAsync("href") ?? "");
            Assert.Equal("application/pdf", download.Headers["content-type"]);
        }
        finally
        {
            await p.Context.CloseAsync();
        }
    }
}
