using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;
using Supervision.Domain.Files;
using Supervision.Domain.Organizations;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Reports;
using Supervision.Web.Public;

namespace Supervision.Benchmarks;

/// <summary>
/// The rankings at national scale: 31 provinces × 60 companies (8 provincial companies filing, 52 city companies)
/// × 120 months of accepted returns (RN-MONTHLY with 13 cities × 6 channels, LOG-QUARTERLY, SELF-ANNUAL; some
/// returned once, some late), written straight into the tables. Figures: the full summary rebuild
/// (<c>rebuild_seconds</c>), and p95 server time of the province dashboard's data (<c>province_p95_ms</c>: both
/// rankings with last month's ranks, heat map, 24-month trend, assembled anew each time rather than taken from
/// <see cref="RankingCache"/>), of the ministry ranking (<c>ministry_p95_ms</c>) and of a figure's trace to its cells (<c>trace_p95_ms</c>).
/// </summary>
public sealed class RankingsScenario : IScenario
{
    public string Name => "rankings";

    private const int Provinces = 31, CitiesPerProvince = 13, Months = 120;
    private static readonly string[] Basic = ["CMCC", "CUCC", "CTCC", "CBN"];
    private static readonly string[] Resellers = ["JDCOM", "SNAIL", "YUANTE", "SHARE"];
    private static readonly string[] Channels = ["自有营业厅", "合作营业厅", "专营店", "特约代理点", "末梢渠道", "线上渠道"];
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 4, 0, 0, TimeSpan.Zero);
    private const string LastMonth = "2026-10";

    public async Task RunAsync(BenchContext context)
    {
        var dir = context.WorkDir;
        var db = Path.Combine(dir, "rankings.db");
        foreach (var f in Directory.GetFiles(dir, "rankings.db*")) File.Delete(f);
        var seed = WriteSeed(Path.Combine(dir, "seed"));
        await using var services = Services(db);

        var watch = Stopwatch.StartNew();
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(seed);
        var (submissions, rows) = await FillAsync(services);
        context.Report("setup_seconds", watch.Elapsed.TotalSeconds);
        context.Report("submissions", submissions);
        context.Report("return_rows", rows);

        RebuildResult rebuild;
        using (var scope = services.CreateScope())
            rebuild = await scope.ServiceProvider.GetRequiredService<RankingUpdater>().RunAsync(Now);
        context.Report("rebuild_seconds", rebuild.Elapsed.TotalSeconds);
        context.Report("indicator_rows", rebuild.Values);
        context.Report("province_indicator_rows", rebuild.ProvinceValues);

        List<int> provinceIds;
        await using (var ctx = await services.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync())
            provinceIds = await ctx.Provinces.Select(p => p.Id).ToListAsync();
        var random = new Random(7);
        var province = await TimeAsync(20, 200, () =>
        {
            var id = provinceIds[random.Next(provinceIds.Count)];
            // What the first reader after a change waits for: the dashboards kept between requests are dropped each time.
            services.GetRequiredService<RankingCache>().Invalidate();
            return Scoped(services, AccessScope.ForProvince(id, readOnly: true, UserRole.Leader), s => s.ProvinceAsync(null, LastMonth));
        });
        var ministry = await TimeAsync(10, 100, () =>
            Scoped(services, new AccessScope(ScopeKind.All, 0, 0, [], true, UserRole.MinistryViewer), s => s.MinistryAsync(LastMonth)));
        // A figure's trace (formula → accepted version → 汇总 cells) for a random ranked branch's real-name rate, as its province's leader:
        // any branch with an accepted monthly return for the month (the generated provinces file at the branch, not the city, level).
        List<(int Branch, int Province)> ranked;
        using (var lookup = services.CreateScope())
        {
            lookup.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench");
            await using var ctx = await lookup.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
            ranked = (await ctx.Submissions.Where(s => s.Period == LastMonth && s.TemplateCode == ReturnIndicators.Monthly && s.Status == SubmissionStatus.Accepted)
                .Select(s => new { s.BranchId, s.ProvinceId }).Distinct().ToListAsync()).Select(b => (b.BranchId, b.ProvinceId)).ToList();
        }
        if (ranked.Count == 0) throw new InvalidOperationException($"No accepted monthly return for {LastMonth} to trace.");
        var trace = await TimeAsync(20, 200, async () =>
        {
            var (branch, provinceId) = ranked[random.Next(ranked.Count)];
            using var serviceScope = services.CreateScope();
            serviceScope.ServiceProvider.GetRequiredService<AccessContext>().Set(AccessScope.ForProvince(provinceId, readOnly: true, UserRole.Leader), "bench");
            var result = await serviceScope.ServiceProvider.GetRequiredService<RankingTraceService>().TraceAsync(branch, LastMonth, ReturnIndicators.RealNameRate);
            if (result.Cells.Count == 0) throw new InvalidOperationException($"The trace of branch {branch} found no cells.");
        });
        context.Report("trace_p50_ms", BenchContext.Percentile(trace, 50));
        context.Report("trace_p95_ms", BenchContext.Percentile(trace, 95));
        context.Report("province_p50_ms", BenchContext.Percentile(province, 50));
        context.Report("province_p95_ms", BenchContext.Percentile(province, 95));
        context.Report("ministry_p50_ms", BenchContext.Percentile(ministry, 50));
        context.Report("ministry_p95_ms", BenchContext.Percentile(ministry, 95));
    }

    private static async Task<List<double>> TimeAsync(int warmUp, int runs, Func<Task> query)
    {
        for (var i = 0; i < warmUp; i++) await query();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static async Task Scoped<T>(ServiceProvider services, AccessScope scope, Func<RankingService, Task<T>> query)
    {
        using var serviceScope = services.CreateScope();
        serviceScope.ServiceProvider.GetRequiredService<AccessContext>().Set(scope, "bench");
        var result = await query(serviceScope.ServiceProvider.GetRequiredService<RankingService>());
        GC.KeepAlive(result);
    }

    /// <summary>The seed folder with 13 cities and 60 companies in every province.</summary>
    private static string WriteSeed(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        CopyDirectory(SeedFiles.DefaultDirectory, folder);
        var provinces = JsonSerializer.Deserialize<List<JsonElement>>(File.ReadAllText(Path.Combine(folder, "provinces.json")))!
            .Select(p => (Code: p.GetProperty("code").GetString()!, Name: p.GetProperty("shortName").GetString()!)).Take(Provinces).ToList();
        var cities = new List<object>();
        var branches = new List<object>();
        foreach (var (code, name) in provinces)
        {
            var codes = Enumerable.Range(1, CitiesPerProvince).Select(i => $"{code}{i:00}00").ToList();
            cities.AddRange(codes.Select((c, i) => new { province = code, code = c, name = $"{name}{i + 1}市" }));
            foreach (var carrier in Basic.Concat(Resellers))
            {
                branches.Add(new { code = $"{carrier}-{code}", carrier, province = code, city = (string?)null, parent = (string?)null, level = "Provincial", name = $"{carrier}{name}公司", shortName = $"{name}{carrier}" });
                if (!Basic.Contains(carrier)) continue;
                foreach (var city in codes)
                    branches.Add(new { code = $"{carrier}-{city}", carrier, province = code, city, parent = $"{carrier}-{code}", level = "City", name = $"{carrier}{city}分公司", shortName = $"{name}{carrier}{city[2..4]}" });
            }
        }
        File.WriteAllText(Path.Combine(folder, "cities.json"), JsonSerializer.Serialize(cities));
        File.WriteAllText(Path.Combine(folder, "branches.json"), JsonSerializer.Serialize(branches));
        return folder;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in Directory.GetDirectories(from)) CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
    }

    /// <summary>Accepted returns for every filing company and period, written in bulk (the import path is measured by import-100k).</summary>
    private static async Task<(int Submissions, int Rows)> FillAsync(ServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench");
        var calendar = await scope.ServiceProvider.GetRequiredService<CatalogService>().GetCalendarAsync();
        var templates = await scope.ServiceProvider.GetRequiredService<SubmissionService>().TemplatesAsync();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
        var file = StoredFile.From("bench.xlsx", "application/octet-stream", [1, 2, 3], "bench", Now);
        db.StoredFiles.Add(file);
        await db.SaveChangesAsync();
        var filers = await db.Branches.AsNoTracking().Include(b => b.Carrier).Where(b => b.Level == BranchLevel.Provincial).ToListAsync();
        var cities = await db.Cities.AsNoTracking().ToListAsync();
        var random = new Random(2026);
        var last = Domain.Rankings.Months.Index(LastMonth);

        var submissions = new List<Submission>();
        foreach (var branch in filers)
        foreach (var template in templates)
        {
            if (!SubmissionService.AppliesTo(template.Definition, branch, branch.Carrier!)) continue;
            for (var m = last - Months + 1; m <= last; m++)
            {
                var month = new ReportingPeriod(Frequency.Monthly, m / 12, m % 12 + 1);
                ReportingPeriod? period = template.Frequency switch
                {
                    Frequency.Monthly => month,
                    Frequency.Quarterly when month.Index % 3 == 0 => new ReportingPeriod(Frequency.Quarterly, month.Year, month.Index / 3),
                    Frequency.Annual when month.Index == 12 => new ReportingPeriod(Frequency.Annual, month.Year, 1),
                    _ => null,
                };
                if (period is not { } p) continue;
                var due = p.DueDate(template.Definition.DueDay, template.Definition.DueMonthsAfter, calendar);
                var late = random.Next(10) == 0;
                var filed = new DateTimeOffset(due.AddDays(late ? random.Next(1, 10) : -random.Next(1, 6)).ToDateTime(new TimeOnly(10, 0)), BeijingTime.Offset);
                var returned = random.Next(20) == 0;
                Submission? latest = null;
                for (var version = 1; version <= (returned ? 2 : 1); version++)
                {
                    // Through the return's own steps: uploaded, filed (late when after the due day), then returned or accepted.
                    var uploaded = filed.AddDays(version * 3 - 3);
                    var submission = Submission.NewVersion(branch, template.Id, template.Code, p.ToString(), latest, due, file, null,
                        template.Code == ReturnIndicators.Monthly ? CitiesPerProvince * Channels.Length : 4, [], "api", null, "bench", uploaded);
                    submission.Submit("bench", "bench", uploaded, BeijingTime.Today(uploaded));
                    if (returned && version == 1) submission.Return("bench", filed.AddDays(version * 3 - 1), "数据有误，请核对后重新报送。");
                    else submission.Accept("bench", filed.AddDays(version * 3 - 1), null);
                    submissions.Add(latest = submission);
                }
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync();
        await BulkInserter.InsertAsync(db, typeof(Submission), submissions, default);
        var ids = (await db.Submissions.AsNoTracking().Where(s => s.Status == SubmissionStatus.Accepted)
            .Select(s => new { s.Id, s.BranchId, s.ProvinceId, s.TemplateCode, s.Period }).ToListAsync());
        var cityCodes = cities.GroupBy(c => c.ProvinceId).ToDictionary(g => g.Key, g => g.Select(c => c.Code).Order(StringComparer.Ordinal).ToList());
        var courses = filers.ToDictionary(b => b.Id, _ => (Rate: 0.93 + random.NextDouble() * 0.069, Manual: random.Next(4) == 0 ? random.NextDouble() * 0.03 : 0));

        IEnumerable<object> RnRows()
        {
            foreach (var s in ids.Where(s => s.TemplateCode == ReturnIndicators.Monthly))
            {
                var n = 0;
                var (rate, manual) = courses[s.BranchId];
                foreach (var city in cityCodes[s.ProvinceId])
                foreach (var channel in Channels)
                {
                    long subscribers = 5_000 + random.Next(50_000), registered = (long)(subscribers * Math.Min(1, rate + random.NextDouble() * 0.004)), legacy = subscribers - registered;
                    long fresh = 50 + random.Next(500), manualEntries = (long)(fresh * manual);
                    yield return new RnSummaryRow
                    {
                        SubmissionId = s.Id, ProvinceId = s.ProvinceId, BranchId = s.BranchId, RowNumber = 4 + n++, CityCode = city, Channel = channel,
                        Subscribers = subscribers, Registered = registered, UnregisteredLegacy = legacy, OneWayStops = legacy / 3, TwoWayStops = legacy / 6,
                        NewActivations = fresh, ReaderVerified = fresh - manualEntries, ManualEntries = manualEntries, OverLimitIds = random.Next(4), Reregistered = legacy / 5, FraudShutdowns = random.Next(5),
                    };
                }
            }
        }

        IEnumerable<object> LogRows() => ids.Where(s => s.TemplateCode == ReturnIndicators.Quarterly).SelectMany(s => Enumerable.Range(0, 4).Select(i =>
        {
            var days = random.Next(12) == 0 ? 150 : 365;
            return (object)new LogSystemRow
            {
                SubmissionId = s.Id, ProvinceId = s.ProvinceId, BranchId = s.BranchId, RowNumber = 4 + i, SystemName = $"系统{i}", LogType = "NAT地址转换日志",
                RetentionDays = days, EarliestRecord = ReportingPeriod.Parse(s.Period, Frequency.Quarterly).End.AddDays(-days), StorageLocation = "数据中心",
                SampleCheckPassed = random.Next(30) != 0,
            };
        }));

        var rows = await BulkInserter.InsertAsync(db, typeof(RnSummaryRow), RnRows(), default);
        rows += await BulkInserter.InsertAsync(db, typeof(LogSystemRow), LogRows(), default);
        await tx.CommitAsync();
        return (submissions.Count, rows);
    }

    private static ServiceProvider Services(string db) =>
        new ServiceCollection()
            .AddLogging()
            .AddSupervisionDomain(DatabaseSettings.Sqlite($"Data Source={db}"))
            .AddSupervisionReports(Scenarios.DocumentSettings())
            .AddVerificationLinks(Scenarios.DocumentSettings(), demo: true)
            .BuildServiceProvider();
}
