using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;

namespace Supervision.Domain.Documents;

/// <summary>
/// Verification codes: 12 characters drawn at random from 29 that cannot be mistaken for one another when read aloud or
/// typed from paper (no 0/O, 1/I/L, U/V), about 58 bits — too many to guess one of the issued codes by trying. Shown in
/// groups of four (ABCD-EFGH-JKMN); dashes, spaces and lower case are accepted when one is typed.
/// </summary>
public static class VerificationCodes
{
    public const int Length = 12;
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as typed or scanned, upper-cased and without separators; null if it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null) return null;
        var code = new string([.. typed.Where(c => c is not ('-' or ' ' or '　')).Select(char.ToUpperInvariant)]);
        return code.Length == Length && code.All(c => Alphabet.Contains(c)) ? code : null;
    }

    /// <summary>ABCD-EFGH-JKMN.</summary>
    public static string Display(string code) =>
        code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
}

/// <summary>Where the public verification page of a code is (the web layer knows the site's address).</summary>
public interface IVerificationLinks
{
    string VerifyUrl(string code);

    /// <summary>The portal runs as a demo (Development): the demo's placeholder addresses (marked so) may be printed.</summary>
    bool DemoRun => false;
}

/// <summary>Without a configured public address: the page's path, relative to the site's root.</summary>
public sealed class RelativeVerificationLinks : IVerificationLinks
{
    public string VerifyUrl(string code) => $"/public/verify/{code}";
}

/// <summary>What the public learns of an issued document by its code: no party, no content, nothing personal.</summary>
/// <param name="IssuedOn">The date the document bears (成文日期).</param>
/// <param name="ArchivedAt">When the platform stored the PDF (may be later than <paramref name="IssuedOn"/>, e.g. a document entered afterwards).</param>
/// <param name="Status">有效, 已撤回 (an announcement withdrawn), 已变更 or 已撤销 (a decision changed or revoked on review or suit).</param>
/// <param name="Sealed">The stored PDF carries the administration's electronic seal.</param>
/// <param name="SealExpected">A kind sent out under the administration's seal: without the electronic one, the stamped paper copy is the original.</param>
/// <param name="Internal">An internal form (审批表), which has no effect towards a party.</param>
public sealed record VerifiedDocument(string Code, string Kind, string? Number, string Authority, DateOnly IssuedOn, string Sha256, string Status, DateOnly? StatusOn,
    DateTimeOffset ArchivedAt = default, bool Sealed = false, bool SealExpected = false, bool Internal = false)
{
    /// <summary>For a 报送回执: when the return was filed and the SHA-256 of the filed file (not the receipt's), which the receipt attests.</summary>
    public VerifiedFiling? Filing { get; init; }
}

/// <summary>What a receipt attests, as the public page shows it: the filing time and the filed file's SHA-256 (no names, no content).</summary>
public sealed record VerifiedFiling(DateTimeOffset FiledAt, string FileSha256);

/// <summary>
/// The public verification of issued documents and receipts by their code: anyone, without signing in, sees what kind of
/// document it is, its 文号, authority, date, the SHA-256 of the PDF and whether it still stands, and can check that a PDF
/// they hold is byte for byte the one issued. The one place that reads issued documents past the access filter, and it
/// returns only <see cref="VerifiedDocument"/>.
/// </summary>
public sealed class DocumentVerification(IDbContextFactory<SupervisionDbContext> factory)
{
    /// <summary>The largest PDF the page compares (issued documents are far smaller).</summary>
    public const int MaxUploadBytes = 5 << 20;

    public const string Valid = "有效";
    public const string Withdrawn = "已撤回";
    public const string Changed = "已变更";
    public const string Revoked = "已撤销";

