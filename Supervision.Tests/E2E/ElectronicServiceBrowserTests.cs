using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Demo;
using UglyToad.PdfPig;

namespace Supervision.Tests.E2E;

/// <summary>
/// Electronic service end to end (行政处罚法第六十一条第二款): the carrier's 企业管理员 signs its 送达地址确认书 with consent and prints
/// it; the inspector serves a sealed 事先告知书 through the portal; the carrier opens it, which is the service and issues the
/// 送达回证; the inspector then sees the date of service and the periods that run from it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ElectronicServiceBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };
    private const string Title = "营业厅未核验身份即为用户办理入网";

    private static string Text(string path)
    {
        using var d = PdfDocument.Open(path);
        return string.Concat(d.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    /// <summary>The administration's seal, and a case against 宁夏移动 with its penalty proposed (ready for the prior notice).</summary>
    private async Task<(int Branch, long Case)> ProposedAsync()
    {
        int branch, basis, province;
        string[] investigators;
        await using (var db = portal.Db())
        {
            var b = await db.Branches.SingleAsync(x => x.Code == "CMCC-64");
            (branch, province) = (b.Id, b.ProvinceId);
            basis = (await db.LegalBases.SingleAsync(x => x.Code == "ORD25-A06")).Id;
            investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        }
        using (var admin = await portal.AsUserAsync("admin"))
            await admin.Get<OrganizationService>().SetSealAsync(province, "宁夏局公章.png", ElectronicServiceDemo.SealPng(400));
        var today = BeijingTime.Today(TimeProvider.System);
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new FileCaseInput(branch, basis, Title,
            "执法人员暗访发现，某合作营业厅在用户未出示有效证件的情况下为其办理入网手续。", today.AddDays(-40), today.AddDays(-20), investigators));
        var c = await cases.GetAsync(id);
        c = await cases.StartInvestigationAsync(id, c.ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份及入网工单三份", today.AddDays(-15), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿，建议给予警告并处罚款。");
        await cases.ProposeAsync(id, c.ConcurrencyToken,
            [Lawful.Correction(basis), new(SanctionKind.Warning, basis, null, "警告"), new(SanctionKind.Fine, basis, 10_000m, "罚款")]);
        return (branch, id);
    }

    [Fact]
    public async Task A_prior_notice_served_through_the_portal_is_served_when_the_carrier_first_opens_it()
    {
        var (branch, id) = await ProposedAsync();
        var carrier = await portal.SignedInAsync("carrier.cmcc.nx");
        var p = await portal.SignedInAsync("inspector.nx");
        try
        {
            // Without the branch's consent the inspector is told service must be in person or by post.
            await p.GotoAsync($"/cases/{id}");
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await p.ClickAsync("#record-action-notice");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToContainTextAsync("须直接送达或邮寄送达", Slow);
            await Assertions.Expect(p.Locator(".mud-dialog")).Not.ToContainTextAsync("电子送达：平台及电子邮件");
            await p.ClickAsync(".mud-dialog button:has-text('取消')");
            await Assertions.Expect(p.Locator(".mud-dialog")).ToHaveCountAsync(0);

            // 1. The carrier's 企业管理员 records the 送达地址确认书 its responsible person signed, and prints it.
            await carrier.GotoAsync($"/org/branches/{branch}");
            await carrier.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(carrier.Locator("#no-service-address")).ToContainTextAsync("尚未签署送达地址确认书", Slow);
            await carrier.ClickAsync("#record-service-address");
            await Assertions.Expect(carrier.Locator(".mud-dialog")).ToBeVisibleAsync();
            await carrier.FillAsync("#sa-address", "宁夏银川市金凤区宁安大街100号");
            await carrier.FillAsync("#sa-recipient", "马丽");
            await carrier.FillAsync("#sa-phone", "0951-5012345");
            await carrier.ClickAsync("#sa-consent");
            await carrier.FillAsync("#sa-email", "wenshu@nx.chinamobile.example");
            await carrier.FillAsync("#sa-responsible", "王强");
            await carrier.ClickAsync("#sa-attested");
            await carrier.ClickAsync("#sa-save");
            await Assertions.Expect(carrier.Locator(".mud-dialog")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            await Assertions.Expect(carrier.Locator("#service-address")).ToContainTextAsync("同意（平台及电子邮件", Slow);
            await BrowserPortal.ShotAsync(carrier, "eservice-1-confirmation");
            var download = await carrier.RunAndWaitForDownloadAsync(() => carrier.ClickAsync("#print-service-address"));
            var printed = Path.Combine(Path.GetTempPath(), $"confirmation-{Guid.NewGuid():N}.pdf");
            await download.SaveAsAsync(printed);
            var confirmation = Text(printed);
            Assert.Contains("送达地址确认书", confirmation);
            Assert.Contains("wenshu@nx.chinamobile.example", confirmation);
            Assert.Contains("■同意", confirmation);

            // 2. The inspector serves the sealed prior notice through the portal: nothing is served until the party opens it.
            await p.ReloadAsync();
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await p.ClickAsync("#record-action-notice");
            await p.Locator(".mud-dialog label:has-text('电子送达：平台及电子邮件')").ClickAsync();
            await Assertions.Expect(p.Locator("#action-recipient")).ToHaveCountAsync(0);
            await BrowserPortal.ShotAsync(p, "eservice-2-serve-dialog");
            await p.ClickAsync("#action-confirm");
            await Assertions.Expect(p.Locator(".mud-snackbar")).ToContainTextAsync("当事人首次查阅之日为送达日期", Slow);
            await Assertions.Expect(p.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await using (var db = portal.Db())
            {
                var notice = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.OwnerId == id.ToString() && d.Kind == DocumentKind.PriorNotice);
                Assert.True(notice.Sealed);
                Assert.False(await db.IssuedDocuments.AnyAsync(d => d.OwnerId == id.ToString() && d.Kind == DocumentKind.ServiceReceipt));
                // The e-mail to the confirmation's address waits in the outbox, with the link to the case.
                var confirmationId = await db.ServiceAddressConfirmations.Where(x => x.BranchId == branch).Select(x => x.Id).SingleAsync();
                var mail = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ServiceConfirmationId == confirmationId);
                Assert.Equal(($"/cases/{id}", "电子送达：行政处罚事先告知书（" + notice.Number + "）"), (mail.Link, mail.Subject));
            }

            // 3. The carrier sees the notice waiting to be read on its home page and opens it: that is the service; the 送达回证 is issued.
            await carrier.GotoAsync("/");
            await carrier.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(carrier.Locator("body")).ToContainTextAsync("查阅电子送达的行政处罚事先告知书：首次查阅之日为送达日期", Slow);
            await BrowserPortal.ShotAsync(carrier, "eservice-3-carrier-home");
            await carrier.GotoAsync($"/cases/{id}");
            await carrier.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // Until the notice is opened (served), the case page does not tell the party what is proposed.
            await Assertions.Expect(carrier.Locator("#proposed-fine")).ToHaveCountAsync(0);
            await carrier.ClickAsync("text=拟作出的处罚");
            await Assertions.Expect(carrier.Locator("#sanctions-not-served")).ToContainTextAsync("事先告知书送达后在此显示", Slow);
            await carrier.ClickAsync("text=文书");
            await Assertions.Expect(carrier.Locator("#case-documents")).ToContainTextAsync("行政处罚事先告知书", Slow);
            await BrowserPortal.ShotAsync(carrier, "eservice-3-carrier-documents");
            // Opening serves it: the party is asked first, and told from when its periods run.
            var opened = await carrier.RunAndWaitForDownloadAsync(async () =>
            {
                await carrier.Locator("#case-documents tr:has-text('行政处罚事先告知书') button:has-text('下载')").ClickAsync();
                await Assertions.Expect(carrier.Locator(".mud-dialog")).ToContainTextAsync("首次查阅之日即为行政处罚事先告知书的送达日期", Slow);
                await carrier.Locator(".mud-dialog button:has-text('查阅并下载')").ClickAsync();
            });
            var noticePdf = Path.Combine(Path.GetTempPath(), $"notice-{Guid.NewGuid():N}.pdf");
            await opened.SaveAsAsync(noticePdf);
            Assert.Contains(Title, Text(noticePdf));
            await Assertions.Expect(carrier.Locator(".mud-snackbar")).ToContainTextAsync("本日为行政处罚事先告知书的送达日期", Slow);

            // 4. The inspector sees the date of service (the first opening, by Beijing time) and the periods running from it.
            DateOnly today;
            await using (var db = portal.Db())
                today = BeijingTime.Today((await db.ElectronicServices.AsNoTracking().SingleAsync(s => s.CaseId == id)).OpenedAt!.Value);
            await p.ReloadAsync();
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(p.Locator("#case-services")).ToContainTextAsync("首次查阅", Slow);
            await Assertions.Expect(p.Locator("#case-services")).ToContainTextAsync($"{today.Year}年{today.Month}月{today.Day}日", Slow);
            await Assertions.Expect(p.Locator("#deadlines")).ToContainTextAsync("陈述", Slow);
            await BrowserPortal.ShotAsync(p, "eservice-4-served");
            await using (var db = portal.Db())
            {
                var receipt = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.OwnerId == id.ToString() && d.Kind == DocumentKind.ServiceReceipt);
                Assert.Equal(today, receipt.IssueDate);
            }
            await p.ClickAsync("text=文书");
            await Assertions.Expect(p.Locator("#case-documents")).ToContainTextAsync("送达回证", Slow);
        }
        catch
        {
            await p.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "eservice-failure-inspector.png"), FullPage = true });
            await carrier.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "eservice-failure-carrier.png"), FullPage = true });
            throw;
        }
    }
}
