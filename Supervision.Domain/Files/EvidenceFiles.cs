using Supervision.Domain.Common;

namespace Supervision.Domain.Files;

/// <summary>
/// What the portal accepts as evidence or attachments (inspection evidence, rectification reports, case attachments):
/// JPEG, PNG and PDF, recognised by their first bytes and never by the name, within the size the feature allows.
/// </summary>
public static class EvidenceFiles
{
    /// <summary>The limit of a case attachment; inspections use their configured limit (<c>Uploads:EvidenceMaxMegabytes</c>).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The content type by the file's first bytes, or "" when it is none of the accepted kinds.</summary>
    public static string ContentType(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? "application/pdf"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : "";

    /// <summary>Refuses a file with a path or control characters in its name, an empty, too large or unaccepted file, with a message naming it; returns its content type.</summary>
    public static string Check(string fileName, ReadOnlySpan<byte> bytes, long maxBytes = MaxBytes)
    {
        StoredFile.CheckName(fileName);
        var name = StoredFile.SafeName(fileName);
        if (bytes.Length == 0)
            throw new DomainException("evidence.empty", $"“{name}”是空文件。");
        if (bytes.Length > maxBytes)
            throw new DomainException("evidence.too_large", $"“{name}”大小为{bytes.Length / 1024.0 / 1024.0:0.0}MB，超过{Megabytes(maxBytes)}的限制，请压缩后上传。");
        var type = ContentType(bytes);
        return type.Length > 0 ? type
            : throw new DomainException("evidence.type", $"“{name}”不是JPEG、PNG图片或PDF文件（按文件内容判断，而非扩展名），不能上传。");
    }

    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#}MB";
}
