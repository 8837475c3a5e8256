using Microsoft.Playwright;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Web.Access;

namespace Supervision.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class SignInBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task An_inspector_signs_in_and_sees_the_home_page_of_the_province()
    {
        var page = await portal.SignedInAsync("inspector.nx");
        await Assertions.Expect(page.Locator("#scope-name")).ToContainTextAsync("宁夏回族自治区");
        await Assertions.Expect(page.Locator("#current-user")).ToContainTextAsync("检查人员");
        // Through the live circuit, the menu opens the branch list, and it holds this province's branches only.
        await page.GetByRole(AriaRole.Link, new() { Name = "企业分支机构", Exact = true }).First.ClickAsync();
        var rows = page.Locator(".mud-table-body");
        await Assertions.Expect(rows).ToContainTextAsync("中国移动通信集团宁夏有限公司", new() { Timeout = 15_000 });
        await Assertions.Expect(rows).Not.ToContainTextAsync("广东");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_chinese_error()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", "inspector.nx");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#login-submit");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误，请重新输入。");
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task An_open_page_goes_to_sign_in_as_soon_as_an_administrator_locks_the_user()
    {
        var id = await Accounts.CreateAsync(portal, "browser.locked", "Violet#Canyon2026");
        var page = await portal.SignedInAsync("browser.locked", "Violet#Canyon2026");
        await page.GotoAsync("/notifications");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Accounts.AsAdminAsync(portal, u => u.SetLockedAsync(id, true));

        // The circuit learns it from this node's signal, not at a revalidation minutes later; the page itself goes to sign-in.
        await page.WaitForURLAsync(url => url.Contains("/account/login"), new() { Timeout = 5_000 }); // revalidation alone would take up to 10 s
        await Assertions.Expect(page.Locator("#login-heading")).ToHaveTextAsync("用户登录");
    }

    [Fact]
    public async Task The_account_security_page_opens_from_the_app_bar_with_a_qr_code_to_scan()
    {
        var page = await portal.SignedInAsync("carrier.cucc.nx");
        await page.ClickAsync("#account-security");
        await page.WaitForURLAsync(url => url.Contains("/account/security"));
        await Assertions.Expect(page.Locator("#authenticator-qr")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#two-factor-status")).ToContainTextAsync("未启用");
        await BrowserPortal.ShotAsync(page, "account-security");
        await page.ClickAsync("#back-home");
        await page.WaitForURLAsync(url => !url.Contains("/account/security"));
    }

    /// <summary>The content security policy blocks nothing the portal needs: no violation while the circuit runs MudBlazor pages.</summary>
    [Fact]
    public async Task The_security_policy_blocks_nothing_the_pages_use()
    {
        var page = await portal.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(m.Text); };
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", "inspector.nx");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GetByRole(AriaRole.Link, new() { Name = "企业分支机构", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-table-body")).ToContainTextAsync("中国移动通信集团宁夏有限公司", new() { Timeout = 15_000 });
        await page.GotoAsync("/cases");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(await page.EvaluateAsync<bool>("() => !!window.Blazor && !!window.supervisionDownload"));
        Assert.Empty(violations);
    }
}
