using Supervision.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Enforcement;

public sealed record DeadlineRun(int Cases, int Warnings, int Alerts);

/// <summary>
/// The daily watch over every open case's deadlines (decision, statement, hearing request, service, payment,
/// correction): a warning a few days before, an alert after. Idempotent: one notification per case, deadline and
/// kind, however often it runs.
/// </summary>
public sealed class CaseDeadlineScanner(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, EnforcementService enforcement, NotificationService notifications)
{
    public async Task<DeadlineRun> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        access.AsSystem("job:case-deadlines");
        var today = BeijingTime.Today(now);
        List<long> open;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            open = await db.EnforcementCases.Where(c => c.State != CaseState.Closed && c.State != CaseState.NoPenalty && c.State != CaseState.Withdrawn && c.State != CaseState.Transferred)
                .Select(c => c.Id).ToListAsync(ct);
        }
        int warnings = 0, alerts = 0;
        foreach (var id in open)
        {
            var c = await enforcement.GetAsync(id, ct);
            var settings = await enforcement.SettingsAsync(c.ProvinceId, ct);
            var officers = c.Investigators.Select(i => i.UserId).ToList();
            foreach (var d in EnforcementService.Deadlines(c, today).Where(d => !d.Met))
            {
                // The party hears of what it must do (pay, correct); the officers of everything.
                var party = d.Key == "payment" || d.Key.StartsWith("correction", StringComparison.Ordinal) ? await notifications.CarrierUsersOfAsync(c.BranchId, ct) : [];
                var who = officers.Concat(party).Distinct().ToList();
                var name = c.CaseNumber ?? c.Title;
                if (d.Overdue)
                {
                    var surcharge = d.Key == "payment" ? $"截至{today:yyyy-MM-dd}加处罚款{ChineseMoney.Yuan(c.SurchargeOn(today, settings.SurchargeRatePerDay))}，每日增加罚款额的{settings.SurchargeRatePerDay:0.##%}。" : "";
                    alerts += await notifications.PublishAsync(new NotificationDraft($"case:{id}:{d.Key}:{d.Due:yyyyMMdd}:overdue", NotificationLevel.Alert,
                        $"已逾期：{d.Label}", $"{name}（{c.Branch!.ShortName}）{d.Label}已于{d.Due:yyyy-MM-dd}届满。{surcharge}", $"/cases/{id}"), who, ct);
                }
                else if (d.Due.DayNumber - today.DayNumber <= settings.WarnDaysBefore)
                {
                    warnings += await notifications.PublishAsync(new NotificationDraft($"case:{id}:{d.Key}:{d.Due:yyyyMMdd}:warn", NotificationLevel.Warning,
                        $"即将到期：{d.Label}", $"{name}（{c.Branch!.ShortName}）{d.Label}将于{d.Due:yyyy-MM-dd}届满。", $"/cases/{id}"), who, ct);
                }
            }
        }
        return new DeadlineRun(open.Count, warnings, alerts);
    }
}
