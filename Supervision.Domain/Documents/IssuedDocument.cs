using Supervision.Domain.Common;
using Supervision.Domain.Files;

namespace Supervision.Domain.Documents;

/// <summary>
/// A document as issued: its number, the PDF (stored file with SHA-256) and the data it was made from,
/// so rendering that data again gives the same text. Issued documents are never changed.
/// </summary>
public class IssuedDocument : IPartyVisible
{
    public long Id { get; set; }
    public DocumentKind Kind { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    /// <summary>The 文号, or null for kinds without one.</summary>
    public string? Number { get; set; }
    public string? NumberCode { get; set; }
    public int Year { get; set; }
    public int? Sequence { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The record it belongs to (e.g. "Submission", "42"); downloads are authorized like that record.</summary>
    public string OwnerType { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public long FileId { get; set; }
    public StoredFile? File { get; set; }
    public string Sha256 { get; set; } = "";
    public string DataJson { get; set; } = "";
    /// <summary>The date the document bears (成文日期, as printed); <see cref="IssuedAt"/> is when the platform stored it.</summary>
    public DateOnly IssueDate { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    /// <summary>Issued with the administration's electronic seal image; without it the PDF is the text to be stamped by hand.</summary>
    public bool Sealed { get; set; }
    public string IssuedBy { get; set; } = "";
    public bool VisibleToParty { get; set; }
    /// <summary>The code printed on the document (with a QR code) that anyone can check it by at /public/verify/{code}.</summary>
    public string VerificationCode { get; set; } = "";
}

/// <summary>The last number used per province, kind and year; bumping it first locks it for the issuing transaction.</summary>
public class DocumentSequence
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public string Code { get; set; } = "";
    public int Year { get; set; }
    public int LastNumber { get; set; }
}
