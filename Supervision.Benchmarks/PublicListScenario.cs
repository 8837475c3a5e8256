using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Catalog;
using Supervision.Domain.Data.Seeding;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;

namespace Supervision.Benchmarks;

/// <summary>
/// The public site's list under load: a portal process (Release, SQLite, or PostgreSQL with <c>--postgres</c>) with
/// 10,000 published announcements (<c>--records N</c> for more), and 200 concurrent readers in this process on loopback
/// for 30 s, each reading list pages one after another with no pause — the first pages of each kind, deeper pages and
/// searches. Then the same again with every address made unique, so no reader is served from the output cache
/// (rendering and database every time). Then 50 readers searching only (party names, credit codes, 文号), uncached,
/// each pausing 0.5–1.5 s between searches.
/// </summary>
public sealed class PublicListScenario : IScenario
{
    public string Name => "public-list";
    private const int Readers = 200;
    private const int Searchers = 50;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    public async Task RunAsync(BenchContext context)
    {
        var announcements = int.Parse(context.Option("--records") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);
        DatabaseSettings database;
        if (context.Option("--postgres") is { } postgres)
            database = await LoadScenario.FreshPostgresAsync(postgres, "supervision_public");
        else
        {
            // --reuse-db yes (with --out): the database seeded by an earlier run with the same --records, to measure again without seeding again.
            if (context.Option("--reuse-db") is null)
                foreach (var f in Directory.GetFiles(context.WorkDir, "public.db*")) File.Delete(f);
            database = DatabaseSettings.Sqlite($"Data Source={Path.Combine(context.WorkDir, "public.db")}");
        }
        var seeding = Stopwatch.StartNew();
        var parties = context.Option("--reuse-db") is not null && File.Exists(Path.Combine(context.WorkDir, "public.db"))
            ? await PartiesAsync(database)
            : await SeedAsync(database, announcements);
        context.Report("seed_seconds", seeding.Elapsed.TotalSeconds);

        await using var portal = PortalProcess.Start(database, new Dictionary<string, string>
        {
            ["Jobs__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Readers, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = portal.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        await portal.WaitHealthyAsync();
        for (var i = 0; i < 50; i++) await http.GetAsync("/public"); // warm-up: JIT, pools

        var cached = await LoadAsync(http, Readers, ListOrSearch(parties), unique: false);
        context.Report("p95_ms", cached.P95);
        context.Report("p50_ms", cached.P50);
        context.Report("p99_ms", cached.P99);
        context.Report("errors", cached.Errors);
        context.Report("rps", cached.Rps);
        var uncached = await LoadAsync(http, Readers, ListOrSearch(parties), unique: true);
        context.Report("uncached_p95_ms", uncached.P95);
        context.Report("uncached_errors", uncached.Errors);
        context.Report("uncached_rps", uncached.Rps);
        // Searchers pause as people do (0.5–1.5 s): the figure is a search's time, not the queue of a saturated node.
        var search = await LoadAsync(http, Searchers, SearchOnly(parties, announcements), unique: true, thinkMs: 1000);
        context.Report("search_p50_ms", search.P50);
        context.Report("search_p95_ms", search.P95);
        context.Report("search_p99_ms", search.P99);
        context.Report("search_errors", search.Errors);
        context.Report("search_rps", search.Rps);
        context.Report("searchers", Searchers);
        // A term of one or two characters cannot use a trigram index: one search alone, the median of five.
        var shortSearch = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            (await http.GetAsync($"/public?party={Uri.EscapeDataString("宁夏")}&r=short{i}")).EnsureSuccessStatusCode();
            shortSearch.Add(watch.Elapsed.TotalMilliseconds);
        }
        context.Report("short_search_ms", BenchContext.Median(shortSearch));
        context.Report("announcements", announcements);
        context.Report("postgres", database.Provider == DatabaseProvider.Postgres ? 1 : 0);
        context.Report("loadavg", LoadScenario.LoadAverage());
        context.Report("readers", Readers);
        context.Report("cores", Environment.ProcessorCount);
    }

    private sealed record Run(double P50, double P95, double P99, int Errors, double Rps);

    /// <summary>The list readers' mix: first pages of each kind, deeper pages, and a search by party in one request of ten.</summary>
    private static Func<Random, string> ListOrSearch(IReadOnlyList<string> parties) => random => random.Next(10) switch
    {
        < 4 => "/public",
        4 => "/public?kind=penalty",
        5 => "/public?kind=agent",
        6 or 7 => $"/public?page={random.Next(2, 51)}",
        8 => $"/public?kind=penalty&page={random.Next(2, 21)}",
        _ => $"/public?party={Uri.EscapeDataString(parties[random.Next(parties.Count)])}",
    };

    /// <summary>
    /// The searchers' mix: a shop's name (one announcement each) or a part of it, a company's name (tens of thousands),
    /// a 文号 or its number, a credit code.
    /// </summary>
    private static Func<Random, string> SearchOnly(IReadOnlyList<string> parties, int announcements) => random =>
    {
        var i = random.Next(announcements);
        return random.Next(6) switch
        {
            0 => $"/public?party={Uri.EscapeDataString($"某某通讯店{i}")}",
            1 => $"/public?party={Uri.EscapeDataString($"通讯店{i / 10}")}",
            2 => $"/public?party={Uri.EscapeDataString(parties[random.Next(parties.Count)])}",
            3 => $"/public?number={Uri.EscapeDataString($"〔{DateTime.UtcNow.Year - random.Next(2)}〕{i + 1}号")}",
            4 => $"/public?number={i + 1}",
            _ => $"/public?party=91640000{random.Next(100_000, 999_999)}X",
        };
    };

    private static async Task<Run> LoadAsync(HttpClient http, int readers, Func<Random, string> next, bool unique, int thinkMs = 0)
    {
        var latencies = new ConcurrentBag<List<double>>();
        var errors = 0;
        var stop = Stopwatch.StartNew();
        var counter = 0L;
        async Task ReaderAsync(int reader)
        {
            var random = new Random(reader);
            var mine = new List<double>(4096);
            while (stop.Elapsed < Duration)
            {
                var url = next(random);
                if (unique) url += (url.Contains('?') ? "&" : "?") + "r=" + Interlocked.Increment(ref counter);
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(watch.Elapsed.TotalMilliseconds);
                if (thinkMs > 0) await Task.Delay(random.Next(thinkMs / 2, thinkMs * 3 / 2));
            }
            latencies.Add(mine);
        }
        await Task.WhenAll(Enumerable.Range(0, readers).Select(r => Task.Run(() => ReaderAsync(r))));
        var all = latencies.SelectMany(l => l).ToList();
        return new(BenchContext.Percentile(all, 50), BenchContext.Percentile(all, 95), BenchContext.Percentile(all, 99), errors, all.Count / stop.Elapsed.TotalSeconds);
    }

    /// <summary>A seeded database with <paramref name="count"/> announcements published over the past year in 宁夏 and 广东 (penalties and agents).</summary>
    internal static Task<IReadOnlyList<string>> SeedAsync(string db, int count) => SeedAsync(DatabaseSettings.Sqlite($"Data Source={db}"), count);

    internal static async Task<IReadOnlyList<string>> SeedAsync(DatabaseSettings database, int count)
    {
        await using var services = ImportScenario.Services(database);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(SeedFiles.DefaultDirectory);
        scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench");
        await using var ctx = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
        var branches = await ctx.Branches.AsNoTracking().Where(b => b.ParentBranchId == null && (b.Province!.Code == "64" || b.Province.Code == "44"))
            .Select(b => new { b.Id, b.ProvinceId, b.Name, b.CreditCode, Authority = b.Province!.AuthorityName, Prefix = b.Province.DocPrefix }).ToListAsync();
        var settings = new EnforcementSettings();
        // Published as an officer does: a decision as 一般失信行为, an agent under a list enabled with a basis.
        var terms = new PublicationTerms(settings, await ctx.PublicationCategories.SingleAsync(c => c.Code == "ordinary"), null,
            await ctx.LegalBases.SingleAsync(b => b.Code == "ATFL-39"));
        var today = Supervision.Domain.Common.BeijingTime.Today(DateTimeOffset.UtcNow);
        var random = new Random(7);
        var calendar = new WorkingDayCalendar([], [today.Year - 2, today.Year - 1, today.Year]);
        var batch = new List<Announcement>(10_000);
        for (var i = 0; i < count; i++)
        {
            var b = branches[random.Next(branches.Count)];
            var decided = today.AddDays(-random.Next(10, 330));
            var penalty = i % 4 != 0;
            var content = penalty
                ? new AnnouncementContent($"{b.Name}未按规定落实电话用户实名登记行政处罚决定（{i}）", b.Name, PartyType.Organisation, b.CreditCode, "张某某",
                    $"{b.Prefix}罚〔{decided.Year}〕{i + 1}号", "经查，该企业所属营业网点在用户未出示有效身份证件的情况下为其办理入网手续，违反了《电话用户真实身份信息登记规定》第六条。",
                    "警告；罚款", "《电话用户真实身份信息登记规定》第六条、第十九条", $"警告；罚款人民币{10_000 + random.Next(0, 21) * 1000:#,0}.00元", decided)
                : new AnnouncementContent($"代理商“某某通讯店{i}”违规办理电话入网", $"某某通讯店{i}", PartyType.IndividualBusiness, null, "李某某", null,
                    "未核验用户身份证件即为用户办理入网。", "通报", "《电话用户真实身份信息登记规定》第十一条", "已责令终止代理协议。", decided, $"所属电信企业：{b.Name}");
            var a = Announcement.Draft(b.ProvinceId, b.Id, penalty ? AnnouncementKind.PenaltyDecision : AnnouncementKind.ViolatingAgent, "Bench", i.ToString(),
                b.Authority, content, decided.AddDays(9), settings, DateTimeOffset.UtcNow);
            var publishOn = decided.AddDays(random.Next(1, 9));
            if (!penalty)
                // An agent is listed only after being told and heard (行政处罚法第四十四条): the notice served ten days before.
                a.RecordAgentNotice(publishOn.AddDays(-10), ServiceMethods.InPerson, settings, calendar, "bench",
                    new DateTimeOffset(publishOn.AddDays(-10).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)));
            a.Publish(publishOn, terms, "bench", DateTimeOffset.UtcNow);
            batch.Add(a);
            if (batch.Count == 10_000 || i == count - 1)
            {
                if (count <= 10_000)
                {
                    // Through the context (audited), as the portal publishes.
                    ctx.Announcements.AddRange(batch);
                    await ctx.SaveChangesAsync();
                    ctx.ChangeTracker.Clear();
                }
                else
                {
                    // A million through the context and its audit chain would take hours: stored as rows, in transactions of 10,000.
                    await using var tx = await ctx.Database.BeginTransactionAsync();
                    await BulkInserter.InsertAsync(ctx, typeof(Announcement), batch, default);
                    await tx.CommitAsync();
                }
                batch.Clear();
            }
        }
        return Parties(branches.Select(b => b.Name));
    }

    private static IReadOnlyList<string> Parties(IEnumerable<string> branchNames) =>
        branchNames.Select(n => n[..Math.Min(6, n.Length)]).Concat(["某某通讯店12", "广东有限公司"]).Distinct().ToList();

    private static async Task<IReadOnlyList<string>> PartiesAsync(DatabaseSettings database)
    {
        await using var services = ImportScenario.Services(database);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench");
        await using var ctx = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
        return Parties(await ctx.Branches.AsNoTracking().Where(b => b.ParentBranchId == null && (b.Province!.Code == "64" || b.Province.Code == "44"))
            .Select(b => b.Name).ToListAsync());
    }
}
