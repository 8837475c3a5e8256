using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Files;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Documents;

/// <param name="IssuedBy">Who issues it when not the person acting: a 送达回证 the party's opening produces is the sending officer's.</param>
public sealed record DocumentRequest(DocumentKind Kind, int ProvinceId, int BranchId, string OwnerType, string OwnerId, bool VisibleToParty, DateOnly IssueDate,
    string? IssuedBy = null);

/// <summary>
/// Issues documents inside the transaction of the step they belong to: takes the next number, lets the step compose what
/// the document states (with its number), renders it through <see cref="IDocumentRenderer"/> (sealed when the kind carries
/// the administration's seal) and stores number, file, hash and data. A refused step, a failed render or a rollback
/// consumes no number, so sequences stay gapless; two steps issuing at once get consecutive numbers (the counter's row is
/// locked by the first until it commits). Each carries a fresh verification code and its QR code (unique: an index guards it).
/// </summary>
public sealed class DocumentRegistry(IDbContextFactory<SupervisionDbContext> factory, IDocumentRenderer renderer, AccessContext access, TimeProvider clock,
    IVerificationLinks links)
{
    /// <param name="compose">What the document states, given its number (null for kinds without a 文号); the step applies its transition first.</param>
    public async Task<IssuedDocument> IssueAsync(SupervisionDbContext db, DocumentRequest request, Func<DocumentNumber?, DocumentData> compose, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A document is issued inside the transaction of its step.");
        var code = DocumentKinds.NumberCode(request.Kind);
        var year = request.IssueDate.Year;
        var province = await db.Provinces.Where(p => p.Id == request.ProvinceId).Select(p => new { p.DocPrefix, p.PublicSiteUrl, p.PublicSiteIsDemo })
                           .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("省级管理局");
        DocumentNumber? number = null;
        if (code is not null)
            number = new DocumentNumber(province.DocPrefix, code, year, await NextAsync(db, request.ProvinceId, code, year, ct));
        // The code is part of what is rendered, so the SHA-256 below is the hash of the PDF that carries it. Its address is the
        // issuing administration's public site where it has set one (the demo's only in a demo run), else the server's.
        var verification = VerificationCodes.New();
        var (url, address) = province.PublicSiteUrl is { Length: > 0 } site && (!province.PublicSiteIsDemo || links.DemoRun)
            ? (VerificationAddress.Url(site, verification), VerificationAddress.Province(province.PublicSiteIsDemo, links.DemoRun))
            : (links.VerifyUrl(verification), VerificationAddress.Configured(links.DemoRun));
        var data = compose(number) with { Number = number?.ToString(), VerificationCode = verification, VerificationUrl = url };
        // Nothing is printed as if real that is not: the verification address, the authority's contact, the payee, the court.
        IssueReadiness.Ensure(data, address);
        byte[]? seal = null;
        if (DocumentKinds.Sealed(request.Kind) && await OrganizationService.SealAsync(db, request.ProvinceId, ct) is { } current)
            (data, seal) = (data with { SealFileId = current.Id }, current.Bytes);
        var fonts = await OrganizationService.FontsAsync(db, request.ProvinceId, ct);
        if (fonts.Count > 0) data = data with { FontFileIds = fonts.ToDictionary(f => f.Face.Role, f => f.FileId) };
        var title = DocumentKinds.Title(request.Kind);
        var pdf = renderer.Render(data, seal, faces: fonts.Count > 0 ? [.. fonts.Select(f => f.Face)] : null);
        var issuer = request.IssuedBy ?? access.Actor;
        var file = StoredFile.From($"{number?.ToString() ?? title}.pdf", "application/pdf", pdf, issuer, clock.GetUtcNow());
        var document = new IssuedDocument
        {
            Kind = request.Kind, ProvinceId = request.ProvinceId, BranchId = request.BranchId,
            Number = number?.ToString(), NumberCode = code, Year = year, Sequence = number?.Sequence, Title = title,
            OwnerType = request.OwnerType, OwnerId = request.OwnerId, File = file, Sha256 = file.Sha256, DataJson = data.ToJson(),
            IssueDate = request.IssueDate, Sealed = seal is not null, IssuedAt = clock.GetUtcNow(), IssuedBy = issuer, VisibleToParty = request.VisibleToParty, VerificationCode = verification,
        };
        db.IssuedDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        return document;
    }

    /// <summary>What a document would look like if issued now: no number, nothing stored.</summary>
    public byte[] Preview(DocumentData data) => renderer.Render(data, seal: null, preview: true);

    /// <summary>
    /// The next serial of a kind in a province and year. The counter's row is created once (a concurrent creation is
    /// simply not repeated) and then bumped, which locks it until the step commits: numbers stay consecutive and unique.
    /// </summary>
    private static async Task<int> NextAsync(SupervisionDbContext db, int provinceId, string code, int year, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "DocumentSequences" ("ProvinceId", "Code", "Year", "LastNumber") VALUES ({provinceId}, {code}, {year}, 0) ON CONFLICT ("ProvinceId", "Code", "Year") DO NOTHING""", ct);
        await db.DocumentSequences.Where(s => s.ProvinceId == provinceId && s.Code == code && s.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastNumber, x => x.LastNumber + 1), ct);
        return await db.DocumentSequences.Where(s => s.ProvinceId == provinceId && s.Code == code && s.Year == year)
            .Select(s => s.LastNumber).SingleAsync(ct);
    }

    /// <summary>The documents of one record, as the current user may see them.</summary>
    public async Task<IReadOnlyList<IssuedDocument>> ForOwnerAsync(string ownerType, string ownerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.IssuedDocuments.AsNoTracking().Where(d => d.OwnerType == ownerType && d.OwnerId == ownerId)
            .OrderByDescending(d => d.IssuedAt).ToListAsync(ct);
    }

    /// <summary>The PDF of an issued document, if the current user may see the document.</summary>
    public async Task<(IssuedDocument Document, byte[] Pdf)> DownloadAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("文书");
        var bytes = await db.FileContents.Where(c => c.FileId == document.FileId).Select(c => c.Bytes).SingleAsync(ct);
        return (document, bytes);
    }
}
