using System.Text;
using Supervision.Reports.Submissions.Io;
using static Supervision.Tests.Reports.Submissions.Io.TestFiles;

namespace Supervision.Tests.Reports.Submissions.Io;

/// <summary>In the "large spreadsheets" collection: its 100k-row test does not compete with the others for the CPU.</summary>
[Collection(LargeSpreadsheets.Name)]
public class CsvReaderTests
{
    private const string Sample = "网点编码,网点名称,从业人员数\r\nWD0000001,中国联通银川营业厅,12\r\nWD0000002,中国电信石嘴山营业厅,7\r\n";

    static CsvReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static List<SheetRow> Csv(byte[] bytes, string sheet = "网点明细", SpreadsheetLimits? limits = null)
    {
        using var book = Open(bytes, limits, sheet);
        Assert.Equal([sheet], book.SheetNames);
        return book.ReadRows(sheet).ToList();
    }

    private static void AssertSample(List<SheetRow> rows)
    {
        Assert.Equal([1, 2, 3], rows.Select(r => r.RowNumber));
        Assert.Equal(["网点编码", "网点名称", "从业人员数"], rows[0].Cells.Select(c => c.Value));
        Assert.Equal(["WD0000002", "中国电信石嘴山营业厅", "7"], rows[2].Cells.Select(c => c.Value));
        Assert.All(rows.SelectMany(r => r.Cells), c => Assert.Equal(RawCellType.String, c.Type));
    }

