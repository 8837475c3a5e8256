using Supervision.Reports.Documents;
using Supervision.Reports.Documents.Layout;

namespace Supervision.Tests.Reports.Documents;

/// <summary>Charts in official documents: drawn as vector operations inside the text block, with their text as text.</summary>
public class ChartBlockTests
{
    private static readonly double Mm = 72 / 25.4;
    private static readonly double BlockLeft = 28 * Mm;
    private static readonly double BlockRight = (28 + 156) * Mm;

    private static List<LaidOutPage> Layout(OfficialDocument document) => OfficialDocumentRenderer.Layout(document, OfficialDocumentOptions.Default);

    private static DocumentChart Bars(params double?[] values) =>
        new("综合得分", ChartKind.Bars, values.Select((_, i) => $"单位{i + 1}").ToList(), [new ChartSeriesData("得分", values, ChartColor.Palette[0])])
        { Minimum = 0, Maximum = 100, MissingLabel = "未报送" };

    [Fact]
    public void Bars_are_as_long_as_their_values_and_a_missing_value_is_named_not_drawn()
    {
        var page = Layout(new OfficialDocument("图表").Charts(60, Bars(80, 40, null, 100)))[0];
        var bars = page.Ops.OfType<FillOp>().OrderBy(b => b.Y).ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(0.5, bars[1].Width / bars[0].Width, 6);
        Assert.Equal(1.25, bars[2].Width / bars[0].Width, 6);
        Assert.All(bars, b => Assert.Equal(bars[0].X, b.X, 6));
        Assert.Contains(page.Ops.OfType<TextOp>(), t => t.Text == "未报送" && t.Color == TextColor.Gray);
        Assert.Contains(page.Ops.OfType<TextOp>(), t => t.Text == "综合得分");
    }

    [Fact]
    public void Everything_of_a_chart_row_lies_in_the_text_block_side_by_side()
    {
        var line = new DocumentChart("实名率走势", ChartKind.Lines, ["01", "02", "03"], [new ChartSeriesData("全省", [98, 99, 99.5], ChartColor.Palette[0])]);
        var page = Layout(new OfficialDocument("图表").Charts(60, Bars(90, 70), line))[0];
        var xs = page.Ops.SelectMany(Xs).ToList();
        Assert.All(xs, x => Assert.InRange(x, BlockLeft - 0.01, BlockRight + 0.01));
        var bars = page.Ops.OfType<FillOp>().ToList();
        var lines = page.Ops.OfType<PolylineOp>().Where(p => p.Color == ChartColor.Palette[0]).ToList();
        Assert.True(bars.Max(b => b.X + b.Width) < lines.SelectMany(l => l.Points).Min(p => p.X), "the bar chart is left of the line chart");
    }

    private static IEnumerable<double> Xs(DrawOp op) => op switch
    {
        FillOp f => [f.X, f.X + f.Width],
        PolylineOp p => p.Points.Select(pt => pt.X),
        DotOp d => [d.X],
        TextOp t => [t.X],
        _ => [],
    };

    [Fact]
    public void A_missing_month_breaks_the_line_and_higher_values_sit_higher()
    {
        var chart = new DocumentChart("走势", ChartKind.Lines, ["1", "2", "3", "4", "5"], [new ChartSeriesData("甲", [90, 95, null, 96, 100], ChartColor.Palette[1])])
        {
            References = [new ChartReference("目标100%", 100, ChartColor.Target)],
        };
        var page = Layout(new OfficialDocument("图表").Charts(60, chart))[0];
        // The series' runs (its legend swatch is a short line of the same colour).
        var runs = page.Ops.OfType<PolylineOp>().Where(p => p.Color == ChartColor.Palette[1] && p.Points[^1].X - p.Points[0].X > 20).ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal(2, runs[0].Points.Count);
        Assert.True(runs[0].Points[1].Y < runs[0].Points[0].Y, "95 is drawn above 90");
        var target = page.Ops.OfType<PolylineOp>().Single(p => p.Color == ChartColor.Target && p.Points.Count == 2 && p.Points[0].X < p.Points[1].X - 50);
        Assert.True(target.Dashed);
        Assert.Equal(runs[1].Points[1].Y, target.Points[0].Y, 6);        // the value 100 lies on the target line
    }

    [Fact]
    public void The_painted_page_keeps_titles_labels_and_legend_as_text()
    {
        var chart = new DocumentChart("实名率走势（%）", ChartKind.Lines, ["25-01", "25-02"], [new ChartSeriesData("宁夏全省", [99.1, 99.3], ChartColor.Palette[0])])
        {
            References = [new ChartReference("目标100%", 100, ChartColor.Target)],
        };
        var pdf = OfficialDocumentRenderer.Render(new OfficialDocument("简报").Charts(55, chart, Bars(97.3, null)).Note("计算方法：按权重加权平均。"));
        var text = PdfReading.PageTexts(pdf).Single();
        foreach (var expected in new[] { "实名率走势（%）", "25-02", "宁夏全省", "目标100%", "综合得分", "单位1", "97.3", "未报送", "计算方法：按权重加权平均。" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public void A_chart_row_is_never_split_across_pages()
    {
        var document = new OfficialDocument("测试");
        for (var i = 0; i < 15; i++) document.Line("通信管理局依法对电话用户真实身份信息登记情况进行监督检查", ParagraphAlignment.Left);
        document.Charts(80, Bars(50, 60));
        var pages = Layout(document);
        Assert.Equal(2, pages.Count);
        Assert.Empty(pages[0].Ops.OfType<FillOp>());
        Assert.Equal(2, pages[1].Ops.OfType<FillOp>().Count());
    }

    [Fact]
    public void A_note_is_set_in_its_own_size_and_stays_in_the_block()
    {
        var page = Layout(new OfficialDocument("测试").Note(string.Concat(Enumerable.Repeat("各项指标按目标值折算为零至一百分后按权重加权平均。", 6)), 9))[0];
        var note = page.Ops.OfType<TextOp>().Where(t => t.Size == 9).ToList();
        Assert.True(note.GroupBy(t => Math.Round(t.Baseline, 1)).Count() >= 3);
        Assert.All(note, t => Assert.InRange(t.X, BlockLeft - 0.01, BlockRight));
        Assert.Throws<ArgumentException>(() => new OfficialDocument("测试").Charts(60));
    }
}
