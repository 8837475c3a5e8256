using System.Globalization;

namespace Supervision.Domain.Submissions;

/// <summary>
/// A plausibility check of one figure of a summary sheet across periods, written as data in the template. The figure is the
/// value of <see cref="Field"/> in each row (matched across periods and carriers by the sheet's unique key, e.g. city ×
/// channel) or, with a <see cref="Denominator"/>, the rate Field ÷ Denominator in percent (so thresholds are in points).
/// Kinds:
/// <list type="bullet">
/// <item><c>Change</c>: against the carrier's last accepted period — beyond <see cref="Threshold"/> as a share of the earlier
/// value (<see cref="Measure"/> <c>Relative</c>, 0.2 = 20 %) or in the figure's own units/points (<c>Absolute</c>).</item>
/// <item><c>History</c>: robust z-score against the carrier's last 12 accepted periods: |value − median| beyond
/// Threshold × 1.4826 × MAD; silent with fewer than <see cref="MinHistory"/> periods.</item>
/// <item><c>Peers</c>: against the other carriers of the province for the same period: beyond Threshold × 1.4826 × MAD of
/// their median (<c>Mad</c>) or beyond Threshold × median (<c>Ratio</c>); silent with fewer than <see cref="MinPeers"/>.</item>
/// </list>
/// <see cref="Direction"/> limits a check to rises (<c>Up</c>) or falls (<c>Down</c>); <see cref="Tolerance"/> is the least
/// deviation that may fire a History or Peers check (a flat history has no spread: without it any change would fire).
/// A triggered check does not refuse the return: the carrier explains the figure before filing.
/// </summary>
public sealed record PlausibilityCheck(
    string Kind,
    string Code,
    string Sheet,
    string Field,
    string? Name = null,
    string? Denominator = null,
    decimal? Threshold = null,
    string? Measure = null,
    string? Direction = null,
    decimal? Tolerance = null,
    int? MinHistory = null,
    int? MinPeers = null)
{
    public const string Change = "Change", History = "History", Peers = "Peers";
    public static readonly IReadOnlyList<string> Kinds = [Change, History, Peers];
    public static readonly IReadOnlyList<string> Directions = ["Both", "Up", "Down"];
    public const int DefaultMinHistory = 6, DefaultMinPeers = 3, HistoryPeriods = 12;

    /// <summary>MAD × 1.4826 estimates the standard deviation of normal data, so Threshold reads as a z-score.</summary>
    private const decimal MadScale = 1.4826m;

    public bool IsRate => !string.IsNullOrEmpty(Denominator);
    public string Dir => Direction is { Length: > 0 } d ? d : "Both";
    public string MeasureOrDefault => Measure is { Length: > 0 } m ? m : Kind == Peers ? "Mad" : "Relative";
    public int MinHistoryOrDefault => MinHistory ?? DefaultMinHistory;
    public int MinPeersOrDefault => MinPeers ?? DefaultMinPeers;

    /// <summary>What people call the check's kind.</summary>
    public static string KindLabel(string kind) => kind switch
    {
        Change => "与上期相比",
        History => "与本单位近12期相比",
        Peers => "与全省同类单位相比",
        _ => kind,
    };

    public static string DirectionLabel(string direction) => direction switch { "Up" => "只查升高", "Down" => "只查降低", _ => "升降都查" };

    /// <summary>The figure of one row: the field, or the rate in percent (null when the denominator is 0 or a value is missing).</summary>
    public decimal? FigureOf(FigureRow row)
    {
        if (!row.Values.TryGetValue(Field, out var value)) return null;
        if (!IsRate) return value;
        if (!row.Values.TryGetValue(Denominator!, out var d) || d == 0) return null;
        return Math.Round(100m * value / d, 4);
    }

    /// <summary>
    /// Whether <paramref name="value"/> is implausible, and what was expected: against the last accepted value
    /// (<paramref name="history"/>[0], newest first), the history, or the peers' values. Null when it is plausible or
    /// there is too little to compare with.
    /// </summary>
    public string? Judge(decimal value, IReadOnlyList<decimal> history, IReadOnlyList<decimal> peers)
    {
        var threshold = Threshold ?? 0;
        switch (Kind)
        {
            case Change:
            {
                if (history.Count == 0) return null;
                var last = history[0];
                if (MeasureOrDefault == "Absolute")
                {
                    var (lo, hi) = (last - threshold, last + threshold);
                    return Outside(value, lo, hi) ? $"上期{Show(last)}，变化不超过{Show(threshold)}{Unit}（{Range(lo, hi)}）" : null;
                }
                // A relative change from nothing is undefined: the absolute or history checks cover a figure that starts from 0.
                if (last == 0) return null;
                var band = Math.Abs(last) * threshold;
                return Outside(value, last - band, last + band)
                    ? $"上期{Show(last)}，变化不超过{Show(threshold * 100)}%（{Range(last - band, last + band)}）" : null;
            }
            case History:
            {
                if (history.Count < MinHistoryOrDefault) return null;
                var median = Median(history);
                var band = Math.Max(threshold * MadScale * Mad(history, median), Tolerance ?? 0);
                return band > 0 && Outside(value, median - band, median + band)
                    ? $"近{history.Count}期中位数{Show(median)}，合理范围{Range(median - band, median + band)}" : null;
            }
            case Peers:
            {
                if (peers.Count < MinPeersOrDefault) return null;
                var median = Median(peers);
                decimal lo, hi;
                if (MeasureOrDefault == "Ratio")
                {
                    if (threshold <= 0) return null;
                    (lo, hi) = (median / threshold, median * threshold);
                    var tolerance = Tolerance ?? 0;
                    (lo, hi) = (Math.Min(lo, median - tolerance), Math.Max(hi, median + tolerance));
                }
                else
                {
                    var band = Math.Max(threshold * MadScale * Mad(peers, median), Tolerance ?? 0);
                    (lo, hi) = (median - band, median + band);
                }
                return hi > lo && Outside(value, lo, hi) ? $"全省{peers.Count}家同类单位的合理范围{Range(lo, hi)}" : null;
            }
            default:
                return null;
        }
    }

    /// <summary>Beyond the bounds in the checked direction; a value on a bound is plausible.</summary>
    private bool Outside(decimal value, decimal lo, decimal hi) => Dir switch
    {
        "Up" => value > hi,
        "Down" => value < lo,
        _ => value > hi || value < lo,
    };

    private string Range(decimal lo, decimal hi) => Dir switch
    {
        "Up" => $"不高于{Show(hi)}{Unit}",
        "Down" => $"不低于{Show(Math.Max(lo, 0))}{Unit}",
        _ => $"{Show(Math.Max(lo, 0))}至{Show(hi)}{Unit}",
    };

    private string Unit => IsRate ? "%" : "";

    /// <summary>A figure as shown: counts with thousands separators, rates to two decimals.</summary>
    public string Show(decimal value) => IsRate
        ? value.ToString("0.##", CultureInfo.InvariantCulture)
        : Math.Round(value, 2).ToString(value == Math.Round(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    public static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Median absolute deviation from <paramref name="median"/>.</summary>
    public static decimal Mad(IReadOnlyList<decimal> values, decimal median) => Median(values.Select(v => Math.Abs(v - median)).ToList());
}

/// <summary>One summary row's numeric values by field, where it sits in the file, and what people call it (杭州市/自有营业厅).</summary>
public sealed record FigureRow(int RowNumber, string Label, IReadOnlyDictionary<string, decimal> Values);

/// <summary>The rows of one sheet of one return by their unique key, and the column letter of each field.</summary>
public sealed record FigureSheet(IReadOnlyDictionary<string, FigureRow> Rows, IReadOnlyDictionary<string, string> Columns);

/// <summary>A return's figures by sheet name.</summary>
public sealed record ReturnFigures(IReadOnlyDictionary<string, FigureSheet> Sheets);

/// <summary>
/// A figure a check found implausible: where (sheet, cell — the key of its explanation, <c>汇总!D5</c>), which check, the
/// value, what was expected, and the carrier's accepted history of the figure (oldest first) for the sparkline.
/// </summary>
public sealed record PlausibilityFinding(string Sheet, string Cell, string Row, string Check, string Kind, string Figure, decimal Value, string ShownValue,
    string Expected, IReadOnlyList<decimal> History)
{
    public string Key => $"{Sheet}!{Cell}";
    public string KindLabel => PlausibilityCheck.KindLabel(Kind);
}

/// <summary>
/// Runs a template's plausibility checks over a return's figures. Works on the summary rows only (dozens per return),
/// never the outlet detail, so it costs nothing next to reading a 100k-outlet workbook.
/// </summary>
public static class PlausibilityRules
{
    /// <param name="history">The carrier's accepted returns of earlier periods, newest first (at most 12 are used).</param>
    /// <param name="peers">The other carriers' filed returns of the same period in the province.</param>
    public static IReadOnlyList<PlausibilityFinding> Evaluate(TemplateDefinition template, ReturnFigures current, IReadOnlyList<ReturnFigures> history,
        IReadOnlyList<ReturnFigures> peers)
    {
        var findings = new List<PlausibilityFinding>();
        foreach (var check in template.Checks ?? [])
        {
            if (!current.Sheets.TryGetValue(check.Sheet, out var sheet) || !sheet.Columns.TryGetValue(check.Field, out var column)) continue;
            foreach (var (key, row) in sheet.Rows)
            {
                if (check.FigureOf(row) is not { } value) continue;
                var past = history.Take(PlausibilityCheck.HistoryPeriods).Select(h => Figure(h, check, key)).OfType<decimal>().ToList();
                var others = check.Kind == PlausibilityCheck.Peers ? peers.Select(p => Figure(p, check, key)).OfType<decimal>().ToList() : [];
                if (check.Judge(value, past, others) is not { } expected) continue;
                var name = check.Name is { Length: > 0 } n ? n : TemplateNames.Field(check.Field);
                findings.Add(new PlausibilityFinding(check.Sheet, $"{column}{row.RowNumber}", row.Label, check.Code, check.Kind, name, value,
                    check.Show(value) + (check.IsRate ? "%" : ""), expected, past.AsEnumerable().Reverse().ToList()));
            }
        }
        return findings;
    }

    private static decimal? Figure(ReturnFigures figures, PlausibilityCheck check, string key) =>
        figures.Sheets.TryGetValue(check.Sheet, out var sheet) && sheet.Rows.TryGetValue(key, out var row) ? check.FigureOf(row) : null;

    /// <summary>The flagged cells that lack an explanation (keys <c>汇总!D5</c>; blank text counts as none).</summary>
    public static IReadOnlyList<PlausibilityFinding> Unexplained(IReadOnlyList<PlausibilityFinding> findings, IReadOnlyDictionary<string, string>? explanations) =>
        findings.Where(f => explanations?.GetValueOrDefault(f.Key) is not { } text || string.IsNullOrWhiteSpace(text)).ToList();

    /// <summary>The fields a sheet's checks read (the figure and its denominator).</summary>
    public static HashSet<string> FieldsOf(TemplateDefinition template, string sheet) =>
        (template.Checks ?? []).Where(c => c.Sheet == sheet).SelectMany(c => c.IsRate ? [c.Field, c.Denominator!] : new[] { c.Field }).ToHashSet();

    /// <summary>The key columns of a sheet (its Unique rule's fields), by which a row is found again in other periods and carriers.</summary>
    public static IReadOnlyList<string> KeyFields(TemplateDefinition template, string sheet) =>
        template.Rules.FirstOrDefault(r => r.Kind == "Unique" && r.Sheet == sheet)?.Fields ?? [];

    /// <summary>
    /// Figures of one sheet from rows of values in the template's column order (as read from a file, or as stored);
    /// <paramref name="letter"/> gives the column letter of a column index.
    /// </summary>
    public static FigureSheet Sheet(TemplateDefinition template, SheetDefinition sheet, IEnumerable<(int RowNumber, object?[] Values)> rows, Func<int, string> letter)
    {
        var fields = FieldsOf(template, sheet.Name);
        var keys = KeyFields(template, sheet.Name).Select(f => sheet.Columns.ToList().FindIndex(c => c.Field == f)).Where(i => i >= 0).ToArray();
        var indexes = sheet.Columns.Select((c, i) => (c, i)).Where(x => fields.Contains(x.c.Field)).ToList();
        var result = new Dictionary<string, FigureRow>();
        foreach (var (number, values) in rows)
        {
            var key = keys.Length == 0 ? $"第{number}行" : string.Join("/", keys.Select(k => SubmissionService.Show(values[k]) ?? ""));
            var numbers = new Dictionary<string, decimal>();
            foreach (var (c, i) in indexes)
                if (ToDecimal(values[i], c.Type) is { } d) numbers[c.Field] = d;
            result.TryAdd(key, new FigureRow(number, key, numbers));
        }
        return new FigureSheet(result, indexes.ToDictionary(x => x.c.Field, x => letter(x.i)));
    }

    private static decimal? ToDecimal(object? value, FieldType type) => value switch
    {
        long l => l,
        int i => i,
        decimal d => type == FieldType.Percent ? d * 100 : d,
        double d => (decimal)d,
        _ => null,
    };
}
