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
            // Only cases whose window has not closed (the window's end is stored with the case, moved off holidays), whose party
            // has not sued and has no review pending; the window's opening is checked on each (after a review it opens fifteen days
            // after the review decision, 行政诉讼法第四十五条). Cases whose window closed are not loaded again every day.
            candidates = await db.EnforcementCases.Where(c => (c.State == CaseState.Served || c.State == CaseState.Executing)
                                                              && c.EnforcementWindowCloses >= today
                                                              && (c.SuitPeriodEnds < today || c.Remedies.Any(r => r.SuitPeriodEnds < today))
                                                              && c.EnforcementAppliedOn == null && c.DecisionRevokedOn == null
                                                              && !c.Remedies.Any(r => r.Kind == RemedyKind.Litigation || r.Outcome == null))
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
                "可申请人民法院强制执行", $"{c.CaseNumber ?? c.Title}（{c.Branch!.ShortName}）的当事人在法定期限内未{(c.Remedies.Count == 0 ? "申请行政复议或" : "对复议决定")}提起行政诉讼，又未缴纳罚款。"
                + $"可自{window.Opens:yyyy-MM-dd}起至{window.Closes:yyyy-MM-dd}申请人民法院强制执行（行政强制法第五十三条）。{demand}", $"/cases/{id}"),
                c.Investigators.Select(i => i.UserId).Distinct().ToList(), ct);
        }
        return new CourtEnforcementRun(candidates.Count, reminders);
    }
}
