using System.Globalization;

namespace Supervision.Reports.Documents.Layout;

/// <summary>
/// Draws a <see cref="DocumentChart"/> into a box as vector operations: title, plot with grid and axis labels,
/// series, dashed references, legend. Text is set in the document's own faces, so it stays text in the PDF.
/// </summary>
internal static class ChartComposer
{
    private static readonly TextStyle TitleStyle = new(OfficialTypeface.Hei, 9);
    private static readonly TextStyle LabelStyle = new(OfficialTypeface.Song, 7);
    private static readonly TextStyle MutedStyle = LabelStyle with { Color = TextColor.Gray };
    private static readonly ChartColor Axis = ChartColor.Hex("#5b6b7f");

    public static void Draw(List<DrawOp> ops, DocumentChart chart, double x, double y, double width, double height)
    {
        var titleHeight = TitleStyle.Size * 1.7;
        Text(ops, chart.Title, TitleStyle, x, y, width, titleHeight, ParagraphAlignment.Center);
        var legend = Legend(chart);
        var legendHeight = LegendHeight(legend, width);
        var plotTop = y + titleHeight;
        var plotHeight = height - titleHeight - legendHeight;
        if (chart.Kind == ChartKind.Bars) Bars(ops, chart, x, plotTop, width, plotHeight);
        else Lines(ops, chart, x, plotTop, width, plotHeight);
        DrawLegend(ops, legend, x, y + height - legendHeight, width);
    }

    // ---- lines --------------------------------------------------------------------------------------

    private static void Lines(List<DrawOp> ops, DocumentChart chart, double x, double top, double width, double height)
    {
        var values = chart.Series.SelectMany(s => s.Values).OfType<double>().Concat(chart.References.Select(r => r.Value)).ToList();
        var (lo, hi, step) = Scale(chart, values, fromZero: false);
        var ticks = Ticks(lo, hi, step);
        var labelWidth = ticks.Max(t => Measure(Tick(t), LabelStyle)) + 3;
        var axisHeight = LabelStyle.Size * 1.8;
        var (px, py, pw, ph) = (x + labelWidth, top + 3, width - labelWidth - 4, height - axisHeight - 3);
        double Y(double v) => py + ph - (v - lo) / (hi - lo) * ph;

        foreach (var tick in ticks)
        {
            ops.Add(new PolylineOp([(px, Y(tick)), (px + pw, Y(tick))], 0.4, ChartColor.Grid));
            Text(ops, Tick(tick), LabelStyle, x, Y(tick) - LabelStyle.Size * 0.75, labelWidth - 3, LabelStyle.Size * 1.5, ParagraphAlignment.Right);
        }
        ops.Add(new PolylineOp([(px, py + ph), (px + pw, py + ph)], 0.6, Axis));

        var n = Math.Max(1, chart.Categories.Count);
        double X(int i) => px + pw * (i + 0.5) / n;
        var widest = chart.Categories.Count == 0 ? 0 : chart.Categories.Max(c => Measure(c, LabelStyle)) + 4;
        var every = Math.Max(1, (int)Math.Ceiling(widest * n / pw));
        // Label the last category (the month ranked) and every k-th before it.
        for (var i = n - 1; i >= 0; i -= every)
            Text(ops, chart.Categories[i], LabelStyle, X(i) - widest / 2, py + ph + 2, widest, LabelStyle.Size * 1.5, ParagraphAlignment.Center);

        foreach (var reference in chart.References.Where(r => r.Value >= lo && r.Value <= hi))
            ops.Add(new PolylineOp([(px, Y(reference.Value)), (px + pw, Y(reference.Value))], 0.8, reference.Color, Dashed: true));

        foreach (var series in chart.Series)
        {
            var thickness = series.Emphasis ? 2.0 : 1.1;
            var run = new List<(double, double)>();
            for (var i = 0; i <= series.Values.Count; i++)
            {
                if (i < series.Values.Count && series.Values[i] is { } v)
                {
                    run.Add((X(i), Y(Math.Clamp(v, lo, hi))));
                    continue;
                }
                // A missing month breaks the line rather than bridging it.
                if (run.Count > 1) ops.Add(new PolylineOp([.. run], thickness, series.Color));
                if (run.Count == 1 || n <= 36)
                    foreach (var (dx, dy) in run) ops.Add(new DotOp(dx, dy, series.Emphasis ? 1.6 : 1.2, series.Color));
                run.Clear();
            }
        }
    }

    // ---- bars ---------------------------------------------------------------------------------------

