using System.Globalization;
using Supervision.Domain.Common;

namespace Supervision.Domain.Inspections;

/// <summary>How a plan's draw picks its entities.</summary>
public enum DrawMethod
{
    /// <summary>等概率随机: every entity of the roster equally likely (the default).</summary>
    Uniform,
    /// <summary>按风险加权: each entity in proportion to its risk weight, without replacement.</summary>
    RiskWeighted,
}

/// <summary>
/// One term of the risk weight of a weighted draw: what it counts (<see cref="Code"/>, computed from the records by
/// <see cref="DrawRiskInputs"/>), the points per unit and the most units that count. Seeded from
/// seed-data/draw-risk-factors.json and edited by administrators (audited as catalog data).
/// weight = Σ points × min(units, cap) over the factors; the base factor counts 1 for every entity so no weight is 0.
/// </summary>
public class DrawRiskFactor : ICatalogEntity, Data.Seeding.ICodedCatalogEntry
{
    public int Id { get; set; }
    /// <summary>Stable code: one of <see cref="DrawRiskFactors.Known"/>.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>What one unit is, in words (the method text and the plan show it).</summary>
    public string Unit { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Points per unit, at most two decimals (so a weight is an exact number of hundredths); 0 leaves the factor out.</summary>
    public decimal Points { get; set; }
    /// <summary>The most units that count, so one factor cannot swamp the others.</summary>
    public int Cap { get; set; }
    /// <summary>How far back the records are counted, in months (findings still open are counted whenever found).</summary>
    public int? WindowMonths { get; set; }
    public int SortOrder { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!DrawRiskFactors.Known.Contains(Code)) errors.Add($"风险因素编码“{Code}”不是系统能计算的因素。");
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("风险因素名称不能为空。");
        if (Points is < 0 or > 1000) errors.Add($"“{Name}”的每单位分值应在0到1000之间。");
        else if (decimal.Round(Points, 2) != Points) errors.Add($"“{Name}”的每单位分值最多保留两位小数。");
        if (Code == DrawRiskFactors.Base && Points <= 0) errors.Add("基础权重应大于0，否则没有风险记录的对象永远不会被抽中。");
        if (Cap is < 1 or > 1000) errors.Add($"“{Name}”的计分上限应在1到1000之间。");
        if (WindowMonths is < 1 or > 120) errors.Add($"“{Name}”的统计期间应在1到120个月之间。");
        return errors;
    }

    public RiskTerm Term => new(Code, Name, Points, Code == DrawRiskFactors.Base ? 1 : Cap, WindowMonths);
}

/// <summary>The codes of the risk factors the system computes.</summary>
public static class DrawRiskFactors
{
    /// <summary>基础权重: 1 for every entity.</summary>
    public const string Base = "BASE";
    /// <summary>排名落后位次: the latest composite rank − 1 among its peers (not reported: counted last).</summary>
    public const string Rank = "RANK";
    /// <summary>未办结问题: findings still open.</summary>
    public const string OpenFindings = "FINDINGS";
    /// <summary>被标记的报表: returns uploaded in the window with flags on them.</summary>
    public const string FlaggedReturns = "FLAGGED";
    /// <summary>以往处罚: penalty decisions in the window.</summary>
    public const string Penalties = "PENALTIES";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>([Base, Rank, OpenFindings, FlaggedReturns, Penalties]);
}

/// <summary>One factor as the draw uses it: code, name, points per unit and cap (and the months its records were counted over).</summary>
public sealed record RiskTerm(string Code, string Name, decimal Points, int Cap, int? WindowMonths = null)
{
    public string Label => WindowMonths is { } m ? $"{Name}（近{m}个月）" : Name;
}

/// <summary>The weight formula of a weighted draw, stored with the draw and bound into its digest.</summary>
public sealed record RiskFormula(IReadOnlyList<RiskTerm> Terms)
{
    /// <summary>The terms in canonical order (code, ordinal), zero-point factors included so the record is complete.</summary>
    public RiskFormula Canonical() => new([.. Terms.OrderBy(t => t.Code, StringComparer.Ordinal)]);

    /// <summary>Σ points × min(units, cap); a missing input counts 0.</summary>
    public decimal Weight(IReadOnlyDictionary<string, int> inputs) =>
        Terms.Sum(t => t.Points * Math.Min(Math.Max(inputs.GetValueOrDefault(t.Code), 0), t.Cap));

    /// <summary>The formula in words: 权重 = 1 + 0.5×排名落后位次（至多10）+ …</summary>
    public string Text => "权重 = " + string.Join(" + ", Terms.Where(t => t.Points != 0).Select(t => t.Code == DrawRiskFactors.Base
        ? Num(t.Points)
        : $"{Num(t.Points)}×{t.Label}（至多计{t.Cap}）"));

    /// <summary>One entity's weight with its inputs: 3.5（排名落后位次2，未办结问题1）.</summary>
    public string Explain(IReadOnlyDictionary<string, int>? inputs) => string.Join("，", Terms
        .Where(t => t.Code != DrawRiskFactors.Base && t.Points != 0)
        .Select(t => $"{t.Name}{inputs?.GetValueOrDefault(t.Code) ?? 0}"));

    public static string Num(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
