using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;
using Supervision.Domain.Rankings;
using Supervision.Reports.Submissions;

namespace Supervision.Benchmarks;

/// <summary>
/// The monthly deadline of a national deployment (issue 21, item 4): <c>--branches</c> (3,000) carrier branches of the 31
/// provinces each file their RN-MONTHLY return for last month through the API, arriving at random moments within
/// <c>--minutes</c> (10), <c>--big</c> (20) of them with 100,000 outlet rows, while <c>--readers</c> (200) staff browse the
/// submissions overview and list and the rankings (think time 1 s). A carrier's system does what the API tells it: a
/// busy node (503, the import queue full) is asked again after a pause, flagged figures (422 plausibility.unconfirmed) are
/// explained and sent again — both counted, neither an error. Afterwards the database must hold exactly the returns
/// answered 201, none without its rows, and pass its integrity check (as <c>load</c>).
/// </summary>
public sealed class DeadlineDayScenario : IScenario
{
    public string Name => "deadline-day";
    private const string KeyPrefix = "deadline-";
    private const int OutletsPerCityAndChannelBig = 3334;

    private sealed record Filer(string Code, string Province, string Key, IReadOnlyList<string> Cities, bool Big);

    public async Task RunAsync(BenchContext context)
    {
        int Setting(string option, int fallback) => int.Parse(context.Option(option) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var (branchCount, bigCount, readerCount) = (Setting("--branches", 3000), Setting("--big", 20), Setting("--readers", 200));
        var window = TimeSpan.FromMinutes(double.Parse(context.Option("--minutes") ?? "10", CultureInfo.InvariantCulture));
        var postgres = context.Option("--postgres");
        var database = postgres is null ? LoadScenario.FreshSqlite(context.WorkDir, "deadline.db") : await LoadScenario.FreshPostgresAsync(postgres, "supervision_deadline");
        var period = Months.Name(Months.Index(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))) - 1);

        var seedWatch = Stopwatch.StartNew();
        var (filers, leaderNames, announcements) = await SeedAsync(database, branchCount, bigCount);
        LoadScenario.ClearPools();
        context.Report("seed_seconds", seedWatch.Elapsed.TotalSeconds);
        // The files are made before the clock starts, so the tool's own work does not take the portal's cores.
        var files = filers.AsParallel().ToDictionary(f => f.Code, f => ReturnFileGenerator.RnMonthly(
            new GeneratedReturn(f.Code, period, f.Cities, Seed: f.Code.GetHashCode(StringComparison.Ordinal) & 0xffff, OutletsPerCityAndChannel: f.Big ? OutletsPerCityAndChannelBig : 3)));
        Console.Error.WriteLine($"deadline-day: {filers.Count} filers ({filers.Count(f => f.Big)} with 100k outlets) of {filers.Select(f => f.Province).Distinct().Count()} provinces, period {period}, window {window.TotalMinutes} min");

