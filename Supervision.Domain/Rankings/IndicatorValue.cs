using Supervision.Domain.Common;

namespace Supervision.Domain.Rankings;

public enum IndicatorStatus
{
    /// <summary>The records it comes from exist (e.g. the return was accepted).</summary>
    Reported,
    /// <summary>The entity owed the records and they are missing (未报送, or not yet accepted).</summary>
    NotReported,
    /// <summary>Nothing to measure (no new activations this month; a reseller keeps no network logs).</summary>
    NotApplicable,
}

/// <summary>
/// The rankings' summary table: one indicator of one branch for one month, as its source counted it.
/// Kept current by <see cref="RankingUpdater"/> when the records change and rebuilt nightly, so the
/// dashboards read these rows and never the returns themselves.
/// </summary>
[NotAudited]
public class IndicatorValue : IBranchScoped
{
    public int ProvinceId { get; set; }
    /// <summary>yyyy-MM.</summary>
    public string Period { get; set; } = "";
    public int BranchId { get; set; }
    public string Code { get; set; } = "";
    public IndicatorStatus Status { get; set; }
    public double? Value { get; set; }
    public double Numerator { get; set; }
    public double Denominator { get; set; }
    /// <summary>Counts toward its province's figure (a provincial company's returns do; a city company's share of them does not).</summary>
    public bool Rollup { get; set; }
}

/// <summary>One indicator of one province for one month: its companies' figures added up (the ministry's view).</summary>
[NotAudited]
public class ProvinceIndicatorValue : IProvinceScoped
{
    public int ProvinceId { get; set; }
    public string Period { get; set; } = "";
    public string Code { get; set; } = "";
    public IndicatorStatus Status { get; set; }
    public double? Value { get; set; }
    public double Numerator { get; set; }
    public double Denominator { get; set; }
    /// <summary>Companies whose figure is in (reported).</summary>
    public int Reporting { get; set; }
    /// <summary>Companies that owed it (reported or not).</summary>
    public int Expected { get; set; }
}
