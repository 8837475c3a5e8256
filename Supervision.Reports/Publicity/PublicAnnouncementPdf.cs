using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;
using Supervision.Domain.Publicity;

namespace Supervision.Reports.Publicity;

/// <summary>
/// The 公告 PDF the public site serves. Issued documents are never changed, so a 公告 issued before the current
/// <see cref="PublicText"/> rules may hold what they now remove: then the public gets a copy rendered from the issued
/// data cleaned by today's rules (same number, seal and layout); the issued file stays as it was for the record.
/// </summary>
public sealed class PublicAnnouncementPdf(PublicSite site, IDbContextFactory<SupervisionDbContext> factory)
{
    public async Task<(string Title, byte[] Pdf)?> GetAsync(long id, CancellationToken ct = default)
    {
        if (await site.PdfAsync(id, ct) is not { } issued) return null;
        var data = AnnouncementData.FromJson(issued.DataJson);
        var clean = data.Cleaned();
        if (clean == data) return (issued.Title, issued.Pdf);
        byte[]? seal = null;
        if (clean.SealFileId is { } sealId)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            seal = await db.FileContents.AsNoTracking().Where(c => c.FileId == sealId).Select(c => c.Bytes).FirstOrDefaultAsync(ct);
        }
        return (issued.Title, AnnouncementPdf.Render(clean, seal));
    }
}
