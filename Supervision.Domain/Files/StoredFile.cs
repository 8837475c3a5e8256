using System.Security.Cryptography;

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
