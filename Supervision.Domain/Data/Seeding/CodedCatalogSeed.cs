using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;

namespace Supervision.Domain.Data.Seeding;

/// <summary>A catalog row known by its code that checks itself (ranking indicators, draw risk factors).</summary>
public interface ICodedCatalogEntry
{
    int Id { get; set; }
    string Code { get; }
    IReadOnlyList<string> Validate();
}

/// <summary>
/// Loads a catalog file of <c>seed-data/</c> and, unlike the other catalogs, adds the codes the table lacks on every start
/// (never touching edited ones), so an entry a later feature brings reaches existing databases.
/// </summary>
internal static class CodedCatalogSeed
{
    public static async Task SeedAsync<T>(SupervisionDbContext db, string dir, string file, CancellationToken ct) where T : class, ICodedCatalogEntry
    {
        var set = db.Set<T>();
        var existing = await set.Select(e => e.Code).ToListAsync(ct);
        var added = 0;
        foreach (var entry in SeedFiles.Read<T>(dir, file).Where(e => !existing.Contains(e.Code)))
        {
            if (entry.Validate() is { Count: > 0 } errors)
                throw new DomainException("seed.invalid", $"{file} 的 {entry.Code} 有误：{string.Join(" ", errors)}");
            entry.Id = 0;
            set.Add(entry);
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
    }
}
