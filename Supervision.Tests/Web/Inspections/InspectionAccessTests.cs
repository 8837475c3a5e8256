using System.Net;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Inspections;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Web.Inspections;

/// <summary>Over HTTP as the signed-in demo users: evidence files and the carrier's pages show only what the carrier may see.</summary>
public class InspectionAccessTests(Portal portal) : IClassFixture<Portal>
{
    private async Task<(long Order, long ReplyEvidence, long InspectionEvidence)> FixturesAsync()
    {
        var order = await DraftOrderAsync(portal, "CMCC-640100");
        await IssueAsync(portal, order);
        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        var reply = await carrier.Get<CorrectiveOrderService>().ReplyAsync(order, "已完成整改，附整改照片。", [new UploadedFile("整改照片.png", Png)]);
        await using var db = portal.Db();
        var replyEvidence = await db.EvidenceFiles.SingleAsync(e => e.OwnerType == EvidenceFile.ReplyOwner && e.OwnerId == reply.Id);
        var inspection = await db.Inspections.Include(i => i.Inspectors).Include(i => i.Items)
            .FirstAsync(i => i.Status == InspectionStatus.Planned && i.Inspectors.Any(x => x.UserName == "inspector.nx"));
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var internalEvidence = await inspector.Get<InspectionService>().AddEvidenceAsync(inspection.Id, inspection.Items[0].Id, "现场照片.png", Png);
        await inspector.Get<InternalNoteService>().AddAsync(CorrectiveOrderService.OwnerType, order, "内部备注：企业负责人态度消极");
        return (order, replyEvidence.Id, internalEvidence.Id);
    }

    [Fact]
    public async Task Evidence_files_are_served_inline_to_those_who_may_see_their_record_and_to_nobody_else()
    {
        var (_, reply, internalFile) = await FixturesAsync();

        var anonymous = await portal.Anonymous().GetAsync($"/files/evidence/{reply}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString());

        var carrier = await portal.AsAsync("carrier.cmcc.nx");
        var own = await carrier.GetAsync($"/files/evidence/{reply}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/png", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("inline", own.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(Png, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await carrier.GetAsync($"/files/evidence/{internalFile}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.AsAsync("carrier.cucc.nx")).GetAsync($"/files/evidence/{reply}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.AsAsync("inspector.gd")).GetAsync($"/files/evidence/{internalFile}")).StatusCode);
        foreach (var user in new[] { "inspector.nx", "leader.nx", "ministry" })
        {
            var client = await portal.AsAsync(user);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/files/evidence/{reply}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/files/evidence/{internalFile}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_carrier_page_of_an_order_shows_the_notice_but_never_the_inspectors_notes()
    {
        var (order, _, _) = await FixturesAsync();
        var inspectorPage = await (await portal.AsAsync("inspector.nx")).GetStringAsync($"/inspections/orders/{order}");
        Assert.Contains("内部备注：企业负责人态度消极", inspectorPage);
        // Without an uploaded seal the officer is told the notice is stamped by hand (the carrier's page says nothing of it).
        await using (var db = portal.Db())
            Assert.Equal(!await db.Provinces.AnyAsync(p => p.Code == "64" && p.SealFileId != null), inspectorPage.Contains("id=\"stamp-by-hand\"", StringComparison.Ordinal));

        var carrierPage = await (await portal.AsAsync("carrier.cmcc.nx")).GetStringAsync($"/rectification/{order}");
        Assert.Contains("合作营业厅存在人工录入身份信息", carrierPage);
        Assert.Contains("责令限期改正通知书", carrierPage);
        Assert.DoesNotContain("内部备注", carrierPage);
        Assert.DoesNotContain("stamp-by-hand", carrierPage);
        Assert.DoesNotContain("企业负责人态度消极", carrierPage);

        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.AsAsync("carrier.cucc.nx")).GetAsync($"/rectification/{order}")).StatusCode);
        var denied = await (await portal.AsAsync("carrier.cmcc.nx")).GetAsync($"/inspections/orders/{order}");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_draft_order_is_not_found_on_the_carriers_page()
    {
        var draft = await DraftOrderAsync(portal, "CMCC-640200");
        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.AsAsync("carrier.cmcc.nx")).GetAsync($"/rectification/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await portal.AsAsync("inspector.nx")).GetAsync($"/inspections/orders/{draft}")).StatusCode);
    }
}
