using System.Text;

namespace Supervision.Reports.Submissions.Io;

/// <summary>Opens uploaded spreadsheets: .xlsx workbooks and UTF-8/GBK CSV files, recognised by content.</summary>
public static class SpreadsheetReader
{
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Binary formats people rename to .xlsx/.csv, recognised by their first bytes.</summary>
    private static readonly (byte[] Magic, string What)[] KnownBinary =
    [
        ("%PDF-"u8.ToArray(), "PDF文档"),
        ([0x89, 0x50, 0x4E, 0x47], "PNG图片"),
        ([0xFF, 0xD8, 0xFF], "JPEG图片"),
        ("GIF8"u8.ToArray(), "GIF图片"),
        ([0x1F, 0x8B], "GZIP压缩文件"),
        ("Rar!"u8.ToArray(), "RAR压缩文件"),
        ([0x37, 0x7A, 0xBC, 0xAF], "7z压缩文件"),
        ([0x7F, 0x45, 0x4C, 0x46], "可执行文件"),
    ];

    static SpreadsheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GBK (code page 936), strict: invalid bytes throw.</summary>
    internal static Encoding StrictGbk => Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>
    /// Sniffs the content (never trusts the file name): a ZIP with a workbook → xlsx; otherwise text that decodes
    /// as UTF-8 (with or without BOM) or else as GBK (code page 936) → CSV with the given sheet name.
    /// Anything else → SpreadsheetRejectedException("file.not_spreadsheet", "文件不是有效的Excel工作簿（.xlsx）或CSV文件。").
    /// A seekable stream is read in place from its start and must stay open while the spreadsheet is used
    /// (it is not disposed); a non-seekable one is buffered in memory, up to MaxFileBytes.
    /// With <paramref name="fileName"/>, the name must fit what the content is: ".xlsx" for a workbook, ".csv" for text
    /// (file.extension_mismatch otherwise), so the stored original opens as what its name says.
    /// </summary>
    public static ISpreadsheet Open(Stream content, SpreadsheetLimits limits, string csvSheetName = "Sheet1", string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentException.ThrowIfNullOrEmpty(csvSheetName);
        var (data, owned) = Seekable(content, limits.MaxFileBytes);
        try
        {
            return OpenSeekable(data, owned, limits, csvSheetName, fileName);
        }
        catch
        {
            if (owned) data.Dispose();
            throw;
        }
    }

    /// <summary>The stream itself when it is seekable (after the size check), else a bounded in-memory copy.</summary>
    internal static (Stream Data, bool Owned) Seekable(Stream content, long maxBytes)
    {
        if (content.CanSeek)
        {
            if (content.Length > maxBytes) throw Rejections.TooLarge(maxBytes);
            content.Position = 0;
            return (content, false);
        }
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + n > maxBytes) throw Rejections.TooLarge(maxBytes);
            copy.Write(buffer, 0, n);
        }
        copy.Position = 0;
        return (copy, true);
    }

    private static ISpreadsheet OpenSeekable(Stream data, bool owned, SpreadsheetLimits limits, string csvSheetName, string? fileName)
    {
        Span<byte> head = stackalloc byte[8];
        var headLength = data.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..headLength];
        data.Position = 0;
        if (headLength == 0) throw Rejections.NotSpreadsheet("文件为空");
        if (head.StartsWith(Ole2)) throw Rejections.LegacyXls();
        if (headLength >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] < 9 && head[3] < 9)
        {
            CheckExtension(fileName, "Excel工作簿", ".xlsx");
            return new XlsxSpreadsheet(SafePackage.Open(data, limits, owned));
        }
        foreach (var (magic, _) in KnownBinary)
            if (head.StartsWith(magic)) throw Rejections.NotSpreadsheet();

        var start = head.StartsWith(Utf8Bom) ? 3 : 0;
        var encoding = DetectTextEncoding(data, start, hasBom: start > 0);
        RejectMarkup(data, start, encoding);
        CheckExtension(fileName, "CSV文本文件", ".csv");
        data.Position = 0;
        return new CsvSpreadsheet(data, owned, start, encoding, csvSheetName, limits);
    }

    private static void CheckExtension(string? fileName, string kind, string extension)
    {
        if (fileName is null) return;
        try
        {
            Supervision.Domain.Files.StoredFile.CheckExtension(fileName, kind, extension);
        }
        catch (Supervision.Domain.Common.DomainException e)
        {
            throw new SpreadsheetRejectedException(e.Code, e.Message);
        }
    }

    /// <summary>UTF-8 when the whole file is valid UTF-8, else GBK when it is valid GBK; NUL bytes mean a binary file.</summary>
    private static Encoding DetectTextEncoding(Stream data, long start, bool hasBom)
    {
        var buffer = new byte[64 * 1024];
        var chars = new char[buffer.Length + 4];
        data.Position = start;
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var utf8Ok = true;
        int n;
        while ((n = data.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, n);
            if (span.Contains((byte)0)) throw Rejections.NotSpreadsheet();
            if (utf8Ok) utf8Ok = Valid(utf8, span, chars, flush: false);
        }
        if (utf8Ok && Valid(utf8, [], chars, flush: true)) return new UTF8Encoding(false);
        if (hasBom) throw Rejections.BadEncoding(); // a BOM promises UTF-8

        data.Position = start;
        var gbk = StrictGbk.GetDecoder();
        while ((n = data.Read(buffer, 0, buffer.Length)) > 0)
            if (!Valid(gbk, buffer.AsSpan(0, n), chars, flush: false)) throw Rejections.BadEncoding();
        if (!Valid(gbk, [], chars, flush: true)) throw Rejections.BadEncoding();
        return Encoding.GetEncoding(936);
    }

    /// <summary>Decodes (GetChars, which keeps the decoder's state across chunks, unlike GetCharCount) and reports whether the bytes were valid.</summary>
    private static bool Valid(Decoder decoder, ReadOnlySpan<byte> bytes, char[] scratch, bool flush)
    {
        try
        {
            decoder.GetChars(bytes, scratch, flush);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>HTML or XML saved as ".xls"/".csv" by other systems: refuse rather than read markup as data.</summary>
    private static void RejectMarkup(Stream data, long start, Encoding encoding)
    {
        data.Position = start;
        var buffer = new byte[512];
        var n = data.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = encoding.GetString(buffer, 0, n).TrimStart();
        if (text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<table", StringComparison.OrdinalIgnoreCase))
            throw Rejections.NotSpreadsheet("文件是网页或XML格式，请在Excel中另存为.xlsx");
    }
}
