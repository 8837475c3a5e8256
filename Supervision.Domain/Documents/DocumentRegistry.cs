using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Files;

namespace Supervision.Domain.Documents;

public sealed record DocumentRequest(DocumentKind Kind, int ProvinceId, int BranchId, string OwnerType, string OwnerId, bool VisibleToParty, DateOnly IssueDate);

/// <summary>A rendered document and the data it was rendered from (kept so it can be rendered again to the same text).</summary>
public sealed record RenderedDocument(string DataJson, byte[] Pdf);

/// <summary>
/// Issues documents: takes the next number, lets the caller do what the document records (a case's transition)
/// and render it, and stores number, file, hash and source data — all in one transaction. A refused transition,
/// a failed render or a lost race consumes no number, so sequences stay gapless; two users issuing at once get
/// consecutive numbers (unique index, retry).
/// </summary>
public sealed class DocumentRegistry(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock)
{
    private const int Attempts = 8;

    /// <param name="produce">
    /// Runs inside the transaction with its context and the number (null for kinds without a 文号): applies whatever
    /// the document records, then renders it. Throwing rolls everything back.
    /// </param>
    public async Task<IssuedDocument> IssueAsync(DocumentRequest request, Func<SupervisionDbContext, DocumentNumber?, CancellationToken, Task<RenderedDocument>> produce,
        CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryIssueAsync(request, produce, ct);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another issuer created the same year's sequence or took the same number first; start again.
                await Task.Delay(Random.Shared.Next(5, 25) * attempt, ct);
            }
        }
    }

    private async Task<IssuedDocument> TryIssueAsync(DocumentRequest request, Func<SupervisionDbContext, DocumentNumber?, CancellationToken, Task<RenderedDocument>> produce, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var code = DocumentKinds.NumberCode(request.Kind);
        var year = request.IssueDate.Year;
        DocumentNumber? number = null;
        if (code is not null)
        {
            var prefix = await db.Provinces.Where(p => p.Id == request.ProvinceId).Select(p => p.DocPrefix).FirstOrDefaultAsync(ct)
                         ?? throw new NotFoundException("省级管理局");
            number = new DocumentNumber(prefix, code, year, await NextAsync(db, request.ProvinceId, code, year, ct));
        }
        var rendered = await produce(db, number, ct);
        var title = DocumentKinds.Title(request.Kind);
        var file = StoredFile.From($"{number?.ToString() ?? title}.pdf", "application/pdf", rendered.Pdf, access.Actor, clock.GetUtcNow());
        var document = new IssuedDocument
        {
            Kind = request.Kind, ProvinceId = request.ProvinceId, BranchId = request.BranchId,
            Number = number?.ToString(), NumberCode = code, Year = year, Sequence = number?.Sequence, Title = title,
            OwnerType = request.OwnerType, OwnerId = request.OwnerId, File = file, Sha256 = file.Sha256, DataJson = rendered.DataJson,
            IssuedAt = clock.GetUtcNow(), IssuedBy = access.Actor, VisibleToParty = request.VisibleToParty,
        };
        db.IssuedDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return document;
    }

    private static async Task<int> NextAsync(SupervisionDbContext db, int provinceId, string code, int year, CancellationToken ct)
    {
        var bumped = await db.DocumentSequences.Where(s => s.ProvinceId == provinceId && s.Code == code && s.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastNumber, x => x.LastNumber + 1), ct);
        if (bumped == 0)
        {
            db.DocumentSequences.Add(new DocumentSequence { ProvinceId = provinceId, Code = code, Year = year, LastNumber = 1 });
            await db.SaveChangesAsync(ct);
            return 1;
        }
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
