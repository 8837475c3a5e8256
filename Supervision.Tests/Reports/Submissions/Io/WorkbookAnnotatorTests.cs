using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using Supervision.Reports.Submissions.Io;
using Xunit.Abstractions;
using static Supervision.Tests.Reports.Submissions.Io.TestFiles;

namespace Supervision.Tests.Reports.Submissions.Io;

/// <summary>In the "large spreadsheets" collection: its 100k-row test does not compete with the others for the CPU.</summary>
[Collection(LargeSpreadsheets.Name)]
public class WorkbookAnnotatorTests(ITestOutputHelper output)
{
    private static readonly XNamespace S = Main;

    /// <summary>A carrier's workbook made with ClosedXML: formats, a comment, two data sheets and a note sheet.</summary>
    private static byte[] CarrierWorkbook()
    {
        using var book = new XLWorkbook();
        var outlets = book.Worksheets.Add("网点明细");
        outlets.Cell(1, 1).Value = "网点编码";
        outlets.Cell(1, 2).Value = "网点名称";
        outlets.Cell(1, 3).Value = "从业人员数";
        outlets.Cell(1, 4).Value = "营业额";
        outlets.Range(1, 1, 1, 4).Style.Font.SetBold();
        for (var r = 2; r <= 11; r++)
        {
            outlets.Cell(r, 1).Value = $"WD{r:D4}";
            outlets.Cell(r, 2).Value = $"银川第{r}营业厅";
            outlets.Cell(r, 3).Value = r * 2;
            outlets.Cell(r, 4).Value = r * 1000.5;
            outlets.Cell(r, 4).Style.NumberFormat.Format = "#,##0.00";
            outlets.Cell(r, 4).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        }
        outlets.Cell(3, 2).Comment.AddText("原有批注：请核实");
        outlets.Cell(13, 1).Value = "合计";
        var summary = book.Worksheets.Add("汇总");
        summary.Cell(1, 1).Value = "地市";
        summary.Cell(2, 1).Value = "银川市";
        summary.Cell(2, 2).Value = 42;
        book.Worksheets.Add("说明").Cell(1, 1).Value = "填报说明";
        using var ms = new MemoryStream();
        book.SaveAs(ms);
        return ms.ToArray();
    }

    private static readonly CellIssue[] Issues =
    [
        new("网点明细", 4, 2, "从业人员数必须为正整数"),      // C4: an existing number cell
        new("网点明细", 5, 3, "营业额与上期差异过大"),         // D5: formatted (#,##0.00, border)
        new("网点明细", 5, 3, "营业额超过上限"),               // the same cell again
        new("网点明细", 3, 1, "网点名称重复"),                 // B3: already has a comment
        new("网点明细", 6, 5, "缺少经度"),                     // F6: no cell in the XML
        new("网点明细", 12, 0, "缺少网点编码"),                // A12: no row in the XML
        new("网点明细", 20, 1, "多余的行"),                    // B20: after the last row
        new("网点明细", 0, -1, "网点明细缺少“开业日期”列"),    // no particular cell
        new("汇总", 2, 1, "合计与明细不符"),                   // B2 on another sheet
        new("不存在的表", 1, 0, "缺少工作表“不存在的表”"),
    ];

    private static byte[] Annotate(byte[] original, IReadOnlyList<CellIssue> issues)
    {
        using var input = new MemoryStream(original);
        using var result = new MemoryStream();
        WorkbookAnnotator.Annotate(input, issues, result);
        return result.ToArray();
    }

    [Fact]
    public void Issue_cells_turn_red_and_keep_their_number_format_font_and_border()
    {
        var annotated = Annotate(CarrierWorkbook(), Issues);
        using var book = new XLWorkbook(new MemoryStream(annotated));
        var sheet = book.Worksheet("网点明细");
        var red = XLColor.FromArgb(unchecked((int)0xFFFF9999));
        foreach (var (row, column) in new[] { (4, 3), (5, 4), (3, 2), (6, 6), (12, 1), (20, 2) })
        {
            var fill = sheet.Cell(row, column).Style.Fill;
            Assert.Equal(XLFillPatternValues.Solid, fill.PatternType);
            Assert.Equal(red, fill.BackgroundColor);
        }
        Assert.Equal(red, book.Worksheet("汇总").Cell(2, 2).Style.Fill.BackgroundColor);
        foreach (var (row, column) in new[] { (4, 4), (5, 3), (2, 1), (1, 1), (13, 1) })
            Assert.NotEqual(XLFillPatternValues.Solid, sheet.Cell(row, column).Style.Fill.PatternType);
        Assert.Equal("#,##0.00", sheet.Cell(5, 4).Style.NumberFormat.Format);
        Assert.Equal(XLBorderStyleValues.Thin, sheet.Cell(5, 4).Style.Border.LeftBorder);
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
    }

