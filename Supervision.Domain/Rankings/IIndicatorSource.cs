using Supervision.Domain.Catalog;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Rankings;

/// <summary>
/// Supplies the values of some ranking indicators from one feature's records. Each feature registers its own
/// (<c>services.AddScoped&lt;IIndicatorSource, …&gt;()</c> in DependencyInjection) and lists its indicators in
/// seed-data/ranking-indicators.json; an indicator is shown only once a registered source serves its code.
/// When the feature's records change (a finding is closed, a case decided), it calls
/// <see cref="RankingUpdater.RecomputeAsync"/> with its own context inside its own transaction, so the summary
/// changes together with the record.
/// </summary>
public interface IIndicatorSource
{
    /// <summary>The indicator codes this source computes.</summary>
    IReadOnlyCollection<string> Codes { get; }

    /// <summary>
    /// Values of the source's codes for every entity and month of the request. A code an entity does not owe
    /// at all (a city company files no returns) is simply left out; one it owes but lacks is
    /// <see cref="IndicatorStatus.NotReported"/>; one with nothing to measure <see cref="IndicatorStatus.NotApplicable"/>.
    /// </summary>
    Task<IReadOnlyList<IndicatorFact>> ComputeAsync(SupervisionDbContext db, IndicatorRequest request, CancellationToken ct);
}

/// <summary>A company that is ranked: a provincial company or a city company (whose parent files for it).</summary>
public sealed record RankedBranch(int BranchId, int ProvinceId, string Code, BranchLevel Level, int? ParentBranchId, string? CityCode, int CarrierId, CarrierKind CarrierKind);

/// <summary>What to compute: some companies of one province for some months (yyyy-MM, ascending).</summary>
public sealed record IndicatorRequest(
    int ProvinceId,
    IReadOnlyList<RankedBranch> Branches,
    IReadOnlyList<string> Months,
    DateOnly Today,
    IReadOnlyDictionary<string, RankingIndicator> Definitions,
    WorkingDayCalendar Calendar);

/// <summary>One counted value; <see cref="Rollup"/> when it adds up into the province's figure.</summary>
public readonly record struct IndicatorFact(int BranchId, string Period, string Code, IndicatorStatus Status, double Numerator, double Denominator, bool Rollup);
