using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.E2E;

/// <summary>
/// The column editor in a real browser at a desktop (1440 px) and a phone (390 px) width: every column's settings are on
/// screen (nothing cut off behind 最大值) and the page never scrolls sideways. With SUPERVISION_SCREENSHOTS set, the pages
/// are saved for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TemplateDesignerBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task The_column_editor_fits_the_screen_at_desktop_and_phone_widths(int width, int height)
    {
        int id;
        await using (var db = portal.Db())
            id = await db.ReturnTemplates.Where(t => t.Code == "RN-MONTHLY" && t.IsActive).OrderByDescending(t => t.Version).Select(t => t.Id).FirstAsync();
        var page = await portal.SignedInAsync("admin");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync($"/admin/templates/{id}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // The tab answers once the circuit is up: the click is repeated until the columns show.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator(".mud-tab:has-text('工作表与列')").ClickAsync();
            try
            {
                await page.Locator(".column-row").First.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }

        // Every field of every column lies inside the window's width, the remove button included.
        var outside = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('.column-row .column-header, .column-row .column-max, .column-row .column-remove')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length");
        Assert.Equal(0, outside);
        var sideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(sideways);
        await BrowserPortal.ShotAsync(page, $"template-designer-columns-{width}");

        // A problem is marked at its field and scrolled to.
        await page.Locator(".column-row").Nth(2).Locator(".column-min input").FillAsync("999");
        await page.Locator(".column-row").Nth(2).Locator(".column-max input").FillAsync("1");
        await page.Locator(".column-row").Nth(2).Locator(".column-max input").PressAsync("Tab");
        await page.Locator("#design-check").ClickAsync();
        await page.Locator(".column-row.design-error").First.WaitForAsync();
        Assert.Contains("最小值大于最大值", await page.Locator("#design-errors").InnerTextAsync());
        await BrowserPortal.ShotAsync(page, $"template-designer-error-{width}");
    }
}
