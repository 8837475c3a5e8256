using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Supervision.Domain.Access;
using Supervision.Domain.Data;

namespace Supervision.Tests.Infrastructure;

/// <summary>
/// The portal on a real Kestrel port and Debian's Chromium driven by Playwright. test.sh installs
/// Chromium; without it these tests fail with a message saying so (they are never skipped).
/// </summary>
public sealed class BrowserPortal : IAsyncLifetime, IServicePortal
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public PortalFactory Factory { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run ./test.sh, which installs it (apt-get install chromium).");
        var port = FreePort();
        Factory = new PortalFactory(await TemplateDatabase.CopyAsync());
        Factory.UseKestrel(port);
        Factory.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new page in its own browser context; <paramref name="locale"/> is the browser's language (en-US to prove the portal does not depend on it).</summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale, ViewportSize = new() { Width = 1400, Height = 900 } });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInAsync(string user, string password = "Demo#2026", string locale = "zh-CN")
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        // Interactive components answer only once the circuit is up; the page is idle by then.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    /// <summary>Picks an option of a MudSelect by the id given to the select.</summary>
    /// <summary>
    /// Opens a select and picks the option. A select whose options arrive from the server after another choice (the 签报人 of
    /// the branch just chosen) may open before they are there, on a busy machine: it is closed and opened again until they are.
    /// </summary>
    public static async Task SelectAsync(IPage page, string id, string option)
    {
        var item = page.Locator($".mud-popover-open .mud-list-item:has-text('{option}')").First;
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator($".mud-select:has(#{id}) .mud-input-control").ClickAsync();
            try
            {
                await item.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 6)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
        await item.ClickAsync();
    }

    /// <summary>
    /// Types a date into an editable MudDatePicker and leaves the field. On a busy machine the typed text can reach the page
    /// before the picker takes it (its label then stays over the text and the form counts it empty): it is typed again until
    /// the picker shows it has a value (the input's "mud-shrink").
    /// </summary>
    public static async Task FillDateAsync(IPage page, string id, string date)
    {
        // The pickers show and take dates as people write them (2026年3月10日); a test names the date as 2026-03-10.
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            date = $"{day.Year}年{day.Month}月{day.Day}日";
        var taken = page.Locator($".mud-input.mud-shrink:has(#{id})");
        for (var attempt = 1; ; attempt++)
        {
            await page.FillAsync($"#{id}", date);
            await page.Keyboard.PressAsync("Tab");
            try
            {
                await taken.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }
    }

    /// <summary>
    /// Clicks a button that opens a dialog. A page navigated to is prerendered first; on a busy machine a click can land before
    /// the circuit has attached the button's handler, and nothing opens: it is clicked again until the dialog is there.
    /// </summary>
    public static async Task OpenDialogAsync(IPage page, string button)
    {
        var dialog = page.Locator(".mud-dialog").First;
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync(button);
            try
            {
                await dialog.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }
    }

    /// <summary>The 局领导 approves the pending request about <paramref name="subject"/> in his inbox, with an opinion.</summary>
    public static async Task ApproveInInboxAsync(IPage leader, string subject, string opinion)
    {
        await leader.GotoAsync("/approvals");
        await leader.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var request = leader.Locator($".pending-approval:has-text('{subject}')").First;
        await request.Locator("[id^=approve-]").ClickAsync();
        await leader.FillAsync("#approval-opinion", opinion);
        await leader.ClickAsync("#approval-confirm");
        await Assertions.Expect(leader.Locator(".mud-snackbar")).ToContainTextAsync("已批准", new() { Timeout = 20_000 });
    }

    public IServiceScope ScopeFor(AccessScope scope, string actor = "test") => Factory.ScopeFor(scope, actor);

    /// <summary>A context acting with the given scope (the system when none), for arranging and checking what the browser did.</summary>
    public SupervisionDbContext Db(AccessScope? scope = null) =>
        ScopeFor(scope ?? AccessScope.System).ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContext();

    /// <summary>
    /// Saves a full-page screenshot when SUPERVISION_SCREENSHOTS names a folder, so a person can look
    /// at what a browser test walked through (no effect otherwise).
    /// </summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SUPERVISION_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Factory is not null) await Factory.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
