using System.Globalization;
using Supervision.Domain.Rankings;

namespace Supervision.Web.Components.Pages.Rankings;

/// <summary>How the rankings look everywhere: the colour of a score, values with their units, the series colours.</summary>
public static class RankingStyles
{
    /// <summary>The portal's deep blue: the aggregate line (全省, 全国) and single-series charts.</summary>
    public const string AggregateColor = "#0d3c7a";
    /// <summary>The target and pass lines (dashed, told apart by their dash and label); no company is drawn in red.</summary>
    public const string TargetColor = "#b71c1c";

    /// <summary>Company colours, far apart from each other, from the aggregate's deep blue and from the target's red (after Kelly's colours of maximum contrast).</summary>
    private static readonly string[] Distinct = ["#008856", "#f38400", "#875692", "#2f9fd8", "#e68fac", "#8db600", "#2b3d26", "#7a4a1e", "#d6336c"];

    /// <summary>
    /// One colour per line, no two alike for any number of lines: the fixed colours first, then hues a golden angle
    /// apart, at three lightnesses in turn.
    /// </summary>
    public static IReadOnlyList<string> SeriesColors(int count) =>
        Enumerable.Range(0, count).Select(i => i < Distinct.Length ? Distinct[i] : Hsl((i - Distinct.Length) * 137.508 % 360, 0.6, 0.38 + (i - Distinct.Length) % 3 * 0.14)).ToList();

    private static string Hsl(double hue, double saturation, double lightness)
    {
        var c = (1 - Math.Abs(2 * lightness - 1)) * saturation;
        var x = c * (1 - Math.Abs(hue / 60 % 2 - 1));
        var m = lightness - c / 2;
        var (r, g, b) = hue switch { < 60 => (c, x, 0.0), < 120 => (x, c, 0.0), < 180 => (0.0, c, x), < 240 => (0.0, x, c), < 300 => (x, 0.0, c), _ => (c, 0.0, x) };
        int Byte(double v) => (int)Math.Round((v + m) * 255);
        return $"#{Byte(r):x2}{Byte(g):x2}{Byte(b):x2}";
    }

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
