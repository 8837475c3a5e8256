using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Publicity;

namespace Supervision.Domain.Notifications;

/// <summary>
/// One notification (or a digest of several) as a channel sends it; <see cref="Key"/> stays the same on every attempt.
/// <see cref="SmsTemplate"/>: the gateway's template for an SMS.
/// </summary>
public sealed record OutgoingMessage(string Key, DeliveryChannel Channel, string To, string ToName, string Subject, IReadOnlyList<OutgoingItem> Items,
    string? SmsTemplate = null);

public sealed record OutgoingItem(string Title, string Body, string Link);

/// <summary>A way out of the portal (e-mail, SMS). Throws when the message could not be handed over.</summary>
public interface IMessageSender
{
    /// <summary>E-mail carries <see cref="DeliveryChannel.Digest"/> too.</summary>
    bool Handles(DeliveryChannel channel);
    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}

public sealed record DeliveryRun(int Claimed, int Sent, int Failed);

public sealed record OutboxRow(long Id, DateTimeOffset CreatedAt, string Recipient, string Address, DeliveryChannel Channel, string Kind, string Title,
    OutboxStatus Status, int Attempts, string? LastError, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt);

/// <summary>
/// Delivers the outbox: claims due messages with a lease (atomically, so two workers on one database never take the same
/// message), sends each through its channel, marks it sent, or schedules it again with exponential back-off until the last
/// attempt, after which administrators see it. A worker that dies mid-send leaves its lease to run out; the next worker
/// sends again with the same message key (the e-mail's Message-Id), so a receiver can tell the repeat.
/// </summary>
public sealed class OutboxDelivery(IDbContextFactory<SupervisionDbContext> factory, IEnumerable<IMessageSender> senders, OutboxSettings settings,
    AccessContext access, ILogger<OutboxDelivery> log)
{
    /// <summary>Who holds a lease (shown to administrators); unique per instance.</summary>
    public string Worker { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Delivers every message due at <paramref name="now"/> that no other worker holds. Idempotent.</summary>
    public async Task<DeliveryRun> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var (claimed, sent, failed) = (0, 0, 0);
        while (await ClaimAsync(now, ct) is { Count: > 0 } batch)
        {
            claimed += batch.Count;
            foreach (var group in batch.GroupBy(m => m.Channel == DeliveryChannel.Digest ? "digest:" + m.UserId : "one:" + m.Id))
            {
                if (await DeliverAsync(group.ToList(), now, ct)) sent += group.Count();
                else failed += group.Count();
            }
            if (batch.Count < settings.BatchSize) break;
        }
        return new(claimed, sent, failed);
    }

    private async Task<List<OutboxMessage>> ClaimAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(settings.BatchSize).ToListAsync(ct);
        if (due.Count == 0) return [];
        // The condition once more inside the update: of two workers that read the same rows, the second one's update finds
        // them leased and takes none (PostgreSQL re-checks a row it waited for the lock of; SQLite has one writer at a time).
        var token = Guid.NewGuid();
        var until = now + settings.Lease;
        await db.OutboxMessages
            .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedBy, Worker).SetProperty(m => m.ClaimedUntil, until), ct);
        return await db.OutboxMessages.AsNoTracking().Include(m => m.Notification).Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>Sends one message (or one user's digest) and records the outcome, only while this worker still holds it.</summary>
    private async Task<bool> DeliverAsync(IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken ct)
    {
        var first = messages[0];
        string? error;
        try
        {
            error = await SendAsync(first, messages, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = ex.Message;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = messages.Select(m => m.Id).ToList();
        var tokens = messages.Select(m => m.ClaimToken).Distinct().ToList();
        // Only rows still under this worker's lease: if it ran out and another worker took them, theirs is the outcome.
        var held = await db.OutboxMessages.Where(m => ids.Contains(m.Id) && tokens.Contains(m.ClaimToken)).ToListAsync(ct);
        foreach (var m in held)
        {
            if (error is null) m.Sent(now);
            else m.Failed(error, now, settings);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogWarning("Outbox messages {Ids}: lease lost before the outcome was recorded", ids);
        }
        if (error is not null)
            log.LogWarning("Outbox messages {Ids} ({Channel}) to user {UserId} not delivered (attempt {Attempt}): {Error}",
                ids, first.Channel, first.UserId, first.Attempts + 1, error);
        return error is null;
    }

    private async Task<string?> SendAsync(OutboxMessage first, IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var sender = senders.FirstOrDefault(s => s.Handles(first.Channel));
        if (sender is null)
            return first.Channel == DeliveryChannel.Sms ? "未配置短信网关，短信无法发送。" : "未配置邮件发送。";
        await using var db = await factory.CreateDbContextAsync(ct);
        if (first.ServiceConfirmationId is { } confirmationId)
        {
            // Electronic service: to the e-mail the branch gave in its 送达地址确认书, as it stands now.
            var service = await db.ServiceAddressConfirmations.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == confirmationId)
                .Select(c => new { c.Email, Branch = c.Branch!.Name }).FirstOrDefaultAsync(ct);
            if (string.IsNullOrEmpty(service?.Email)) return "送达地址确认书未填写送达电子邮箱。";
            await sender.SendAsync(new OutgoingMessage($"outbox-{first.Id}", DeliveryChannel.Email, service.Email, service.Branch, first.Subject ?? "",
                [new OutgoingItem(first.Subject ?? "", first.Body ?? "", first.Link ?? "")]), ct);
            return null;
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == first.UserId).Select(u => new { u.DisplayName, u.Email, u.PhoneNumber }).FirstOrDefaultAsync(ct);
        var to = first.Channel == DeliveryChannel.Sms ? user?.PhoneNumber : user?.Email;
        if (string.IsNullOrEmpty(to))
            return first.Channel == DeliveryChannel.Sms ? "收件人未填写手机号码。" : "收件人未填写电子邮箱。";
        // The text is what the recipient sees in the portal; personal numbers in it (phones, ID numbers) stay there.
        var items = messages.Select(m => new OutgoingItem(Clean(m.Notification!.Title), Clean(m.Notification.Body), m.Notification.Link)).ToList();
        var subject = first.Channel == DeliveryChannel.Digest
            ? $"每日汇总：{ChineseDate.Format(BeijingTime.Today(first.NextAttemptAt))} 共{items.Count}条通知"
            : items[0].Title;
        var key = first.Channel == DeliveryChannel.Digest ? $"digest-{first.Id}" : $"outbox-{first.Id}";
        string? template = null;
        if (first.Channel == DeliveryChannel.Sms)
        {
            template = await db.MessageKinds.AsNoTracking().Where(k => k.Code == first.KindCode).Select(k => k.SmsTemplate).FirstOrDefaultAsync(ct);
            if (string.IsNullOrEmpty(template)) return "该类消息未配置短信模板。";
        }
        await sender.SendAsync(new OutgoingMessage(key, first.Channel, to, user!.DisplayName, subject, items, template), ct);
        return null;
    }

    private static string Clean(string text) => PersonalNumbers.Mask(text, _ => "（号码已隐去）");

    /// <summary>The outbox for administrators: failed messages first, then the newest.</summary>
    public async Task<PagedResult<OutboxRow>> ListAsync(PageRequest page, OutboxStatus? status = null, CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.OutboxMessages.AsNoTracking();
        if (status is { } s) q = q.Where(m => m.Status == s);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(m => m.Status == OutboxStatus.Failed).ThenByDescending(m => m.Id).Skip(page.Skip).Take(page.Take)
            .Select(m => new
            {
                m,
                // What failed, for the administrator: the message's title, read past the bell's per-user filter.
                Title = db.Notifications.IgnoreQueryFilters().Where(n => n.Id == m.NotificationId).Select(n => n.Title).FirstOrDefault(),
                User = db.Users.Where(u => u.Id == m.UserId).Select(u => new { u.DisplayName, u.Email, u.PhoneNumber }).FirstOrDefault(),
                Service = db.ServiceAddressConfirmations.IgnoreQueryFilters().Where(c => c.Id == m.ServiceConfirmationId).Select(c => new { c.Email, Branch = c.Branch!.Name }).FirstOrDefault(),
                Kind = db.MessageKinds.Where(k => k.Code == m.KindCode).Select(k => k.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        return new(rows.Select(x => new OutboxRow(x.m.Id, x.m.CreatedAt,
            x.Service is { } service ? $"{service.Branch}（送达邮箱）" : x.User?.DisplayName ?? "（已删除的用户）",
            x.Service is { } s ? Contact.MaskEmail(s.Email) : x.m.Channel == DeliveryChannel.Sms ? Contact.MaskMobile(x.User?.PhoneNumber) : Contact.MaskEmail(x.User?.Email),
            x.m.Channel, x.Kind ?? x.m.KindCode, x.Title ?? x.m.Subject ?? "", x.m.Status, x.m.Attempts, x.m.LastError, x.m.NextAttemptAt, x.m.SentAt)).ToList(), total);
    }

    public async Task<IReadOnlyDictionary<OutboxStatus, int>> CountsAsync(CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    /// <summary>An administrator sends a failed message again (after fixing the address or the mail server).</summary>
    public async Task RetryAsync(long id, DateTimeOffset now, CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        var m = await db.OutboxMessages.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("消息");
        m.Retry(now);
        await db.SaveChangesAsync(ct);
    }

    private void Demand()
    {
        if (!access.Scope.IsAdministrator)
            throw new AccessDeniedException("只有系统管理员可以查看消息投递情况。");
    }
}
