using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;
using Supervision.Reports;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;

namespace Supervision.Benchmarks;

/// <summary>
/// An RN-MONTHLY return with 100,000 outlet rows through the real import path — read, validate, store the
/// file and every row in one transaction, issue the receipt — timed end to end in a fresh process, so the
/// peak working set is the import's own.
/// </summary>
public sealed class ImportScenario : IScenario
{
    public string Name => "import-100k";
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];

    public async Task RunAsync(BenchContext context)
    {
        var dir = context.WorkDir;
        var db = Path.Combine(dir, "import.db");
        foreach (var f in Directory.GetFiles(dir, "import.db*")) File.Delete(f);
        await using (var services = Services(db))
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(SeedFiles.DefaultDirectory);

        // 5 cities × 6 channels × 3,334 outlets = 100,020 outlet rows (+30 summary rows).
        var file = Path.Combine(dir, "rn-monthly-100k.xlsx");
        await File.WriteAllBytesAsync(file, ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-10", Ningxia, Seed: 100, OutletsPerCityAndChannel: 3334)));
        context.Report("file_mb", new FileInfo(file).Length / 1024.0 / 1024.0);

        var runs = new List<(double Seconds, double PeakMb)>();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (var i = 0; i < 3; i++)
        {
            // Each run imports into its own copy of the seeded database, as the first filing of the period.
            var copy = Path.Combine(dir, $"import-run{i}.db");
            File.Copy(db, copy, overwrite: true);
            var figures = await BenchContext.RunChildAsync("import-child", copy, file, "2026-10");
            runs.Add((figures["seconds"], figures["peak_mb"]));
        }
        context.Report("seconds", BenchContext.Median(runs.Select(r => r.Seconds).ToList()));
        context.Report("peak_mb", runs.Max(r => r.PeakMb));
        context.Report("rows", 100_050);
    }

    /// <summary>The child: one import, as the carrier, of the given file for the given period.</summary>
    public static async Task<int> ChildAsync(string db, string file, string period)
    {
        await using var services = Services(db);
        using var scope = services.CreateScope();
        await using (var ctx = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync())
        {
            scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench");
            var branch = await ctx.Branches.Include(b => b.Carrier).SingleAsync(b => b.Code == "CMCC-64");
            var children = await ctx.Branches.Where(b => b.ParentBranchId == branch.Id).Select(b => b.Id).ToListAsync();
            scope.ServiceProvider.GetRequiredService<AccessContext>().Set(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id, .. children]), "carrier.cmcc.nx");
        }
        // A running portal has warmed its document layer at start-up (see Startup); so does this stand-in for it.
        Supervision.Reports.Documents.OfficialDocumentRenderer.WarmUp();
        var bytes = await File.ReadAllBytesAsync(file);
        var content = bytes.AsSpan().ToArray();
        var branchId = scope.ServiceProvider.GetRequiredService<AccessContext>().Scope.BranchIds[0];
        var submissions = scope.ServiceProvider.GetRequiredService<SubmissionService>();
        var watch = Stopwatch.StartNew();
        var result = await submissions.UploadAsync(new UploadRequest(branchId, "RN-MONTHLY", period, "rn-monthly-100k.xlsx", "api", SubmitNow: true), content);
        watch.Stop();
        if (!result.Accepted)
        {
            Console.Error.WriteLine(string.Join("\n", result.Errors.Take(10).Select(e => $"{e.Sheet}!{e.Cell} {e.Message}")));
            return 1;
        }
        Console.WriteLine($"seconds={watch.Elapsed.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        Console.WriteLine($"peak_mb={(Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <param name="identity">Also Identity's user store, for creating users through <see cref="UserAdministration"/>.</param>
    internal static ServiceProvider Services(string db, bool identity = false) => Services(DatabaseSettings.Sqlite($"Data Source={db}"), identity);

    /// <param name="identity">Also Identity's user store, for creating users through <see cref="UserAdministration"/>.</param>
    internal static ServiceProvider Services(DatabaseSettings database, bool identity = false)
    {
        var config = new ConfigurationBuilder().Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSupervisionDomain(database)
            .AddSupervisionReports(config);
        if (identity)
            services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<SupervisionDbContext>().AddErrorDescriber<ChineseIdentityErrors>();
        return services.BuildServiceProvider();
    }
}