    [Fact]
    public void Utf8_with_bom_is_read_and_the_bom_stripped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Sample)).ToArray();
        var rows = Csv(bytes);
        AssertSample(rows);
        Assert.Equal("网点编码", rows[0][0]!.Value); // no U+FEFF in front
    }

    [Fact]
    public void Utf8_without_bom_is_read() => AssertSample(Csv(Encoding.UTF8.GetBytes(Sample)));

    [Fact]
    public void Gbk_is_read_when_the_bytes_are_not_utf8()
    {
        var gbk = Encoding.GetEncoding(936).GetBytes(Sample);
        Assert.NotEqual(Encoding.UTF8.GetBytes(Sample), gbk);
        AssertSample(Csv(gbk));
    }

    [Fact]
    public void Gbk_that_only_stops_being_utf8_late_in_the_file_is_still_read_as_gbk()
    {
        var text = string.Concat(Enumerable.Repeat("abc,123\n", 20_000)) + "宁夏,1\n";
        var rows = Csv(Encoding.GetEncoding(936).GetBytes(text));
        Assert.Equal("宁夏", rows[^1][0]!.Value);
        Assert.Equal(20_001, rows[^1].RowNumber);
    }

    [Fact]
    public void Quoted_fields_hold_commas_line_breaks_and_quotes()
    {
        var text = "名称,备注\n\"银川,兴庆区\",\"第一行\r\n第二行\"\n\"他说\"\"好\"\"\",\"\"\n末行,\"a\"\"\"\r\n";
        var rows = Csv(Encoding.UTF8.GetBytes(text));
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.RowNumber));
        Assert.Equal(["银川,兴庆区", "第一行\r\n第二行"], rows[1].Cells.Select(c => c.Value));
        Assert.Equal("他说\"好\"", rows[2][0]!.Value);
        Assert.Null(rows[2][1]); // "" is an empty cell
        Assert.Equal("a\"", rows[3][1]!.Value);
    }

    [Fact]
    public void Csv_injection_text_is_read_verbatim_as_a_string()
    {
        var text = "\"=HYPERLINK(\"\"http://evil.invalid\"\",\"\"点我\"\")\",+1+1,-2,@SUM(A1),\"=cmd|' /C calc'!A0\"\n";
        var row = Assert.Single(Csv(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(["=HYPERLINK(\"http://evil.invalid\",\"点我\")", "+1+1", "-2", "@SUM(A1)", "=cmd|' /C calc'!A0"], row.Cells.Select(c => c.Value));
        Assert.All(row.Cells, c => Assert.Equal(RawCellType.String, c.Type));
    }

    [Fact]
    public void Blank_lines_keep_their_record_numbers_and_empty_fields_are_gaps()
    {
        var rows = Csv(Encoding.UTF8.GetBytes("a,,c\n\n,,\n ,x\nlast"));
        Assert.Equal([1, 4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal([(0, "a"), (2, "c")], rows[0].Cells.Select(c => (c.Column, c.Value)));
        Assert.Equal([(0, " "), (1, "x")], rows[1].Cells.Select(c => (c.Column, c.Value)));
        Assert.Equal("last", rows[2][0]!.Value);
    }

    [Fact]
    public void Nul_bytes_mean_a_binary_file()
    {
        var e = Rejected(Encoding.UTF8.GetBytes("a,b\n\0c,d\n"));
        Assert.Equal("file.not_spreadsheet", e.Code);
    }

    [Fact]
    public void Text_invalid_in_both_utf8_and_gbk_is_refused()
    {
        // 0x81 0x20: a UTF-8 continuation byte without a lead, and a GBK lead byte without a valid trail byte.
        var e = Rejected([.. "a,b\n"u8.ToArray(), 0x81, 0x20, (byte)'\n']);
        Assert.Equal("file.bad_encoding", e.Code);
        Assert.Contains("UTF-8", e.Message);
        // A BOM promises UTF-8: GBK bytes after it are not accepted.
        Assert.Equal("file.bad_encoding", Rejected([0xEF, 0xBB, 0xBF, .. Encoding.GetEncoding(936).GetBytes("宁夏")]).Code);
    }

    [Fact]
    public void An_unterminated_quote_is_refused_with_the_row()
    {
        var e = Rejected(Encoding.UTF8.GetBytes("a,b\nc,\"never closed\nd,e\n"));
        Assert.Equal("file.corrupt", e.Code);
        Assert.Contains("第2行", e.Message);
    }

    [Fact]
    public void Csv_limits_apply()
    {
        var lines = string.Concat(Enumerable.Range(1, 11).Select(i => $"{i},x\n"));
        Assert.Equal(11, Csv(Encoding.UTF8.GetBytes(lines), limits: new SpreadsheetLimits(MaxRowsPerSheet: 11)).Count);
        var rows = Assert.Throws<SpreadsheetRejectedException>(() => Csv(Encoding.UTF8.GetBytes(lines), limits: new SpreadsheetLimits(MaxRowsPerSheet: 10)));
        Assert.Equal(("file.too_many_rows", "工作表“网点明细”超过10行"), (rows.Code, rows.Message));

        var cols = Assert.Throws<SpreadsheetRejectedException>(() => Csv(Encoding.UTF8.GetBytes("1,2,3\n1,2,3,4\n"), limits: new SpreadsheetLimits(MaxColumns: 3)));
        Assert.Equal(("file.too_many_columns", "工作表“网点明细”第2行超过3列"), (cols.Code, cols.Message));

        var cell = Assert.Throws<SpreadsheetRejectedException>(() => Csv(Encoding.UTF8.GetBytes("a,b,c\n1,2,\"" + new string('x', 40_000) + "\"\n")));
        Assert.Equal(("file.cell_too_long", "工作表“网点明细”单元格C2内容超过32767个字符"), (cell.Code, cell.Message));
        // A record longer than the reader's buffer (three cells each within the limit): refused at its row, nothing read past it.
        var wide = Assert.Throws<SpreadsheetRejectedException>(() => Csv(Encoding.UTF8.GetBytes("a,b,c\n" + string.Join(',', Enumerable.Repeat(new string('x', 30_000), 3)) + "\nd,e,f\n")));
        Assert.Equal("file.cell_too_long", wide.Code);
        Assert.Equal("工作表“网点明细”第2行内容过长（超过66558个字符）", wide.Message);
    }

    [Fact]
    public void A_large_csv_streams()
    {
        var sb = new StringBuilder("编码,名称,数量\n");
        for (var i = 1; i <= 100_000; i++) sb.Append("WD").Append(i).Append(",\"营业厅,").Append(i).Append("\",").Append(i % 17).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        using var book = Open(bytes, csvSheetName: "S");
        var count = 0;
        SheetRow? last = null;
        foreach (var row in book.ReadRows("S"))
        {
            count++;
            last = row;
        }
        Assert.Equal(100_001, count);
        Assert.Equal("营业厅,100000", last![1]!.Value);
        Assert.Equal(100_001, book.ReadRows("S").Count()); // re-enumerable
    }
}
