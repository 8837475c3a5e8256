using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Web.Demo;
using Supervision.Reports.Submissions;

namespace Supervision.Benchmarks;

/// <summary>
/// Mixed load on loopback for a fixed time (60 s, or <c>--seconds N</c> / <c>LOAD_SECONDS</c>): a portal process
/// (Release; SQLite, or PostgreSQL with <c>--postgres "connection string"</c> / <c>LOAD_POSTGRES</c>) with demo-scale data,
/// uploaders (<c>--uploaders</c>, 20) filing valid RN-MONTHLY returns through the API with the keys of several carrier
/// branches, and readers (<c>--readers</c>, 200) of the public site (list, detail, JSON feed) and of the dashboards (the
/// prerendered HTML of /rankings and /submissions/overview, signed in as leaders through the real login form).
/// Each simulated person pauses between requests for half to one and a half think times (<c>--think-ms</c> for readers,
/// <c>--upload-think-ms</c> for uploaders, 1000 ms each); 0 sends the next request as soon as the last one is answered,
/// which measures saturation rather than people. People arrive over the first <c>--ramp-seconds</c> (10, at most half the
/// run), each starting at its own point of it; latencies and rates are of the requests started after the ramp, while
/// errors count from the first request.
/// Everything the portal is asked is checked: an upload must answer 201 (a repeated Idempotency-Key the same id), a read
/// 200; anything else is an error. Afterwards the database must hold exactly the uploads answered 201, none without its
/// rows, and pass its integrity check.
/// </summary>
public sealed partial class LoadScenario : IScenario
{
    public string Name => "load";
    private const int MaxConnections = 1000;
    private const int Leaders = 10;
    private const int Announcements = 2_000;
    private const int HistoryMonths = 6;
    private const string LeaderPassword = "Load#2026pass";
    private const string FirstUploadMonth = "2000-01";

    private sealed record Filer(string Code, string Key, IReadOnlyList<string> Cities);

    private sealed record Seeded(IReadOnlyList<Filer> Filers, IReadOnlyList<string> LeaderNames, IReadOnlyList<long> AnnouncementIds, string LastFreeMonth);

