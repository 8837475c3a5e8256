using System.Globalization;
using Supervision.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Publicity;

/// <summary>
/// A decision changed, revoked, confirmed void or found unlawful on review or by a court: its published announcement is marked for withdrawal
/// within the province's withdrawal period (3 working days; the publication scanner warns and alerts on it), and a changed
/// decision gets a corrected draft due the same day; a draft not yet published is corrected in place or, when revoked, closed.
/// </summary>
public sealed partial class PenaltyAnnouncement
{
    public async Task OutcomeAsync(SupervisionDbContext db, EnforcementCase c, CaseRemedy remedy, CaseContext context, CancellationToken ct)
    {
        if (remedy.Outcome is not (RemedyOutcome.Changed or RemedyOutcome.Revoked or RemedyOutcome.ConfirmedVoid or RemedyOutcome.ConfirmedIllegal)) return;
        var on = remedy.OutcomeOn!.Value;
        var by = $"{(remedy.Kind == RemedyKind.Review ? $"经{remedy.Body}行政复议" : $"经{remedy.Body}判决")}";
        var what = RemedyLabels.Outcome(remedy.Kind, remedy.Outcome.Value);
        var reason = $"该处罚决定于{ChineseDate.Format(on)}{by}{what}" + (remedy.Outcome == RemedyOutcome.Changed ? $"，变更后的处罚为：{Content(c).PenaltyContent}" : "");
        var id = c.Id.ToString(CultureInfo.InvariantCulture);
        var own = await db.Announcements.Where(a => a.SourceType == SourceType && (a.SourceId == id || a.SourceId.StartsWith(id + ":"))
                                                    && (a.Status == AnnouncementStatus.Draft || a.Status == AnnouncementStatus.Published))
            .OrderBy(a => a.Id).ToListAsync(ct);
        var corrected = false;
        foreach (var a in own)
        {
            if (a.Status == AnnouncementStatus.Draft && RemedyLabels.EndsDecision(remedy.Outcome))
                a.SourceRevokedBeforePublication(on, reason, context.Actor);
            else if (a.Status == AnnouncementStatus.Draft && remedy.Outcome == RemedyOutcome.Changed)
            {
                a.Edit(Content(c), context.Settings);
                corrected = true;
            }
            else if (a.Status == AnnouncementStatus.Published && a.SourceChangedOn is null)
                a.MarkSourceChanged(on, reason, context.Settings, context.Calendar, context.Now);
        }
        if (remedy.Outcome == RemedyOutcome.Changed && !corrected && own.Count > 0)
        {
            var content = Content(c) with { Title = $"{Content(c).Title}（{by}{what}后）" };
            await publicity.QueueAsync(db, c.ProvinceId, c.BranchId, AnnouncementKind.PenaltyDecision, SourceType, $"{id}:{remedy.Id}", content, on, ct,
                ordered: c.Sanctions.Any(s => s.Kind == SanctionKind.PublicAnnouncement && s.Status is SanctionStatus.Pending or SanctionStatus.Executed), correction: true);
        }
    }
}
