using System.Diagnostics;
using ClosedXML.Excel;
using Supervision.Reports.Submissions.Io;
using Xunit.Abstractions;
using static Supervision.Tests.Reports.Submissions.Io.TestFiles;

namespace Supervision.Tests.Reports.Submissions.Io;

/// <summary>In the "large spreadsheets" collection: its 100k-row test does not compete with the others for the CPU.</summary>
[Collection(LargeSpreadsheets.Name)]
public class XlsxWriterTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<object?>[] Sample =
    [
        ["编码", "名称", "数量", "比例", "金额", "启用", "日期", null, "备注"],
        ["WD001", "中国移动银川营业厅", 12, 0.125, 1234.50m, true, new DateOnly(2024, 3, 9), null, "=HYPERLINK(\"http://evil.invalid\",\"点我\")"],
        [],
        ["WD002", "  前后空格  ", -7L, 1e-7, 0m, false, new DateOnly(2025, 12, 31), null, "第一行\r\n第二行\t制表_x0041_\u0001"],
    ];

    [Theory]
    [InlineData(XlsxStringStorage.Shared)]
    [InlineData(XlsxStringStorage.Inline)]
    public void ClosedXml_opens_the_written_workbook_and_sees_the_values(XlsxStringStorage storage)
    {
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, [new XlsxSheet("网点明细", Sample), new XlsxSheet("说明", [["只有一格"]])], storage);
        ms.Position = 0;
        using var book = new XLWorkbook(ms);
        Assert.Equal(["网点明细", "说明"], book.Worksheets.Select(w => w.Name));
        var sheet = book.Worksheet("网点明细");
        Assert.Equal("中国移动银川营业厅", sheet.Cell(2, 2).GetString());
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 3).DataType);
        Assert.Equal(12, sheet.Cell(2, 3).GetDouble());
        Assert.Equal(0.125, sheet.Cell(2, 4).GetDouble());
        Assert.Equal(1234.5, sheet.Cell(2, 5).GetDouble());
        Assert.Equal(XLDataType.Boolean, sheet.Cell(2, 6).DataType);
        Assert.True(sheet.Cell(2, 6).GetBoolean());
        Assert.Equal("2024-03-09", sheet.Cell(2, 7).GetString());
        Assert.True(sheet.Cell(2, 8).IsEmpty());
        Assert.False(sheet.Cell(2, 9).HasFormula);
        Assert.Equal("=HYPERLINK(\"http://evil.invalid\",\"点我\")", sheet.Cell(2, 9).GetString());
        Assert.True(sheet.Row(3).IsEmpty());
        Assert.Equal("  前后空格  ", sheet.Cell(4, 2).GetString());
        // ClosedXML 0.95 does not decode the _xHHHH_ escapes the way Excel does; the line breaks must survive.
        Assert.StartsWith("第一行\r\n第二行\t制表", sheet.Cell(4, 9).GetString());
        Assert.Equal("只有一格", book.Worksheet("说明").Cell(1, 1).GetString());
    }

    [Theory]
    [InlineData(XlsxStringStorage.Shared)]
    [InlineData(XlsxStringStorage.Inline)]
    public void The_reader_reads_back_what_was_written(XlsxStringStorage storage)
    {
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, [new XlsxSheet("网点明细", Sample)], storage);
        using var book = SpreadsheetReader.Open(ms, new SpreadsheetLimits());
        var rows = book.ReadRows("网点明细").ToList();
        Assert.Equal([1, 2, 4], rows.Select(r => r.RowNumber));
        Assert.Equal(new RawCell(2, "12", RawCellType.Number), rows[1][2]);
        Assert.Equal(new RawCell(3, "0.125", RawCellType.Number), rows[1][3]);
        Assert.Equal(new RawCell(4, "1234.50", RawCellType.Number), rows[1][4]);
        Assert.Equal(new RawCell(5, "1", RawCellType.Boolean), rows[1][5]);
        Assert.Equal(new RawCell(6, "2024-03-09", RawCellType.String), rows[1][6]);
        Assert.Null(rows[1][7]);
        Assert.Equal(new RawCell(8, "=HYPERLINK(\"http://evil.invalid\",\"点我\")", RawCellType.String), rows[1][8]);
        Assert.Equal("1E-07", rows[2][3]!.Value);
        Assert.Equal("  前后空格  ", rows[2][1]!.Value);
        Assert.Equal("第一行\r\n第二行\t制表_x0041_\u0001", rows[2][8]!.Value);
    }

    [Fact]
    public void Bad_sheet_names_and_values_are_refused()
    {
        Assert.Throws<ArgumentException>(() => XlsxWriter.Write(new MemoryStream(), [new XlsxSheet("a/b", [])]));
        Assert.Throws<ArgumentException>(() => XlsxWriter.Write(new MemoryStream(), [new XlsxSheet("S", []), new XlsxSheet("s", [])]));
        Assert.Throws<ArgumentException>(() => XlsxWriter.Write(new MemoryStream(), [new XlsxSheet("S", [[double.NaN]])]));
        Assert.Throws<ArgumentException>(() => XlsxWriter.Write(new MemoryStream(), [new XlsxSheet("S", [[new string('x', 32_768)]])]));
    }

    [Fact]
    public void A_hundred_thousand_rows_write_and_read_back()
    {
        var path = Path.Combine(Path.GetTempPath(), $"xlsx-io-{Guid.NewGuid():N}.xlsx");
        try
        {
            var watch = Stopwatch.StartNew();
            using (var file = File.Create(path)) XlsxWriter.Write(file, [new XlsxSheet("网点明细", OutletRows(100_000))]);
            var write = watch.Elapsed;

            watch.Restart();
            var rows = 0;
            long cells = 0;
            SheetRow? last = null;
            using (var file = File.OpenRead(path))
            using (var book = SpreadsheetReader.Open(file, new SpreadsheetLimits()))
            {
                foreach (var row in book.ReadRows("网点明细"))
                {
                    rows++;
                    cells += row.Cells.Count;
                    last = row;
                }
            }
            var read = watch.Elapsed;
            output.WriteLine($"100k×8: write {write.TotalSeconds:0.00} s, read {read.TotalSeconds:0.00} s, file {new FileInfo(path).Length / 1024.0 / 1024:0.0} MB");
            Assert.Equal(100_001, rows);
            Assert.Equal(800_008, cells);
            Assert.Equal(100_001, last!.RowNumber);
            Assert.Equal("中国移动银川第100000营业厅", last[1]!.Value);
            Assert.Equal(RawCellType.Number, last[4]!.Type);
            // No bound on the times: on a shared machine under load they fail by chance (write took 35 s at load average 50);
            // the xlsx-read benchmark reports the real figures.
        }
        finally
        {
            File.Delete(path);
        }
    }
}
