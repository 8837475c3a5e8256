using System.Globalization;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Publicity;

/// <summary>The 双公示 of penalty decisions: told of each decision, queues its announcement.</summary>
public sealed partial class PenaltyAnnouncement(PublicityService publicity) : IDecisionPublication
{
    public const string SourceType = "EnforcementCase";

    /// <summary>
    /// Every decision against an organisation (a case's party is a carrier's company) is queued for publication within the
    /// province's publication period (双公示), whether or not it imposes 向社会公告 — that sanction makes the publication
    /// mandatory; without it the officer may record the legal reason not to publish.
    /// </summary>
    public async Task DecidedAsync(SupervisionDbContext db, EnforcementCase decided, CaseContext context, CancellationToken ct)
    {
        var content = Content(decided);
        if (content.PartyType != PartyType.Organisation) return;
        await publicity.QueueAsync(db, decided.ProvinceId, decided.BranchId, AnnouncementKind.PenaltyDecision, SourceType,
            decided.Id.ToString(CultureInfo.InvariantCulture), content, decided.DecidedOn!.Value, ct,
            ordered: decided.Sanctions.Any(s => s.Kind == SanctionKind.PublicAnnouncement && s.Status is SanctionStatus.Pending or SanctionStatus.Executed));
    }

    public static AnnouncementContent Content(EnforcementCase c)
    {
        var active = c.Sanctions.Where(s => s.Status is SanctionStatus.Pending or SanctionStatus.Executed).OrderBy(s => s.Kind).ToList();
        // 责令改正 is not an administrative penalty (行政处罚法第九条 lists the kinds; 第二十八条 orders correction alongside a penalty):
        // it is stated on its own line (责令改正：…), never as a 处罚类别.
        var decided = active.Where(s => s.Kind != SanctionKind.CorrectiveOrder).ToList();
        var orders = active.Where(s => s.Kind == SanctionKind.CorrectiveOrder)
            .Select(s => "责令改正：" + CaseDocumentData.SanctionText(s)).ToList();
        var b = c.Branch!;
        return new AnnouncementContent(
            Title: $"{b.Name}{c.Title}行政处罚决定",
            PartyName: b.Name, PartyType: PartyType.Organisation, CreditCode: b.CreditCode, LegalRepresentative: b.LegalRepresentative,
            DocumentNumber: c.DecisionNumber, Facts: c.Facts,
            PenaltyTypes: string.Join("；", decided.Select(s => SanctionLabels.Label(s.Kind)).Distinct()),
            LegalBasis: c.LegalBasis!.Citation,
            PenaltyContent: string.Join("；", decided.Select(s => s.Kind == SanctionKind.Fine && s.Amount is { } a
                ? $"罚款人民币{ChineseMoney.Figures(a)}元" : SanctionLabels.Label(s.Kind))),
            DecisionDate: c.DecidedOn, Body: orders.Count == 0 ? null : string.Join("\n", orders));
    }
}
