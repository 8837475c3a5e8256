using Supervision.Reports.Submissions.Io;
using static Supervision.Tests.Reports.Submissions.Io.TestFiles;

namespace Supervision.Tests.Reports.Submissions.Io;

public class XlsxReaderTests
{
    [Fact]
    public void Reads_shared_and_inline_strings_numbers_booleans_errors_and_flags_formulas()
    {
        var bytes = OneSheet(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>内联文本</t></is></c><c r=\"C1\"><v>12.50</v></c>"
            + "<c r=\"D1\" t=\"b\"><v>1</v></c><c r=\"E1\" t=\"b\"><v>0</v></c><c r=\"F1\" t=\"e\"><v>#N/A</v></c>"
            + "<c r=\"G1\"><f>SUM(C1:C1)</f><v>12.5</v></c><c r=\"H1\" t=\"str\"><f>A1&amp;\"x\"</f><v>联通x</v></c><c r=\"I1\"><f>NOW()</f></c>"
            + "<c r=\"J1\" t=\"str\"><v>公式文本结果</v></c><c r=\"K1\"><v>-1.5E-3</v></c></row>",
            "<si><t>移动</t></si><si><t>联通</t></si>");
        var row = Assert.Single(Rows(bytes));
        Assert.Equal(1, row.RowNumber);
        Assert.Equal(new RawCell(0, "联通", RawCellType.String), row[0]);
        Assert.Equal(new RawCell(1, "内联文本", RawCellType.String), row[1]);
        Assert.Equal(new RawCell(2, "12.50", RawCellType.Number), row[2]);
        Assert.Equal(new RawCell(3, "1", RawCellType.Boolean), row[3]);
        Assert.Equal(new RawCell(4, "0", RawCellType.Boolean), row[4]);
        Assert.Equal(new RawCell(5, "#N/A", RawCellType.Error), row[5]);
        Assert.Equal(new RawCell(6, "12.5", RawCellType.Formula), row[6]);
        Assert.Equal(new RawCell(7, "联通x", RawCellType.Formula), row[7]);
        Assert.Equal(new RawCell(8, "", RawCellType.Formula), row[8]);
        Assert.Equal(new RawCell(9, "公式文本结果", RawCellType.String), row[9]);
        Assert.Equal(new RawCell(10, "-1.5E-3", RawCellType.Number), row[10]);
        Assert.Null(row[11]);
    }

