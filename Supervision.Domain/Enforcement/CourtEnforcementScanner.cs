using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Enforcement;

public sealed record CourtEnforcementRun(int Cases, int Reminders);

/// <summary>
/// The daily watch over unpaid fines whose party sought neither review nor suit: on the day the suit period has lapsed, the
/// case's officers are reminded that the three months to apply to the court run from now (行政强制法第五十三条), with the
/// 催告 that must come first (第五十四条). The window's end is a deadline of the case that <see cref="CaseDeadlineScanner"/>
/// warns and alerts on. Idempotent: one reminder per case and window.
/// </summary>
public sealed class CourtEnforcementScanner(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, EnforcementService enforcement, NotificationService notifications)
{
    public async Task<CourtEnforcementRun> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        access.AsSystem("job:court-enforcement");
        var today = BeijingTime.Today(now);
        List<long> candidates;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // The window runs from six to nine months after service: only cases served in about that span can be due (the
            // window decides; a month's margin covers month lengths). Older unpaid cases are not loaded again every day.
            var (servedBy, servedAfter) = (today.AddMonths(-6), today.AddMonths(-10));
            candidates = await db.EnforcementCases.Where(c => (c.State == CaseState.Served || c.State == CaseState.Executing)
                                                              && c.ServedOn <= servedBy && c.ServedOn > servedAfter
                                                              && c.EnforcementAppliedOn == null && c.DecisionRevokedOn == null && !c.Remedies.Any())
                .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        }
        var reminders = 0;
        foreach (var id in candidates)
        {
            var c = await enforcement.GetAsync(id, ct);
            if (!c.AwaitsCourtEnforcement || c.EnforcementWindow is not { } window || today < window.Opens || today > window.Closes) continue;
            var demand = c.EnforcementDemandServedOn is { } served
                ? $"催告书已于{served:yyyy-MM-dd}送达。"
                : "申请前应先送达催告书，送达十日后仍未履行的方可申请（行政强制法第五十四条）。";
            reminders += await notifications.PublishAsync(new NotificationDraft($"case:{id}:court-enforcement:{window.Opens:yyyyMMdd}:open", NotificationLevel.Warning,
                "可申请人民法院强制执行", $"{c.CaseNumber ?? c.Title}（{c.Branch!.ShortName}）的当事人在法定期限内未申请行政复议或提起行政诉讼，又未缴纳罚款。"
                + $"可自{window.Opens:yyyy-MM-dd}起至{window.Closes:yyyy-MM-dd}申请人民法院强制执行（行政强制法第五十三条）。{demand}", $"/cases/{id}"),
                c.Investigators.Select(i => i.UserId).Distinct().ToList(), ct);
        }
        return new CourtEnforcementRun(candidates.Count, reminders);
    }
}
