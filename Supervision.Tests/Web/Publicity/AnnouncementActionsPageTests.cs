using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Publicity;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Publicity;

/// <summary>Over HTTP: an announcement's page offers officers its steps and read-only roles only its public page.</summary>
public class AnnouncementActionsPageTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task Officers_edit_publish_and_withdraw_read_only_roles_see_the_content_read_only()
    {
        portal.Today(new DateOnly(2026, 11, 2));
        long id;
        await AgentListSetup.SetAsync(portal.Factory);
        using (var s = await portal.AsUserAsync("inspector.nx"))
        {
            await using var db = portal.Db();
            var carrier = await db.Carriers.Where(c => c.Code == "CMCC").Select(c => c.Id).SingleAsync();
            id = await s.Get<PublicityService>().ReportAgentAsync(new AgentReport("银川某某通讯店", PartyType.IndividualBusiness, null, "张三", "银川市兴庆区解放西街1号",
                carrier, "为未出示证件的用户办理入网", "终止代理协议", new DateOnly(2026, 10, 30)));
        }
        var url = $"/publicity/{id}";
        var officer = await RenderedActions.OfAsync(await portal.AsAsync("inspector.nx"), url);
        Assert.Equal("edit agent-notice (publish) decline", officer.Keys); // the agent is told before its entry may be published
        Assert.False(officer.Element("ann-title")!.HasAttribute("readonly"));
        var leader = await RenderedActions.OfAsync(await portal.AsAsync("leader.nx"), url);
        Assert.Equal("", leader.Keys);
        Assert.True(leader.Element("ann-title")!.HasAttribute("readonly"));

        using (var s = await portal.AsUserAsync("inspector.nx"))
        {
            var publicity = s.Get<PublicityService>();
            await AgentListSetup.NotifiedAsync(publicity, id, new DateOnly(2026, 11, 2));
            await publicity.PublishAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 11, 2));
        }
        officer = await RenderedActions.OfAsync(await portal.AsAsync("inspector.nx"), url);
        Assert.Equal("mark-changed withdraw", officer.Keys);
        Assert.NotNull(officer.Element("record-action-view-public"));
        Assert.True(officer.Element("ann-title")!.HasAttribute("readonly"));
        leader = await RenderedActions.OfAsync(await portal.AsAsync("leader.nx"), url);
        Assert.Equal("", leader.Keys);
        Assert.NotNull(leader.Element("record-action-view-public"));
    }
}
