using Supervision.Domain.Common;
using Supervision.Domain.Files;

namespace Supervision.Domain.Inspections;

/// <summary>How large an evidence file may be ("Uploads:EvidenceMaxMegabytes", default 10) and how many one record may have.</summary>
public sealed record EvidenceLimits(long MaxBytes, int MaxFilesPerRecord = 30)
{
    public static EvidenceLimits Default { get; } = new(10L * 1024 * 1024);

    public string MaxText => $"{MaxBytes / 1024.0 / 1024.0:0.#}MB";
}

/// <summary>
/// A photo or PDF kept as evidence of an inspection item (internal) or of a carrier's rectification report (visible
/// to the carrier who sent it). The bytes are stored once with their SHA-256.
/// </summary>
public class EvidenceFile : IPartyVisible
{
    public const string InspectionItemOwner = "InspectionItem";
    public const string ReplyOwner = "RectificationReply";

    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public bool VisibleToParty { get; set; }
    public string OwnerType { get; set; } = "";
    public long OwnerId { get; set; }
    public long FileId { get; set; }
    public StoredFile? File { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";

    public static EvidenceFile Create(string ownerType, long ownerId, int provinceId, int branchId, bool visibleToParty,
        string fileName, byte[] bytes, EvidenceLimits limits, string by, DateTimeOffset at)
    {
        var contentType = Check(fileName, bytes, limits);
        var file = StoredFile.From(fileName, contentType, bytes, by, at);
        return new EvidenceFile
        {
            ProvinceId = provinceId, BranchId = branchId, VisibleToParty = visibleToParty, OwnerType = ownerType, OwnerId = ownerId,
            File = file, FileName = file.FileName, ContentType = contentType, Length = file.Length, Sha256 = file.Sha256, UploadedAt = at, UploadedBy = by,
        };
    }

    /// <summary>The content type by the file's first bytes (JPEG, PNG or PDF), never by its name; anything else is refused.</summary>
    public static string Check(string fileName, ReadOnlySpan<byte> bytes, EvidenceLimits limits)
    {
        var name = StoredFile.SafeName(fileName);
        if (bytes.Length == 0)
            throw new DomainException("evidence.empty", $"“{name}”是空文件。");
        if (bytes.Length > limits.MaxBytes)
            throw new DomainException("evidence.too_large", $"“{name}”大小为{bytes.Length / 1024.0 / 1024.0:0.0}MB，超过{limits.MaxText}的限制，请压缩后上传。");
        return Sniff(bytes) ?? throw new DomainException("evidence.type", $"“{name}”不是JPEG、PNG图片或PDF文件（按文件内容判断，而非扩展名），不能作为证据上传。");
    }

    public static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : bytes.StartsWith("%PDF-"u8) ? "application/pdf"
        : null;

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
