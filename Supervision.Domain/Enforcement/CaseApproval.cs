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

/// <summary>An approval on record: who approved what, why, and the new date.</summary>
public class CaseApproval
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public ApprovalKind Kind { get; set; }
    public string Reason { get; set; } = "";
    public string ApprovedBy { get; set; } = "";
    public DateOnly ApprovedOn { get; set; }
    public DateOnly NewDate { get; set; }
    /// <summary>For instalments: amount per instalment and dates, as "2026-12-01:10000;2027-01-01:5000".</summary>
    public string? Schedule { get; set; }
}
