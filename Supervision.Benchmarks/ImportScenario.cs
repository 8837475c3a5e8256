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
using Supervision.Web.Public;

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

    private const string Signatory = "bench.signatory";

    public async Task RunAsync(BenchContext context)
    {
        var dir = context.WorkDir;
        var postgres = context.Option("--postgres");
        // --warm 1: the process files a small return first (as a node that has run for a while: the import path's code
        // compiled, the receipt's faces loaded), so the peak is the big import's own.
        var warm = context.Option("--warm") is "1" or "true";
        // The seeded database each run copies: a SQLite file, or a PostgreSQL database used as a template.
        var seeded = postgres is null
            ? DatabaseSettings.Sqlite($"Data Source={Path.Combine(dir, "import.db")}")
            : await LoadScenario.FreshPostgresAsync(postgres, "supervision_import");
        foreach (var f in Directory.GetFiles(dir, "import.db*")) File.Delete(f);
        await using (var services = Services(seeded))
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(SeedFiles.DefaultDirectory);
            // The branch's 签报人, who files the return (a return is filed only with a signatory's attestation).
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
            var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
            var signatory = new AppUser
            {
                UserName = Signatory, NormalizedUserName = Signatory.ToUpperInvariant(), DisplayName = "宁夏移动签报人", Role = UserRole.CarrierUser,
                ProvinceId = branch.ProvinceId, BranchId = branch.Id, CreatedAt = DateTimeOffset.UtcNow, SecurityStamp = Guid.NewGuid().ToString(),
            };
            signatory.AssignDuties(new CarrierDuties(Admin: false, Preparer: true, Signatory: true));
            db.Users.Add(signatory);
            await db.SaveChangesAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();

        // 5 cities × 6 channels × 3,334 outlets = 100,020 outlet rows (+30 summary rows).
        var file = Path.Combine(dir, "rn-monthly-100k.xlsx");
        await File.WriteAllBytesAsync(file, ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-10", Ningxia, Seed: 100, OutletsPerCityAndChannel: 3334)));
        context.Report("file_mb", new FileInfo(file).Length / 1024.0 / 1024.0);

        var runs = new List<Dictionary<string, double>>();
        for (var i = 0; i < 3; i++)
        {
            // Each run imports into its own copy of the seeded database, as the first filing of the period.
            DatabaseSettings copy;
            if (postgres is null)
            {
                var path = Path.Combine(dir, $"import-run{i}.db");
                File.Copy(Path.Combine(dir, "import.db"), path, overwrite: true);
                copy = DatabaseSettings.Sqlite($"Data Source={path}");
            }
            else
                copy = await LoadScenario.FreshPostgresAsync(postgres, $"supervision_import_run{i}", template: "supervision_import");
            runs.Add(await BenchContext.RunChildAsync(["import-child", copy.Provider.ToString(), copy.ConnectionString, file, "2026-10", .. warm ? new[] { "warm" } : []]));
        }
        context.Report("seconds", BenchContext.Median(runs.Select(r => r["seconds"]).ToList()));
        // Where the time goes: the rows (read, checked and stored as one stream), then the rest (checks across rows, the
        // receipt, the commit); and the CPU time the import took (all threads: JIT, GC), which says more than the clock
        // when other work shares the cores.
        context.Report("rows_seconds", BenchContext.Median(runs.Select(r => r["rows_seconds"]).ToList()));
        context.Report("finish_seconds", BenchContext.Median(runs.Select(r => r["finish_seconds"]).ToList()));
        context.Report("cpu_seconds", BenchContext.Median(runs.Select(r => r["cpu_seconds"]).ToList()));
        context.Report("peak_mb", runs.Max(r => r["peak_mb"]));
        context.Report("baseline_mb", BenchContext.Median(runs.Select(r => r["baseline_mb"]).ToList()));
        context.Report("allocated_mb", BenchContext.Median(runs.Select(r => r["allocated_mb"]).ToList()));
        context.Report("rows", 100_050);
        context.Report("postgres", postgres is null ? 0 : 1);
        context.Report("warm", warm ? 1 : 0);
        context.Report("loadavg", LoadScenario.LoadAverage());
    }

    /// <summary>The child: one import, as the carrier, of the given file for the given period.</summary>
    /// <param name="warm">File a small return of the month before first (it is not timed).</param>
    public static async Task<int> ChildAsync(string provider, string connectionString, string file, string period, bool warm = false)
    {
        await using var services = Services(new DatabaseSettings(Enum.Parse<DatabaseProvider>(provider), connectionString));
        using var scope = services.CreateScope();
        await using (var ctx = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync())
        {
            scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench");
            var branch = await ctx.Branches.Include(b => b.Carrier).SingleAsync(b => b.Code == "CMCC-64");
            var children = await ctx.Branches.Where(b => b.ParentBranchId == branch.Id).Select(b => b.Id).ToListAsync();
            scope.ServiceProvider.GetRequiredService<AccessContext>().Set(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id, .. children]), Signatory);
        }
        // As in a running portal, the document layer's font faces load with the first document rendered: here the receipt.
        var content = await File.ReadAllBytesAsync(file);
        var branchId = scope.ServiceProvider.GetRequiredService<AccessContext>().Scope.BranchIds[0];
        var submissions = scope.ServiceProvider.GetRequiredService<SubmissionService>();
        if (warm)
        {
            var before = ReportingPeriod.Parse(period, Frequency.Monthly).Previous().ToString();
            var small = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", before, Ningxia, Seed: 7, OutletsPerCityAndChannel: 3));
            var first = await submissions.UploadAsync(new UploadRequest(branchId, "RN-MONTHLY", before, "rn-monthly-small.xlsx", "api", SubmitNow: true, Attested: true), small);
            if (!first.Accepted)
            {
                Console.Error.WriteLine(string.Join("\n", first.Errors.Take(10).Select(e => $"{e.Sheet}!{e.Cell} {e.Message}")));
                return 1;
            }
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var stages = new StageClock(watch);
        var result = await submissions.UploadAsync(new UploadRequest(branchId, "RN-MONTHLY", period, "rn-monthly-100k.xlsx", "api", SubmitNow: true, Attested: true), content, stages);
        watch.Stop();
        if (!result.Accepted)
        {
            Console.Error.WriteLine(string.Join("\n", result.Errors.Take(10).Select(e => $"{e.Sheet}!{e.Cell} {e.Message}")));
            return 1;
        }
        var process = Process.GetCurrentProcess();
        Print("seconds", watch.Elapsed.TotalSeconds);
        // The rows are read, checked and stored as one stream (读取文件 → 校验并保存); then the checks across rows, the
        // plausibility checks, the receipt and the commit.
        Print("rows_seconds", (stages.At("校验并保存") - stages.At("读取文件")).TotalSeconds);
        Print("finish_seconds", (watch.Elapsed - stages.At("校验并保存")).TotalSeconds);
        Print("cpu_seconds", (process.TotalProcessorTime - cpu).TotalSeconds);
        Print("peak_mb", process.PeakWorkingSet64 / 1024.0 / 1024.0);
        // What the process held before the import began (runtime, EF model), and what the import allocated.
        Print("baseline_mb", baseline / 1024.0 / 1024.0);
        Print("allocated_mb", (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / 1024.0);
        return 0;

        static void Print(string name, double value) => Console.WriteLine($"{name}={value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>When each stage of the import was first reported, on the import's own clock (reported synchronously, unlike Progress&lt;T&gt;).</summary>
    private sealed class StageClock(Stopwatch watch) : IProgress<UploadProgress>
    {
        private readonly Dictionary<string, TimeSpan> _first = [];
        public void Report(UploadProgress value) => _first.TryAdd(value.Stage, watch.Elapsed);
        public TimeSpan At(string stage) => _first[stage];
    }

    /// <param name="identity">Also Identity's user store, for creating users through <see cref="UserAdministration"/>.</param>
    internal static ServiceProvider Services(string db, bool identity = false) => Services(DatabaseSettings.Sqlite($"Data Source={db}"), identity);

    /// <param name="identity">Also Identity's user store, for creating users through <see cref="UserAdministration"/>.</param>
    internal static ServiceProvider Services(DatabaseSettings database, bool identity = false)
    {
        var config = Scenarios.DocumentSettings();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSupervisionDomain(database)
            .AddSupervisionReports(config)
            .AddVerificationLinks(config, demo: true);
        if (identity)
            services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<SupervisionDbContext>().AddErrorDescriber<ChineseIdentityErrors>();
        return services.BuildServiceProvider();
    }
}
