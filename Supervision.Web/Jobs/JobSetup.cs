using Quartz;
using Supervision.Domain.Data;
using Supervision.Domain.Access;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using Supervision.Domain.Inspections;
using Supervision.Domain.Notifications;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;

namespace Supervision.Web.Jobs;

/// <summary>
/// Scheduled work. Each job is thin: it acts as the system and calls one idempotent domain method, so the
/// logic is tested without Quartz and a repeated run changes nothing.
/// </summary>
public static class JobSetup
{
    public static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static IServiceCollection AddSupervisionJobs(this IServiceCollection services, IConfiguration config, DatabaseSettings database)
    {
        services.AddQuartz(q =>
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                // Several web nodes share the database: the clustered store lets exactly one of them fire each trigger
                // (row locks on the QRTZ_ tables) and hands a dead node's jobs to the others; each node gets its own instance id.
                // Quartz creates its tables (guarded against nodes starting at once).
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(database.ConnectionString);
                    // How often a node checks in, and how long past a missed check-in the others wait before they take over
                    // its work: Quartz's defaults unless configured (the fault tests shorten both).
                    s.UseClustering(c =>
                    {
                        if (config.GetValue<TimeSpan?>("Jobs:Cluster:CheckinInterval") is { } interval) c.CheckinInterval = interval;
                        if (config.GetValue<TimeSpan?>("Jobs:Cluster:CheckinMisfireThreshold") is { } threshold) c.CheckinMisfireThreshold = threshold;
                    });
                    s.ProvisionSchema();
                });
            }
            else
            {
                // One node on SQLite: the schedule lives in memory and is rebuilt at start.
                q.UseInMemoryStore();
            }
            Daily<SubmissionReminderJob>(q, "submission-reminders", hour: 8, minute: 30);
            Daily<CorrectiveOrderJob>(q, "corrective-orders", hour: 8, minute: 0);
            Daily<RankingRebuildJob>(q, "rankings-rebuild", hour: 2, minute: 10);
            Daily<CaseDeadlineJob>(q, "case-deadlines", hour: 8, minute: 0);
            Daily<PublicationDeadlineJob>(q, "publication-deadlines", hour: 8, minute: 5);
            Daily<CourtEnforcementJob>(q, "court-enforcement", hour: 8, minute: 10);
            // The outbox is delivered continuously; a run takes only messages no other node holds (see OutboxDelivery).
            var poll = config.GetSection(OutboxSettings.Section).Get<OutboxSettings>()?.PollInterval ?? new OutboxSettings().PollInterval;
            q.ScheduleJob<OutboxDeliveryJob>(t => t.WithIdentity("outbox-delivery").WithSimpleSchedule(s => s.WithInterval(poll).RepeatForever()),
                j => j.WithIdentity("outbox-delivery").DisallowConcurrentExecution().RequestRecovery());
        });
        // How soon an idle node looks for triggers another node stored (Quartz's 30 s unless configured).
        if (config.GetValue<TimeSpan?>("Jobs:IdleWaitTime") is { } idle)
            services.Configure<QuartzSchedulerOptions>(o => o.IdleWaitTime = idle);
        if (config.GetValue("Jobs:Enabled", true))
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <remarks>
    /// Each job requests recovery: when the node running it dies (killed, out of memory, power), another node of the cluster
    /// runs it again from the start. Safe because every job is idempotent: a repeated run changes nothing a full run did not.
    /// </remarks>
    private static void Daily<T>(IQuartzBuilder q, string name, int hour, int minute) where T : IJob =>
        q.ScheduleJob<T>(t => t.WithIdentity(name).WithSchedule(CronScheduleBuilder.Create($"0 {minute} {hour} * * ?").InTimeZone(Beijing)),
            j => j.WithIdentity(name).DisallowConcurrentExecution().RequestRecovery());
}

[DisallowConcurrentExecution]
public sealed class SubmissionReminderJob(AccessContext access, SubmissionReminders reminders, TimeProvider clock, ILogger<SubmissionReminderJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        access.AsSystem("job:submission-reminders");
        var run = await reminders.RunAsync(clock.GetUtcNow(), ct);
        log.LogInformation("Submission reminders: {DueSoon} due soon, {Drafts} drafts, {Overdue} overdue", run.DueSoon, run.Drafts, run.Overdue);
    }
}

[DisallowConcurrentExecution]
public sealed class CorrectiveOrderJob(AccessContext access, CorrectiveOrderScanner scanner, TimeProvider clock, ILogger<CorrectiveOrderJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        access.AsSystem("job:corrective-orders");
        var run = await scanner.RunAsync(clock.GetUtcNow(), ct);
        log.LogInformation("Corrective orders: {Marked} marked overdue, {DueSoon} due-soon and {Overdue} overdue notices, {Inspections} inspection reminders",
            run.MarkedOverdue, run.DueSoonNotices, run.OverdueNotices, run.InspectionNotices);
    }
}

[DisallowConcurrentExecution]
public sealed class RankingRebuildJob(AccessContext access, RankingUpdater updater, TimeProvider clock, ILogger<RankingRebuildJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        access.AsSystem("job:rankings-rebuild");
        var run = await updater.RunAsync(clock.GetUtcNow(), ct);
        log.LogInformation("Rankings rebuilt: {Provinces} provinces, {Values} values in {Seconds:0.0} s", run.Provinces, run.Values, run.Elapsed.TotalSeconds);
    }
}

[DisallowConcurrentExecution]
public sealed class CaseDeadlineJob(CaseDeadlineScanner scanner, TimeProvider clock, ILogger<CaseDeadlineJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var run = await scanner.RunAsync(clock.GetUtcNow(), ct);
        log.LogInformation("Case deadlines: {Cases} open cases, {Warnings} warnings, {Alerts} alerts", run.Cases, run.Warnings, run.Alerts);
    }
}

[DisallowConcurrentExecution]
public sealed class CourtEnforcementJob(CourtEnforcementScanner scanner, TimeProvider clock, ILogger<CourtEnforcementJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var run = await scanner.RunAsync(clock.GetUtcNow(), ct);
        log.LogInformation("Court enforcement: {Cases} unpaid cases past service, {Reminders} reminders", run.Cases, run.Reminders);
    }
}

[DisallowConcurrentExecution]
public sealed class PublicationDeadlineJob(PublicationDeadlineScanner scanner, TimeProvider clock, ILogger<PublicationDeadlineJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var run = await scanner.RunAsync(clock.GetUtcNow(), ct);
        log.LogInformation("Publication deadlines: {Drafts} drafts, {Withdrawals} withdrawals, {Warnings} warnings, {Alerts} alerts", run.Drafts, run.Withdrawals, run.Warnings, run.Alerts);
    }
}

[DisallowConcurrentExecution]
public sealed class OutboxDeliveryJob(AccessContext access, OutboxDelivery delivery, TimeProvider clock, ILogger<OutboxDeliveryJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        access.AsSystem("job:outbox-delivery");
        var run = await delivery.RunAsync(clock.GetUtcNow(), ct);
        if (run.Claimed > 0)
            log.LogInformation("Outbox: {Sent} sent, {Failed} failed of {Claimed} claimed", run.Sent, run.Failed, run.Claimed);
    }
}
