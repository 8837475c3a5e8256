using Microsoft.Playwright;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.E2E;

[Collection(BrowserCollection.Name)]
public class CaseFlowBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };

    /// <summary>Opens a step's dialog, fills its fields by name (dates as yyyy-MM-dd), and confirms.</summary>
    private static async Task StepAsync(IPage page, string action, params (string Field, string Value)[] fields)
    {
        await page.ClickAsync($"#record-action-{action}");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await FillAsync(page, fields);
        await page.ClickAsync("#action-confirm");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    private static async Task FillAsync(IPage page, params (string Field, string Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            await page.FillAsync($"#action-{field}", value);
            await page.Keyboard.PressAsync("Tab");
        }
    }

    private static async Task ExpectStateAsync(IPage page, string state) =>
        await Assertions.Expect(page.Locator(".status-chip").First).ToContainTextAsync(state, Slow);

    [Fact]
    public async Task An_inspector_takes_a_case_from_filing_to_closing_with_a_fine_and_a_payment()
    {
        var p = await portal.SignedInAsync("inspector.nx");
        try
        {
            await p.GotoAsync("/cases/new");
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await p.FillAsync("#case-party", "中国移动通信集团宁夏有限公司");
            await p.ClickAsync(".mud-popover-open .mud-list-item:has-text('中国移动通信集团宁夏有限公司')");
            await BrowserPortal.SelectAsync(p, "case-basis", "（工业和信息化部令第25号）第六条、");
            await p.FillAsync("#case-title", "未按规定查验入网用户有效身份证件");
            await p.FillAsync("#case-facts", "2026年3月10日暗访发现，银川市某合作营业厅在用户未出示有效身份证件的情况下为其办理入网手续。");
            await BrowserPortal.FillDateAsync(p, "case-violation", "2026-03-10");
            await BrowserPortal.FillDateAsync(p, "case-filed", "2026-04-20");
            await BrowserPortal.FillDateAsync(p, "case-discovered", "2026-04-15");
            foreach (var name in new[] { "马建国", "李娟" }) await p.ClickAsync($"#case-investigators label:has-text('{name}')");
            await p.ClickAsync("#file-case");
            await p.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/cases/\d+$"));
            var caseUrl = p.Url;

            // Filing waits for the 局领导's approval (Art. 54): he approves in his inbox, then the filing form is issued.
            await Assertions.Expect(p.Locator("#case-approvals")).ToContainTextAsync("待审批", Slow);
            await BrowserPortal.ShotAsync(p, "case-1-filed");
            var leader = await portal.SignedInAsync("leader.nx");
            await BrowserPortal.ApproveInInboxAsync(leader, "未按规定查验入网用户有效身份证件", "同意立案调查。");
            await BrowserPortal.ShotAsync(leader, "case-1-leader-inbox");
            await p.ReloadAsync();
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await p.ClickAsync("#record-action-issue-filing");
            await Assertions.Expect(p.Locator("h1")).ToContainTextAsync("宁通管立〔2026〕", Slow);
            await StepAsync(p, "investigate");
            await ExpectStateAsync(p, "调查取证");
            await StepAsync(p, "evidence", ("collected-on", "2026-04-22"), ("description", "暗访录像一份、入网工单三份"));
            await StepAsync(p, "review", ("conclusion", "违法事实清楚，证据确凿。"));
            await ExpectStateAsync(p, "审查");

            await p.ClickAsync("#record-action-propose");
            // 《电话用户真实身份信息登记规定》第十九条: 责令限期改正 and 警告 together, the fine only beside them.
            await p.Locator(".mud-dialog label:has-text('责令限期改正')").ClickAsync();
            await BrowserPortal.FillDateAsync(p, "sanction-deadline", "2026-06-30");
            await p.Locator(".mud-dialog label:has-text('警告')").ClickAsync();
            await p.Locator(".mud-dialog label:has-text('罚款')").ClickAsync();
            await p.FillAsync("#sanction-amount", "20000");
            await p.Keyboard.PressAsync("Tab");
            // With a fine, its reasons go into the prior notice (行政处罚法第四十四条) and, unchanged, into the decision.
            await FillAsync(p, ("discretion", "当事人首次违法，已及时整改，情节较轻，在法定幅度内从轻确定罚款数额。"));
            await p.ClickAsync("#action-confirm");
            // Proposed: the decision's approval may now be asked for (the actions are re-laid out; wait before clicking).
            await Assertions.Expect(p.Locator("#record-action-approval-decision")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Assertions.Expect(p.Locator(".mud-dialog")).ToHaveCountAsync(0);

            // The prior notice can be previewed before it takes a number.
            await p.ClickAsync("#record-action-notice");
            // Served in person: who signed for the party is recorded (the investigators serve, prefilled), and a 送达回证 is issued with it.
            await FillAsync(p, ("served-on", "2026-04-30"), ("recipient", "王伟"), ("recipient-post", "综合部经理"));
            await p.ClickAsync("#action-preview");
            await Assertions.Expect(p.Locator("iframe.pdf-preview")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await BrowserPortal.ShotAsync(p, "case-2-notice-preview");
            await p.ClickAsync("#action-confirm");
            await ExpectStateAsync(p, "事先告知");
            await Assertions.Expect(p.Locator("#case-services")).ToContainTextAsync("签收人王伟（综合部经理）", Slow);

            // The decision as the 局领导 approved it (Art. 57).
            await StepAsync(p, "approval-decision", ("note", "建议按告知内容作出处罚决定。"));
            await BrowserPortal.ApproveInInboxAsync(leader, "未按规定查验入网用户有效身份证件", "同意给予警告并处罚款二万元。");
            await p.ReloadAsync();
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // The reasons the notice stated are offered again, filled in.
            await p.ClickAsync("#record-action-decide");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToBeVisibleAsync();
            await Assertions.Expect(p.Locator("#action-discretion")).ToHaveValueAsync("当事人首次违法，已及时整改，情节较轻，在法定幅度内从轻确定罚款数额。", new() { Timeout = 20_000 });
            await FillAsync(p, ("decided-on", "2026-05-11"));
            await p.ClickAsync("#action-confirm");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await ExpectStateAsync(p, "已决定");
            await StepAsync(p, "serve", ("served-on", "2026-05-12"), ("recipient", "王伟")); // 直接送达, the first of the methods
            await ExpectStateAsync(p, "已送达");

            // The carrier now has the decision in its portal and confirms receipt.
            var carrier = await portal.SignedInAsync("carrier.cmcc.nx");
            await carrier.GotoAsync(caseUrl);
            await carrier.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await carrier.ClickAsync("text=文书");
            await Assertions.Expect(carrier.Locator("#case-documents")).ToContainTextAsync("行政处罚决定书", Slow);
            await Assertions.Expect(carrier.Locator("#case-documents")).Not.ToContainTextAsync("立案审批表");
            await BrowserPortal.ShotAsync(carrier, "case-3-carrier-documents");
            await carrier.ClickAsync("#record-action-acknowledge");
            await carrier.ClickAsync(".mud-message-box .mud-button-filled, .mud-dialog-actions button:has-text('确认签收')");
            await Assertions.Expect(carrier.Locator(".mud-snackbar")).ToContainTextAsync("已确认签收", Slow);
            await Assertions.Expect(carrier.Locator("#party-history")).ToContainTextAsync("确认签收行政处罚决定书", Slow);
            await Assertions.Expect(carrier.Locator("body")).Not.ToContainTextAsync("变更历史");

            await p.ReloadAsync();
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);

            // Deferral or instalments is the officer's choice, never read from the reason: a deferral whose reason speaks of 期.
            // It is asked for, approved by the 局领导 (Art. 66), then recorded as approved.
            await p.ClickAsync("#record-action-approval-arrangement");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToBeVisibleAsync();
            await Assertions.Expect(p.Locator("#action-schedule")).ToHaveCountAsync(0);
            await p.Locator(".mud-dialog label:has-text('分期缴纳')").ClickAsync();
            await Assertions.Expect(p.Locator("#action-schedule")).ToBeVisibleAsync(); // asked for instalments only
            await p.Locator(".mud-dialog label:has-text('暂缓缴纳')").ClickAsync();
            await Assertions.Expect(p.Locator("#action-schedule")).ToHaveCountAsync(0);
            await FillAsync(p, ("due-date", "2026-06-30"), ("reason", "企业资金周转困难，待下一期贷款到账后缴纳"));
            await p.ClickAsync("#action-confirm");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await BrowserPortal.ApproveInInboxAsync(leader, "未按规定查验入网用户有效身份证件", "同意暂缓至6月底。");
            await p.ReloadAsync();
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await StepAsync(p, "arrangement"); // the approved date and reason are filled in
            await p.ClickAsync(".mud-tab:has-text('缴款（')");
            await Assertions.Expect(p.Locator(".case-approval")).ToContainTextAsync("暂缓缴纳：王志强（宁夏局副局长）于", Slow);
            await Assertions.Expect(p.Locator(".case-approval")).ToContainTextAsync("批准，期限至2026年6月30日", Slow);

            await StepAsync(p, "payment", ("paid-on", "2026-05-20"), ("amount", "20000"), ("reference", "非税收入缴款书2026052001"));
            await ExpectStateAsync(p, "执行中");
            // The corrective order is carried out once the rectification is re-inspected; then the case closes.
            await p.ClickAsync(".mud-tab:has-text('处罚（')");
            await p.ClickAsync("[id^='execute-sanction-']");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToBeVisibleAsync();
            await FillAsync(p, ("executed-on", "2026-05-27"), ("note", "经复查，已对以人工录入方式登记的用户重新核验身份，整改合格"));
            await p.ClickAsync("#action-confirm");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await StepAsync(p, "close", ("closed-on", "2026-05-28"));
            await ExpectStateAsync(p, "结案");
            await p.ClickAsync("text=时间线");
            await Assertions.Expect(p.Locator("#timeline")).ToContainTextAsync("当事人确认签收", Slow);
            await BrowserPortal.ShotAsync(p, "case-4-closed-timeline");
            await p.ClickAsync("text=文书");
            await BrowserPortal.ShotAsync(p, "case-5-documents");
        }
        catch
        {
            await p.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "case-flow-failure.png"), FullPage = true });
            throw;
        }
    }
}