    [Fact]
    public void Rich_text_runs_are_concatenated_and_phonetic_runs_left_out()
    {
        var bytes = OneSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><r><t>甲</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 乙</t></r></is></c></row>",
            "<si><r><rPr><b/></rPr><t>宁夏</t></r><r><t xml:space=\"preserve\">回族 </t></r><r><t>自治区</t></r><rPh sb=\"0\" eb=\"1\"><t>ニン</t></rPh><phoneticPr fontId=\"1\"/></si>");
        var row = Assert.Single(Rows(bytes));
        Assert.Equal("宁夏回族 自治区", row[0]!.Value);
        Assert.Equal("甲 乙", row[1]!.Value);
    }

    [Fact]
    public void Gaps_in_rows_and_cells_are_kept_and_cells_or_rows_without_r_follow_on()
    {
        var bytes = OneSheet(
            "<row r=\"2\"><c r=\"B2\"><v>1</v></c><c><v>2</v></c><c r=\"E2\"><v>3</v></c><c><v>4</v></c></row>"
            + "<row><c><v>5</v></c><c r=\"AB3\"><v>6</v></c></row>"
            + "<row r=\"7\" spans=\"1:3\" ht=\"20\" customHeight=\"1\"/>"
            + "<row r=\"9\"><c r=\"A9\" s=\"3\"/><c r=\"C9\" t=\"s\"/></row>"
            + "<row r=\"10\"><c r=\"XFD10\"><v>7</v></c></row>", null);
        var rows = Rows(bytes, limits: new SpreadsheetLimits(MaxColumns: 16_384));
        Assert.Equal([2, 3, 10], rows.Select(r => r.RowNumber));
        Assert.Equal([(1, "1"), (2, "2"), (4, "3"), (5, "4")], rows[0].Cells.Select(c => (c.Column, c.Value)));
        Assert.Equal([(0, "5"), (27, "6")], rows[1].Cells.Select(c => (c.Column, c.Value)));
        Assert.Equal(16_383, Assert.Single(rows[2].Cells).Column);
        Assert.Null(rows[0][0]);
        Assert.Null(rows[0][3]);
    }

    [Fact]
    public void Sheet_names_resolve_through_relationships_not_file_order()
    {
        // Workbook order: 汇总 (in sheet3.xml), 网点明细 (sheet1.xml), 说明 (sheet2.xml).
        var parts = Workbook([
            ("汇总", "sheet3.xml", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>这是汇总</t></is></c></row>"),
            ("网点明细", "sheet1.xml", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>这是明细</t></is></c></row>"),
            ("说明", "sheet2.xml", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>这是说明</t></is></c></row>"),
        ]);
        // Relationship targets in odd forms: absolute and with "./".
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"]
            .Replace("Target=\"worksheets/sheet3.xml\"", "Target=\"/xl/worksheets/sheet3.xml\"")
            .Replace("Target=\"worksheets/sheet1.xml\"", "Target=\"./worksheets/sheet1.xml\"");
        var bytes = Zip(parts);
        using var book = Open(bytes);
        Assert.Equal(["汇总", "网点明细", "说明"], book.SheetNames);
        Assert.Equal("这是明细", book.ReadRows("网点明细").Single()[0]!.Value);
        Assert.Equal("这是汇总", book.ReadRows("汇总").Single()[0]!.Value);
        Assert.Equal("这是说明", book.ReadRows("说明").Single()[0]!.Value);
        var missing = Assert.Throws<SpreadsheetRejectedException>(() => book.ReadRows("不存在"));
        Assert.Equal("file.sheet_missing", missing.Code);
        Assert.Contains("不存在", missing.Message);
    }

    [Fact]
    public void Chinese_text_whitespace_and_escaped_control_characters_come_back_exactly()
    {
        var bytes = OneSheet(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c></row>",
            "<si><t>中国电信股份有限公司宁夏分公司（银川·兴庆区）𠀀</t></si><si><t xml:space=\"preserve\">   </t></si><si><t>第一行_x000D_\n第二行</t></si><si><t>_x005F_x0041_</t></si><si><t/></si>");
        var row = Assert.Single(Rows(bytes));
        Assert.Equal("中国电信股份有限公司宁夏分公司（银川·兴庆区）𠀀", row[0]!.Value);
        Assert.Equal("   ", row[1]!.Value);
        Assert.Equal("第一行\r\n第二行", row[2]!.Value);
        Assert.Equal("_x0041_", row[3]!.Value);
        Assert.Null(row[4]); // an empty string is an empty cell
    }

    [Fact]
    public void Reading_is_re_enumerable_and_lazy()
    {
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, [new XlsxSheet("网点明细", OutletRows(20_000))]);
        using var book = SpreadsheetReader.Open(ms, new SpreadsheetLimits());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var first = book.ReadRows("网点明细").Take(3).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("网点编码", first[0][0]!.Value);
        Assert.True(allocated < 2_000_000, $"taking 3 rows of 20001 allocated {allocated} bytes: the sheet is being materialised");
        Assert.Equal(20_001, book.ReadRows("网点明细").Count());
        // Two enumerations interleaved over the same file do not disturb each other.
        using var a = book.ReadRows("网点明细").GetEnumerator();
        using var b = book.ReadRows("网点明细").GetEnumerator();
        Assert.True(a.MoveNext() && a.MoveNext() && b.MoveNext());
        Assert.Equal(2, a.Current.RowNumber);
        Assert.Equal(1, b.Current.RowNumber);
    }

    [Fact]
    public void A_non_seekable_upload_is_buffered_and_read()
    {
        var bytes = OneSheet("<row r=\"1\"><c r=\"A1\"><v>42</v></c></row>");
        using var book = SpreadsheetReader.Open(new NonSeekableStream(bytes), new SpreadsheetLimits());
        Assert.Equal("42", book.ReadRows("Sheet1").Single()[0]!.Value);
    }

    [Fact]
    public void Workbooks_with_prefixed_elements_are_read()
    {
        // The OpenXML SDK writes x:-prefixed elements.
        var parts = Workbook([("Sheet1", "sheet1.xml", "")]);
        parts["xl/worksheets/sheet1.xml"] = $"<x:worksheet xmlns:x=\"{Main}\"><x:sheetData><x:row r=\"4\"><x:c r=\"B4\" t=\"inlineStr\"><x:is><x:t>前缀</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>";
        var row = Assert.Single(Rows(Zip(parts)));
        Assert.Equal((4, 1, "前缀"), (row.RowNumber, row.Cells[0].Column, row.Cells[0].Value));
    }

    internal sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
