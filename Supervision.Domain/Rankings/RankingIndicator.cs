using System.Globalization;
using Supervision.Domain.Common;

namespace Supervision.Domain.Rankings;

public enum IndicatorDirection
{
    /// <summary>越高越好.</summary>
    HigherIsBetter,
    /// <summary>越低越好.</summary>
    LowerIsBetter,
}

public enum IndicatorNormalization
{
    /// <summary>Points by distance to the target: <c>Target</c> earns 100, <c>Pass</c> (optional) 60, <c>Zero</c> 0, linear in between.</summary>
    Target,
    /// <summary>Within the compared set: the best value earns 100, the worst 0, linear in between.</summary>
    MinMax,
}

/// <summary>How a value is formed from what the source counted, and how entities add up to a province.</summary>
public enum IndicatorAggregate
{
    /// <summary>Numerator ÷ denominator × scale; a province is Σ numerators ÷ Σ denominators.</summary>
    Ratio,
    /// <summary>The numerator itself (a count); a province is the sum.</summary>
    Sum,
}

/// <summary>
/// One indicator of the rankings: what it measures, where it comes from, and how it is scored. Seeded from
/// seed-data/ranking-indicators.json; weights and targets are edited by administrators (audited as catalog data).
/// Values are stored in the unit shown (a rate of 99.5 % as 99.5), and so are the target, pass and zero marks.
/// </summary>
public class RankingIndicator : ICatalogEntity, Data.Seeding.ICodedCatalogEntry
{
    public int Id { get; set; }
    /// <summary>Stable code, e.g. RN-RATE; an <see cref="IIndicatorSource"/> serves it.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Shown after values: %, ‱, 户, 天.</summary>
    public string Unit { get; set; } = "";
    /// <summary>The feature whose records feed it (Submissions, Inspections, Enforcement …).</summary>
    public string Source { get; set; } = "";
    /// <summary>数据来源 in words, for the method text.</summary>
    public string SourceText { get; set; } = "";
    public string Description { get; set; } = "";
    public IndicatorDirection Direction { get; set; }
    public IndicatorNormalization Normalization { get; set; }
    public IndicatorAggregate Aggregate { get; set; }
    /// <summary>Ratio values are numerator ÷ denominator × Scale (100 for %, 10,000 for ‱).</summary>
    public double Scale { get; set; } = 1;
    public double? Target { get; set; }
    public double? Pass { get; set; }
    public double? Zero { get; set; }
    /// <summary>Relative weight in the total score; 0 shows the indicator without scoring it.</summary>
    public double Weight { get; set; }
    /// <summary>Without it (the return it comes from not accepted) an entity is listed as 未报送 rather than scored.</summary>
    public bool Required { get; set; }
    /// <summary>A threshold the source uses when counting (e.g. six calendar months of log retention); changing it needs a rebuild.</summary>
    public double? Parameter { get; set; }
    public int SortOrder { get; set; }

    public const double PassPoints = 60;

    /// <summary>Points 0–100 for a value; <paramref name="best"/> and <paramref name="worst"/> are the compared set's extremes (MinMax).</summary>
    public double Points(double value, double best, double worst)
    {
        if (Normalization == IndicatorNormalization.MinMax)
        {
            if (best == worst) return 100;
            return Math.Clamp((value - worst) / (best - worst), 0, 1) * 100 + 0.0;   // + 0.0 turns −0 (value = worst, best < worst) into 0
        }
        var target = Target ?? 0;
        var zero = Zero ?? 0;
        // Express everything as "how far up the scale", so lower-is-better mirrors higher-is-better.
        var sign = Direction == IndicatorDirection.HigherIsBetter ? 1 : -1;
        var v = sign * value;
        var t = sign * target;
        var z = sign * zero;
        if (v >= t) return 100;
        if (v <= z) return 0;
        if (Pass is { } pass)
        {
            var p = sign * pass;
            return v >= p ? PassPoints + (100 - PassPoints) * (v - p) / (t - p) : PassPoints * (v - z) / (p - z);
        }
        return 100 * (v - z) / (t - z);
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Code)) errors.Add("指标编码不能为空。");
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("指标名称不能为空。");
        if (Weight is < 0 or > 100 || double.IsNaN(Weight)) errors.Add($"“{Name}”的权重应在0到100之间。");
        if (Aggregate == IndicatorAggregate.Ratio && Scale <= 0) errors.Add($"“{Name}”的换算倍数应大于0。");
        if (Normalization == IndicatorNormalization.Target)
        {
            if (Target is not { } t || Zero is not { } z)
                errors.Add($"“{Name}”按目标值计分，须填写目标值（100分）和零分值。");
            else
            {
                var up = Direction == IndicatorDirection.HigherIsBetter;
                if (up ? z >= t : z <= t)
                    errors.Add(up ? $"“{Name}”越高越好，零分值应低于目标值。" : $"“{Name}”越低越好，零分值应高于目标值。");
                else if (Pass is { } p && (up ? p <= z || p >= t : p >= z || p <= t))
                    errors.Add($"“{Name}”的及格值（60分）应介于零分值和目标值之间。");
            }
        }
        return errors;
    }

    /// <summary>How the indicator is scored, in one sentence of the method text.</summary>
    public string ScoringText
    {
        get
        {
            var better = Direction == IndicatorDirection.HigherIsBetter ? "越高越好" : "越低越好";
            if (Weight == 0) return $"{Name}（{Unit}，{better}）：仅作参考，不计分";
            if (Normalization == IndicatorNormalization.MinMax)
                return $"{Name}（{Unit}，{better}）：在参评单位中最好者得100分、最差者得0分，其间线性；权重{Num(Weight)}";
            var (atLeast, atMost) = Direction == IndicatorDirection.HigherIsBetter ? ("≥", "≤") : ("≤", "≥");
            var pass = Pass is { } p ? $"，{Num(p)}得60分" : "";
            return $"{Name}（{Unit}，{better}）：{atLeast}{Num(Target ?? 0)}得100分{pass}，{atMost}{Num(Zero ?? 0)}得0分，其间线性；权重{Num(Weight)}";
        }
    }

    /// <summary>A count (户, 个, 件, 天): shown, exported and charted without decimals.</summary>
    public bool IsCount => Unit is "户" or "个" or "件" or "天";

    /// <summary>A value as shown: 99.62%, 3.2‱, 1,204户, ¥20,000.00.</summary>
    public string Format(double? value) => value is not { } v ? "—" : IsCount ? v.ToString("N0", CultureInfo.InvariantCulture) + Unit : Unit switch
    {
        "%" or "‱" => v.ToString("0.00", CultureInfo.InvariantCulture) + Unit,
        "元" => ChineseMoney.Yuan((decimal)v),
        _ => v.ToString("0.##", CultureInfo.InvariantCulture) + Unit,
    };

    private static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
