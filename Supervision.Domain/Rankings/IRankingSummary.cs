using Supervision.Domain.Data;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Rankings;

/// <summary>
/// The rankings' summary table, kept in step with the records it is computed from: a feature that changes such a record
/// calls it with its saved change, inside its own transaction, so the record and the summary commit together or not at
/// all. <see cref="RankingUpdater"/> is the implementation; the interface keeps the features from depending on it.
/// </summary>
public interface IRankingSummary
{
    /// <summary>A return was accepted or sent back: its months and the twelve-month filing windows after them are computed again.</summary>
    Task ReturnReviewedAsync(SupervisionDbContext db, Submission submission, CancellationToken ct);

    /// <summary>A supervision record of a company (a finding, a corrective order, a case) dated from <paramref name="since"/> on changed.</summary>
    Task RecordsChangedAsync(SupervisionDbContext db, int branchId, DateOnly since, CancellationToken ct);
}