    public async Task RunAsync(BenchContext context)
    {
        var seconds = context.Option("--seconds") ?? Environment.GetEnvironmentVariable("LOAD_SECONDS");
        var duration = TimeSpan.FromSeconds(seconds is null ? 60 : int.Parse(seconds, CultureInfo.InvariantCulture));
        int Setting(string option, string variable, int fallback) =>
            int.Parse(context.Option(option) ?? Environment.GetEnvironmentVariable(variable) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var think = TimeSpan.FromMilliseconds(Setting("--think-ms", "LOAD_THINK_MS", 1000));
        var uploadThink = TimeSpan.FromMilliseconds(Setting("--upload-think-ms", "LOAD_UPLOAD_THINK_MS", 1000));
        var (uploaderCount, readerCount) = (Setting("--uploaders", "LOAD_UPLOADERS", 20), Setting("--readers", "LOAD_READERS", 200));
        // People arrive over the ramp (their first requests spread evenly across it) and the figures are of the steady
        // part after it; errors count from the first request on.
        var ramp = TimeSpan.FromSeconds(Math.Min(Setting("--ramp-seconds", "LOAD_RAMP_SECONDS", 10), duration.TotalSeconds / 2));
        var postgres = context.Option("--postgres") ?? Environment.GetEnvironmentVariable("LOAD_POSTGRES");
        var database = postgres is null ? FreshSqlite(context.WorkDir) : await FreshPostgresAsync(postgres);
        Console.Error.WriteLine($"load: {database.Provider} database {(database.Provider == DatabaseProvider.Sqlite ? database.ConnectionString : new NpgsqlConnectionStringBuilder(database.ConnectionString).Database)}");

        var seedWatch = Stopwatch.StartNew();
        var seeded = await SeedAsync(database);
        ClearPools();
        Console.Error.WriteLine($"load: seeded in {seedWatch.Elapsed.TotalSeconds:0} s ({seeded.Filers.Count} filing branches with keys, {seeded.LeaderNames.Count} leaders, {seeded.AnnouncementIds.Count} announcements)");

        Counts uploads, reads;
        var loadStart = LoadAverage();
        await using (var portal = PortalProcess.Start(database, new Dictionary<string, string>
        {
            ["Jobs__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        }))
        {
            await portal.WaitHealthyAsync();
            using var anonymous = Client(portal.BaseAddress, null);
            var leaders = new List<HttpClient>();
            // Ten sign-ins from one address stay inside the default limits (SignIn:RateLimit:PerAddress 30, PerUser 10 a minute).
            foreach (var leader in seeded.LeaderNames) leaders.Add(await SignInAsync(portal.BaseAddress, leader));
            var uploaders = seeded.Filers.Select(f => Client(portal.BaseAddress, f.Key)).ToList();

            await WarmUpAsync(anonymous, leaders[0], seeded.AnnouncementIds[0]);
            var stop = Stopwatch.StartNew();
            var readerTasks = Enumerable.Range(0, readerCount).Select(r => Task.Run(() => ReaderAsync(r, anonymous, leaders[r % leaders.Count], seeded.AnnouncementIds, ramp * r / readerCount, think, new Counts(stop, ramp), stop, duration))).ToList();
            var next = new int[seeded.Filers.Count];
            // The files are made before the clock starts, so the tool's own work does not take the portal's cores.
            var files = Prepared(seeded.Filers, PreparedMonths);
            var uploaderTasks = Enumerable.Range(0, uploaderCount).Select(u => Task.Run(() =>
                UploaderAsync(u, seeded.Filers, uploaders, files, next, Months.Index(seeded.LastFreeMonth) - Months.Index(FirstUploadMonth) + 1, ramp * u / uploaderCount, uploadThink,
                    new Counts(stop, ramp), stop, duration))).ToList();
            reads = Counts.Merge(await Task.WhenAll(readerTasks));
            uploads = Counts.Merge(await Task.WhenAll(uploaderTasks));
            reads.Seconds = uploads.Seconds = stop.Elapsed.TotalSeconds - ramp.TotalSeconds;
            foreach (var c in leaders.Concat(uploaders)) c.Dispose();
        }
        var loadEnd = LoadAverage();
        ClearPools();
        var (stored, partial, integrity) = await CheckDatabaseAsync(database);
        if (stored != uploads.Created.Count)
            uploads.Fail($"the database holds {stored} load submissions, but {uploads.Created.Count} distinct uploads were answered 201");
        if (partial > 0)
            uploads.Fail($"{partial} load submissions are stored without their rows");
        if (integrity != "ok")
            uploads.Fail($"integrity check: {integrity}");

        Report(context, "uploads", uploads);
        context.Report("uploads_replayed", uploads.Replayed);
        context.Report("uploads_stored", stored);
        Report(context, "reads", reads);
        foreach (var (kind, latencies) in reads.ByKind.OrderBy(k => k.Key))
        {
            context.Report($"read_{kind}_p95_ms", BenchContext.Percentile(latencies, 95));
            context.Report($"read_{kind}_count", latencies.Count);
        }
        context.Report("uploads_partial", partial);
        context.Report("integrity_ok", integrity == "ok" ? 1 : 0);
        context.Report("postgres", database.Provider == DatabaseProvider.Postgres ? 1 : 0);
        context.Report("seconds", duration.TotalSeconds);
        context.Report("ramp_seconds", ramp.TotalSeconds);
        context.Report("uploaders", uploaderCount);
        context.Report("readers", readerCount);
        context.Report("think_ms", think.TotalMilliseconds);
        context.Report("upload_think_ms", uploadThink.TotalMilliseconds);
        context.Report("cores", Environment.ProcessorCount);
        context.Report("loadavg_start", loadStart);
        context.Report("loadavg_end", loadEnd);
        foreach (var message in uploads.Messages.Concat(reads.Messages).GroupBy(m => m).Take(20))
            Console.Error.WriteLine($"load: {message.Count()} × {message.Key}");
    }

    internal static void Report(BenchContext context, string name, Counts counts)
    {
        var all = counts.ByKind.Values.SelectMany(l => l).ToList();
        context.Report($"{name}_per_s", all.Count / counts.Seconds);
        context.Report($"{name}_total", all.Count);
        context.Report($"{name}_p50_ms", all.Count == 0 ? 0 : BenchContext.Percentile(all, 50));
        context.Report($"{name}_p95_ms", all.Count == 0 ? 0 : BenchContext.Percentile(all, 95));
        context.Report($"{name}_p99_ms", all.Count == 0 ? 0 : BenchContext.Percentile(all, 99));
        context.Report($"{name}_errors", counts.Errors);
    }

    /// <summary>
    /// What one worker saw: latencies by kind of request (those started after the ramp), errors (with their reasons, from
    /// the start), created submission ids.
    /// </summary>
    internal sealed class Counts(Stopwatch? clock = null, TimeSpan measuredFrom = default)
    {
        public Dictionary<string, List<double>> ByKind { get; } = [];
        public int Errors { get; private set; }
        public List<string> Messages { get; } = [];
        public HashSet<long> Created { get; } = [];
        public int Replayed { get; set; }
        public double Seconds { get; set; }

        public void Add(string kind, double ms)
        {
            if (clock is not null && clock.Elapsed.TotalMilliseconds - ms < measuredFrom.TotalMilliseconds) return;
            if (!ByKind.TryGetValue(kind, out var list)) ByKind[kind] = list = new List<double>(4096);
            list.Add(ms);
        }

        public void Fail(string message)
        {
            Errors++;
            Messages.Add(message);
        }

        public static Counts Merge(IEnumerable<Counts> parts)
        {
            var merged = new Counts();
            foreach (var part in parts)
            {
                foreach (var (kind, list) in part.ByKind)
                {
                    if (!merged.ByKind.TryGetValue(kind, out var into)) merged.ByKind[kind] = into = [];
                    into.AddRange(list);
                }
                merged.Errors += part.Errors;
                merged.Messages.AddRange(part.Messages);
                merged.Created.UnionWith(part.Created);
                merged.Replayed += part.Replayed;
            }
            return merged;
        }
    }

    /// <param name="staff">Staff pages only (the submissions overview and list, the rankings), no public site.</param>
    internal static async Task<Counts> ReaderAsync(int reader, HttpClient anonymous, HttpClient leader, IReadOnlyList<long> announcements, TimeSpan start, TimeSpan think,
        Counts counts, Stopwatch stop, TimeSpan duration, bool staff = false)
    {
        var random = new Random(reader);
        // Each anonymous reader is a browser of its own: it keeps the cookies the site gives it and sends them back.
        var jar = new CookieContainer();
        var site = anonymous.BaseAddress!;
        await Task.Delay(start);
        while (stop.Elapsed < duration)
        {
            var (kind, client, url) = staff ? random.Next(10) switch
            {
                < 4 => ("overview", leader, "/submissions/overview"),
                < 7 => ("submissions", leader, "/submissions"),
                _ => ("rankings", leader, "/rankings"),
            } : random.Next(20) switch
            {
                < 3 => ("public_list", anonymous, "/public"),
                < 5 => ("public_list", anonymous, random.Next(3) switch
                {
                    0 => $"/public?page={random.Next(2, 21)}",
                    1 => "/public?kind=penalty",
                    _ => $"/public?kind=agent&page={random.Next(1, 6)}",
                }),
                < 8 => ("public_detail", anonymous, $"/public/announcements/{announcements[random.Next(announcements.Count)]}"),
                < 10 => ("public_feed", anonymous, "/public/feed.json"),
                < 15 => ("rankings", leader, "/rankings"),
                _ => ("overview", leader, "/submissions/overview"),
            };
            var watch = Stopwatch.StartNew();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (client == anonymous && jar.GetCookieHeader(site) is { Length: > 0 } cookies) request.Headers.Add("Cookie", cookies);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != HttpStatusCode.OK) counts.Fail($"GET {kind} answered {(int)response.StatusCode}");
                if (client == anonymous && response.Headers.TryGetValues("Set-Cookie", out var set))
                    foreach (var cookie in set) jar.SetCookies(site, cookie);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                counts.Fail($"GET {kind}: {e.GetType().Name} {e.Message}");
            }
            counts.Add(kind, watch.Elapsed.TotalMilliseconds);
            // A person reads the page before the next one: between half and one and a half think times.
            if (think > TimeSpan.Zero) await Task.Delay(think * (0.5 + random.NextDouble()));
        }
        return counts;
    }

    /// <summary>
    /// Files returns for one branch after another, each for a month no other uploader takes (a counter per branch), with an
    /// Idempotency-Key; every fifth upload is sent twice, and the repeat must answer with the first one's id. When a branch
    /// has filed every free month, the uploader only repeats earlier uploads.
    /// </summary>
    private static async Task<Counts> UploaderAsync(int uploader, IReadOnlyList<Filer> filers, IReadOnlyList<HttpClient> clients,
        IReadOnlyDictionary<(string Branch, int Slot), byte[]> files, int[] next, int months, TimeSpan start, TimeSpan think, Counts counts, Stopwatch stop, TimeSpan duration)
    {
        await Task.Delay(start);
        var b = uploader % filers.Count;
        var filer = filers[b];
        var done = new List<(string Period, string Key, byte[] File, long Id)>();
        var random = new Random(uploader);
        while (stop.Elapsed < duration)
        {
            if (think > TimeSpan.Zero) await Task.Delay(think * (0.5 + random.NextDouble()));
            var slot = Interlocked.Increment(ref next[b]) - 1;
            if (slot >= months)
            {
                if (done.Count == 0) break;
                var again = done[random.Next(done.Count)];
                await UploadAsync(clients[b], counts, again.Period, again.Key, again.File, again.Id);
                continue;
            }
            var period = Months.Name(Months.Index(FirstUploadMonth) + slot);
            var file = files.GetValueOrDefault((filer.Code, slot)) ?? FileFor(filer, slot);
            var key = $"load-{filer.Code}-{period}";
            var id = await UploadAsync(clients[b], counts, period, key, file, null);
            if (id is { } created)
            {
                done.Add((period, key, file, created));
                if (done.Count % 5 == 0) await UploadAsync(clients[b], counts, period, key, file, created);
            }
        }
        return counts;
    }

    private const int PreparedMonths = 60;

    private static byte[] FileFor(Filer filer, int slot) =>
        ReturnFileGenerator.RnMonthly(new GeneratedReturn(filer.Code, Months.Name(Months.Index(FirstUploadMonth) + slot), filer.Cities, Seed: slot));

    private static Dictionary<(string Branch, int Slot), byte[]> Prepared(IReadOnlyList<Filer> filers, int months) =>
        filers.SelectMany(f => Enumerable.Range(0, months).Select(slot => (f, slot))).AsParallel()
            .Select(x => (Key: (x.f.Code, x.slot), File: FileFor(x.f, x.slot))).ToDictionary(x => x.Key, x => x.File);

    private static async Task<long?> UploadAsync(HttpClient client, Counts counts, string period, string key, byte[] file, long? expectedId)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", $"RN-MONTHLY-{period}.xlsx" },
            { new StringContent("RN-MONTHLY"), "template" },
            { new StringContent(period), "period" },
            { new StringContent("true"), "attestation" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = form };
        request.Headers.Add("Idempotency-Key", key);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            counts.Add("upload", watch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                counts.Fail($"upload answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
                return null;
            }
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
            if (expectedId is { } expected)
            {
                counts.Replayed++;
                if (id != expected) counts.Fail($"a repeated Idempotency-Key answered id {id}, the first upload {expected}");
            }
            else counts.Created.Add(id);
            return id;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            counts.Add("upload", watch.Elapsed.TotalMilliseconds);
            counts.Fail($"upload: {e.GetType().Name} {e.Message}");
            return null;
        }
    }

    internal static HttpClient Client(Uri baseAddress, string? apiKey)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = MaxConnections, PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false, UseCookies = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>
    /// Signs in through the login form as a browser does (antiforgery cookie and field), keeping the session cookie (in
    /// <paramref name="cookies"/> when given, for other clients of the same person).
    /// </summary>
    internal static async Task<HttpClient> SignInAsync(Uri baseAddress, string userName, string password = LeaderPassword, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = MaxConnections, PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var page = await client.GetStringAsync("/account/login");
        var fields = HiddenInput().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {userName} answered {(int)response.StatusCode}");
        return client;
    }

    internal static async Task WarmUpAsync(HttpClient anonymous, HttpClient leader, long announcement)
    {
        for (var i = 0; i < 5; i++)
        {
            foreach (var (client, url) in new[] { (anonymous, "/public"), (anonymous, $"/public/announcements/{announcement}"), (anonymous, "/public/feed.json"), (leader, "/rankings"), (leader, "/submissions/overview"), (leader, "/submissions") })
            {
                using var response = await client.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"warm-up GET {url} answered {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>
    /// Catalogs; six months of demo history for 宁夏 and 广东 (accepted, returned and pending returns, so the dashboards
    /// have figures); 2,000 published announcements; leaders of both provinces; and an API key for every filing branch.
    /// The demo accounts and keys exist only in Development, so the load's own are made through the domain services.
    /// </summary>
    private static async Task<Seeded> SeedAsync(DatabaseSettings database)
    {
        await SeedHistoryAsync(database, Announcements, HistoryMonths);

        await using var services = ImportScenario.Services(database, identity: true);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench:load");
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>();
        await using var ctx = await factory.CreateDbContextAsync();
        var provinces = await ctx.Provinces.Where(p => p.Code == "64" || p.Code == "44").ToDictionaryAsync(p => p.Code, p => p.Id);

        var leaders = await CreateLeadersAsync(scope.ServiceProvider, provinces);

        var submissions = scope.ServiceProvider.GetRequiredService<SubmissionService>();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var lastFree = Months.Name(Months.Index(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))) - HistoryMonths - 2);
        var filers = new List<Filer>();
        var branches = await ctx.Branches.AsNoTracking().Where(b => b.ParentBranchId == null && (b.ProvinceId == provinces["64"] || b.ProvinceId == provinces["44"]))
            .OrderBy(b => b.Code).Select(b => new { b.Id, b.Code }).ToListAsync();
        foreach (var branch in branches)
        {
            if (!(await submissions.TemplatesForAsync(branch.Id)).Any(t => t.Code == ReturnIndicators.Monthly)) continue;
            var (validation, _) = await submissions.ContextAsync(branch.Id, ReportingPeriod.Parse(FirstUploadMonth, Frequency.Monthly));
            var key = await keys.IssueAsync(branch.Id, "压力测试", await keys.SignatoriesAsync(branch.Id) is [var (signatory, _), ..] ? signatory : null, null);
            filers.Add(new Filer(branch.Code, key, validation.BranchCities.Order().ToList()));
        }
        var announcements = await ctx.Announcements.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        return new Seeded(filers, leaders, announcements, lastFree);
    }

    /// <summary>Ten leaders, of 宁夏 and 广东 in turn, who sign in through the login form with <see cref="LeaderPassword"/>.</summary>
    internal static async Task<List<string>> CreateLeadersAsync(IServiceProvider services, IReadOnlyDictionary<string, int> provinces)
    {
        var users = services.GetRequiredService<UserAdministration>();
        var leaders = new List<string>();
        for (var i = 0; i < Leaders; i++)
        {
            var province = i % 2 == 0 ? "64" : "44";
            var name = $"load.leader{i}.{province}";
            await users.CreateAsync(new UserInput { UserName = name, DisplayName = $"压力测试局领导{i}", Role = UserRole.Leader, ProvinceId = provinces[province], Password = LeaderPassword });
            leaders.Add(name);
        }
        return leaders;
    }

    /// <summary>
    /// Catalogs, <paramref name="announcements"/> published announcements and <paramref name="months"/> months of demo
    /// history for 宁夏 and 广东 (returns accepted, returned and pending; the ranking summary rebuilt).
    /// </summary>
    internal static async Task SeedHistoryAsync(DatabaseSettings database, int announcements, int months)
    {
        await PublicListScenario.SeedAsync(database, announcements);
        var clock = new HistoricClock();
        await using var history = DemoHistory.CreateServices(database, Scenarios.DocumentSettings(), clock);
        await new DemoHistory(history, clock, NullLogger.Instance).RunAsync(DateTimeOffset.UtcNow, new DemoHistoryOptions { Months = months });
    }

    /// <summary>
    /// The load's submissions stored, those stored without their rows (a partial import), and the database's own check:
    /// SQLite's <c>PRAGMA integrity_check</c>; on PostgreSQL, amcheck's <c>bt_index_check</c> of every index with all rows.
    /// </summary>
    internal static async Task<(int Stored, int Partial, string Integrity)> CheckDatabaseAsync(DatabaseSettings database, string keyPrefix = "load-")
    {
        await using var services = ImportScenario.Services(database);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench:load");
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
        var load = db.Submissions.IgnoreQueryFilters().Where(s => s.IdempotencyKey != null && s.IdempotencyKey.StartsWith(keyPrefix));
        var stored = await load.CountAsync();
        var partial = await load.CountAsync(s => !db.RnSummaryRows.IgnoreQueryFilters().Any(r => r.SubmissionId == s.Id));
        if (database.Provider == DatabaseProvider.Sqlite)
            return (stored, partial, await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync() is [var only] ? only : "several problems");
        // amcheck (PostgreSQL's contrib): every B-tree index of the schema is consistent and holds every row of its table.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var check = new NpgsqlCommand("""
            CREATE EXTENSION IF NOT EXISTS amcheck;
            SELECT COUNT(bt_index_check(index => c.oid, heapallindexed => true))
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE am.amname = 'btree' AND n.nspname = 'public';
            """, connection);
        try
        {
            var indexes = Convert.ToInt32(await check.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            Console.Error.WriteLine($"load: amcheck verified {indexes} indexes");
            return (stored, partial, indexes > 0 ? "ok" : "no index checked");
        }
        catch (PostgresException e)
        {
            return (stored, partial, $"amcheck: {e.MessageText}");
        }
    }

    internal static DatabaseSettings FreshSqlite(string directory, string file = "load.db")
    {
        var db = Path.Combine(directory, file);
        foreach (var f in Directory.GetFiles(directory, file + "*")) File.Delete(f);
        return DatabaseSettings.Sqlite($"Data Source={db}");
    }

    /// <summary>
    /// A new database <paramref name="name"/> on the server of <paramref name="connectionString"/> (dropped first if it
    /// exists), empty or a copy of <paramref name="template"/>.
    /// </summary>
    internal static async Task<DatabaseSettings> FreshPostgresAsync(string connectionString, string name = "supervision_load", string? template = null)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ToString()))
        {
            await connection.OpenAsync();
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"CREATE DATABASE {name}" + (template is null ? "" : $" TEMPLATE {template}") })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        return DatabaseSettings.Postgres(new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ToString());
    }

    internal static void ClearPools()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The one-minute load average of the machine (others share it), or -1 where there is no /proc.</summary>
    internal static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
