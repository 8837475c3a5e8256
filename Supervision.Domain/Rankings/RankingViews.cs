using Supervision.Domain.Organizations;

namespace Supervision.Domain.Rankings;

/// <summary>One line of a ranking: its rank (shared when tied), the change since the previous month, the score and how it was made.</summary>
public sealed record RankingRow(int EntityId, string Name, string Group, RankingOutcome Outcome, int Rank, bool Tied, int? PreviousRank, bool IsNew,
    double? Score, string? Reason, IReadOnlyList<IndicatorScore> Breakdown)
{
    /// <summary>Places gained since the previous month (negative: lost); null when either month is not ranked.</summary>
    public int? Change => Outcome == RankingOutcome.Scored && PreviousRank is { } p ? p - Rank : null;

    public bool IsScored => Outcome == RankingOutcome.Scored;

    public string RankLabel => Outcome switch
    {
        RankingOutcome.Scored => Tied ? $"{Rank}（并列）" : Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RankingOutcome.NotReported => "未报送",
        _ => "无数据",
    };

    public string ChangeLabel => Change switch
    {
        null when IsNew && IsScored => "新",
        null => "—",
        0 => "持平",
        > 0 and var up => $"↑{up}",
        var down => $"↓{-down}",
    };

    public IndicatorScore? Of(string code) => Breakdown.FirstOrDefault(b => b.Indicator.Code == code);
}

/// <summary>
/// Where an entity stands among its peers, worded once for every page and export: the rank counts among those scored
/// ("第1名 / 共6家"), and the same number is the one "参与评分" names ("6家参与评分（共10家）").
/// </summary>
public sealed record Standing(RankingLevel Level, RankingOutcome Outcome, int Rank, bool Tied, int Ranked, int Total)
{
    public bool IsScored => Outcome == RankingOutcome.Scored;

    /// <summary>个省份 for provinces, 家 for companies.</summary>
    public string Noun => NounOf(Level);

    public string RankText => IsScored ? $"第{Rank}名{(Tied ? "（并列）" : "")} / 共{Ranked}{Noun}" : "未参与评分";

    public string Participation => ParticipationOf(Level, Ranked, Total);

    public static string NounOf(RankingLevel level) => level == RankingLevel.Province ? "个省份" : "家";

    public static string ParticipationOf(RankingLevel level, int ranked, int total) =>
        $"{ranked}{NounOf(level)}参与评分" + (total > ranked ? $"（共{total}{NounOf(level)}）" : "");
}

public sealed record RankingTable(RankingLevel Level, string Title, string Period, string PreviousPeriod, IReadOnlyList<RankingIndicator> Indicators,
    IReadOnlyList<RankingRow> Rows, IReadOnlyList<string> Method)
{
    public IEnumerable<RankingRow> Scored => Rows.Where(r => r.IsScored);

    public int Ranked => Rows.Count(r => r.IsScored);

    /// <summary>"6家参与评分（共10家）": the count every page, the workbook and the briefing show.</summary>
    public string Participation => Standing.ParticipationOf(Level, Ranked, Rows.Count);

    public Standing StandingOf(RankingRow row) => new(Level, row.Outcome, row.Rank, row.Tied, Ranked, Rows.Count);

    public double? AverageScore => Scored.Any() ? Math.Round(Scored.Average(r => r.Score!.Value), RankingScorer.Decimals, MidpointRounding.AwayFromZero) : null;
}

/// <summary>A cell of the city × carrier heat map: a city company's value (or the provincial company's in the 全省 row).</summary>
public sealed record HeatCell(int BranchId, double? Value, IndicatorStatus? Status);

public sealed record HeatRow(string City, string? CityCode, IReadOnlyList<HeatCell?> Cells);

public sealed record HeatMap(RankingIndicator Indicator, string Period, IReadOnlyList<string> Carriers, IReadOnlyList<HeatRow> Rows);

public sealed record TrendSeries(string Name, IReadOnlyList<double?> Values, bool IsAggregate = false, bool IsTarget = false);

public sealed record Trend(RankingIndicator Indicator, IReadOnlyList<string> Months, IReadOnlyList<TrendSeries> Series);

/// <summary>A province's figure for one indicator and month, with how many of its companies it covers.</summary>
public sealed record ProvinceFigure(RankingIndicator Indicator, IndicatorStatus Status, double? Value, int Reporting, int Expected);

public sealed record ProvinceDashboard(int ProvinceId, string ProvinceName, string AuthorityName, string Period, IReadOnlyList<string> Periods,
    RankingTable Carriers, RankingTable Cities, HeatMap HeatMap, Trend Trend, IReadOnlyList<ProvinceFigure> Figures);

public sealed record MinistryDashboard(string Period, IReadOnlyList<string> Periods, RankingTable Provinces, Trend Trend);

/// <summary>Where one of a carrier's companies stands: its own figures and rank, and the province's averages — never another company's.</summary>
public sealed record OwnEntry(int BranchId, string Name, RankingLevel Level, Standing Standing, int? Change,
    double? Score, double? AverageScore, string? Reason, IReadOnlyList<IndicatorScore> Breakdown, IReadOnlyDictionary<string, double?> ProvinceValues);

public sealed record OwnPosition(string Period, IReadOnlyList<string> Periods, string ProvinceName, IReadOnlyList<OwnEntry> Entries, Trend? Trend,
    IReadOnlyList<RankingIndicator> Indicators, IReadOnlyList<string> Method);

/// <summary>The drill-down of one company: its position, breakdown and history, and where its records are.</summary>
public sealed record EntityDetail(int BranchId, string Name, string FullName, BranchLevel Level, string Carrier, int ProvinceId, string ProvinceName,
    int FilingBranchId, string FilingBranchName, string Period, IReadOnlyList<string> Periods, RankingRow Position, Standing Standing,
    IReadOnlyList<string> Months, IReadOnlyList<double?> Scores, IReadOnlyList<int?> Ranks, Trend Trend, IReadOnlyList<string> Method);
