using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Domain.Inspections;

/// <summary>Loads seed-data/draw-risk-factors.json, adding the codes the table lacks (never touching edited ones), as the ranking indicators do.</summary>
internal static class DrawRiskSeed
{
    public static async Task SeedAsync(SupervisionDbContext db, string dir, CancellationToken ct)
    {
        var existing = await db.DrawRiskFactors.Select(f => f.Code).ToListAsync(ct);
        var added = 0;
        foreach (var factor in SeedFiles.Read<DrawRiskFactor>(dir, "draw-risk-factors.json").Where(f => !existing.Contains(f.Code)))
        {
            if (factor.Validate() is { Count: > 0 } errors)
                throw new DomainException("seed.invalid", $"draw-risk-factors.json 的 {factor.Code} 有误：{string.Join(" ", errors)}");
            factor.Id = 0;
            db.DrawRiskFactors.Add(factor);
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
    }
}
