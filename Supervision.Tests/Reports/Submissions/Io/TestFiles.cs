using System.IO.Compression;
using System.Text;
using Supervision.Reports.Submissions.Io;

namespace Supervision.Tests.Reports.Submissions.Io;

/// <summary>Hand-made packages for reader tests: every part spelled out, so each test controls the XML exactly.</summary>
internal static class TestFiles
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static byte[] Zip(IEnumerable<KeyValuePair<string, string>> parts) =>
        ZipBytes(parts.Select(p => new KeyValuePair<string, byte[]>(p.Key, Encoding.UTF8.GetBytes(p.Value))));

    public static byte[] ZipBytes(IEnumerable<KeyValuePair<string, byte[]>> parts, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }

    /// <summary>A workbook whose sheets are (name, part file name, sheetData inner XML), listed in workbook order.</summary>
    public static Dictionary<string, string> Workbook(IReadOnlyList<(string Name, string File, string SheetData)> sheets, string? sharedStrings = null)
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + string.Concat(sheets.Select(s => $"<Override PartName=\"/xl/worksheets/{s.File}\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
                + (sharedStrings is null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
                + "</Types>",
            ["_rels/.rels"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            ["xl/workbook.xml"] = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheets>"
                + string.Concat(sheets.Select((s, i) => $"<sheet name=\"{s.Name}\" sheetId=\"{i + 1}\" r:id=\"rIdS{i + 1}\"/>"))
                + "</sheets></workbook>",
            ["xl/_rels/workbook.xml.rels"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + string.Concat(sheets.Select((s, i) => $"<Relationship Id=\"rIdS{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/{s.File}\"/>"))
                + (sharedStrings is null ? "" : "<Relationship Id=\"rIdSS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                + "</Relationships>",
        };
        foreach (var s in sheets)
            parts[$"xl/worksheets/{s.File}"] = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheetData>{s.SheetData}</sheetData></worksheet>";
        if (sharedStrings is not null)
            parts["xl/sharedStrings.xml"] = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\">{sharedStrings}</sst>";
        return parts;
    }

    public static byte[] OneSheet(string sheetData, string? sharedStrings = null, string name = "Sheet1") =>
        Zip(Workbook([(name, "sheet1.xml", sheetData)], sharedStrings));

    public static ISpreadsheet Open(byte[] bytes, SpreadsheetLimits? limits = null, string csvSheetName = "Sheet1") =>
        SpreadsheetReader.Open(new MemoryStream(bytes), limits ?? new SpreadsheetLimits(), csvSheetName);

    public static List<SheetRow> Rows(byte[] bytes, string? sheet = null, SpreadsheetLimits? limits = null)
    {
        using var book = Open(bytes, limits);
        return book.ReadRows(sheet ?? book.SheetNames[0]).ToList();
    }

    public static SpreadsheetRejectedException Rejected(byte[] bytes, SpreadsheetLimits? limits = null) =>
        Assert.Throws<SpreadsheetRejectedException>(() =>
        {
            using var book = Open(bytes, limits);
            foreach (var name in book.SheetNames)
                foreach (var _ in book.ReadRows(name)) { }
        });

    /// <summary>Rows of generated outlet data: a header, then rows × 8 columns (text, Chinese text, numbers, a date).</summary>
    public static IEnumerable<IReadOnlyList<object?>> OutletRows(int rows)
    {
        yield return ["网点编码", "网点名称", "所属地市", "地址", "经度", "纬度", "从业人员数", "开业日期"];
        for (var i = 1; i <= rows; i++)
            yield return [$"WD{i:D7}", $"中国移动银川第{i}营业厅", i % 3 == 0 ? "银川市" : "石嘴山市", $"兴庆区解放西街{i % 500}号", 106.2 + i % 1000 / 10000.0, 38.4 + i % 777 / 10000.0, i % 17, new DateOnly(2020, 1, 1).AddDays(i % 1500)];
    }
}

/// <summary>Test classes with 100k-row files run one after the other, not in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class LargeSpreadsheets
{
    public const string Name = "Large spreadsheets";
}