    private static void Bars(List<DrawOp> ops, DocumentChart chart, double x, double top, double width, double height)
    {
        var values = chart.Series.SelectMany(s => s.Values).OfType<double>().Concat(chart.References.Select(r => r.Value)).ToList();
        var (lo, hi, step) = Scale(chart, values, fromZero: true);
        var ticks = Ticks(lo, hi, step);
        var n = Math.Max(1, chart.Categories.Count);
        var nameWidth = Math.Min(width * 0.38, (chart.Categories.Count == 0 ? 0 : chart.Categories.Max(c => Measure(c, LabelStyle))) + 4);
        var valueWidth = Math.Max(Measure(Format(chart, hi), LabelStyle), Measure(chart.MissingLabel, LabelStyle)) + 4;
        var axisHeight = LabelStyle.Size * 1.8;
        var (px, py, pw, ph) = (x + nameWidth, top + 2, width - nameWidth - valueWidth, height - axisHeight - 2);
        double X(double v) => px + (Math.Clamp(v, lo, hi) - lo) / (hi - lo) * pw;

        foreach (var tick in ticks)
        {
            ops.Add(new PolylineOp([(X(tick), py), (X(tick), py + ph)], 0.4, ChartColor.Grid));
            var label = Tick(tick);
            var w = Measure(label, LabelStyle) + 2;
            Text(ops, label, LabelStyle, X(tick) - w / 2, py + ph + 2, w, LabelStyle.Size * 1.5, ParagraphAlignment.Center);
        }
        ops.Add(new PolylineOp([(px, py), (px, py + ph)], 0.6, Axis));

        var row = ph / n;
        var series = Math.Max(1, chart.Series.Count);
        var thickness = Math.Min(row * 0.62 / series, 9);
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var rowTop = py + i * row;
            Text(ops, chart.Categories[i], LabelStyle, x, rowTop + row / 2 - LabelStyle.Size * 0.75, nameWidth - 4, LabelStyle.Size * 1.5, ParagraphAlignment.Right);
            var barsTop = rowTop + (row - thickness * series) / 2;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var barTop = barsTop + s * thickness;
                var labelTop = barTop + thickness / 2 - LabelStyle.Size * 0.75;
                if (i < chart.Series[s].Values.Count && chart.Series[s].Values[i] is { } v)
                {
                    var end = X(v);
                    ops.Add(new FillOp(px, barTop, Math.Max(0.5, end - px), thickness, chart.Series[s].Color));
                    Text(ops, Format(chart, v), LabelStyle, end + 2, labelTop, valueWidth, LabelStyle.Size * 1.5, ParagraphAlignment.Left);
                }
                else
                    Text(ops, chart.MissingLabel, MutedStyle, px + 2, labelTop, pw, LabelStyle.Size * 1.5, ParagraphAlignment.Left);
            }
        }
        foreach (var reference in chart.References.Where(r => r.Value >= lo && r.Value <= hi))
            ops.Add(new PolylineOp([(X(reference.Value), py), (X(reference.Value), py + ph)], 0.8, reference.Color, Dashed: true));
    }

    // ---- legend, scale, text --------------------------------------------------------------------------

    private sealed record LegendItem(string Label, ChartColor Color, bool Dashed);

    private static List<LegendItem> Legend(DocumentChart chart)
    {
        var items = new List<LegendItem>();
        if (chart.Series.Count > 1 || chart.Kind == ChartKind.Lines)
            items.AddRange(chart.Series.Select(s => new LegendItem(s.Name, s.Color, false)));
        items.AddRange(chart.References.Select(r => new LegendItem(r.Label, r.Color, true)));
        return items;
    }

    private const double Swatch = 9;

    private static List<List<(LegendItem Item, double Width)>> LegendRows(List<LegendItem> items, double width)
    {
        var rows = new List<List<(LegendItem, double)>> { new() };
        double used = 0;
        foreach (var item in items)
        {
            var w = Swatch + 2 + Measure(item.Label, LabelStyle) + 7;
            if (used + w > width && rows[^1].Count > 0)
            {
                rows.Add([]);
                used = 0;
            }
            rows[^1].Add((item, w));
            used += w;
        }
        return rows;
    }

    private static double LegendHeight(List<LegendItem> items, double width) =>
        items.Count == 0 ? 2 : LegendRows(items, width).Count * LabelStyle.Size * 1.5 + 3;

    private static void DrawLegend(List<DrawOp> ops, List<LegendItem> items, double x, double top, double width)
    {
        if (items.Count == 0) return;
        var lineHeight = LabelStyle.Size * 1.5;
        var y = top + 3;
        foreach (var row in LegendRows(items, width))
        {
            var cx = x + (width - row.Sum(r => r.Width)) / 2;
            foreach (var (item, w) in row)
            {
                var mid = y + lineHeight / 2;
                ops.Add(new PolylineOp([(cx, mid), (cx + Swatch, mid)], item.Dashed ? 0.8 : 2, item.Color, item.Dashed));
                Text(ops, item.Label, LabelStyle, cx + Swatch + 2, y, w - Swatch - 2, lineHeight, ParagraphAlignment.Left);
                cx += w;
            }
            y += lineHeight;
        }
    }

    /// <summary>The value range: the chart's own bounds, else the data's widened to round steps.</summary>
    private static (double Lo, double Hi, double Step) Scale(DocumentChart chart, List<double> values, bool fromZero)
    {
        var min = chart.Minimum ?? (values.Count == 0 ? 0 : fromZero ? Math.Min(0, values.Min()) : values.Min());
        var max = chart.Maximum ?? (values.Count == 0 ? 1 : values.Max());
        if (max <= min) max = min + 1;
        var step = NiceStep((max - min) / 4);
        var lo = chart.Minimum ?? Math.Floor(min / step) * step;
        var hi = chart.Maximum ?? Math.Ceiling(max / step) * step;
        if (hi <= lo) hi = lo + step;
        return (lo, hi, step);
    }

    private static List<double> Ticks(double lo, double hi, double step)
    {
        var ticks = new List<double>();
        for (var t = Math.Ceiling(lo / step - 1e-9) * step; t <= hi + step * 1e-6; t += step) ticks.Add(Math.Round(t, 10) + 0.0);   // + 0.0: no "−0"
        return ticks;
    }

    private static double NiceStep(double raw)
    {
        if (raw <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
    }

    private static string Format(DocumentChart chart, double value) => value.ToString(chart.ValueFormat, CultureInfo.InvariantCulture);

    private static string Tick(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static double Measure(string text, TextStyle style) => new StyledText((text, style)).Measure(0, text.Length);

    private static void Text(List<DrawOp> ops, string text, TextStyle style, double x, double top, double width, double lineHeight, ParagraphAlignment alignment)
    {
        if (text.Length == 0) return;
        var styled = new StyledText((text, style));
        DocumentComposer.EmitLine(ops, styled, new TextLine(0, text.Length, styled.Measure(0, text.Length)), x, width, alignment, justify: false, lineHeight, top);
    }
}
