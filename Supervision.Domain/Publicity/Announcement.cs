using Supervision.Domain.Common;

namespace Supervision.Domain.Publicity;

public enum AnnouncementKind
{
    /// <summary>行政处罚决定 (双公示).</summary>
    PenaltyDecision,
    /// <summary>双随机抽查结果.</summary>
    DrawResult,
    /// <summary>违规代理商（销售网点）.</summary>
    ViolatingAgent,
}

public enum AnnouncementStatus
{
    /// <summary>Queued by its source; an officer reviews and publishes it.</summary>
    Draft,
    Published,
    /// <summary>Taken down because the decision was changed or revoked; the reason stays public.</summary>
    Withdrawn,
}

/// <summary>
/// A record for the public site. Queued when its source requires publication (a decision with a 向社会公告 sanction),
/// with the date by which it must be published.
/// </summary>
public class Announcement : IProvinceScoped
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public AnnouncementKind Kind { get; set; }
    public string SourceType { get; set; } = "";
    public string SourceId { get; set; } = "";
    public string Title { get; set; } = "";
    public AnnouncementStatus Status { get; set; }
    /// <summary>Published at the latest on this day (working days after the decision, per the province's settings).</summary>
    public DateOnly DueBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawReason { get; set; }
}
