using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;
using Supervision.Domain.Publicity;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Data.Seeding;

/// <summary>Brings the database to the current schema, loads the catalogs into empty tables and runs the data steps.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, ILogger<DatabaseInitializer> log)
{
    public async Task InitializeAsync(string seedDirectory, CancellationToken ct = default)
    {
        access.AsSystem("system:seed");
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            log.LogInformation("Applying {Count} migrations", pending.Count);
            await db.Database.MigrateAsync(ct);
        }
        // Provider-specific SQL beside the migrations (they are regenerated from the model), created when missing.
        await Publicity.PublicSearchIndex.EnsureAsync(db, ct);
        await OrganizationSeed.SeedAsync(db, seedDirectory, ct);
        await CatalogSeed.SeedAsync(db, seedDirectory, ct);
        await TemplateSeed.SeedAsync(db, seedDirectory, ct);
        await CodedCatalogSeed.SeedAsync<Rankings.RankingIndicator>(db, seedDirectory, "ranking-indicators.json", ct);
        await CodedCatalogSeed.SeedAsync<Inspections.DrawRiskFactor>(db, seedDirectory, "draw-risk-factors.json", ct);
        await EnforcementSeed.SeedAsync(db, seedDirectory, ct);
        await RolePolicySeed.SeedAsync(db, seedDirectory, ct);
        var recleaned = await AnnouncementRecleaning.RunAsync(db, ct);
        if (recleaned > 0) log.LogInformation("Cleaned {Count} announcements again with the public text rules of version {Version}", recleaned, PublicText.Version);
    }
}
