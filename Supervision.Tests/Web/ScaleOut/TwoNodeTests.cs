using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Supervision.Domain.Data;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.ScaleOut;

/// <summary>
/// Two portal instances (web nodes) on one PostgreSQL database, as behind a load balancer: data-protection keys and
/// the Quartz schedule live in the database. Runs on PostgreSQL only (test.sh runs it in the PostgreSQL pass).
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public PortalFactory A { get; private set; } = default!;
    public PortalFactory B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (TemplateDatabase.Provider != DatabaseProvider.Postgres)
            throw new InvalidOperationException(
                $"Several web nodes need the shared PostgreSQL database: run with {TemplateDatabase.ProviderVariable}=postgres (./test.sh does in its PostgreSQL pass).");
        var database = await TemplateDatabase.CopyAsync();
        // A scheduler with nothing due looks again after IdleWaitTime (30 s by default); 1 s keeps the test short.
        Action<IServiceCollection> quick = s => s.Configure<QuartzSchedulerOptions>(o => o.IdleWaitTime = TimeSpan.FromSeconds(1));
        A = new PortalFactory(database) { JobsEnabled = true, ExtraServices = quick };
        B = new PortalFactory(database) { JobsEnabled = true, ExtraServices = quick, KeepsDatabase = true };
        // One after the other, as a rolling start would: node A migrates nothing (the copy is seeded) and creates Quartz's tables.
        _ = A.Services;
        _ = B.Services;
    }

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
    }
}

