using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;

namespace Supervision.Domain.Publicity;

/// <summary>
/// A data step run at start-up after the migrations (<see cref="Data.Seeding.DatabaseInitializer"/>): every announcement —
/// draft, published or withdrawn — cleaned with rules older than <see cref="PublicText.Version"/> is cleaned again and
/// records the current version. Idempotent (a second run finds nothing), on both providers, and it serves every future
/// change of the rules: raise the version and the stored texts follow at the next start. Issued 公告 PDFs are never
/// changed; the public site serves a copy rendered from the cleaned data when the issued one is not clean.
/// </summary>
public static class AnnouncementRecleaning
{
    private const int Batch = 200;

    /// <summary>Runs the step in the given context (acting as the system); returns how many announcements changed.</summary>
    public static async Task<int> RunAsync(SupervisionDbContext db, CancellationToken ct = default)
    {
        var changed = 0;
        var after = 0L;
        var conflicts = 0;
        while (true)
        {
            var batch = await db.Announcements.Where(a => a.PublicTextVersion < PublicText.Version && a.Id > after)
                .OrderBy(a => a.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) return changed;
            var cleaned = batch.Count(a => a.CleanPublicTexts());
            try
            {
                await db.SaveChangesAsync(ct);
                changed += cleaned;
                after = batch[^1].Id;
                conflicts = 0;
            }
            catch (DbUpdateConcurrencyException) when (++conflicts < 10)
            {
                // Another node starting at the same time (or an officer) changed one of them first: read the batch again;
                // what the other node cleaned is no longer below the version.
            }
            db.ChangeTracker.Clear();
        }
    }
}
