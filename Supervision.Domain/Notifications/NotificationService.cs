using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Notifications;

/// <summary>The notification centre: publishing (idempotent) and the signed-in user's own list.</summary>
public sealed class NotificationService(IDbContextFactory<SupervisionDbContext> factory, DbContextOptions<SupervisionDbContext> options, TimeProvider clock)
{
    /// <summary>Creates the notification for each user who does not have one with the same key yet; returns how many were new.</summary>
    public async Task<int> PublishAsync(NotificationDraft draft, IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return 0;
        try
        {
            return await TryPublishAsync(draft, userIds, ct);
        }
        catch (DbUpdateException)
        {
            // Another publisher (a second job instance) inserted some of the same notifications first: the unique
            // index refused ours, and a second pass sees theirs and adds only what is still missing.
            return await TryPublishAsync(draft, userIds, ct);
        }
    }

    private async Task<int> TryPublishAsync(NotificationDraft draft, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        // Publishing is the platform speaking, whoever's action caused it (an inspector's reminder, a carrier's reply),
        // and it writes other users' rows, which only the system may.
        await using var db = new SupervisionDbContext(options, AccessContext.System("system:notifications"), clock);
        var existing = await db.Notifications.IgnoreQueryFilters()
            .Where(n => n.DedupKey == draft.DedupKey && userIds.Contains(n.UserId)).Select(n => n.UserId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var fresh = userIds.Distinct().Except(existing).Select(u => new Notification
        {
            UserId = u, DedupKey = draft.DedupKey, Level = draft.Level, Title = draft.Title, Body = draft.Body, Link = draft.Link, CreatedAt = now,
        }).ToList();
        db.Notifications.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        return fresh.Count;
    }

    /// <summary>Inspectors of a province: who hears of deadlines and carrier replies there.</summary>
    public async Task<IReadOnlyList<string>> InspectorsOfAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Role == UserRole.Inspector && u.ProvinceId == provinceId).Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>Carrier users whose scope covers the branch: its own users and those of its parent company.</summary>
    public async Task<IReadOnlyList<string>> CarrierUsersOfAsync(int branchId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var parent = await db.Branches.IgnoreQueryFilters().Where(b => b.Id == branchId).Select(b => b.ParentBranchId).FirstOrDefaultAsync(ct);
        return await db.Users.Where(u => u.Role == UserRole.CarrierUser && (u.BranchId == branchId || (parent != null && u.BranchId == parent)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.ReadAt == null, ct);
    }

    public async Task<PagedResult<Notification>> ListAsync(PageRequest page, bool unreadOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Notifications.AsNoTracking();
        if (unreadOnly) q = q.Where(n => n.ReadAt == null);
        var total = await q.CountAsync(ct);
        return new(await q.OrderByDescending(n => n.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct), total);
    }

    public async Task MarkReadAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("通知");
        n.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task MarkAllReadAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
