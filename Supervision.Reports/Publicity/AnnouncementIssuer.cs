using System.Globalization;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;
using Supervision.Domain.Publicity;

namespace Supervision.Reports.Publicity;

/// <summary>
/// Publishes an announcement: the status change, its numbered 公告 (sealed when the administration uploaded a seal)
/// and, for a served penalty decision, the execution of its 向社会公告 sanction — in one transaction.
/// </summary>
public sealed class AnnouncementIssuer(PublicityService publicity, DocumentRegistry documents, EnforcementService enforcement, AccessContext access, TimeProvider clock)
{
    public async Task<IssuedDocument> PublishAsync(long id, Guid token, DateOnly on, CancellationToken ct = default)
    {
        var current = await publicity.GetAsync(id, ct);
        var owner = id.ToString(CultureInfo.InvariantCulture);
        var issued = await documents.IssueAsync(new DocumentRequest(DocumentKind.PublicAnnouncement, current.ProvinceId, current.BranchId, Announcement.OwnerType, owner,
            VisibleToParty: true, on), async (db, number, ct2) =>
        {
            var (a, settings) = await publicity.ForChangeAsync(db, id, token, ct2);
            a.Publish(on, settings, access.Actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct2);
            if (a.Kind == AnnouncementKind.PenaltyDecision && long.TryParse(a.SourceId, CultureInfo.InvariantCulture, out var caseId))
                await ExecuteSanctionAsync(db, caseId, on, ct2);
            var seal = await OrganizationService.SealAsync(db, a.ProvinceId, ct2);
            var data = AnnouncementData.From(a, number, seal?.Id);
            return new RenderedDocument(data.ToJson(), AnnouncementPdf.Render(data, seal?.Bytes));
        }, ct);
        await publicity.PublicChangedAsync(ct);
        return issued;
    }

    /// <summary>Publication carries out the case's 向社会公告 once the decision is served; before that the officer records it later.</summary>
    private async Task ExecuteSanctionAsync(Domain.Data.SupervisionDbContext db, long caseId, DateOnly on, CancellationToken ct)
    {
        await enforcement.TransitionAsync(db, caseId, null, partyMayAct: false, (c, ctx) =>
        {
            var sanction = c.Sanctions.FirstOrDefault(s => s.Kind == SanctionKind.PublicAnnouncement && s.Status == SanctionStatus.Pending);
            if (sanction is not null && c.State is CaseState.Served or CaseState.Executing)
                c.ExecuteSanction(sanction.Id, on, $"已于{on.Year}年{on.Month}月{on.Day}日在门户网站公示", ctx.Actor, ctx.Now);
            return Task.CompletedTask;
        }, ct);
    }
}
