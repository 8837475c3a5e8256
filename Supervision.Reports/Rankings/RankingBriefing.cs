using System.Globalization;
using Supervision.Domain.Documents;
using Supervision.Domain.Rankings;
using Supervision.Reports.Documents;

namespace Supervision.Reports.Rankings;

/// <summary>
/// 领导简报: one page with the month's picture — the summary in words, the top and bottom three, the scores and the
/// real-name trend as charts, and the method — laid out by the official-document layer.
/// </summary>
public static class RankingBriefing
{
    public const int TrendLines = 4;

    /// <summary>A province's companies (the leaders of a provincial administration).</summary>
    public static byte[] Render(ProvinceDashboard d, DateOnly date) =>
        OfficialDocumentRenderer.Render(Build(d.AuthorityName, $"{d.ProvinceName}电信企业", d.Carriers, d.Trend,
            d.Figures.FirstOrDefault(f => f.Indicator.Code == ReturnIndicators.RealNameRate), date));

    /// <summary>The provinces (the ministry).</summary>
    public static byte[] Render(MinistryDashboard d, string authority, DateOnly date) =>
        OfficialDocumentRenderer.Render(Build(authority, "各省（区、市）", d.Provinces, d.Trend, null, date));

    public static OfficialDocument Build(string authority, string subject, RankingTable table, Trend trend, ProvinceFigure? rate, DateOnly date)
    {
        var month = Months.Label(table.Period);
        var scored = table.Scored.ToList();
        var unscored = table.Rows.Where(r => !r.IsScored).ToList();
        // GB/T 9704 puts the issuing authority and date in the 版记 at the foot; the page has no room for them twice.
        var document = new OfficialDocument($"实名制落实情况排名简报（{month}）");

        var summary = $"{month}，{subject}{table.Participation}，平均得分{Score(table.AverageScore)}分";
        if (rate is { Value: { } v }) summary += $"；全省实名率{v.ToString("0.00", CultureInfo.InvariantCulture)}%（{rate.Reporting}/{rate.Expected}家已受理）";
        summary += unscored.Count switch
        {
            0 => "。",
            <= 2 => $"；{string.Join("、", unscored.Select(r => r.Name))}本期未参与评分，列于末位。",
            _ => $"；{unscored[0].Name}等{unscored.Count}家本期未参与评分，列于末位。",
        };
        document.Heading("总体情况").Paragraph(summary);

        document.Heading("排名前三和后三");
        var top = scored.Take(3).ToList();
        var bottom = scored.Count > 3 ? scored.TakeLast(Math.Min(3, scored.Count - 3)).ToList() : [];
        var grid = new DocumentTable(
            new TableColumn("名次", 1.1, CellAlignment.Center), new TableColumn("排名前三", 3.6), new TableColumn("得分", 1.3, CellAlignment.Right), new TableColumn("变化", 1.1, CellAlignment.Center),
            new TableColumn("名次", 1.1, CellAlignment.Center), new TableColumn("排名后三", 3.6), new TableColumn("得分", 1.3, CellAlignment.Right), new TableColumn("变化", 1.1, CellAlignment.Center))
        { FontSize = 10.5 };
        for (var i = 0; i < Math.Max(1, Math.Max(top.Count, bottom.Count)); i++)
        {
            var t = i < top.Count ? top[i] : null;
            var b = i < bottom.Count ? bottom[i] : null;
            grid.AddRow(t?.Rank.ToString(CultureInfo.InvariantCulture) ?? "", t?.Name ?? "—", Score(t?.Score), t?.ChangeLabel ?? "",
                b?.Rank.ToString(CultureInfo.InvariantCulture) ?? "", b?.Name ?? "—", Score(b?.Score), b?.ChangeLabel ?? "");
        }
        document.Table(grid);

        var bars = new DocumentChart($"综合得分（{month}）", ChartKind.Bars, table.Rows.Select(r => r.Name).ToList(),
            [new ChartSeriesData("综合得分", table.Rows.Select(r => r.Score).ToList(), ChartColor.Palette[0])])
        { Minimum = 0, Maximum = 100, ValueFormat = "0.00", MissingLabel = "未报送" };
        document.Charts(64, bars, TrendChart(trend, table));
        document.Note(RankingMethod.Brief(table.Indicators), 9);
        document.PrintedBy(authority, date);
        return document;
    }

    /// <summary>The aggregate line and the best and worst of the month (a page has no room for every company's line).</summary>
    private static DocumentChart TrendChart(Trend trend, RankingTable table)
    {
        var ranked = table.Scored.Select(r => r.Name).ToList();
        var chosen = ranked.Count <= TrendLines ? ranked : [.. ranked.Take(TrendLines / 2), .. ranked.TakeLast(TrendLines / 2)];
        var series = trend.Series.Where(s => s.IsAggregate).Concat(trend.Series.Where(s => !s.IsAggregate && !s.IsTarget && chosen.Contains(s.Name))).ToList();
        var indicator = trend.Indicator;
        return new DocumentChart($"{indicator.Name}走势（{indicator.Unit}）", ChartKind.Lines, trend.Months.Select(m => m[2..]).ToList(),
            series.Select((s, i) => new ChartSeriesData(s.Name, s.Values, ChartColor.Palette[i % ChartColor.Palette.Count]) { Emphasis = s.IsAggregate }).ToList())
        {
            References = [.. Targets(indicator)],
            ValueFormat = "0.#",
        };
    }

    private static IEnumerable<ChartReference> Targets(RankingIndicator indicator)
    {
        if (indicator.Normalization != IndicatorNormalization.Target) yield break;
        if (indicator.Target is { } t) yield return new ChartReference($"目标{indicator.Format(t)}", t, ChartColor.Target);
        if (indicator.Pass is { } p) yield return new ChartReference($"及格{indicator.Format(p)}", p, ChartColor.Pass);
    }

    private static string Score(double? score) => score?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";
}
