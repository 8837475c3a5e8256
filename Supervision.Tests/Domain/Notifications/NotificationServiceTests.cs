using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Notifications;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Notifications;

public class NotificationServiceTests(Portal portal) : IClassFixture<Portal>
{
    private async Task<(string Id, AccessScope Scope)> UserAsync(string userName)
    {
        await using var db = portal.Db();
        var u = await db.Users.SingleAsync(x => x.UserName == userName);
        var scope = u.Role == UserRole.Leader ? AccessScope.ForProvince(u.ProvinceId!.Value, true, u.Role) : AccessScope.ForProvince(u.ProvinceId ?? 0, false, u.Role);
        return (u.Id, scope);
    }

    private NotificationService As(AccessScope scope, string? userId)
    {
        var s = portal.ScopeFor(scope);
        s.ServiceProvider.GetRequiredService<AccessContext>().Set(scope, "t", userId);
        return s.ServiceProvider.GetRequiredService<NotificationService>();
    }

    [Fact]
    public async Task Publishing_twice_creates_each_notification_once()
    {
        var system = As(AccessScope.System, null);
        var (nx, _) = await UserAsync("inspector.nx");
        var ningxia = (await portal.Db().Provinces.SingleAsync(p => p.Code == "64")).Id;
        var inspectors = await system.InspectorsOfAsync(ningxia);
        Assert.Contains(nx, inspectors);
        var draft = new NotificationDraft("test:dedup:1", NotificationLevel.Alert, "整改逾期", "宁夏移动整改期限已过", "/org/branches");
        Assert.Equal(inspectors.Count, await system.PublishAsync(draft, inspectors));
        Assert.Equal(0, await system.PublishAsync(draft, inspectors));
        await using var db = portal.Db();
        Assert.Equal(inspectors.Count, await db.Notifications.CountAsync(n => n.DedupKey == "test:dedup:1"));
    }

    [Fact]
    public async Task A_user_sees_and_marks_only_own_notifications_even_when_read_only()
    {
        var system = As(AccessScope.System, null);
        var (leader, leaderScope) = await UserAsync("leader.nx");
        var (inspector, inspectorScope) = await UserAsync("inspector.nx");
        await system.PublishAsync(new NotificationDraft("test:own:1", NotificationLevel.Info, "给领导", "正文", "/"), [leader]);
        await system.PublishAsync(new NotificationDraft("test:own:2", NotificationLevel.Info, "给检查员", "正文", "/"), [inspector]);

        var asLeader = As(leaderScope, leader);
        var mine = await asLeader.ListAsync(new PageRequest());
        Assert.Contains(mine.Items, n => n.Title == "给领导");
        Assert.DoesNotContain(mine.Items, n => n.Title == "给检查员");
        var before = await asLeader.UnreadCountAsync();
        await asLeader.MarkReadAsync(mine.Items.First(n => n.Title == "给领导").Id);
        Assert.Equal(before - 1, await asLeader.UnreadCountAsync());

        var othersId = (await As(inspectorScope, inspector).ListAsync(new PageRequest())).Items.First(n => n.Title == "给检查员").Id;
        await Assert.ThrowsAsync<NotFoundException>(() => asLeader.MarkReadAsync(othersId));
    }

    [Fact]
    public async Task The_list_is_newest_first_by_when_raised_not_by_when_written()
    {
        var system = As(AccessScope.System, null);
        var (user, scope) = await UserAsync("carrier.cucc.nx");
        portal.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8)));
        await system.PublishAsync(new NotificationDraft("test:order:new", NotificationLevel.Warning, "今天送达的告知书", "正文", "/"), [user]);
        // Written afterwards, raised earlier (as a history import or the demo writes them).
        portal.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 7, 10, 0, 0, TimeSpan.FromHours(8)));
        await system.PublishAsync(new NotificationDraft("test:order:old", NotificationLevel.Info, "十月的报表已受理", "正文", "/"), [user]);

        var titles = (await As(scope, user).ListAsync(new PageRequest())).Items.Select(n => n.Title).ToList();
        Assert.True(titles.IndexOf("今天送达的告知书") < titles.IndexOf("十月的报表已受理"), string.Join("，", titles));
    }
}
