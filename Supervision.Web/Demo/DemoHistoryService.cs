using Supervision.Domain.Data.Seeding;

namespace Supervision.Web.Demo;

/// <summary>
/// In the Development environment, fills the demo provinces with 24 months of returns (see <see cref="DemoHistory"/>)
/// once the portal is serving, so the first start is not held up and the dashboards show trends soon after.
/// Off with <c>Demo:History=false</c> (the tests' template database never pays for it).
/// </summary>
public sealed class DemoHistoryService(IHostEnvironment env, IConfiguration config, IHostApplicationLifetime lifetime, ILogger<DemoHistoryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!env.IsDevelopment() || !config.GetValue("Demo:History", true)) return;
        await WhenStartedAsync(stoppingToken);
        try
        {
            var database = config.SupervisionDatabase(env);
            // On several nodes sharing one PostgreSQL database one of them generates; the others would only collide with it.
            await using var generating = await NodeLock.TryAcquireAsync(database, NodeLock.DemoHistory, stoppingToken);
            if (generating is null)
            {
                log.LogInformation("Demo history: another node is generating it");
                return;
            }
            log.LogInformation("Demo history: generating returns for the rankings in the background (Demo:History=false turns this off)");
            var clock = new HistoricClock();
            await using var services = DemoHistory.CreateServices(database, config, clock);
            var options = new DemoHistoryOptions { Months = config.GetValue("Demo:HistoryMonths", 24) };
            var result = await new DemoHistory(services, clock, log).RunAsync(TimeProvider.System.GetUtcNow(), options, stoppingToken);
            log.LogInformation(result.Imported == 0
                    ? "Demo history: already complete ({Skipped} returns present)"
                    : "Demo history done: {Imported} returns imported ({Accepted} accepted, {Returned} returned first) in {Seconds:0} s; ranking summary rebuilt",
                result.Imported == 0 ? result.Skipped : result.Imported, result.Accepted, result.Returned, result.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Demo history failed; the portal works without it");
        }
    }

    private Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        ct.Register(() => started.TrySetCanceled(ct));
        return started.Task;
    }
}