    public async Task<VerifiedDocument?> FindAsync(string? typed, CancellationToken ct = default)
    {
        if (VerificationCodes.Normalize(typed) is not { } code) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        // Public: the code is the only key, and only the fields below leave this method.
        var doc = await db.IssuedDocuments.IgnoreQueryFilters().AsNoTracking().Where(d => d.VerificationCode == code)
            .Select(d => new { d.Kind, d.Number, d.ProvinceId, d.IssueDate, d.IssuedAt, d.Sealed, d.Sha256, d.OwnerType, d.OwnerId })
            .FirstOrDefaultAsync(ct);
        if (doc is null) return null;
        var authority = await db.Provinces.IgnoreQueryFilters().Where(p => p.Id == doc.ProvinceId).Select(p => p.AuthorityName).FirstOrDefaultAsync(ct) ?? "";
        var (status, on) = await StatusAsync(db, doc.Kind, doc.OwnerType, doc.OwnerId, ct);
        VerifiedFiling? filing = null;
        if (doc.Kind == DocumentKind.SubmissionReceipt)
        {
            var json = await db.IssuedDocuments.IgnoreQueryFilters().Where(d => d.VerificationCode == code).Select(d => d.DataJson).FirstAsync(ct);
            var receipt = DocumentData.FromJson<Submissions.ReceiptData>(json);
            filing = new VerifiedFiling(receipt.SubmittedAt, receipt.Sha256);
        }
        return new(code, DocumentKinds.Title(doc.Kind), doc.Number, authority, doc.IssueDate, doc.Sha256.Trim(), status, on,
            doc.IssuedAt, doc.Sealed, DocumentKinds.Sealed(doc.Kind), DocumentKinds.Internal(doc.Kind)) { Filing = filing };
    }

    /// <summary>The SHA-256 of a file, as stored with issued documents (lower-case hex).</summary>
    public static string Hash(ReadOnlySpan<byte> file) => Convert.ToHexStringLower(SHA256.HashData(file));

    /// <summary>Whether a file with SHA-256 <paramref name="hash"/> is byte for byte the file issued under the code.</summary>
    public static bool Matches(VerifiedDocument document, string hash) => string.Equals(hash, document.Sha256, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A 公告 is 已撤回 once withdrawn (or ended after credit repair); a decision is 已变更 or 已撤销 once a review or court
    /// changed or revoked it (the latest such outcome counts). Everything else stands as issued.
    /// </summary>
    private static async Task<(string Status, DateOnly? On)> StatusAsync(SupervisionDbContext db, DocumentKind kind, string ownerType, string ownerId, CancellationToken ct)
    {
        if (!long.TryParse(ownerId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) return (Valid, null);
        if (kind == DocumentKind.PublicAnnouncement && ownerType == Announcement.OwnerType)
        {
            var a = await db.Announcements.IgnoreQueryFilters().Where(x => x.Id == id).Select(x => new { x.Status, x.WithdrawnOn, x.RepairedOn }).FirstOrDefaultAsync(ct);
            return a?.Status switch
            {
                AnnouncementStatus.Withdrawn => (Withdrawn, a.WithdrawnOn),
                AnnouncementStatus.Repaired => (Withdrawn, a.RepairedOn),
                _ => (Valid, null),
            };
        }
        if (kind is DocumentKind.PenaltyDecision or DocumentKind.NoPenaltyDecision && ownerType == EnforcementService.OwnerType)
        {
            var outcome = await db.Set<CaseRemedy>().IgnoreQueryFilters()
                .Where(r => r.CaseId == id && (r.Outcome == RemedyOutcome.Changed || r.Outcome == RemedyOutcome.Revoked || r.Outcome == RemedyOutcome.ConfirmedVoid))
                .OrderByDescending(r => r.OutcomeOn).ThenByDescending(r => r.Id).Select(r => new { r.Outcome, r.OutcomeOn }).FirstOrDefaultAsync(ct);
            if (outcome is not null) return (RemedyLabels.EndsDecision(outcome.Outcome) ? Revoked : Changed, outcome.OutcomeOn);
        }
        return (Valid, null);
    }
}
