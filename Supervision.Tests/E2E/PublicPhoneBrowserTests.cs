using Microsoft.Playwright;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.E2E;

/// <summary>The public site on a phone (375 × 812) and on a desktop: the search folds behind one button, the kinds scroll sideways.</summary>
[Collection(BrowserCollection.Name)]
public class PublicPhoneBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private async Task<IPage> OpenAsync(int width, int height, string url = "/public")
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseUrl, Locale = "zh-CN", ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    [Fact]
    public async Task On_a_phone_the_search_is_one_button_and_the_results_start_on_the_first_screen()
    {
        var page = await OpenAsync(375, 812);
        try
        {
            await BrowserPortal.ShotAsync(page, "public-phone");
            var button = page.Locator("label.pub-search-button");
            await Assertions.Expect(button).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#pub-search")).ToBeHiddenAsync();
            var count = await page.Locator("#result-count").BoundingBoxAsync();
            Assert.True(count!.Y + count.Height < 812 / 2.0, $"the result count starts at {count.Y} px, not in the upper half of the first screen");

            // The kinds stay on one line and scroll sideways.
            var tabs = page.Locator(".pub-tabs a");
            var tops = new List<float>();
            for (var i = 0; i < await tabs.CountAsync(); i++) tops.Add((await tabs.Nth(i).BoundingBoxAsync())!.Y);
            Assert.Single(tops.Distinct());
            Assert.True(await page.EvaluateAsync<bool>("() => { const t = document.querySelector('.pub-tabs'); return t.scrollWidth > t.clientWidth && getComputedStyle(t).overflowX === 'auto'; }"));

            await button.ClickAsync();
            await Assertions.Expect(page.Locator("#pub-search")).ToBeVisibleAsync();
            await page.FillAsync("input[name=party]", "宁夏移动");
            await page.ClickAsync("#pub-search button[type=submit]");
            await page.WaitForURLAsync(url => url.Contains("party="));
            // After searching the form folds again; the button says a condition is set.
            await Assertions.Expect(page.Locator("#pub-search")).ToBeHiddenAsync();
            await Assertions.Expect(button).ToHaveTextAsync("查询条件（已设1项）");
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task A_query_with_errors_opens_the_form_on_a_phone_and_a_desktop_shows_it_without_the_button()
    {
        var phone = await OpenAsync(375, 812, "/public?from=2026-13-45");
        try
        {
            await Assertions.Expect(phone.Locator("#pub-search")).ToBeVisibleAsync();   // the dates to correct are in view
            await Assertions.Expect(phone.Locator(".pub-error")).ToBeVisibleAsync();
        }
        finally { await phone.Context.CloseAsync(); }

        var desktop = await OpenAsync(1440, 900);
        try
        {
            await Assertions.Expect(desktop.Locator("#pub-search")).ToBeVisibleAsync();
            await Assertions.Expect(desktop.Locator("label.pub-search-button")).ToBeHiddenAsync();
            var tabs = desktop.Locator(".pub-tabs a");
            Assert.Equal((await tabs.First.BoundingBoxAsync())!.Y, (await tabs.Last.BoundingBoxAsync())!.Y);
        }
        finally { await desktop.Context.CloseAsync(); }
    }
}
