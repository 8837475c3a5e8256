using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Benchmarks;

/// <summary>
/// What the session check costs each request: a DI scope, a context and the one primary-key lookup of the user's security
/// stamp (<see cref="UserSessions.IsCurrentAsync"/>), as the cookie validation runs it. Sequential (the latency a request
/// pays) and with 16 requests at once (what the database sustains). SQLite by default, PostgreSQL with --postgres CONN.
/// </summary>
public sealed class SessionCheckScenario : IScenario
{
    public string Name => "session-check";
    private const int Sequential = 20_000;
    private const int Parallel = 16;
    private static readonly TimeSpan ParallelDuration = TimeSpan.FromSeconds(5);

    public async Task RunAsync(BenchContext context)
    {
        var postgres = context.Option("--postgres");
        var database = postgres is null ? LoadScenario.FreshSqlite(context.WorkDir, "sessions.db") : await LoadScenario.FreshPostgresAsync(postgres, "supervision_sessions");
        await using var services = ImportScenario.Services(database, identity: true);
        string id, stamp;
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(SeedFiles.DefaultDirectory);
            scope.ServiceProvider.GetRequiredService<AccessContext>().AsSystem("bench");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            // Realistic table size: the check looks one user up among a few thousand.
            for (var i = 0; i < 2000; i++)
                await users.CreateAsync(new AppUser { UserName = $"bench.user{i}", DisplayName = "压测用户", Role = UserRole.Inspector, ProvinceId = 1 });
            var user = (await users.FindByNameAsync("bench.user1000"))!;
            (id, stamp) = (user.Id, user.SecurityStamp!);
        }

        async Task<double> CheckAsync()
        {
            var watch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<UserSessions>().IsCurrentAsync(id, stamp))
                throw new InvalidOperationException("the session should be current");
            return watch.Elapsed.TotalMicroseconds;
        }

        for (var i = 0; i < 500; i++) await CheckAsync(); // warm-up: JIT, pools, compiled query
        var latencies = new List<double>(Sequential);
        for (var i = 0; i < Sequential; i++) latencies.Add(await CheckAsync());
        context.Report("p50_us", BenchContext.Median(latencies));
        context.Report("p99_us", BenchContext.Percentile(latencies, 99));
        context.Report("mean_us", latencies.Average());

        var stop = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            var n = 0;
            while (stop.Elapsed < ParallelDuration) { await CheckAsync(); n++; }
            return n;
        })));
        context.Report("parallel_checks_per_second", counts.Sum() / stop.Elapsed.TotalSeconds);
        context.Report("postgres", postgres is null ? 0 : 1);
        context.Report("cores", Environment.ProcessorCount);
    }
}