    [Fact]
    public void Styles_get_one_red_copy_per_format_used_by_issue_cells()
    {
        var original = CarrierWorkbook();
        var annotated = Annotate(original, Issues);
        var before = Part(original, "xl/styles.xml");
        var after = Part(annotated, "xl/styles.xml");
        var xfsBefore = before.Root!.Element(S + "cellXfs")!.Elements(S + "xf").ToList();
        var xfsAfter = after.Root!.Element(S + "cellXfs")!.Elements(S + "xf").ToList();
        var fills = after.Root!.Element(S + "fills")!.Elements(S + "fill").ToList();
        Assert.Equal(fills.Count.ToString(), (string?)after.Root!.Element(S + "fills")!.Attribute("count"));
        Assert.Equal(xfsAfter.Count.ToString(), (string?)after.Root!.Element(S + "cellXfs")!.Attribute("count"));
        var redFill = fills.FindIndex(f => (string?)f.Descendants(S + "fgColor").FirstOrDefault()?.Attribute("rgb") == WorkbookAnnotator.FillArgb);
        Assert.True(redFill >= 0);

        // Each issue cell's style: a copy of its old one with the red fill.
        var sheetBefore = Part(original, "xl/worksheets/sheet1.xml");
        var sheetAfter = Part(annotated, "xl/worksheets/sheet1.xml");
        int StyleOf(XDocument doc, string reference) =>
            (int?)doc.Descendants(S + "c").SingleOrDefault(c => (string?)c.Attribute("r") == reference)?.Attribute("s") ?? 0;
        foreach (var reference in new[] { "C4", "D5", "B3" })
        {
            var old = xfsBefore[StyleOf(sheetBefore, reference)];
            var now = xfsAfter[StyleOf(sheetAfter, reference)];
            Assert.Equal(redFill.ToString(), (string?)now.Attribute("fillId"));
            foreach (var attribute in new[] { "numFmtId", "fontId", "borderId" })
                Assert.Equal((string?)old.Attribute(attribute), (string?)now.Attribute(attribute));
        }
        // One new xf per distinct original style used (plus the bold header of 错误清单), not one per issue.
        var distinct = new[] { "C4", "D5", "B3" }.Select(r => StyleOf(sheetBefore, r)).Append(0).Distinct().Count();
        Assert.InRange(xfsAfter.Count - xfsBefore.Count, distinct, distinct + 2);
    }

    [Fact]
    public void Issue_cells_get_comments_and_existing_comments_are_kept()
    {
        var annotated = Annotate(CarrierWorkbook(), Issues);
        using var book = new XLWorkbook(new MemoryStream(annotated));
        var sheet = book.Worksheet("网点明细");
        Assert.True(sheet.Cell(4, 3).HasComment);
        Assert.Contains("从业人员数必须为正整数", sheet.Cell(4, 3).Comment.Text);
        Assert.Equal("营业额与上期差异过大\n营业额超过上限", sheet.Cell(5, 4).Comment.Text.Replace("\r\n", "\n"));
        var merged = sheet.Cell(3, 2).Comment.Text;
        Assert.Contains("原有批注：请核实", merged);
        Assert.Contains("网点名称重复", merged);
        Assert.Contains("缺少经度", sheet.Cell(6, 6).Comment.Text);
        Assert.Contains("缺少网点编码", sheet.Cell(12, 1).Comment.Text);
        Assert.Contains("多余的行", sheet.Cell(20, 2).Comment.Text);
        Assert.False(sheet.Cell(2, 2).HasComment);
        Assert.Contains("合计与明细不符", book.Worksheet("汇总").Cell(2, 2).Comment.Text);
        Assert.False(book.Worksheet("说明").Cell(1, 1).HasComment);

        // The parts Excel needs to show notes: comments, a VML drawing with one note per new comment, and the legacyDrawing.
        using var zip = new ZipArchive(new MemoryStream(annotated));
        var summaryRels = Part(annotated, "xl/worksheets/_rels/sheet2.xml.rels");
        var vmlTarget = summaryRels.Root!.Elements().Single(e => ((string)e.Attribute("Type")!).EndsWith("/vmlDrawing")).Attribute("Target")!.Value;
        var vml = Part(annotated, WorkbookPath("xl/worksheets/sheet2.xml", vmlTarget));
        var note = Assert.Single(vml.Descendants(XName.Get("ClientData", "urn:schemas-microsoft-com:office:excel")));
        Assert.Equal("1", note.Element(XName.Get("Row", "urn:schemas-microsoft-com:office:excel"))!.Value);
        Assert.Equal("1", note.Element(XName.Get("Column", "urn:schemas-microsoft-com:office:excel"))!.Value);
        Assert.Single(Part(annotated, "xl/worksheets/sheet2.xml").Descendants(S + "legacyDrawing"));
        var types = Part(annotated, "[Content_Types].xml").ToString();
        Assert.Contains("Extension=\"vml\"", types);
        Assert.Contains("spreadsheetml.comments+xml", types);
    }

