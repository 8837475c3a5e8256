using ClosedXML.Excel;
using Supervision.Reports.Common;

namespace Supervision.Tests.Reports.Common;

public class WorkbookExportTests
{
    private sealed record Row(int No, string Name, DateOnly Day, decimal Amount, bool Done);

    private static readonly ExportColumn<Row>[] Columns =
    [
        new("序号", r => r.No, 8), new("名称", r => r.Name, 30), new("日期", r => r.Day, 12), new("金额", r => r.Amount, 14), new("已完成", r => r.Done, 8),
    ];

    private static readonly DateTimeOffset At = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private static IEnumerable<Row> Rows(int count) => Enumerable.Range(1, count)
        .Select(i => new Row(i, i == 2 ? "=HYPERLINK(\"http://x\",\"点我\")" : $"网点{i}", new DateOnly(2026, 1, 1).AddDays(i % 300), 1000m + i, i % 2 == 0));

    [Fact]
    public void A_ledger_has_a_title_its_filters_a_frozen_filtered_header_typed_cells_and_no_formulas()
    {
        using var book = new XLWorkbook(new MemoryStream(WorkbookExport.Build("执法台账", "状态：全部", Columns, Rows(20), At)));
        var sheet = book.Worksheet(1);
        Assert.Equal("执法台账", sheet.Cell(1, 1).GetString());
        Assert.Equal("导出时间：2026-11-28 10:00；筛选条件：状态：全部", sheet.Cell(2, 1).GetString());
        Assert.Equal(["序号", "名称", "日期", "金额", "已完成"], Enumerable.Range(1, 5).Select(c => sheet.Cell(3, c).GetString()));
        Assert.Equal(3, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(new DateTime(2026, 1, 3), sheet.Cell(5, 3).GetDateTime());
        Assert.Equal(1002m, sheet.Cell(5, 4).GetValue<decimal>());
        Assert.Equal("是", sheet.Cell(5, 5).GetString());
        Assert.False(sheet.Cell(5, 2).HasFormula);
        Assert.Equal("=HYPERLINK(\"http://x\",\"点我\")", sheet.Cell(5, 2).GetString());
        Assert.Equal(23, sheet.LastRowUsed()!.RowNumber());
    }

    [Fact]
    public void A_ledger_past_the_threshold_is_streamed_with_the_same_columns_and_values_and_no_formulas()
    {
        var count = WorkbookExport.StreamingThreshold + 1;
        using var book = new XLWorkbook(new MemoryStream(WorkbookExport.Build("审计日志", "共10001条", Columns, Rows(count), At)));
        var sheet = book.Worksheet(1);
        Assert.Equal("审计日志", sheet.Name);
        Assert.Equal(["序号", "名称", "日期", "金额", "已完成"], Enumerable.Range(1, 5).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(count + 1, sheet.LastRowUsed()!.RowNumber());
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.False(sheet.Cell(3, 2).HasFormula);
        Assert.Equal("=HYPERLINK(\"http://x\",\"点我\")", sheet.Cell(3, 2).GetString());
        Assert.Equal(new DateTime(2026, 1, 3), sheet.Cell(3, 3).GetDateTime());
        Assert.Equal(1002m, sheet.Cell(3, 4).GetValue<decimal>());
        // The same formats as the formatted path: a date reads as a date, money with two decimals.
        Assert.Equal("yyyy-mm-dd", sheet.Cell(3, 3).Style.NumberFormat.Format);
        Assert.Equal("#,##0.00", sheet.Cell(3, 4).Style.NumberFormat.Format);
        Assert.Equal("是", sheet.Cell(3, 5).GetString());
        Assert.Equal(count, sheet.Cell(count + 1, 1).GetValue<int>());
        var about = book.Worksheet("说明");
        Assert.Contains(about.CellsUsed(), c => c.GetString() == "审计日志");
        Assert.Contains(about.CellsUsed(), c => c.GetString() == "导出时间：2026-11-28 10:00；筛选条件：共10001条");
    }
}
