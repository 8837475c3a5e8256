using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Files;

namespace Supervision.Domain.Enforcement;

public enum SanctionStatus
{
    /// <summary>Proposed in the prior notice; not yet decided.</summary>
    Proposed,
    /// <summary>Decided; awaiting execution.</summary>
    Pending,
    /// <summary>Carried out (warning served, fine paid, announcement published, correction verified).</summary>
    Executed,
    /// <summary>Formally ended without full execution (终结执行), with the reason recorded.</summary>
    Ended,
}

/// <summary>One sanction of a case, always under a legal basis that allows it.</summary>
public class CaseSanction
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public SanctionKind Kind { get; set; }
    public int LegalBasisId { get; set; }
    public LegalBasis? LegalBasis { get; set; }
    /// <summary>The fine in yuan (fines only).</summary>
    public decimal? Amount { get; set; }
    /// <summary>What is ordered or announced (the correction required, the text of the warning).</summary>
    public string Description { get; set; } = "";
    /// <summary>Deadline of a corrective order.</summary>
    public DateOnly? CorrectionDeadline { get; set; }
    public SanctionStatus Status { get; set; }
    public DateOnly? ExecutedOn { get; set; }
    public string? ExecutionNote { get; set; }

    public string Label => SanctionLabels.Label(Kind) + (Amount is { } a ? $" {a.ToString("¥#,0.00", System.Globalization.CultureInfo.InvariantCulture)}" : "");

    /// <summary>Checks this sanction against its basis: a kind the basis allows, a fine within its range.</summary>
    public void CheckAgainst(LegalBasis basis, DateOnly violationDate)
    {
        if (!basis.IsEffectiveOn(violationDate))
            throw new DomainException("case.basis_not_effective", $"法律依据“{basis.Code}”在违法行为发生日（{violationDate:yyyy-MM-dd}）不在有效期内。");
        if (!basis.Allows(Kind))
            throw new DomainException("case.sanction_not_allowed", $"依据“{basis.Code}”（{basis.Citation}）不设“{SanctionLabels.Label(Kind)}”。");
        if (Kind == SanctionKind.Fine)
            basis.CheckFine(Amount ?? throw new DomainException("case.fine_amount_required", "罚款须填写金额。"));
        else if (Amount is not null)
            throw new DomainException("case.amount_only_for_fine", "只有罚款可以填写金额。");
        if (Kind == SanctionKind.CorrectiveOrder && CorrectionDeadline is null)
            throw new DomainException("case.correction_deadline_required", "责令限期改正须写明改正期限。");
    }

    public void Execute(DateOnly on, string? note)
    {
        if (Status != SanctionStatus.Pending)
            throw new DomainException("case.sanction_not_pending", $"“{Label}”不是待执行状态。");
        (Status, ExecutedOn, ExecutionNote) = (SanctionStatus.Executed, on, note);
    }

    public void End(DateOnly on, string reason)
    {
        if (Status != SanctionStatus.Pending)
            throw new DomainException("case.sanction_not_pending", $"“{Label}”不是待执行状态。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            throw new DomainException("case.end_reason_required", "终结执行须写明理由（至少5个字）。");
        (Status, ExecutedOn, ExecutionNote) = (SanctionStatus.Ended, on, reason.Trim());
    }
}

/// <summary>An officer who investigates the case (Art. 42: at least two).</summary>
public class CaseInvestigator
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>One piece of evidence with its files (Art. 46; 调查取证).</summary>
public class CaseEvidence
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public string Description { get; set; } = "";
    public DateOnly CollectedOn { get; set; }
    public string CollectedBy { get; set; } = "";
    public long? FileId { get; set; }
    public StoredFile? File { get; set; }
}

/// <summary>The party's 陈述申辩 (written, or recorded from an oral statement), or its written waiver.</summary>
public class CaseStatement
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public string Text { get; set; } = "";
    public bool IsWaiver { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
    public long? FileId { get; set; }
    public StoredFile? File { get; set; }
}

public class CasePayment
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public string Reference { get; set; } = "";
    public string RecordedBy { get; set; } = "";
}

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

/// <summary>One line of the case timeline, written by each transition.</summary>
public class CaseStep
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public CaseState State { get; set; }
    public string Action { get; set; } = "";
    public string? Detail { get; set; }
}
