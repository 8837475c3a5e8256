using Supervision.Domain.Common;

namespace Supervision.Domain.Files;

/// <summary>
/// What the portal accepts as evidence or attachments (inspection evidence, rectification reports, case attachments):
/// JPEG, PNG and PDF, recognised by their first bytes, under a name whose extension says the same, within the size the
/// feature allows; a PDF without script or embedded files (<see cref="PdfContent"/>).
/// </summary>
public static class EvidenceFiles
{
    /// <summary>The limit of a case attachment; inspections use their configured limit (<c>Uploads:EvidenceMaxMegabytes</c>).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    private sealed record Kind(string ContentType, string Name, string[] Extensions);

    private static readonly Kind Pdf = new("application/pdf", "PDF文件", [".pdf"]);
    private static readonly Kind Jpeg = new("image/jpeg", "JPEG图片", [".jpg", ".jpeg"]);
    private static readonly Kind Png = new("image/png", "PNG图片", [".png"]);

    /// <summary>The content type by the file's first bytes, or "" when it is none of the accepted kinds.</summary>
    public static string ContentType(ReadOnlySpan<byte> bytes) => KindOf(bytes)?.ContentType ?? "";

    private static Kind? KindOf(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? Pdf
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : null;

    /// <summary>
    /// Refuses a file with a path or hidden characters in its name, an empty, too large or unaccepted file, one whose
    /// extension does not fit its content, or a PDF with script or embedded files, with a message naming it; returns its content type.
    /// </summary>
    public static string Check(string fileName, ReadOnlySpan<byte> bytes, long maxBytes = MaxBytes)
    {
        StoredFile.CheckName(fileName);
        var name = StoredFile.SafeName(fileName);
        if (bytes.Length == 0)
            throw new DomainException("evidence.empty", $"“{name}”是空文件。");
        if (bytes.Length > maxBytes)
            throw new DomainException("evidence.too_large", StoredFile.TooLargeMessage(fileName, bytes.Length, maxBytes));
        var kind = KindOf(bytes)
                   ?? throw new DomainException("evidence.type", $"“{name}”不是JPEG、PNG图片或PDF文件（按文件内容判断，而非扩展名），不能上传。");
        StoredFile.CheckExtension(fileName, kind.Name, kind.Extensions);
        if (kind == Pdf) PdfContent.Check(fileName, bytes);
        return kind.ContentType;
    }

    /// <summary>The signed PDF that comes with a return: a PDF by content and name, without script or embedded files.</summary>
    public static void CheckPdf(string fileName, ReadOnlySpan<byte> bytes)
    {
        StoredFile.CheckExtension(fileName, Pdf.Name, Pdf.Extensions);
        PdfContent.Check(fileName, bytes);
    }
}