        LoadScenario.Counts uploads, bigUploads, smallUploads, reads;
        var retries = new int[2]; // busy, explained
        var loadStart = LoadScenario.LoadAverage();
        await using (var portal = PortalProcess.Start(database, new Dictionary<string, string>
        {
            ["Jobs__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        }))
        {
            await portal.WaitHealthyAsync();
            using var anonymous = LoadScenario.Client(portal.BaseAddress, null);
            var leaders = new List<HttpClient>();
            foreach (var leader in leaderNames) leaders.Add(await LoadScenario.SignInAsync(portal.BaseAddress, leader));
            await LoadScenario.WarmUpAsync(anonymous, leaders[0], announcements[0]);

            var random = new Random(21);
            var arrivals = filers.Select(f => (Filer: f, At: window * random.NextDouble())).OrderBy(a => a.At).ToList();
            var stop = Stopwatch.StartNew();
            var readerTasks = Enumerable.Range(0, readerCount).Select(r => Task.Run(() => LoadScenario.ReaderAsync(r, anonymous, leaders[r % leaders.Count], announcements,
                TimeSpan.FromSeconds(10) * r / readerCount, TimeSpan.FromSeconds(1), new LoadScenario.Counts(), stop, window, staff: true))).ToList();
            var small = new LoadScenario.Counts();
            var big = new LoadScenario.Counts();
            var uploadTasks = arrivals.Select(a => Task.Run(async () =>
            {
                var wait = a.At - stop.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                using var client = LoadScenario.Client(portal.BaseAddress, a.Filer.Key);
                var counts = a.Filer.Big ? big : small;
                await UploadAsync(client, counts, period, files[a.Filer.Code], $"{KeyPrefix}{a.Filer.Code}-{period}", retries);
            })).ToList();
            await Task.WhenAll(uploadTasks);
            var lastUpload = stop.Elapsed;
            reads = LoadScenario.Counts.Merge(await Task.WhenAll(readerTasks));
            uploads = LoadScenario.Counts.Merge([small, big]);
            (bigUploads, smallUploads, uploads.Seconds, reads.Seconds) = (big, small, lastUpload.TotalSeconds, stop.Elapsed.TotalSeconds);
            context.Report("upload_span_seconds", lastUpload.TotalSeconds);
            foreach (var c in leaders) c.Dispose();
        }
        var loadEnd = LoadScenario.LoadAverage();
        LoadScenario.ClearPools();
        var (stored, partial, integrity) = await LoadScenario.CheckDatabaseAsync(database, KeyPrefix);
        if (stored != uploads.Created.Count)
            uploads.Fail($"the database holds {stored} deadline-day returns, but {uploads.Created.Count} uploads were answered 201");
        if (uploads.Created.Count != filers.Count)
            uploads.Fail($"{filers.Count - uploads.Created.Count} of {filers.Count} branches could not file");
        if (partial > 0) uploads.Fail($"{partial} returns are stored without their rows");
        if (integrity != "ok") uploads.Fail($"integrity check: {integrity}");

        LoadScenario.Report(context, "uploads", uploads);
        var bigLatencies = bigUploads.ByKind.Values.SelectMany(l => l).ToList();
        context.Report("big_uploads", bigLatencies.Count);
        context.Report("big_upload_p50_ms", bigLatencies.Count == 0 ? 0 : BenchContext.Percentile(bigLatencies, 50));
        context.Report("big_upload_max_ms", bigLatencies.Count == 0 ? 0 : bigLatencies.Max());
        // The small returns on their own: whether the big ones set their wait (the big lane of ImportGate).
        var smallLatencies = smallUploads.ByKind.Values.SelectMany(l => l).ToList();
        context.Report("small_upload_p50_ms", smallLatencies.Count == 0 ? 0 : BenchContext.Percentile(smallLatencies, 50));
        context.Report("small_upload_p95_ms", smallLatencies.Count == 0 ? 0 : BenchContext.Percentile(smallLatencies, 95));
        context.Report("small_upload_max_ms", smallLatencies.Count == 0 ? 0 : smallLatencies.Max());
        context.Report("uploads_stored", stored);
        context.Report("busy_retries", retries[0]);
        context.Report("explained_retries", retries[1]);
        LoadScenario.Report(context, "reads", reads);
        foreach (var (kind, latencies) in reads.ByKind.OrderBy(k => k.Key))
            context.Report($"read_{kind}_p95_ms", BenchContext.Percentile(latencies, 95));
        context.Report("uploads_partial", partial);
        context.Report("integrity_ok", integrity == "ok" ? 1 : 0);
        context.Report("branches", filers.Count);
        context.Report("provinces", filers.Select(f => f.Province).Distinct().Count());
        context.Report("window_seconds", window.TotalSeconds);
        context.Report("readers", readerCount);
        context.Report("postgres", database.Provider == DatabaseProvider.Postgres ? 1 : 0);
        context.Report("cores", Environment.ProcessorCount);
        context.Report("loadavg_start", loadStart);
        context.Report("loadavg_end", loadEnd);
        foreach (var message in uploads.Messages.Concat(reads.Messages).GroupBy(m => m).Take(20))
            Console.Error.WriteLine($"deadline-day: {message.Count()} × {message.Key}");
    }

    /// <summary>
    /// One branch files: the return is sent until the node takes it. 503 (the import queue was full) is sent again after
    /// 5–10 s; 422 plausibility.unconfirmed again with an explanation of every flagged figure; anything else is an error.
    /// The time measured is the whole filing, waits included, as the branch sees it.
    /// </summary>
    private static async Task UploadAsync(HttpClient client, LoadScenario.Counts counts, string period, byte[] file, string key, int[] retries)
    {
        var watch = Stopwatch.StartNew();
        string? explanations = null;
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(file), "file", $"RN-MONTHLY-{period}.xlsx" },
                { new StringContent("RN-MONTHLY"), "template" },
                { new StringContent(period), "period" },
                { new StringContent("true"), "attestation" },
            };
            if (explanations is not null) form.Add(new StringContent(explanations), "explanations");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = form };
            request.Headers.Add("Idempotency-Key", key);
            try
            {
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
                        lock (counts)
                        {
                            counts.Add("upload", watch.Elapsed.TotalMilliseconds);
                            counts.Created.Add(id);
                        }
                        return;
                    case HttpStatusCode.ServiceUnavailable:
                        Interlocked.Increment(ref retries[0]);
                        await Task.Delay(TimeSpan.FromSeconds(5 + Random.Shared.NextDouble() * 5));
                        continue;
                    case HttpStatusCode.UnprocessableEntity when explanations is null && body.Contains("plausibility.unconfirmed", StringComparison.Ordinal):
                        Interlocked.Increment(ref retries[1]);
                        var findings = JsonDocument.Parse(body).RootElement.GetProperty("unconfirmed").EnumerateArray()
                            .ToDictionary(f => $"{f.GetProperty("sheet").GetString()}!{f.GetProperty("cell").GetString()}", _ => "本月网点调整，数据已核实。");
                        explanations = JsonSerializer.Serialize(findings);
                        continue;
                    default:
                        lock (counts) counts.Fail($"upload answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
                        return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lock (counts) counts.Fail($"upload: {e.GetType().Name} {e.Message}");
                return;
            }
        }
        lock (counts) counts.Fail("upload: still refused after 20 attempts");
    }

