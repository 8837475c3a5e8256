using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Supervision.Domain.Inspections;
using Supervision.Tests.Domain.Inspections;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class InspectionFlowBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };

    private static async Task ConfirmAsync(IPage page, string button) => await page.Locator($".mud-dialog button:has-text('{button}')").ClickAsync();

    private static async Task SnackbarAsync(IPage page, string text) =>
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = text })).ToHaveCountAsync(1, new() { Timeout = 20_000 });

    /// <summary>Waits until the database shows what the page saved (saves on the checklist are silent).</summary>
    private async Task UntilAsync(Func<Task<bool>> saved)
    {
        for (var i = 0; i < 100 && !await saved(); i++) await Task.Delay(200);
        Assert.True(await saved());
    }

    [Fact]
    public async Task An_inspector_draws_records_a_non_compliance_and_orders_rectification_the_carrier_reports_and_the_inspector_verifies()
    {
        var plan = await InspectionKit.ActivePlanAsync(portal, PlanScope.Branches, ["CMCC-640400", "CMCC-640500"], ["RN-01", "RN-02"]);

        // 双随机: draw from the plan page, then verify.
        var inspector = await portal.SignedInAsync("inspector.nx", locale: "en-US");
        await inspector.GotoAsync($"/inspections/plans/{plan}");
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await inspector.ClickAsync("#record-action-draw");
        await Assertions.Expect(inspector.Locator("#draw-summary")).ToContainTextAsync("检查对象名录2个", Slow);
        await inspector.ClickAsync("#draw-confirm");
        await inspector.WaitForURLAsync(new Regex(@"/inspections/draws/\d+$"));
        var drawId = long.Parse(inspector.Url.Split('/').Last());
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await inspector.ClickAsync("#verify-draw");
        await Assertions.Expect(inspector.Locator("#verify-result")).ToContainTextAsync("复核一致", Slow);

        // The inspection record: visit, one item 符合, one 不符合 with its facts, then complete. The inspector's browser speaks
        // English: the date field is the portal's zh-CN picker all the same (2026年12月7日, not a native 12/07/2026).
        var inspection = await InspectionKit.AssignedAsync(portal, drawId, "inspector.nx");
        var rn01 = inspection.Items.Single(i => i.ItemCode == "RN-01").Id;
        var rn02 = inspection.Items.Single(i => i.ItemCode == "RN-02").Id;
        await inspector.GotoAsync($"/inspections/{inspection.Id}");
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        await BrowserPortal.FillDateAsync(inspector, "visit-date", today);
        await inspector.FillAsync("#visit-place", "银川市兴庆区解放西街营业厅");
        await inspector.FillAsync("#visit-representative", "王磊");
        await inspector.ClickAsync("#save-visit");
        await SnackbarAsync(inspector, "现场情况已保存");
        // 行政处罚法第五十五条: the officers showed their certificates — recorded before the record can be completed.
        await inspector.ClickAsync("#record-credentials");
        await SnackbarAsync(inspector, "已登记执法人员出示执法证件");
        await Assertions.Expect(inspector.Locator("#credentials-shown")).ToContainTextAsync("执法证号", Slow);
        await inspector.ClickAsync($"#outcome-{rn02}-NonCompliant");
        await inspector.FillAsync($"#notes-{rn02}", "抽查20份入网登记，其中3份未登记证件地址");
        await inspector.PressAsync($"#notes-{rn02}", "Tab");
        await using (var db = portal.Db())
            await UntilAsync(async () => await db.InspectionItemResults.AsNoTracking().AnyAsync(i => i.Id == rn02 && i.Notes != null && i.Outcome == ItemOutcome.NonCompliant));
        // 其余均符合: the one item left is recorded as 符合; the 不符合 one stays.
        await inspector.ClickAsync("#rest-compliant");
        await SnackbarAsync(inspector, "其余1项已记录为符合");
        await Assertions.Expect(inspector.Locator($"#item-{rn01}")).ToHaveClassAsync(new Regex("outcome-compliant"));
        await Assertions.Expect(inspector.Locator($"#item-{rn02}")).ToHaveClassAsync(new Regex("outcome-noncompliant"));
        await Assertions.Expect(inspector.Locator("#rest-compliant")).ToHaveCountAsync(0);
        await inspector.ClickAsync("#record-action-complete");
        await ConfirmAsync(inspector, "完成并出具记录");
        await SnackbarAsync(inspector, "检查已完成");
        await Assertions.Expect(inspector.Locator("#locked-note")).ToContainTextAsync("宁通管检", Slow);

        // The finding → corrective order → issue with its numbered notice.
        await inspector.Locator("#inspection-findings a").First.ClickAsync();
        await inspector.WaitForURLAsync(new Regex(@"/inspections/findings/\d+$"));
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await inspector.ClickAsync("#record-action-decide");
        await inspector.ClickAsync("#decide-confirm");
        await inspector.WaitForURLAsync(new Regex(@"/inspections/orders/\d+$"));
        var orderId = long.Parse(inspector.Url.Split('/').Last());
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(inspector.Locator("#deadline-preview")).ToContainTextAsync("若今日下达", Slow);
        await inspector.ClickAsync("#record-action-issue");
        // Served on the spot: handed to the person present, who signs the 送达回证; the deadline runs from today.
        await inspector.FillAsync("#action-recipient", "王磊");
        await ConfirmAsync(inspector, "下达");
        await SnackbarAsync(inspector, "通知书已下达");
        await Assertions.Expect(inspector.Locator(".page-title")).ToContainTextAsync("宁通管改", Slow);

        // The carrier sees the order, reads the notice and reports with a photo.
        var carrier = await portal.SignedInAsync("carrier.cmcc.nx");
        await carrier.GotoAsync($"/rectification/{orderId}");
        await carrier.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(carrier.Locator("#order-facts")).ToContainTextAsync("3份未登记证件地址", Slow);
        // The party's documents: the issued inspection record the notice cites, then the notice itself.
        await Assertions.Expect(carrier.Locator(".order-document").First).ToContainTextAsync("现场检查记录", Slow);
        await Assertions.Expect(carrier.Locator(".order-document").Nth(1)).ToContainTextAsync("责令限期改正通知书", Slow);
        await carrier.FillAsync("#reply-text", "已补录3份登记信息，对全部营业员开展登记规范培训。");
        var photo = Path.Combine(Path.GetTempPath(), $"整改照片-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, InspectionKit.Png);
        await carrier.Locator("input[type=file]").First.SetInputFilesAsync(photo);
        await Assertions.Expect(carrier.Locator("#chosen-files")).ToContainTextAsync(Path.GetFileName(photo), Slow);
        await carrier.ClickAsync("#reply-submit");
        await ConfirmAsync(carrier, "提交");
        await SnackbarAsync(carrier, "整改报告已提交");
        await Assertions.Expect(carrier.Locator("#order-status")).ToContainTextAsync("等待监管机构复查", Slow);
        // The circuit re-renders the carrier's own history of the order, never the audit trail.
        await Assertions.Expect(carrier.Locator("#party-history")).ToContainTextAsync("提交整改报告", Slow);
        await Assertions.Expect(carrier.Locator("body")).Not.ToContainTextAsync("变更历史");

        // The inspector re-inspects and verifies; the carrier sees the result and the opinion.
        await inspector.GotoAsync($"/inspections/orders/{orderId}");
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(inspector.Locator(".reply-text")).ToContainTextAsync("已补录3份登记信息", Slow);
        await inspector.ClickAsync("#record-action-verify");
        await inspector.FillAsync("#verify-opinion", "现场抽查10份登记信息均完整，整改到位。");
        await inspector.ClickAsync("#verify-confirm");
        await SnackbarAsync(inspector, "复查结果已记录");
        await Assertions.Expect(inspector.Locator(".status-chip").First).ToContainTextAsync("整改合格", Slow);

        await carrier.ReloadAsync();
        await carrier.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(carrier.Locator("#order-status")).ToContainTextAsync("整改合格", Slow);
        await Assertions.Expect(carrier.Locator(".order-document").Nth(3)).ToContainTextAsync("整改复查意见书", Slow); // after the inspection record, the notice and its 送达回证
        await Assertions.Expect(carrier.Locator("#party-history")).ToContainTextAsync("整改复查合格", Slow);
        await BrowserPortal.ShotAsync(carrier, "order-carrier-history");
    }

    [Fact]
    public async Task A_published_draw_has_an_inspector_replaced_from_its_row_and_the_plan_is_only_redrawn_with_a_reason_kept_in_the_dialog()
    {
        var plan = await InspectionKit.ActivePlanAsync(portal, PlanScope.Carriers, ["CUCC"], ["SEC-02"]);
        var draw = await InspectionKit.DrawAsync(portal, plan);
        var inspector = await portal.SignedInAsync("inspector.nx");
        await inspector.GotoAsync($"/inspections/draws/{draw.Id}");
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Before publication: publish and void in the header, no replacement on the rows.
        await Assertions.Expect(inspector.Locator("#replace-1")).ToHaveCountAsync(0);
        await inspector.ClickAsync("#record-action-publish");
        await ConfirmAsync(inspector, "公开");
        await SnackbarAsync(inspector, "抽取结果已公开");
        await Assertions.Expect(inspector.Locator("#record-action-void")).ToHaveCountAsync(0);

        await inspector.ClickAsync("#replace-1");
        await inspector.FillAsync("#action-reason", "因病住院，不能参加检查");
        await inspector.ClickAsync("#action-confirm");
        await SnackbarAsync(inspector, "已随机抽取"); // the publication's snackbar also speaks of the 公示草稿: this one only of the pick
        await inspector.Locator(".mud-tab:has-text('更换检查人员（1）')").ClickAsync();
        await Assertions.Expect(inspector.Locator("#draw-replacements")).ToContainTextAsync("因病住院，不能参加检查", Slow);
        await inspector.ClickAsync("#verify-draw");
        await Assertions.Expect(inspector.Locator("#verify-replacements")).ToContainTextAsync("1次更换检查人员均复核一致", Slow);

        // The plan now offers only a redraw; a too-short reason is refused in the dialog, which keeps what was typed.
        await inspector.GotoAsync($"/inspections/plans/{plan}");
        await inspector.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(inspector.Locator("#record-action-draw")).ToHaveCountAsync(0);
        await inspector.ClickAsync("#record-action-redraw");
        await inspector.FillAsync("#redraw-reason", "重抽");
        await inspector.ClickAsync("#draw-confirm");
        await Assertions.Expect(inspector.Locator(".mud-dialog")).ToContainTextAsync("重新抽取须说明理由", Slow);
        Assert.Equal("重抽", await inspector.InputValueAsync("#redraw-reason"));
    }
}
