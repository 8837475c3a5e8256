using Supervision.Domain.Data;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// What the law requires to be published about a penalty decision is the public site's business (Publicity): told of each
/// decision inside the decision's transaction, it queues the announcement. Enforcement knows no more of publication than this.
/// </summary>
public interface IDecisionPublication
{
    Task DecidedAsync(SupervisionDbContext db, EnforcementCase decided, CaseContext context, CancellationToken ct);

    /// <summary>A review or court changed, revoked or found unlawful the decision (<paramref name="remedy"/>'s outcome): what was published is corrected or withdrawn.</summary>
    Task OutcomeAsync(SupervisionDbContext db, EnforcementCase c, CaseRemedy remedy, CaseContext context, CancellationToken ct);
}
