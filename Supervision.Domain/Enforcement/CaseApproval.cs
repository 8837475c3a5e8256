using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

public enum ApprovalKind
{
    /// <summary>Decision period extended (Art. 60: 经批准可以延长).</summary>
    DecisionExtension,
    /// <summary>暂缓缴纳 (Art. 66).</summary>
    Deferral,
    /// <summary>分期缴纳 (Art. 66).</summary>
    Instalments,
}

/// <summary>
/// An extension or payment arrangement in force: the new date, why, and — where the province requires approval — the
/// approval it was granted on (<see cref="ApprovalRequest"/>), whose approver it names.
/// </summary>
public class CaseApproval
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public ApprovalKind Kind { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The approving user's display name, from the approval (null: the province requires none for this step).</summary>
    public string? ApprovedBy { get; set; }
    /// <summary>The approval request it rests on.</summary>
    public long? ApprovalRequestId { get; set; }
    /// <summary>The day it was approved (or, needing no approval, recorded).</summary>
    public DateOnly ApprovedOn { get; set; }
    public DateOnly NewDate { get; set; }
    /// <summary>For instalments: amount per instalment and dates, as "2026-12-01:10000;2027-01-01:5000".</summary>
    public string? Schedule { get; set; }

    public static CaseApproval Granted(ApprovalKind kind, string reason, DateOnly newDate, string? schedule, ApprovalRequest? approval, DateTimeOffset now) => new()
    {
        Kind = kind, Reason = reason.Trim(), NewDate = newDate, Schedule = schedule?.Trim(), ApprovedBy = approval?.ApproverName, ApprovalRequestId = approval?.Id,
        ApprovedOn = BeijingTime.Today(approval?.DecidedAt ?? now),
    };
}
