using Microsoft.Playwright;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class AdministrationBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_administrator_creates_a_carrier_user_who_can_then_sign_in()
    {
        var page = await portal.SignedInAsync("admin");
        await page.GotoAsync("/admin/users");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ClickAsync("#add-user");
        await page.FillAsync("#user-name", "carrier.cbn.nx");
        await page.FillAsync("#user-display-name", "宁夏广电实名制专员");
        await BrowserPortal.SelectAsync(page, "user-role", "企业用户");
        await page.FillAsync("#user-branch", "中国广电宁夏网络有限公司");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('中国广电宁夏网络有限公司'):not(:has-text('分公司'))");
        await page.FillAsync("#user-password", "Cbn#Ningxia2026");
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0); // the branch list has closed
        await page.ClickAsync("#save-user");
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "已创建用户" })).ToContainTextAsync("已创建用户 carrier.cbn.nx", Slow);
        // A display name that is only a post is saved, and the administrator is told what the account cannot do until a name is entered.
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "未写明本人姓名" })).ToContainTextAsync("不能签署、确认或承办文书", Slow);
        await Assertions.Expect(page.Locator(".mud-table-body")).ToContainTextAsync("宁夏广电", Slow);

        var carrier = await portal.SignedInAsync("carrier.cbn.nx", "Cbn#Ningxia2026");
        await Assertions.Expect(carrier.Locator("#scope-name")).ToContainTextAsync("中国广电宁夏网络有限公司", Slow);
    }

    [Fact]
    public async Task A_fine_range_upside_down_is_refused_and_a_valid_change_is_audited()
    {
        var page = await portal.SignedInAsync("admin");
        await page.GotoAsync("/catalog/legal-bases");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator("tr:has-text('ORD24-COLLECT') button[aria-label='修改']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByLabel("罚款下限（元）").FillAsync("40000");
        await page.ClickAsync("#save-legal-basis");
        await Assertions.Expect(page.Locator("#legal-basis-errors")).ToContainTextAsync("罚款下限不能高于上限", Slow);

        await dialog.GetByLabel("罚款下限（元）").FillAsync("10000");
        await dialog.GetByLabel("说明（罚则原文、档次、待核对事项）").FillAsync("已对照公布文本核实（浏览器测试）");
        await page.ClickAsync("#save-legal-basis");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("法律依据已保存", Slow);

        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.Locator(".mud-table-body")).ToContainTextAsync("已对照公布文本核实（浏览器测试）", Slow);
        await page.ClickAsync("#verify-chain");
        await Assertions.Expect(page.Locator("#chain-status")).ToContainTextAsync("审计链完整", Slow);
    }

    [Fact]
    public async Task An_issued_api_key_is_shown_once_with_a_copy_button_and_the_form_clears_for_the_next()
    {
        var page = await portal.SignedInAsync("admin");
        await page.GotoAsync("/admin/api-keys");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // A key is issued for a branch and names the 签报人 it files for.
        await page.FillAsync("#key-branch", "中国移动通信集团宁夏有限公司");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('中国移动通信集团宁夏有限公司'):not(:has-text('分公司'))");
        await BrowserPortal.SelectAsync(page, "key-signatory", "宁夏移动实名制管理员");
        await page.FillAsync("#key-name", "广电报送系统（浏览器测试）");
        await page.ClickAsync("#issue-key");
        await Assertions.Expect(page.Locator("#issued-key-value")).ToContainTextAsync("spk_", Slow);
        await Assertions.Expect(page.Locator("#issued-key")).ToContainTextAsync("广电报送系统（浏览器测试）", Slow);
        Assert.Equal("", await page.InputValueAsync("#key-name"));
        Assert.Equal("", await page.InputValueAsync("#key-branch"));
        await Assertions.Expect(page.Locator("#issue-key")).ToBeDisabledAsync();

        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.ClickAsync("#copy-key");
        await Assertions.Expect(page.Locator("#copy-key")).ToContainTextAsync("已复制", Slow);
        Assert.Equal(await page.InnerTextAsync("#issued-key-value"), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }
}