public class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static HttpClient Client(PortalFactory node) => node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task A_sign_in_cookie_issued_by_node_A_is_accepted_by_node_B()
    {
        var a = nodes.A.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await Portal.SignInAsync(a, "inspector.nx", "Demo#2026");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = signIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("supervision.auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(cookies);

        var b = Client(nodes.B);
        Assert.Equal(HttpStatusCode.Redirect, (await b.GetAsync("/notifications")).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/notifications");
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        var response = await b.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The same cookie with its protected payload altered is refused: B really unprotects it.
        var forged = new HttpRequestMessage(HttpMethod.Get, "/notifications");
        forged.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c[..^8] + (c[^8..] == "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA"))));
        Assert.Equal(HttpStatusCode.Redirect, (await b.SendAsync(forged)).StatusCode);

        // What makes it work: both nodes read their key ring from the database, not from a folder of their own.
        await using var db = nodes.A.Services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContext();
        var stored = await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync();
        Assert.NotEmpty(stored);
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            var keys = node.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => $"key-{k.KeyId}").ToList();
            Assert.NotEmpty(keys);
            Assert.Empty(keys.Except(stored));
        }
    }

    [Fact]
    public async Task A_cookie_signed_out_on_node_A_is_refused_on_node_B_at_its_next_request()
    {
        var a = nodes.A.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await Portal.SignInAsync(a, "leader.nx", "Demo#2026");
        var cookie = Access.Accounts.AuthCookie(signIn);
        // Node B serves the cookie (and has just checked it) …
        Assert.Equal(HttpStatusCode.OK, (await Access.Accounts.ReplayAsync(nodes.B, cookie)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await Access.Accounts.SignOutAsync(a)).StatusCode);

        // … and refuses it on the very next request: the check is against the shared database, not node memory.
        Assert.True(Access.Accounts.IsSignInRedirect(await Access.Accounts.ReplayAsync(nodes.B, cookie)));
        Assert.True(Access.Accounts.IsSignInRedirect(await Access.Accounts.ReplayAsync(nodes.A, cookie)));
    }

    [Fact]
    public async Task Both_schedulers_join_one_cluster_and_each_job_runs_once()
    {
        var schedulerA = await nodes.A.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var schedulerB = await nodes.B.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var scheduler in new[] { schedulerA, schedulerB })
        {
            var meta = await scheduler.GetMetadata();
            Assert.True(meta.JobStoreClustered);
            Assert.True(meta.JobStorePersistent);
            Assert.NotNull(meta.RunningSince);
            // Each node sees both members of the cluster (Quartz's check-in table).
            Assert.Equal(2, (await scheduler.QueryClusterNodes()).Count);
        }
        Assert.NotEqual(schedulerA.SchedulerInstanceId, schedulerB.SchedulerInstanceId);
        // The portal's daily jobs are in the shared store, whichever node registered them last.
        Assert.NotNull(await schedulerB.GetJobDetail(new JobKey("rankings-rebuild")));

        var run = Guid.NewGuid().ToString("N")[..8];
        // Scheduled on A while A stands by: only B can fire it, so it crosses nodes through the database.
        await schedulerA.Standby();
        var crossing = new JobKey($"probe-{run}-crossing");
        await schedulerA.ScheduleJob(JobBuilder.Create<ProbeJob>().WithIdentity(crossing).Build(),
            TriggerBuilder.Create().StartAt(DateTimeOffset.UtcNow.AddMilliseconds(500)).Build());
        await WaitAsync(() => ProbeJob.Runs.Count(r => r.Job == crossing.Name) >= 1, TimeSpan.FromSeconds(30));
        await schedulerA.Start();

        // Both nodes polling: twelve triggers due over three seconds, each fired by exactly one node.
        var keys = Enumerable.Range(0, 12).Select(i => new JobKey($"probe-{run}-{i}")).ToList();
        var start = DateTimeOffset.UtcNow.AddSeconds(1);
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
            await (i % 2 == 0 ? schedulerA : schedulerB).ScheduleJob(JobBuilder.Create<ProbeJob>().WithIdentity(key).Build(),
                TriggerBuilder.Create().StartAt(start.AddMilliseconds(250 * i)).Build());
        await WaitAsync(() => keys.All(k => ProbeJob.Runs.Any(r => r.Job == k.Name)), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));   // time enough for a second firing, were there one

        var ours = ProbeJob.Runs.Where(r => r.Job.StartsWith($"probe-{run}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(schedulerB.SchedulerInstanceId, Assert.Single(ours, r => r.Job == crossing.Name).Node);
        Assert.All(keys, k => Assert.Single(ours, r => r.Job == k.Name));
        Assert.Equal(keys.Count + 1, ours.Count);

    }

    /// <summary>
    /// The same upload under one Idempotency-Key sent to node A and node B at once: both answer 201 with the first result,
    /// one version is stored (the loser waits on the unique index for the winner's commit and reads its row), never 409 or 500.
    /// </summary>
    [Fact]
    public async Task One_idempotency_key_sent_to_both_nodes_at_once_gives_both_the_first_result() =>
        await Api.IdempotencyRace.PostTogetherManyTimesAsync([Client(nodes.A), Client(nodes.B)], nodes.A, "two-nodes");

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_database_migrate_and_seed_it_once()
    {
        var database = await TemplateDatabase.EmptyAsync();
        await using var a = new PortalFactory(database);
        await using var b = new PortalFactory(database) { KeepsDatabase = true };
        // Both find no tables and no catalogs; without taking turns both would insert the same rows and one would stop.
        await Task.WhenAll(InitializeAsync(a), InitializeAsync(b));

        await using var db = a.Services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContext();
        var users = await db.Users.Select(u => u.UserName).ToListAsync();
        Assert.Contains("inspector.nx", users);
        Assert.Equal(users.Count, users.Distinct().Count());
        Assert.Equal(31, await db.Provinces.CountAsync());
    }

    private static Task InitializeAsync(PortalFactory node) => Task.Run(() => Supervision.Web.Startup.InitializeAsync(node.Services,
        node.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
        node.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>(), [],
        Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"not done within {timeout.TotalSeconds} s; runs: {string.Join(", ", ProbeJob.Runs)}");
            await Task.Delay(100);
        }
    }
}

/// <summary>Records which node ran which job (both nodes live in this process, so a static list sees both).</summary>
public sealed class ProbeJob : IJob
{
    public sealed record Run(string Job, string Node);

    public static readonly ConcurrentQueue<Run> Runs = new();

    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        Runs.Enqueue(new Run(context.JobDetail.Key.Name, context.Scheduler.SchedulerInstanceId));
        return ValueTask.CompletedTask;
    }
}
