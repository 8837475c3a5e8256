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

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public const int MaxNameLength = 255;

    /// <summary>
    /// Refuses an uploaded file's name that is no plain file name: a path (../../etc/passwd, /etc/passwd, C:\…), a drive or
    /// stream (:), control characters (NUL, line breaks that would split a header), or over 255 characters. A browser
    /// sends only the name, so only a hostile or broken client meets this; <see cref="SafeName"/> still cleans what is stored.
    /// </summary>
    public static string CheckName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
            throw new DomainException("file.name_invalid", "文件名为空，请上传带文件名的文件。");
        if (fileName.Length > MaxNameLength)
            throw new DomainException("file.name_invalid", $"文件名超过{MaxNameLength}个字符，请改短后重新上传。");
        if (fileName.Any(c => char.IsControl(c) || c is '/' or '\\' or ':') || fileName.Trim().Trim('.').Length == 0)
            throw new DomainException("file.name_invalid", $"文件名“{SafeName(fileName)}”含有路径、盘符或控制字符；请只上传文件本身，不要带路径。");
        return fileName;
    }

    /// <summary>Keeps only the last path segment and drops characters that mean something to a file system or a header.</summary>
    public static string SafeName(string fileName)
    {
        var name = fileName.Replace('\\', '/').Split('/').Last();
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().TrimStart('.');
        if (name.Length > 200) name = name[^200..];
        return name.Length == 0 ? "file" : name;
    }
}

public class FileContent
{
    public long FileId { get; set; }
    public byte[] Bytes { get; set; } = [];
}
