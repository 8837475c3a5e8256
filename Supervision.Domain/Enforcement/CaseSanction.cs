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
    /// <summary>No longer stands: the decision was changed or revoked on review or by a court (the outcome is on the case).</summary>
    Superseded,
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
    public SanctionStatus Status { get; internal set; }
    public DateOnly? ExecutedOn { get; set; }
    public string? ExecutionNote { get; set; }

    public string Label => SanctionLabels.Label(Kind) + (Amount is { } a ? $" {ChineseMoney.Yuan(a)}" : "");

    /// <summary>
    /// Checks this sanction against its basis: in force at the act (or, <paramref name="asLighterLaterVersion"/>, a lighter later
    /// version the case checked under 行政处罚法第三十七条), a kind the basis allows, a fine within its range.
    /// </summary>
    public void CheckAgainst(LegalBasis basis, DateOnly violationDate, bool asLighterLaterVersion = false)
    {
        if (!asLighterLaterVersion && !basis.IsEffectiveOn(violationDate))
            throw new DomainException("case.basis_not_effective", $"法律依据{basis.Label}在违法行为发生日（{ChineseDate.Format(violationDate)}）不在有效期内。");
        if (!basis.Allows(Kind))
            throw new DomainException("case.sanction_not_allowed", $"依据{basis.Label}不设“{SanctionLabels.Label(Kind)}”。");
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
