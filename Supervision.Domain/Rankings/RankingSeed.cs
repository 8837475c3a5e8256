using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Domain.Rankings;

/// <summary>
/// Loads seed-data/ranking-indicators.json. Unlike the other catalogs it adds the codes the table lacks on every
/// start (never touching edited ones), so an indicator a later feature brings reaches existing databases.
/// </summary>
internal static class RankingSeed
{
    public static async Task SeedAsync(SupervisionDbContext db, string dir, CancellationToken ct)
    {
        var existing = await db.RankingIndicators.Select(i => i.Code).ToListAsync(ct);
        var added = 0;
        foreach (var indicator in SeedFiles.Read<RankingIndicator>(dir, "ranking-indicators.json").Where(i => !existing.Contains(i.Code)))
        {
            if (indicator.Validate() is { Count: > 0 } errors)
                throw new DomainException("seed.invalid", $"ranking-indicators.json 的 {indicator.Code} 有误：{string.Join(" ", errors)}");
            indicator.Id = 0;
            db.RankingIndicators.Add(indicator);
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
    }
}
