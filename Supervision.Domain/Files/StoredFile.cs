using System.Globalization;
using System.Security.Cryptography;
using Supervision.Domain.Common;

namespace Supervision.Domain.Files;

/// <summary>
/// An original file exactly as received or generated, with its SHA-256. Never changed after it is stored;
/// the owning record (a submission, an evidence item, an issued document) decides who may read it.
/// </summary>
public class StoredFile
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset StoredAt { get; set; }
    public string StoredBy { get; set; } = "";
    /// <summary>The bytes live in their own row, so listing files never loads them.</summary>
    public FileContent? Content { get; set; }

    public static StoredFile From(string fileName, string contentType, byte[] bytes, string storedBy, DateTimeOffset at) => new()
    {
        FileName = SafeName(fileName),
        ContentType = contentType,
        Length = bytes.LongLength,
        Sha256 = Hash(bytes),
        StoredAt = at,
        StoredBy = storedBy,
        Content = new FileContent { Bytes = bytes },
    };

    /// <summary>A content type as people name a file's kind (PDF, Excel, 图片), never the MIME string.</summary>
    public static string KindLabel(string? contentType) => (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" or "application/vnd.ms-excel" => "Excel",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" or "application/msword" => "Word",
        "text/csv" => "CSV表格",
        "application/zip" or "application/x-zip-compressed" => "压缩包",
        "application/xml" or "text/xml" => "XML数据",
        "text/plain" => "文本",
        "font/ttf" or "font/otf" or "application/x-font-ttf" or "font/collection" or "application/font-sfnt" => "字体",
        var t when t.StartsWith("image/", StringComparison.Ordinal) => "图片",
        var t when t.StartsWith("font/", StringComparison.Ordinal) => "字体",
        "" => "—",
        _ => "其他文件",
    };

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public const int MaxNameLength = 255;

    /// <summary>
    /// Refuses an uploaded file's name that is no plain file name: a path (../../etc/passwd, /etc/passwd, C:\…), a drive or
    /// stream (:), control characters (NUL, line breaks that would split a header), invisible formatting characters (the
    /// right-to-left override that shows "rn\u202Exslx.exe" as "rnexe.xlsx", zero-width characters), or over 255 characters.
    /// A browser sends only the name, so only a hostile or broken client meets this; <see cref="SafeName"/> still cleans what is stored.
    /// </summary>
    public static string CheckName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
            throw new DomainException(NameInvalidCode, "文件名为空，请上传带文件名的文件。");
        if (fileName.Length > MaxNameLength)
            throw new DomainException(NameInvalidCode, $"文件名超过{MaxNameLength}个字符，请改短后重新上传。");
        if (fileName.Any(IsInvisible))
            throw new DomainException(NameInvalidCode,
                $"文件名“{SafeName(fileName)}”含有不可见的控制字符或文字方向控制符（可使“.exe”显示为“.xlsx”）；请将文件改名后重新上传。");
        if (fileName.Any(c => c is '/' or '\\' or ':') || fileName.Trim().Trim('.').Length == 0)
            throw new DomainException(NameInvalidCode, $"文件名“{SafeName(fileName)}”含有路径或盘符；请只上传文件本身，不要带路径。");
        return fileName;
    }

    public const string NameInvalidCode = "file.name_invalid";
    public const string ExtensionMismatchCode = "file.extension_mismatch";

    /// <summary>
    /// Refuses a name whose extension does not say what the content is (a PDF named .jpg, a workbook named .exe), so what a
    /// person later downloads opens in the program its name promises. <paramref name="kind"/> names the content in Chinese.
    /// </summary>
    public static void CheckExtension(string fileName, string kind, params string[] extensions)
    {
        var extension = Path.GetExtension(SafeName(fileName)).ToLowerInvariant();
        if (extensions.Contains(extension)) return;
        var actual = extension.Length == 0 ? "没有扩展名" : $"扩展名为“{extension}”";
        throw new DomainException(ExtensionMismatchCode,
            $"文件“{SafeName(fileName)}”的内容是{kind}，但{actual}；{kind}的扩展名应为{string.Join("或", extensions)}。请核对文件后重新上传。");
    }

    /// <summary>The message for a file over a size limit, wherever it is caught (in the browser before sending, or by the service).</summary>
    public static string TooLargeMessage(string fileName, long length, long maxBytes) =>
        $"“{SafeName(fileName)}”大小为{length / 1024.0 / 1024.0:0.0}MB，超过{Megabytes(maxBytes)}的上限，未上传；请压缩或拆分后重新上传。";

    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#}MB";

    /// <summary>Keeps only the last path segment and drops characters that mean something to a file system or a header, or hide what the name says.</summary>
    public static string SafeName(string fileName)
    {
        var name = fileName.Replace('\\', '/').Split('/').Last();
        name = new string(name.Where(c => !IsInvisible(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().TrimStart('.');
        if (name.Length > 200) name = name[^200..];
        return name.Length == 0 ? "file" : name;
    }

    /// <summary>Control characters, and formatting ones that change how the rest of a name is shown (bidi overrides, zero-width, line separators).</summary>
    private static bool IsInvisible(char c) => char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}

public class FileContent
{
    public long FileId { get; set; }
    public byte[] Bytes { get; set; } = [];
}
