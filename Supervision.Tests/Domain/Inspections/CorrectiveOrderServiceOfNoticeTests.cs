using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Organizations;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>
/// The 责令限期改正通知书 is served on the road of case documents (行政处罚法第六十一条): handed over with two servers and a
/// 送达回证, posted and served on the date of receipt, or — only on the party's consent (第二款) — through the portal, served
/// when the party first opens it; the deadline runs from service, and the party sees how and when it was served.
/// </summary>
public class CorrectiveOrderServiceOfNoticeTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly DateOnly Monday = new(2026, 11, 2);

    private async Task<IReadOnlyList<IssuedDocument>> DocumentsAsync(long orderId, DocumentKind kind)
    {
        await using var db = portal.Db();
        return await db.IssuedDocuments.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.OwnerType == CorrectiveOrderService.OwnerType && d.OwnerId == orderId.ToString() && d.Kind == kind).ToListAsync();
    }

    [Fact]
    public async Task A_notice_handed_over_is_served_that_day_with_a_receipt_the_party_sees_and_signs_for()
    {
        portal.Today(Monday);
        var id = await DraftOrderAsync(portal, "CMCC-640100");
        await IssueAsync(portal, id);
        var order = await OrderAsync(portal, id);
        Assert.Equal(ServiceMethods.InPerson, order.ServiceMethod);
        Assert.Equal(Monday, order.ServedOn);
        Assert.Equal(new DateOnly(2026, 11, 9), order.Deadline); // five working days from the day of service
        Assert.Equal("王磊", order.ServiceRecipientName);
        Assert.Equal("马建国、李娜", order.ServiceServers);
        var receipt = Assert.Single(await DocumentsAsync(id, DocumentKind.ServiceReceipt));
        Assert.True(receipt.VisibleToParty);

        // The party's view: the receipt among its documents, how it was served, and its own acknowledgement once signed.
        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        var seen = await carrier.Get<CorrectiveOrderService>().GetAsync(id);
        Assert.Contains(seen.Documents, d => d.Kind == DocumentKind.ServiceReceipt);
        Assert.Empty(seen.Officers);
        Assert.Equal("2026年11月2日直接送达（签收人：王磊，实名制专员）", seen.Order.ServiceSummary);
        Assert.Contains(OrderActions.Acknowledge, seen.Order.ActionsFor(Acting.Party, Monday).Select(a => a.Key));
        await carrier.Get<CorrectiveOrderService>().AcknowledgeAsync(id);
        order = await OrderAsync(portal, id);
        Assert.NotNull(order.AcknowledgedAt);
        Assert.Equal(Monday, order.ServedOn); // signing in the portal does not move the date of service
        var timeline = order.PartyTimeline([]).Select(e => e.Text).ToList();
        Assert.Contains("直接送达责令限期改正通知书", timeline);
        Assert.Contains("在平台签收责令限期改正通知书", timeline);
    }

    [Fact]
    public async Task Electronic_service_needs_the_partys_consent_and_serves_on_the_first_opening_from_which_the_deadline_runs()
    {
        portal.Today(Monday);
        var id = await DraftOrderAsync(portal, "CMCC-64");
        var electronic = new OrderServiceInput(EnforcementCase.PortalService);
        var refused = await Assert.ThrowsAsync<DomainException>(() => IssueAsync(portal, id, service: electronic));
        Assert.Equal("order.electronic_service_without_consent", refused.Code);
        Assert.Contains("行政处罚法第六十一条第二款", refused.Message);
        Assert.Equal(OrderState.Draft, (await OrderAsync(portal, id)).State);
        Assert.Empty(await DocumentsAsync(id, DocumentKind.CorrectiveNotice));

        int branch;
        await using (var db = portal.Db())
            branch = await db.Branches.Where(b => b.Code == "CMCC-64").Select(b => b.Id).SingleAsync();
        using (var party = await portal.AsUserAsync("carrier.cmcc.nx"))
            await party.Get<ServiceAddressService>().RecordAsync(branch, new ServiceAddressInput
            {
                PostalAddress = "宁夏银川市金凤区宁安大街100号", RecipientName = "马丽", RecipientPhone = "13909511234", Email = "wenshu@nx.chinamobile.example",
                ConsentsToElectronicService = true, ResponsiblePerson = "王强", SignedOn = Monday, Attested = true,
            });
        await using (var db = portal.Db())
        {
            using var admin = await portal.AsUserAsync("admin");
            await admin.Get<OrganizationService>().SetSealAsync((await db.Branches.SingleAsync(b => b.Id == branch)).ProvinceId, "宁夏局公章.png",
                Supervision.Tests.Reports.Documents.TestImages.RedRing(400));
        }
        await IssueAsync(portal, id, service: electronic);
        var order = await OrderAsync(portal, id);
        Assert.True(order.AwaitsOpening);
        Assert.Null(order.ServedOn);
        Assert.Null(order.Deadline);
        Assert.Empty(await DocumentsAsync(id, DocumentKind.ServiceReceipt));

        // Opened two days later: served that Wednesday, five working days run from it.
        var wednesday = Monday.AddDays(2);
        portal.Today(wednesday);
        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        var orders = carrier.Get<CorrectiveOrderService>();
        Assert.Equal("order.not_opened", (await Assert.ThrowsAsync<DomainException>(() => orders.ReplyAsync(id, "已全部整改完毕，详见附件材料。", []))).Code);
        await orders.AcknowledgeAsync(id);
        order = await OrderAsync(portal, id);
        Assert.Equal(wednesday, order.ServedOn);
        Assert.Equal(new DateOnly(2026, 11, 11), order.Deadline);
        Assert.NotNull(order.OpenedAt);
        Assert.Equal(Monday, order.ElectronicConsentOn);
        var receipt = Assert.Single(await DocumentsAsync(id, DocumentKind.ServiceReceipt));
        Assert.Equal(wednesday, receipt.IssueDate);
        // Produced by the party's 签收, the receipt is the authority's: issued by the officer who issued the notice, not the carrier.
        Assert.Equal(order.IssuedBy, receipt.IssuedBy);
        Assert.NotEqual("carrier.cmcc.nx", receipt.IssuedBy);
        var seen = await orders.GetAsync(id);
        Assert.StartsWith("2026年11月4日电子送达（平台及电子邮件）", seen.Order.ServiceSummary);
        Assert.Contains("通过平台查阅责令限期改正通知书（电子送达）", seen.Order.PartyTimeline(seen.Documents).Select(e => e.Text));
    }

    [Fact]
    public async Task A_posted_notice_is_served_on_the_date_of_receipt_and_only_then_has_a_deadline()
    {
        portal.Today(Monday);
        var id = await DraftOrderAsync(portal, "CMCC-640200");
        await IssueAsync(portal, id, service: new OrderServiceInput(ServiceMethods.Post));
        var order = await OrderAsync(portal, id);
        Assert.True(order.AwaitsService);
        Assert.Null(order.Deadline);
        Assert.Contains(OrderActions.Serve, order.ActionsFor(Acting.Officer, Monday).Select(a => a.Key));

        var thursday = Monday.AddDays(3);
        portal.Today(thursday);
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var orders = inspector.Get<CorrectiveOrderService>();
        var noTracking = await Assert.ThrowsAsync<DomainException>(() => orders.ServeAsync(id, order.ConcurrencyToken,
            new OrderServiceInput(ServiceMethods.Post, thursday, new ServiceDetails(PostedOn: Monday, Servers: ["马建国", "李娜"]))));
        Assert.Equal("case.postal_tracking", noTracking.Code);
        await orders.ServeAsync(id, order.ConcurrencyToken,
            new OrderServiceInput(ServiceMethods.Post, thursday, new ServiceDetails(PostedOn: Monday, TrackingNumber: "1179230645164", Servers: ["马建国", "李娜"])));
        order = await OrderAsync(portal, id);
        Assert.Equal(thursday, order.ServedOn);
        Assert.Equal(new DateOnly(2026, 11, 12), order.Deadline);
        Assert.Equal("1179230645164", order.ServiceTrackingNumber);
        Assert.Single(await DocumentsAsync(id, DocumentKind.ServiceReceipt));
    }
}