    /// <summary>
    /// Catalogs, three months of demo history and 2,000 announcements (so the pages staff read have figures), ten leaders,
    /// then reseller companies enough for <paramref name="branches"/> provincial branches spread over the 31 provinces
    /// (the catalog's cities where it has them, three of its own in the other provinces), each with a 签报人 and an API
    /// key bound to them. The first <paramref name="big"/> file 100,000 outlets.
    /// </summary>
    private static async Task<(IReadOnlyList<Filer> Filers, IReadOnlyList<string> Leaders, IReadOnlyList<long> Announcements)> SeedAsync(DatabaseSettings database, int branches, int big)
    {
        await LoadScenario.SeedHistoryAsync(database, 2_000, 3);
        await using var services = ImportScenario.Services(database, identity: true);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench:deadline-day");
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var provinces = await db.Provinces.OrderBy(p => p.SortOrder).ToListAsync();
        var leaders = await LoadScenario.CreateLeadersAsync(scope.ServiceProvider, provinces.ToDictionary(p => p.Code, p => p.Id));

        var withCities = (await db.Cities.Select(c => c.ProvinceId).Distinct().ToListAsync()).ToHashSet();
        foreach (var province in provinces.Where(p => !withCities.Contains(p.Id)))
            for (var i = 1; i <= 3; i++)
                db.Cities.Add(new City { ProvinceId = province.Id, Code = $"{province.Code}{i:00}00", Name = $"{province.ShortName}压测{i}市" });
        var companies = (branches + provinces.Count - 1) / provinces.Count;
        var carriers = Enumerable.Range(1, companies).Select(i => new Carrier
        {
            Code = $"DL{i:000}", Name = $"压测转售通信有限公司{i:000}", ShortName = $"压测转售{i:000}", Kind = CarrierKind.Reseller, NumberRanges = "170", SortOrder = 1000 + i,
        }).ToList();
        db.Carriers.AddRange(carriers);
        await db.SaveChangesAsync();
        var made = new List<Branch>();
        foreach (var carrier in carriers)
            foreach (var province in provinces)
            {
                if (made.Count == branches) break;
                made.Add(new Branch
                {
                    Code = $"{carrier.Code}-{province.Code}", CarrierId = carrier.Id, ProvinceId = province.Id, Level = BranchLevel.Provincial,
                    Name = $"{carrier.Name}{province.ShortName}分公司", ShortName = $"{carrier.ShortName}{province.ShortName}",
                });
            }
        db.Branches.AddRange(made);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var signatories = made.Select(b =>
        {
            var user = new AppUser
            {
                UserName = $"deadline.{b.Code.ToLowerInvariant()}", DisplayName = $"{b.ShortName}签报人", Role = UserRole.CarrierUser, ProvinceId = b.ProvinceId, BranchId = b.Id,
                CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString(),
            };
            user.NormalizedUserName = user.UserName.ToUpperInvariant();
            user.AssignDuties(new CarrierDuties(Admin: false, Preparer: true, Signatory: true));
            return user;
        }).ToList();
        db.Users.AddRange(signatories);
        await db.SaveChangesAsync();

        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var cities = (await db.Cities.AsNoTracking().Select(c => new { c.ProvinceId, c.Code }).ToListAsync())
            .GroupBy(c => c.ProvinceId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Code).Order().ToList());
        var filers = new List<Filer>();
        for (var i = 0; i < made.Count; i++)
            filers.Add(new Filer(made[i].Code, provinces.Single(p => p.Id == made[i].ProvinceId).Code, await keys.IssueAsync(made[i].Id, "报送系统", signatories[i].Id, null),
                cities[made[i].ProvinceId], Big: i < big));
        var announcements = await db.Announcements.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        return (filers, leaders, announcements);
    }
}
