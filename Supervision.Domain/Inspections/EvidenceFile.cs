using Supervision.Domain.Common;
using Supervision.Domain.Files;

namespace Supervision.Domain.Inspections;

/// <summary>How large an evidence file may be ("Uploads:EvidenceMaxMegabytes", default 10) and how many one record may have.</summary>
public sealed record EvidenceLimits(long MaxBytes, int MaxFilesPerRecord = 30)
{
    public static EvidenceLimits Default { get; } = new(10L * 1024 * 1024);

    public string MaxText => StoredFile.Megabytes(MaxBytes);
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
        var contentType = EvidenceFiles.Check(fileName, bytes, limits.MaxBytes);
        var file = StoredFile.From(fileName, contentType, bytes, by, at);
        return new EvidenceFile
        {
            ProvinceId = provinceId, BranchId = branchId, VisibleToParty = visibleToParty, OwnerType = ownerType, OwnerId = ownerId,
            File = file, FileName = file.FileName, ContentType = contentType, Length = file.Length, Sha256 = file.Sha256, UploadedAt = at, UploadedBy = by,
        };
    }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
