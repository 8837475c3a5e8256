using Supervision.Domain.Common;

namespace Supervision.Domain.Notifications;

/// <summary>Something a user must know or do: a deadline near or passed, an assignment, a carrier's reply.</summary>
[NotAudited]
public class Notification : IUserOwned
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>Makes publishing idempotent: one notification per user and key, however often a job runs.</summary>
    public string DedupKey { get; set; } = "";
    public NotificationLevel Level { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The record it is about, as a portal path.</summary>
    public string Link { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}

public enum NotificationLevel
{
    Info,
    /// <summary>A deadline is near.</summary>
    Warning,
    /// <summary>A deadline has passed.</summary>
    Alert,
}

/// <summary>What a feature wants to tell; the service turns it into one notification per recipient.</summary>
public sealed record NotificationDraft(string DedupKey, NotificationLevel Level, string Title, string Body, string Link);

/// <summary>Data that belongs to one user and is seen only by that user (and by system jobs).</summary>
public interface IUserOwned
{
    string UserId { get; }
}
