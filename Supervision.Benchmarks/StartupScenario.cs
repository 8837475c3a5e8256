using System.Diagnostics;

namespace Supervision.Benchmarks;

/// <summary>
/// Time from starting the portal process to a healthy <c>/healthz</c>: cold (empty database: migrations
/// and catalogs) and warm (existing database), as a real start, from outside the process.
/// </summary>
public sealed class StartupScenario : IScenario
{
    public string Name => "startup";

    public async Task RunAsync(BenchContext context)
    {
        _ = PortalProcess.Dll; // built?
        var db = Path.Combine(context.WorkDir, "startup.db");
        foreach (var f in Directory.GetFiles(context.WorkDir, "startup.db*")) File.Delete(f);

        context.Report("cold_ms", await StartAsync(db));
        var warm = new List<double>();
        for (var i = 0; i < 3; i++) warm.Add(await StartAsync(db));
        context.Report("warm_ms", BenchContext.Median(warm));
    }

    private static async Task<double> StartAsync(string database)
    {
        var watch = Stopwatch.StartNew();
        await using var portal = PortalProcess.Start(database);
        await portal.WaitHealthyAsync();
        return watch.Elapsed.TotalMilliseconds;
    }
}
