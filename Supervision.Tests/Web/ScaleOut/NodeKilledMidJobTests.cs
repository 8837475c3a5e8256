using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using Supervision.Domain.Data;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Jobs;
using Xunit.Abstractions;

namespace Supervision.Tests.Web.ScaleOut;

/// <summary>
/// Fault (c): a web node is killed (SIGKILL) while it runs a scheduled job, and the other node runs that job to completion.
/// Two portal processes on one PostgreSQL database, schedulers on. The test holds a lock on the table the ranking rebuild
/// writes first and fires the job: whichever node takes it waits inside its run, and Quartz's fired-trigger rows say it is
/// executing there (an event, not a sleep). That node is killed; the other must take the firing over — a firing of its own in
/// Quartz's recovery group — and, once the lock is released, finish it: no firing left, the job's own log line in the
/// survivor's output and not in the victim's, and the stale figure every rebuild removes gone from the database.
/// Runs on PostgreSQL only (test.sh runs it in the PostgreSQL pass).
/// </summary>
public sealed partial class NodeKilledMidJobTests(ITestOutputHelper output)
{
    private static readonly JobKey Rebuild = new("rankings-rebuild");
    private const string Stale = "FAULT-C-STALE";
    private const string Finished = "Rankings rebuilt:";

    /// <summary>Short cluster timings so the takeover happens in seconds; production keeps Quartz's defaults.</summary>
    private static readonly Dictionary<string, string> Node = new()
    {
        ["Jobs:Enabled"] = "true",
        ["Jobs:IdleWaitTime"] = "00:00:01",
        ["Jobs:Cluster:CheckinInterval"] = "00:00:01",
        ["Jobs:Cluster:CheckinMisfireThreshold"] = "00:00:02",
        ["Logging:LogLevel:Supervision.Web.Jobs"] = "Information",
        ["Logging:LogLevel:Quartz"] = "Information",
    };

