using System.Globalization;
using Supervision.Domain.Rankings;

namespace Supervision.Web.Components.Pages.Rankings;

/// <summary>How the rankings look everywhere: the colour of a score, values with their units, the series colours.</summary>
public static class RankingStyles
{
    /// <summary>Series colours: the aggregate in the portal's deep blue, companies after it, targets red and amber.</summary>
    public static readonly string[] Palette = ["#0d3c7a", "#3d8fd1", "#2e7d32", "#b7791f", "#6a4c93", "#00838f", "#8d6e63", "#5b6b7f", "#c2185b", "#7cb342", "#546e7a"];
    public const string TargetColor = "#b71c1c";
    public const string PassColor = "#e09200";

    /// <summary>Heat-map background for points 0–100: red below the pass mark, amber around it, green near the target.</summary>
    public static string Heat(double? points)
    {
        if (points is not { } p) return "#eeeeee";
        // Two gradients: 0→60 red to amber, 60→100 amber to green.
        var (from, to, t) = p < 60 ? ((0xf4, 0xb4, 0xab), (0xff, 0xe3, 0x9b), p / 60) : ((0xff, 0xe3, 0x9b), (0x9c, 0xd6, 0xa0), (p - 60) / 40);
        int Mix(int a, int b) => (int)Math.Round(a + (b - a) * Math.Clamp(t, 0, 1));
        return $"#{Mix(from.Item1, to.Item1):x2}{Mix(from.Item2, to.Item2):x2}{Mix(from.Item3, to.Item3):x2}";
    }

    public static string Score(double? score) => score?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    public static string Points(double? points) => points?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—";

    public static string Share(double share) => share > 0 ? (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Value(IndicatorScore b) => b.Reading switch
    {
        null => "不适用",
        { Status: IndicatorStatus.NotReported } => "未报送",
        { Status: IndicatorStatus.NotApplicable } => "不适用",
        { Value: var v } => b.Indicator.Format(v),
    };

    public static string Counts(IndicatorScore b) => b.Reading is { Status: IndicatorStatus.Reported } r
        ? b.Indicator.Aggregate == IndicatorAggregate.Sum ? "" : $"{r.Numerator.ToString("N0", CultureInfo.InvariantCulture)} / {r.Denominator.ToString("N0", CultureInfo.InvariantCulture)}"
        : "";

    public static string ChangeClass(RankingRow row) => row.Change switch { > 0 => "rank-up", < 0 => "rank-down", _ => "rank-same" };

    public static string Month(string month) => Months.Label(month);

    /// <summary>The indicators a ranking table shows as columns: the heaviest three (all are in the breakdown).</summary>
    public static IReadOnlyList<RankingIndicator> KeyIndicators(IReadOnlyList<RankingIndicator> indicators) =>
        indicators.Where(i => i.Weight > 0).OrderByDescending(i => i.Weight).ThenBy(i => i.SortOrder).Take(3).OrderBy(i => i.SortOrder).ToList();
}
