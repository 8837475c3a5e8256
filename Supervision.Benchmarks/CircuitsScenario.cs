using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Benchmarks.Circuits;
using Supervision.Domain.Access;
using Supervision.Domain.Data;

namespace Supervision.Benchmarks;

/// <summary>
/// Live Blazor Server circuits on one Release portal: for each N of <c>--circuits</c> (100,250,500,1000) a fresh portal
/// process, N simulated people of 宁夏 opened at <c>--open-rate</c> circuits a second, each a real circuit spoken to by
/// <see cref="BlazorCircuit"/> (no browser), then <c>--duration</c> seconds (60) in which each person thinks
/// <c>--think</c> seconds (5-15) between actions: opening a list page of their role's menu, a list filtered by its query
/// (the links other pages make), a detail page linked from the current page, or clicking the current page (a grid's sort
/// header or pager, a tab). People are inspectors, carriers' staff and leaders in a province's proportions (see
/// <see cref="People"/>); each person signs in once through the login form and their tabs share the cookie.
/// Figures per N: circuits open, the portal's working set growth ÷ circuits, latency from an action sent to the next render
/// batch received (p50, p95; and to the last batch of its page), errors (a circuit that fails to open, the server's error
/// messages, an action without a render within 30 s), the load average. Last: the largest N with click p95 ≤ 200 ms and
/// no errors.
/// </summary>
public sealed partial class CircuitsScenario : IScenario
{
    public string Name => "circuits";
    private const string Password = "Circuits#2026pass";
    private const string Province = "64";
    private static readonly bool Debug = Environment.GetEnvironmentVariable("CIRCUITS_DEBUG") is "1";
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("CIRCUITS_TIMEOUT") ?? "30", CultureInfo.InvariantCulture));

    /// <summary>
    /// A province's users of the portal: a provincial administration's inspectors (about twenty), its leaders (five), and
    /// the staff of the carriers' provincial companies and city branches who file and follow returns (about fifty): 27 %,
    /// 7 %, 66 %.
    /// </summary>
    private static readonly (UserRole Role, int Count)[] People = [(UserRole.Inspector, 20), (UserRole.Leader, 5), (UserRole.CarrierUser, 50)];

    private sealed record Person(string UserName, UserRole Role);

    private static readonly Dictionary<UserRole, string[]> Menu = new()
    {
        [UserRole.Inspector] = ["/", "/submissions", "/submissions/overview", "/rankings", "/inspections", "/inspections/findings", "/cases", "/publicity", "/org/branches"],
        [UserRole.Leader] = ["/", "/rankings", "/submissions/overview", "/submissions", "/cases"],
        [UserRole.CarrierUser] = ["/", "/submissions", "/rankings/mine", "/rectification", "/notifications"],
    };

    /// <summary>Links a person follows from a list to a record.</summary>
    [GeneratedRegex(@"^/(submissions|inspections|inspections/findings|cases|publicity|rankings/branches|org/branches|rectification)/\d+$")]
    private static partial Regex DetailLink();

    public async Task RunAsync(BenchContext context)
    {
        var sizes = (context.Option("--circuits") ?? "100,250,500,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var think = (context.Option("--think") ?? "5-15").Split('-').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var (thinkMin, thinkMax) = (TimeSpan.FromSeconds(think[0]), TimeSpan.FromSeconds(think.Length > 1 ? think[1] : think[0]));
        var duration = TimeSpan.FromSeconds(double.Parse(context.Option("--duration") ?? "60", CultureInfo.InvariantCulture));
        var openRate = double.Parse(context.Option("--open-rate") ?? "10", CultureInfo.InvariantCulture);
        var hold = TimeSpan.FromSeconds(double.Parse(context.Option("--hold") ?? "0", CultureInfo.InvariantCulture));
        // --portal-env "DOTNET_gcServer=0;…": settings of the portal process to compare (GC, circuit options).
        var portalEnv = (context.Option("--portal-env") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);

        var file = Path.Combine(context.WorkDir, "circuits.db");
        var database = DatabaseSettings.Sqlite($"Data Source={file}");
        List<Person> people;
        if (context.Option("--reuse-db") is not null && File.Exists(file))
            people = PeopleInTurn();
        else
        {
            foreach (var f in Directory.GetFiles(context.WorkDir, "circuits.db*")) File.Delete(f);
            var seedWatch = Stopwatch.StartNew();
            await LoadScenario.SeedHistoryAsync(database, announcements: 2_000, months: 6);
            await SeedPeopleAsync(database);
            people = PeopleInTurn();
            Console.Error.WriteLine($"circuits: seeded in {seedWatch.Elapsed.TotalSeconds:0} s");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var best = 0;
        foreach (var n in sizes)
        {
            var result = await RunOnceAsync(context, database, people, n, thinkMin, thinkMax, duration, openRate, portalEnv, hold);
            if (result.P95 <= 200 && result.Errors == 0 && result.Open == n) best = Math.Max(best, n);
        }
        context.Report("max_circuits_p95_200ms", best);
    }

    private sealed record Result(int Open, double P95, int Errors);

    private static async Task<Result> RunOnceAsync(BenchContext context, DatabaseSettings database, List<Person> people, int n,
        TimeSpan thinkMin, TimeSpan thinkMax, TimeSpan duration, double openRate, IReadOnlyDictionary<string, string> portalEnv, TimeSpan hold)
    {
        var loadStart = LoadScenario.LoadAverage();
        await using var portal = PortalProcess.Start(database, new Dictionary<string, string>(portalEnv)
        {
            ["Jobs__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            // Every person signs in once from the one address of the tool.
            ["SignIn__RateLimit__PerAddress"] = "100000",
        }, logPath: Path.Combine(context.WorkDir, $"portal-n{n}.log"));
        await portal.WaitHealthyAsync();
        Console.Error.WriteLine($"circuits: {n} circuits, portal process {portal.ProcessId}");

        // Each person signs in once; their tabs share the cookie. People are taken in turn so that any N keeps the proportions.
        var sessions = new Dictionary<string, (HttpClient Client, CookieContainer Cookies)>();
        var tabs = Enumerable.Range(0, n).Select(i => people[i % people.Count]).ToList();
        var warmers = People.Select(p => people.First(x => x.Role == p.Role)).ToList();
        foreach (var person in tabs.Concat(warmers).Distinct())
        {
            var cookies = new CookieContainer();
            sessions[person.UserName] = (await LoadScenario.SignInAsync(portal.BaseAddress, person.UserName, Password, cookies), cookies);
        }

        // Warm up: each role's pages once in a circuit of its own, then closed; the baseline is taken after.
        foreach (var person in warmers)
        {
            var role = person.Role;
            var (client, cookies) = sessions[person.UserName];
            await using var warm = await BlazorCircuit.OpenAsync(client, cookies, "/", ActionTimeout);
            foreach (var page in Menu[role])
            {
                try
                {
                    await warm.NavigateAsync(page, ActionTimeout);
                }
                catch (TimeoutException)
                {
                    throw new InvalidOperationException($"warm-up: {page} as {person.UserName} rendered nothing within {ActionTimeout.TotalSeconds} s ({string.Join("; ", warm.Errors)})");
                }
            }
        }
        await Task.Delay(2000);
        var baseline = portal.WorkingSetBytes;

        var errors = new ConcurrentQueue<string>();
        var circuits = new BlazorCircuit?[n];
        var opens = new ConcurrentBag<double>();
        var clicks = new ConcurrentBag<double>();
        var done = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var openSpan = TimeSpan.FromSeconds(n / openRate);
        var steadyFrom = openSpan;
        var stopAt = openSpan + duration;

        var users = Enumerable.Range(0, n).Select(i => Task.Run(async () =>
        {
            var person = tabs[i];
            var (client, cookies) = sessions[person.UserName];
            var random = new Random(i);
            var menu = Menu[person.Role];
            await Task.Delay(openSpan * i / n);
            var watch = Stopwatch.StartNew();
            try
            {
                circuits[i] = await BlazorCircuit.OpenAsync(client, cookies, menu[random.Next(menu.Length)], ActionTimeout);
                opens.Add(watch.Elapsed.TotalMilliseconds);
            }
            catch (Exception e)
            {
                errors.Enqueue($"open: {e.GetType().Name} {e.Message}");
                return;
            }
            var circuit = circuits[i]!;
            while (true)
            {
                await Task.Delay(thinkMin + (thinkMax - thinkMin) * random.NextDouble());
                if (clock.Elapsed >= stopAt) break;
                var measured = clock.Elapsed >= steadyFrom;
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    var ms = await ActAsync(circuit, person.Role, random);
                    if (!measured) continue;
                    clicks.Add(ms);
                    // The page's last render batch of this action (data loaded after the first render), read after the pause.
                    _ = Task.Delay(thinkMin).ContinueWith(_ => done.Add(Stopwatch.GetElapsedTime(sent, Interlocked.Read(ref circuit.LastBatchTicks)).TotalMilliseconds));
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
                {
                    errors.Enqueue($"action on {circuit.Location}: {e.GetType().Name} {e.Message}");
                }
            }
        })).ToList();
        await Task.WhenAll(users);

        var workingSet = portal.WorkingSetBytes;
        if (hold > TimeSpan.Zero)
        {
            // --hold: the circuits stay open and idle, for a look inside the portal (dotnet-gcdump, which collects first;
            // dotnet-counters); the working set after it is reported too.
            Console.Error.WriteLine($"circuits: holding {circuits.Count(c => c is not null)} open circuits for {hold.TotalSeconds:0} s, portal process {portal.ProcessId}");
            await Task.Delay(hold);
            context.Report($"n{n}_held_working_set_mb", portal.WorkingSetBytes / 1024.0 / 1024.0);
        }
        var open = circuits.Count(c => c is not null);
        foreach (var c in circuits.Where(c => c is not null))
            while (c!.Errors.TryDequeue(out var e)) errors.Enqueue(e);
        var loadEnd = LoadScenario.LoadAverage();
        await Task.WhenAll(circuits.Where(c => c is not null).Select(c => c!.DisposeAsync().AsTask()));
        foreach (var (client, _) in sessions.Values) client.Dispose();

        foreach (var e in errors.Take(10)) Console.Error.WriteLine($"circuits: error: {e}");
        Console.Error.WriteLine("circuits: JavaScript calls of the server: " + string.Join(", ",
            BlazorCircuit.JsCalls.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")));
        BlazorCircuit.JsCalls.Clear();
        double P(ConcurrentBag<double> values, double p) => values.IsEmpty ? -1 : BenchContext.Percentile(values.ToList(), p);
        var p95 = P(clicks, 95);
        void Report(string figure, double value) => context.Report($"n{n}_{figure}", value);
        Report("circuits", open);
        Report("mb_per_circuit", (workingSet - baseline) / 1024.0 / 1024.0 / Math.Max(open, 1));
        Report("click_p50_ms", P(clicks, 50));
        Report("click_p95_ms", p95);
        Report("errors", errors.Count);
        Report("actions", clicks.Count);
        Report("page_done_p95_ms", P(done, 95));
        Report("open_p95_ms", P(opens, 95));
        Report("baseline_mb", baseline / 1024.0 / 1024.0);
        Report("working_set_mb", workingSet / 1024.0 / 1024.0);
        Report("loadavg_start", loadStart);
        Report("loadavg_end", loadEnd);
        return new Result(open, p95, errors.Count);
    }

    /// <summary>
    /// One action of a person: a page of their menu (40 %), the current list filtered by a query its links use (15 %), a
    /// record linked from the current page (25 %), or a click on the current page (20 %; a sort header, a pager button, a
    /// tab) — whichever the page offers, else a menu page. Returns ms from sending to the next render batch.
    /// </summary>
    private static async Task<double> ActAsync(BlazorCircuit circuit, UserRole role, Random random)
    {
        var menu = Menu[role];
        var roll = random.NextDouble();
        if (Debug)
            foreach (var t in circuit.Targets(_ => true))
                Console.Error.WriteLine($"circuits: {circuit.Location} {t.HandlerId} {t.EventName} <{t.Element} {string.Join(" ", t.Attributes.Select(a => $"{a.Key}=\"{a.Value}\""))}> {t.Text}");
        if (roll >= 0.8 && circuit.Targets(Clickable) is { Count: > 0 } targets)
            return await circuit.ClickAsync(targets[random.Next(targets.Count)], ActionTimeout);
        if (roll >= 0.55 && circuit.Links.Where(l => DetailLink().IsMatch(l)).Distinct().ToList() is { Count: > 0 } records)
            return await circuit.NavigateAsync(records[random.Next(records.Count)], ActionTimeout);
        if (roll >= 0.4)
            return await circuit.NavigateAsync(Filtered[random.Next(Filtered.Length)], ActionTimeout);
        return await circuit.NavigateAsync(menu[random.Next(menu.Length)], ActionTimeout);
    }

    /// <summary>Lists as filtered by the links other pages make (the rankings' drill-down, the overview's cells).</summary>
    private static readonly string[] Filtered =
    [
        "/submissions?template=RN-MONTHLY",
        $"/submissions?period={DateTime.UtcNow.AddMonths(-2):yyyy-MM}",
        $"/submissions?template=RN-MONTHLY&period={DateTime.UtcNow.AddMonths(-3):yyyy-MM}",
    ];

    /// <summary>
    /// What a person clicks to look at a page differently, that changes nothing and always renders: a grid's sort header or
    /// sort button, a tab, a menu section opened or closed. (Not a pager's buttons: whether they are disabled changes in
    /// attribute edits this client does not apply, and a disabled button is not clicked in a browser.)
    /// </summary>
    private static bool Clickable(EventTarget t) =>
        t.EventName == "click" && !t.Attributes.ContainsKey("disabled") && (t.Attributes.GetValueOrDefault("class") ?? "") is var css
        && (css.Contains("sortable-column-header", StringComparison.Ordinal) || css.Contains("sort-direction-icon", StringComparison.Ordinal)
            || css.Contains("mud-tab ", StringComparison.Ordinal) || (t.Element == "button" && css.Contains("mud-nav-link", StringComparison.Ordinal)));

    /// <summary>宁夏's inspectors, leaders and carrier staff (one per branch of the province, in turn) with a known password.</summary>
    private static async Task SeedPeopleAsync(DatabaseSettings database)
    {
        await using var services = ImportScenario.Services(database, identity: true);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench:circuits");
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync();
        var province = await db.Provinces.Where(p => p.Code == Province).Select(p => p.Id).SingleAsync();
        var branches = await db.Branches.AsNoTracking().Where(b => b.ProvinceId == province).OrderBy(b => b.Code).Select(b => b.Id).ToListAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        foreach (var (role, count) in People)
            for (var i = 0; i < count; i++)
                await users.CreateAsync(new UserInput
                {
                    UserName = UserName(role, i), DisplayName = $"压测{i}", Role = role, Password = Password,
                    ProvinceId = role == UserRole.CarrierUser ? null : province,
                    BranchId = role == UserRole.CarrierUser ? branches[i % branches.Count] : null,
                });
    }

    /// <summary>The people interleaved by role, so that the first N of the list keep the proportions.</summary>
    private static List<Person> PeopleInTurn() =>
        People.SelectMany(p => Enumerable.Range(0, p.Count).Select(i => (p.Role, i, Order: (i + 0.5) / p.Count)))
            .OrderBy(x => x.Order).Select(x => new Person(UserName(x.Role, x.i), x.Role)).ToList();

    private static string UserName(UserRole role, int i) => $"circuits.{role.ToString().ToLowerInvariant()}{i}";
}