    private static string WorkbookPath(string source, string target)
    {
        var dir = source[..source.LastIndexOf('/')];
        var combined = target.StartsWith('/') ? target[1..] : dir + "/" + target;
        var stack = new List<string>();
        foreach (var part in combined.Split('/'))
        {
            if (part == "..") stack.RemoveAt(stack.Count - 1);
            else if (part is not ("" or ".")) stack.Add(part);
        }
        return string.Join('/', stack);
    }

    [Fact]
    public void The_issue_sheet_lists_every_issue_in_sheet_and_cell_order()
    {
        var annotated = Annotate(CarrierWorkbook(), Issues);
        using var book = new XLWorkbook(new MemoryStream(annotated));
        Assert.Equal(["网点明细", "汇总", "说明", "错误清单"], book.Worksheets.Select(w => w.Name));
        var list = book.Worksheet("错误清单");
        var rows = list.RowsUsed().Select(r => (r.Cell(1).GetString(), r.Cell(2).GetString(), r.Cell(3).GetString())).ToList();
        Assert.Equal([
            ("工作表", "单元格", "说明"),
            ("网点明细", "—", "网点明细缺少“开业日期”列"),
            ("网点明细", "B3", "网点名称重复"),
            ("网点明细", "C4", "从业人员数必须为正整数"),
            ("网点明细", "D5", "营业额与上期差异过大"),
            ("网点明细", "D5", "营业额超过上限"),
            ("网点明细", "F6", "缺少经度"),
            ("网点明细", "A12", "缺少网点编码"),
            ("网点明细", "B20", "多余的行"),
            ("汇总", "B2", "合计与明细不符"),
            ("不存在的表", "A1", "缺少工作表“不存在的表”"),
        ], rows);
        Assert.True(list.Cell(1, 1).Style.Font.Bold);
        Assert.NotNull(list.AutoFilter);
        Assert.Equal("A1:C11", list.AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public void The_original_data_is_unchanged()
    {
        var original = CarrierWorkbook();
        var annotated = Annotate(original, Issues);
        using var before = Open(original);
        using var after = Open(annotated);
        Assert.Equal([.. before.SheetNames, "错误清单"], after.SheetNames);
        foreach (var name in before.SheetNames)
            Assert.Equal(Flatten(before.ReadRows(name)), Flatten(after.ReadRows(name)));
        Assert.Equal(4 * 10 + 4 + 1, Flatten(before.ReadRows("网点明细")).Count);
    }

    private static List<(int, int, string, RawCellType)> Flatten(IEnumerable<SheetRow> rows) =>
        rows.SelectMany(r => r.Cells.Select(c => (r.RowNumber, c.Column, c.Value, c.Type))).ToList();

    [Fact]
    public void Cells_and_rows_are_inserted_in_order_in_sheets_written_without_references()
    {
        // Rows and cells without r attributes, an empty row element and an empty sheetData elsewhere.
        var parts = Workbook([
            ("数据", "sheet1.xml", "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c></row><row r=\"3\" spans=\"1:2\"/><row r=\"5\"><c r=\"B5\"><v>5</v></c><c r=\"D5\"><v>7</v></c></row>"),
            ("空表", "sheet2.xml", ""),
        ]);
        parts["xl/worksheets/sheet2.xml"] = $"<worksheet xmlns=\"{Main}\"><dimension ref=\"A1\"/><sheetData/></worksheet>";
        var annotated = Annotate(Zip(parts), [
            new("数据", 1, 2, "C1"), new("数据", 2, 0, "A2"), new("数据", 3, 1, "B3"), new("数据", 5, 0, "A5"),
            new("数据", 5, 2, "C5"), new("数据", 5, 3, "D5"), new("数据", 5, 6, "G5"), new("数据", 9, 0, "A9"), new("空表", 2, 2, "C2"),
        ]);
        var sheet = Part(annotated, "xl/worksheets/sheet1.xml");
        var order = sheet.Descendants(S + "row").Select(r => (string)r.Attribute("r")! + ":" + string.Join(",", r.Elements(S + "c").Select(c => (string)c.Attribute("r")!))).ToList();
        Assert.Equal(["1:A1,B1,C1", "2:A2", "3:B3", "5:A5,B5,C5,D5,G5", "9:A9"], order);
        Assert.Null(sheet.Descendants(S + "row").Single(r => (string?)r.Attribute("r") == "3").Attribute("spans"));
        var empty = Part(annotated, "xl/worksheets/sheet2.xml");
        Assert.Equal("C2", (string?)empty.Descendants(S + "c").Single().Attribute("r"));
        Assert.Equal("A1:C2", (string?)empty.Descendants(S + "dimension").Single().Attribute("ref"));

        using var book = new XLWorkbook(new MemoryStream(annotated));
        Assert.Equal("a", book.Worksheet("数据").Cell(1, 1).GetString());
        Assert.Equal(7, book.Worksheet("数据").Cell(5, 4).GetDouble());
        Assert.Equal("G5", book.Worksheet("数据").Cell(5, 7).Comment.Text);
        Assert.Equal("C2", book.Worksheet("空表").Cell(2, 3).Comment.Text);
    }

    /// <summary>A sheet with a hand-written VML drawing (a form button, no comments) and its relationships.</summary>
    private static Dictionary<string, string> SheetWithDrawing(string vml)
    {
        var parts = Workbook([("表单", "sheet1.xml", "")]);
        parts["xl/worksheets/sheet1.xml"] = $"<worksheet xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>按钮</t></is></c></row></sheetData>"
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/><legacyDrawing r:id=\"rId1\"/></worksheet>";
        parts["xl/worksheets/_rels/sheet1.xml.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing\" Target=\"../drawings/vmlDrawing1.vml\"/></Relationships>";
        parts["xl/drawings/vmlDrawing1.vml"] = vml;
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].Replace("<Default Extension=\"xml\"", "<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/><Default Extension=\"xml\"");
        return parts;
    }

    private const string ButtonVml = "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
        + "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout>"
        + "<v:shapetype id=\"_x0000_t201\" coordsize=\"21600,21600\" o:spt=\"201\" path=\"m,l,21600r21600,l21600,xe\"/>"
        + "<v:shape id=\"_x0000_s1025\" type=\"#_x0000_t201\" style=\"position:absolute\"><x:ClientData ObjectType=\"Button\"><x:Anchor>1, 0, 1, 0, 2, 0, 2, 0</x:Anchor></x:ClientData></v:shape></xml>";

    [Fact]
    public void A_sheet_whose_drawing_holds_only_controls_gets_notes_added_to_that_drawing()
    {
        var annotated = Annotate(Zip(SheetWithDrawing(ButtonVml)), [new("表单", 1, 0, "按钮说明缺失")]);
        var sheet = Part(annotated, "xl/worksheets/sheet1.xml");
        Assert.Equal("rId1", (string?)Assert.Single(sheet.Descendants(S + "legacyDrawing")).Attribute(XName.Get("id", Rel)));
        var vml = Part(annotated, "xl/drawings/vmlDrawing1.vml");
        XNamespace v = "urn:schemas-microsoft-com:vml";
        Assert.Equal(["_x0000_s1025", "_x0000_s1026"], vml.Descendants(v + "shape").Select(e => (string)e.Attribute("id")!));
        Assert.Contains(vml.Descendants(v + "shapetype"), e => (string?)e.Attribute("id") == "_x0000_t202");
        var rels = Part(annotated, "xl/worksheets/_rels/sheet1.xml.rels").Root!.Elements().ToList();
        Assert.Equal(2, rels.Count);
        var commentsTarget = (string)rels.Single(e => ((string)e.Attribute("Type")!).EndsWith("/comments")).Attribute("Target")!;
        var comments = Part(annotated, WorkbookPath("xl/worksheets/sheet1.xml", commentsTarget));
        Assert.Equal("按钮说明缺失", comments.Descendants(S + "comment").Single().Value);
        Assert.Equal("A1", (string?)comments.Descendants(S + "comment").Single().Attribute("ref"));
    }

    [Fact]
    public void A_sheet_whose_drawing_cannot_be_parsed_keeps_it_and_lists_its_messages_only()
    {
        const string broken = "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:shape id=\"_x0000_s1025\"><br></v:shape></xml>";
        var annotated = Annotate(Zip(SheetWithDrawing(broken)), [new("表单", 1, 0, "按钮说明缺失")]);
        using var zip = new ZipArchive(new MemoryStream(annotated));
        using (var reader = new StreamReader(zip.GetEntry("xl/drawings/vmlDrawing1.vml")!.Open()))
            Assert.Equal(broken, reader.ReadToEnd());
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("comments", StringComparison.OrdinalIgnoreCase));
        Assert.Single(Part(annotated, "xl/worksheets/_rels/sheet1.xml.rels").Root!.Elements());
        // The cell is still red and the message is in the list.
        var styles = Part(annotated, "xl/styles.xml");
        var style = (int)Part(annotated, "xl/worksheets/sheet1.xml").Descendants(S + "c").Single().Attribute("s")!;
        var fillId = (int)styles.Root!.Element(S + "cellXfs")!.Elements(S + "xf").ElementAt(style).Attribute("fillId")!;
        Assert.Equal(WorkbookAnnotator.FillArgb, (string?)styles.Root!.Element(S + "fills")!.Elements(S + "fill").ElementAt(fillId).Descendants(S + "fgColor").Single().Attribute("rgb"));
        using var book = Open(annotated);
        Assert.Equal(["表单", "A1", "按钮说明缺失"], book.ReadRows("错误清单").Last().Cells.Select(c => c.Value));
    }

    [Fact]
    public void Hostile_input_is_refused_like_the_reader_does()
    {
        var ole = new byte[512];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        Assert.Equal("file.legacy_xls", Assert.Throws<SpreadsheetRejectedException>(() => Annotate(ole, [])).Code);
        Assert.Equal("file.not_spreadsheet", Assert.Throws<SpreadsheetRejectedException>(() => Annotate("a,b\n"u8.ToArray(), [])).Code);
        var full = CarrierWorkbook();
        Assert.Equal("file.corrupt", Assert.Throws<SpreadsheetRejectedException>(() => Annotate(full[..(full.Length / 2)], [])).Code);
    }

    [Fact]
    public void A_hundred_thousand_row_sheet_with_three_thousand_issues_is_annotated_in_seconds()
    {
        using var original = new MemoryStream();
        XlsxWriter.Write(original, [new XlsxSheet("网点明细", OutletRows(100_000))]);
        var issues = Enumerable.Range(0, 3000).Select(i => new CellIssue("网点明细", 2 + i * 33, i % 10, $"第{2 + i * 33}行有误（{i}）")).ToList();
        using var result = new MemoryStream();
        original.Position = 0;
        var watch = Stopwatch.StartNew();
        WorkbookAnnotator.Annotate(original, issues, result);
        var elapsed = watch.Elapsed;
        output.WriteLine($"annotate 100k rows × 3000 issues: {elapsed.TotalSeconds:0.00} s, {original.Length / 1048576.0:0.0} MB → {result.Length / 1048576.0:0.0} MB");
        Assert.True(elapsed < TimeSpan.FromSeconds(40), $"took {elapsed}"); // only a pathological slowdown fails

        var comments = Part(result.ToArray(), "xl/comments1.xml");
        Assert.Equal(3000, comments.Descendants(S + "comment").Count());
        using var book = SpreadsheetReader.Open(result, new SpreadsheetLimits());
        Assert.Equal(100_001, book.ReadRows("网点明细").Count());
        Assert.Equal(3001, book.ReadRows("错误清单").Count());
        // Issue columns 8 and 9 are past the data: those cells were inserted empty, so the data rows still have 8 cells.
        Assert.All(book.ReadRows("网点明细").Take(500), r => Assert.Equal(8, r.Cells.Count));
    }

    private static XDocument Part(byte[] package, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(package));
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"no {name} in the package: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
