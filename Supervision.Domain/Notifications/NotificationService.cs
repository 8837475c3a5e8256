using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Notifications;

/// <summary>The notification centre: publishing (idempotent, with the deliveries each recipient chose), the signed-in user's own list and choices.</summary>
public sealed class NotificationService(IDbContextFactory<SupervisionDbContext> factory, DbContextOptions<SupervisionDbContext> options, TimeProvider clock,
    AccessContext access, OutboxSettings settings)
{
    /// <summary>
    /// Creates the notification for each user who does not have one with the same key yet, with its deliveries, in a
    /// transaction of its own; returns how many were new. For a notification that belongs to an event, <see cref="StageAsync"/>
    /// in the event's transaction instead.
    /// </summary>
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
        // Publishing is the platform speaking, whoever's action caused it (an inspector's reminder, a carrier's reply).
        await using var db = new SupervisionDbContext(options, AccessContext.System("system:notifications"), clock);
        var fresh = await StageAsync(db, draft, userIds, ct);
        await db.SaveChangesAsync(ct);
        return fresh;
    }

    /// <summary>
    /// Adds the notification for each user who does not have one with the same key yet to <paramref name="db"/>, with one
    /// outbox message per recipient who chose e-mail, SMS or the digest for its kind (and can be reached that way), so the
    /// caller's save commits them with the event that caused them, or neither. Returns how many were new.
    /// </summary>
    public async Task<int> StageAsync(SupervisionDbContext db, NotificationDraft draft, IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return 0;
        // Other users' notifications and choices: the platform's bookkeeping, read whoever acts.
        var existing = await db.Notifications.IgnoreQueryFilters()
            .Where(n => n.DedupKey == draft.DedupKey && userIds.Contains(n.UserId)).Select(n => n.UserId).ToListAsync(ct);
        var fresh = userIds.Distinct().Except(existing).ToList();
        if (fresh.Count == 0) return 0;
        var kind = MessageKind.Of(draft.DedupKey, await db.MessageKinds.AsNoTracking().ToListAsync(ct));
        var chosen = kind is null ? [] : await db.NotificationPreferences.IgnoreQueryFilters()
            .Where(p => p.KindCode == kind.Code && fresh.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => p.Channel, ct);
        var reach = await db.Users.Where(u => fresh.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.PhoneNumber }).ToDictionaryAsync(u => u.Id, ct);
        var now = clock.GetUtcNow();
        foreach (var userId in fresh)
        {
            var notification = new Notification
            {
                UserId = userId, DedupKey = draft.DedupKey, Level = draft.Level, Title = draft.Title, Body = draft.Body, Link = draft.Link, CreatedAt = now,
            };
            db.AddPlatformRow(notification);
            var channel = kind is null ? DeliveryChannel.Portal : chosen.GetValueOrDefault(userId, kind.DefaultChannel);
            var to = reach.GetValueOrDefault(userId);
            // Without an address for the chosen way the bell is the only way: nothing waits for an address that may never come.
            var reachable = channel switch
            {
                DeliveryChannel.Email or DeliveryChannel.Digest => !string.IsNullOrEmpty(to?.Email),
                DeliveryChannel.Sms => !string.IsNullOrEmpty(to?.PhoneNumber),
                _ => false,
            };
            if (!reachable) continue;
            db.AddPlatformRow(new OutboxMessage
            {
                Notification = notification, UserId = userId, Channel = channel, KindCode = kind!.Code, CreatedAt = now,
                NextAttemptAt = channel == DeliveryChannel.Digest ? settings.NextDigest(now) : now,
            });
        }
        return fresh.Count;
    }

    /// <summary>
    /// Adds to <paramref name="db"/> an e-mail to the service address of a branch's 送达地址确认书 (not to a user), so the
    /// caller's save commits it with the service it announces. The text carries a link and no personal data.
    /// </summary>
    public void StageServiceEmail(SupervisionDbContext db, long confirmationId, string subject, string body, string link)
    {
        var now = clock.GetUtcNow();
        db.AddPlatformRow(new OutboxMessage
        {
            ServiceConfirmationId = confirmationId, Channel = DeliveryChannel.Email, KindCode = "document-served",
            Subject = subject, Body = body, Link = link, CreatedAt = now, NextAttemptAt = now,
        });
    }

    /// <summary>The signed-in user's own e-mail address and mobile number (in full: it is the user's own).</summary>
    public async Task<(string? Email, string? Mobile)> MyContactAsync(CancellationToken ct = default)
    {
        var userId = access.UserId ?? throw new AccessDeniedException("请先登录。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.PhoneNumber }).SingleAsync(ct);
        return (me.Email, me.PhoneNumber);
    }

    /// <summary>
    /// The signed-in user changes their own e-mail address and mobile number (validated). A choice that needs an address
    /// removed falls back to the portal only.
    /// </summary>
    public async Task SetMyContactAsync(string? email, string? mobile, CancellationToken ct = default)
    {
        var userId = access.UserId ?? throw new AccessDeniedException("请先登录。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var me = await db.Users.SingleAsync(u => u.Id == userId, ct);
        me.SetContact(Contact.Email(email), Contact.Mobile(mobile));
        foreach (var choice in await db.NotificationPreferences.ToListAsync(ct))
            if ((choice.Channel is DeliveryChannel.Email or DeliveryChannel.Digest && me.Email is null) || (choice.Channel == DeliveryChannel.Sms && me.PhoneNumber is null))
                choice.Channel = DeliveryChannel.Portal;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The kinds of message with the signed-in user's choice for each (the kind's default where none was made).</summary>
    public async Task<IReadOnlyList<(MessageKind Kind, DeliveryChannel Channel)>> MyPreferencesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var kinds = (await db.MessageKinds.AsNoTracking().OrderBy(k => k.SortOrder).ThenBy(k => k.Id).ToListAsync(ct)).Where(k => k.Reaches(access.Scope.IsCarrier)).ToList();
        var mine = await db.NotificationPreferences.AsNoTracking().ToDictionaryAsync(p => p.KindCode, p => p.Channel, ct);
        return kinds.Select(k => (k, mine.GetValueOrDefault(k.Code, k.DefaultChannel))).ToList();
    }

    /// <summary>The signed-in user's choice for a kind; e-mail and the digest need an e-mail address, SMS a mobile number.</summary>
    public async Task SetMyPreferenceAsync(string kindCode, DeliveryChannel channel, CancellationToken ct = default)
    {
        var userId = access.UserId ?? throw new AccessDeniedException("请先登录。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var kind = await db.MessageKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Code == kindCode, ct) is { } found && found.Reaches(access.Scope.IsCarrier)
            ? found : throw new NotFoundException("消息类别");
        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.PhoneNumber }).SingleAsync(ct);
        if (channel is DeliveryChannel.Email or DeliveryChannel.Digest && string.IsNullOrEmpty(me.Email))
            throw new DomainException("preference.no_email", $"“{kind.Name}”选择{DeliveryChannels.Label(channel)}前，请先填写电子邮箱。");
        if (channel == DeliveryChannel.Sms && string.IsNullOrEmpty(me.PhoneNumber))
            throw new DomainException("preference.no_mobile", $"“{kind.Name}”选择短信前，请先填写手机号码。");
        if (channel == DeliveryChannel.Sms && string.IsNullOrEmpty(kind.SmsTemplate))
            throw new DomainException("preference.no_sms_template", $"“{kind.Name}”暂不支持短信通知，请选择其他方式。");
        var choice = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.KindCode == kindCode, ct);
        if (choice is null)
        {
            // A new row of one's own: the platform records it for the user (a user may only change rows already theirs).
            db.AddPlatformRow(choice = new NotificationPreference { UserId = userId, KindCode = kindCode });
        }
        choice.Channel = channel;
        await db.SaveChangesAsync(ct);
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
        // Newest first by when it was raised (a notice raised today above older ones written later, as the demo history writes them).
        return new(await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct), total);
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
