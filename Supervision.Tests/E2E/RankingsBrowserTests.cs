using Microsoft.Playwright;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Web.Demo;

namespace Supervision.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class RankingsBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };

    [Fact]
    public async Task A_leader_opens_the_dashboard_changes_the_month_and_drills_down_to_a_company_and_its_returns()
    {
        await DemoHistoryTests.RunAsync(portal.Factory.Database);   // three months of 宁夏 returns, through the importer
        var page = await portal.SignedInAsync("leader.nx");
        await page.GotoAsync("/rankings");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var carriers = page.Locator(".ranking-table").First;
        await Assertions.Expect(carriers).ToContainTextAsync("宁夏移动", Slow);
        await Assertions.Expect(carriers.Locator("tr.ranking-unscored").First).ToContainTextAsync("未报送", Slow);   // October: some not yet accepted

        await BrowserPortal.SelectAsync(page, "ranking-period", "2026年9月");
        await page.WaitForURLAsync(url => url.Contains("period=2026-09"));
        await Assertions.Expect(page.Locator("h1 + p, .page-title + *").First).ToContainTextAsync("2026年9月", Slow);
        await Assertions.Expect(carriers.Locator("tr.ranking-row")).ToHaveCountAsync(10);
        await Assertions.Expect(carriers.Locator("tr.ranking-unscored")).ToHaveCountAsync(0);                        // September: everyone accepted

        var top = carriers.Locator("tr.ranking-row").First.Locator("a.entity-link");
        var name = (await top.TextContentAsync())!.Trim();
        await top.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/rankings/branches/") && url.Contains("period=2026-09"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(name, Slow);
        await Assertions.Expect(page.Locator("#entity-rank")).ToContainTextAsync("第1名", Slow);
        await Assertions.Expect(page.Locator(".score-breakdown")).ToContainTextAsync("实名率", Slow);

        await page.ClickAsync("#open-returns");
        await page.WaitForURLAsync(url => url.Contains("/submissions?branch=") && url.Contains("period=2026-09"));
        await Assertions.Expect(page.Locator("#branch-filter")).ToContainTextAsync(name, Slow);
        await Assertions.Expect(page.Locator(".mud-table-body")).ToContainTextAsync("已受理", Slow);
        await Assertions.Expect(page.Locator(".mud-table-body")).Not.ToContainTextAsync("2026-08");
    }
}
