using Supervision.Domain.Common;

namespace Supervision.Domain.Notifications;

/// <summary>
/// One delivery of a notification beyond the portal (an e-mail, an SMS, a line of tomorrow's digest), written in the same
/// transaction as the notification and delivered by <see cref="OutboxDelivery"/>. It holds no address: the recipient's
/// current one is read when it is sent, so the table copies no personal data.
/// </summary>
/// <remarks>Not audited: delivery bookkeeping (attempts, leases) would bury the real changes; the table is its own record.</remarks>
[NotAudited]
public class OutboxMessage
{
    public long Id { get; set; }
    public long? NotificationId { get; set; }
    public Notification? Notification { get; set; }
    public string UserId { get; set; } = "";
    public DeliveryChannel Channel { get; set; }
    public string KindCode { get; set; } = "";
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    /// <summary>Not before this instant (the back-off after a failure; the digest hour for a digest line).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>The lease of the worker delivering it: another worker takes it only after <see cref="ClaimedUntil"/>.</summary>
    public Guid? ClaimToken { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTimeOffset? ClaimedUntil { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// For an e-mail to a carrier branch's service address (electronic service, 行政处罚法第六十一条第二款) rather than to a user:
    /// the 送达地址确认书 whose e-mail it goes to, read when it is sent, and the text (no personal data) it carries.
    /// </summary>
    public long? ServiceConfirmationId { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public string? Link { get; set; }

    public void Sent(DateTimeOffset now)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        Attempts++;
        LastError = null;
        ClaimedUntil = null;
    }

    /// <summary>After a failed attempt: again after the back-off, or given up (shown to administrators) after the last attempt.</summary>
    public void Failed(string error, DateTimeOffset now, OutboxSettings settings)
    {
        Attempts++;
        LastError = error.Length > 400 ? error[..400] : error;
        ClaimedUntil = null;
        if (Attempts >= settings.MaxAttempts) Status = OutboxStatus.Failed;
        else NextAttemptAt = now + settings.BackOff(Attempts);
    }

    /// <summary>An administrator sends a failed message again, with a fresh count of attempts.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Failed)
            throw new DomainException("outbox.not_failed", "只有发送失败的消息可以重新发送。");
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }
}

public enum OutboxStatus
{
    Pending,
    Sent,
    /// <summary>Every attempt failed: waits for an administrator.</summary>
    Failed,
}

/// <summary>The outbox's timing (configuration section <c>Outbox</c>).</summary>
public sealed class OutboxSettings
{
    public const string Section = "Outbox";
    /// <summary>How often the delivery job looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How long a worker holds the messages it claimed; after that another worker may deliver them (the first one died).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    public int BatchSize { get; set; } = 50;
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The wait after the first failure; doubled after each further one, at most <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(2);
    /// <summary>The Beijing hour the daily digest goes out.</summary>
    public int DigestHour { get; set; } = 8;

    /// <summary>The next digest hour (Beijing) after <paramref name="now"/>.</summary>
    public DateTimeOffset NextDigest(DateTimeOffset now)
    {
        var local = BeijingTime.Local(now);
        var at = new DateTimeOffset(local.Date.AddHours(DigestHour), BeijingTime.Offset);
        return at > now ? at : at.AddDays(1);
    }

    public TimeSpan BackOff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * (1L << Math.Min(attempts - 1, 30))));
}
