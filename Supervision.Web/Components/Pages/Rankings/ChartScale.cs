using System.Globalization;

namespace Supervision.Web.Components.Pages.Rankings;

/// <summary>
/// A value axis that fits the data: from a little below the lowest value to a little above the highest, in round
/// steps (1, 2, 2.5 or 5 × 10ⁿ), never below 0 for data that is not, whole steps for counts.
/// </summary>
public sealed record ChartScale(double Min, double Max, double Step)
{
    public const int Ticks = 5;

    public IReadOnlyList<double> TickValues
    {
        get
        {
            var count = (int)Math.Round((Max - Min) / Step);
            return Enumerable.Range(0, count + 1).Select(i => Math.Round(Min + i * Step, 10)).ToList();
        }
    }

    /// <summary>Where a value lies, 0 (bottom) to 1 (top).</summary>
    public double Fraction(double value) => Max == Min ? 0.5 : (value - Min) / (Max - Min);

    public bool Contains(double value) => value >= Min - Step * 1e-9 && value <= Max + Step * 1e-9;

    /// <summary>A tick's label with as many decimals as the step needs (99.5, 99.75, 12).</summary>
    public string Label(double value)
    {
        var decimals = 0;
        while (decimals < 6 && Math.Abs(Step * Math.Pow(10, decimals) - Math.Round(Step * Math.Pow(10, decimals))) > 1e-9) decimals++;
        return value.ToString("N" + decimals, CultureInfo.InvariantCulture);
    }

    public static ChartScale Fit(IEnumerable<double> values, bool wholeNumbers = false)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0) return new ChartScale(0, 1, wholeNumbers ? 1 : 0.2);
        var (low, high) = (list.Min(), list.Max());
        if (high - low < 1e-9)
        {
            // One value: a band around it (±1 for counts, ±0.5 % of it otherwise), so the line sits mid-chart.
            var pad = wholeNumbers ? 1 : Math.Max(Math.Abs(low) * 0.005, 0.1);
            (low, high) = (low - pad, high + pad);
        }
        var step = Nice((high - low) / (Ticks - 1));
        if (wholeNumbers) step = Math.Max(1, Math.Ceiling(step));
        var min = Math.Floor(low / step + 1e-9) * step;
        var max = Math.Ceiling(high / step - 1e-9) * step;
        if (list.Min() >= 0 && min < 0) min = 0;
        if (max <= min) max = min + step;
        return new ChartScale(Math.Round(min, 10), Math.Round(max, 10), step);
    }

    private static double Nice(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var f = rough / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * magnitude;
    }
}