    [Fact]
    public async Task A_job_running_on_a_node_that_is_killed_is_run_to_completion_by_the_other_node()
    {
        if (TemplateDatabase.Provider != DatabaseProvider.Postgres)
            throw new InvalidOperationException(
                $"Several web nodes need the shared PostgreSQL database: run with {TemplateDatabase.ProviderVariable}=postgres (./test.sh does in its PostgreSQL pass).");
        var database = await TemplateDatabase.CopyAsync();
        var sinceStart = Stopwatch.StartNew();
        try
        {
            // The portal's own scheduler configuration, never started: it stores the manual firing and reads the cluster's state.
            await using var control = ControlServices(database);
            var scheduler = await control.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var starting = new[] { ChildPortal.StartAsync(database, Node), ChildPortal.StartAsync(database, Node) };
            var nodes = new Dictionary<string, ChildPortal>();
            try
            {
                var portals = await Task.WhenAll(starting);
                // Each process is known by the instance id its scheduler reports at start, and both have checked in to the cluster.
                foreach (var portal in portals)
                    nodes[await InstanceIdAsync(portal)] = portal;
                await WaitAsync(async () => (await scheduler.QueryClusterNodes()).Count(n => nodes.ContainsKey(n.InstanceId) && n.State == ClusterNodeState.Alive),
                    alive => alive == 2, "the two nodes never were both alive in the cluster", portals[1]);

                output.WriteLine($"two nodes up and in the cluster after {sinceStart.Elapsed.TotalSeconds:0.0} s");
                await ExecuteAsync(database, $"""
                    INSERT INTO "IndicatorValues" ("ProvinceId", "Period", "BranchId", "Code", "Status", "Value", "Numerator", "Denominator", "Rollup")
                    SELECT "ProvinceId", '2000-01', "Id", '{Stale}', 'Reported', 1, 1, 1, TRUE FROM "Branches" ORDER BY "Id" LIMIT 1
                    """);
                // The rebuild's first write waits for this lock: the job stays inside its run for as long as the test holds it.
                await using var holder = new NpgsqlConnection(database.ConnectionString);
                await holder.OpenAsync();
                await using var hold = await holder.BeginTransactionAsync();
                await using (var lockTable = new NpgsqlCommand("""LOCK TABLE "IndicatorValues" IN ACCESS EXCLUSIVE MODE""", holder, hold))
                    await lockTable.ExecuteNonQueryAsync();

                await scheduler.TriggerJob(Rebuild);
                var first = (await WaitAsync(() => RunningAsync(scheduler), f => f is not null, "the rebuild never started on either node", nodes.Values.First()))!;
                var victim = nodes[first.SchedulerInstanceId];
                var (survivorId, survivor) = nodes.Single(n => n.Key != first.SchedulerInstanceId);

                var sinceKill = Stopwatch.StartNew();
                await victim.KillAsync();
                var recovery = (await WaitAsync(() => RunningAsync(scheduler), f => f?.SchedulerInstanceId == survivorId,
                    "the surviving node never took over the rebuild the killed node was running", survivor))!;
                var takenOver = sinceKill.Elapsed;
                // A firing of the survivor's own that stands in for the victim's: Quartz's recovery trigger, not the manual one.
                Assert.Equal(SchedulerConstants.DefaultRecoveryGroup, recovery.TriggerKey.Group);
                Assert.NotEqual(first.FireInstanceId, recovery.FireInstanceId);

                await hold.RollbackAsync();
                await WaitAsync(() => RunningAsync(scheduler), f => f is null, "the rebuild the surviving node took over never finished", survivor);
                var done = sinceKill.Elapsed;
                await WaitAsync(() => Task.FromResult(survivor.Output.Any(l => l.Contains(Finished, StringComparison.Ordinal))), logged => logged,
                    "the surviving node never logged the finished rebuild", survivor);
                Assert.DoesNotContain(victim.Output, l => l.Contains(Finished, StringComparison.Ordinal));
                Assert.Equal(0L, await ScalarAsync(database, $"""SELECT COUNT(*) FROM "IndicatorValues" WHERE "Code" = '{Stale}'"""));
                output.WriteLine($"node {first.SchedulerInstanceId} killed while running the rebuild; node {survivorId} was running it " +
                    $"{takenOver.TotalSeconds:0.0} s later and had finished it {done.TotalSeconds:0.0} s after the kill");
            }
            finally
            {
                foreach (var node in starting.Where(t => t.IsCompletedSuccessfully)) await (await node).DisposeAsync();
            }
        }
        finally
        {
            await TemplateDatabase.DropAsync(database);
        }
    }

    /// <summary>Quartz's start line, "Scheduler QuartzScheduler_$_&lt;instance id&gt; started.", in the node's log.</summary>
    [GeneratedRegex(@"Scheduler \S+?_\$_(\S+) started\.")]
    private static partial Regex StartedAs();

    private static async Task<string> InstanceIdAsync(ChildPortal node) =>
        (await WaitAsync(() => Task.FromResult(node.Output.Select(l => StartedAs().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value),
            id => id is not null, "a node never reported its scheduler's instance id", node))!;

    private static ServiceProvider ControlServices(DatabaseSettings database)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config);
        services.AddSupervisionJobs(config, database);
        return services.BuildServiceProvider();
    }

    /// <summary>The rebuild's firing that is executing, on whichever node (Quartz's fired-trigger rows), or null.</summary>
    private static async Task<FireInstance?> RunningAsync(IScheduler scheduler) =>
        (await scheduler.QueryFireInstances(new FireInstanceQuery { Job = Rebuild, State = FireInstanceState.Executing })).Items.SingleOrDefault();

    /// <summary>Polls a state of the database or a log (not a clock); the ceiling is only against what never happens.</summary>
    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string failure, ChildPortal node)
    {
        var ceiling = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (ceiling.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"{failure} within 60 s; the node's log ends:\n{string.Join('\n', node.Output.TakeLast(20))}");
            await Task.Delay(100);
        }
    }

    private static async Task ExecuteAsync(DatabaseSettings database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(DatabaseSettings database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
