using Supervision.Domain.Common;
using Supervision.Domain.Documents;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// A case document served electronically on the party's consent (行政处罚法第六十一条第二款): put in the party's portal and announced
/// to the e-mail address of its 送达地址确认书. The first time one of the party's users opens it is the receipt — who, when, from
/// which address, and the hash of what was opened — and that day is the date of service.
/// </summary>
public class ElectronicService : IBranchScoped
{
    public long Id { get; private set; }
    public int ProvinceId { get; private set; }
    public int BranchId { get; private set; }
    public long CaseId { get; private set; }
    public long DocumentId { get; private set; }
    public DocumentKind DocumentKind { get; private set; }
    /// <summary>The 送达地址确认书 the service rests on, and its date (printed on the 送达回证).</summary>
    public long ConfirmationId { get; private set; }
    public DateOnly ConfirmationSignedOn { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
    public string SentBy { get; private set; } = "";
    public DateTimeOffset? OpenedAt { get; private set; }
    public string? OpenedByUserId { get; private set; }
    public string? OpenedByName { get; private set; }
    public string? OpenedFromAddress { get; private set; }
    /// <summary>SHA-256 of the document's bytes as they were opened.</summary>
    public string? DocumentSha256 { get; private set; }

    private ElectronicService() { }

    public static ElectronicService Send(EnforcementCase c, IssuedDocument document, long confirmationId, DateOnly confirmationSignedOn, string by, DateTimeOffset now) => new()
    {
        ProvinceId = c.ProvinceId, BranchId = c.BranchId, CaseId = c.Id, DocumentId = document.Id, DocumentKind = document.Kind,
        ConfirmationId = confirmationId, ConfirmationSignedOn = confirmationSignedOn, SentAt = now, SentBy = by,
    };

    public bool Opened => OpenedAt is not null;

    /// <summary>Records the receipt; false when the document had been opened before (the first opening stays the receipt).</summary>
    public bool Open(string userId, string name, string? address, string sha256, DateTimeOffset now)
    {
        if (Opened) return false;
        (OpenedAt, OpenedByUserId, OpenedByName, OpenedFromAddress, DocumentSha256) = (now, userId, name, address, sha256);
        return true;
    }
}
