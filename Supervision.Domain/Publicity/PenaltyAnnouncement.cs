using System.Globalization;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Publicity;

/// <summary>The 双公示 of penalty decisions: told of each decision, queues the announcement the decision calls for.</summary>
public sealed class PenaltyAnnouncement(PublicityService publicity) : IDecisionPublication
{
    public const string SourceType = "EnforcementCase";

    /// <summary>A decision with a 向社会公告 sanction queues its announcement, due within the province's publication period.</summary>
    public async Task DecidedAsync(SupervisionDbContext db, EnforcementCase decided, CaseContext context, CancellationToken ct)
    {
        if (decided.Sanctions.All(s => s.Kind != SanctionKind.PublicAnnouncement)) return;
        await publicity.QueueAsync(db, decided.ProvinceId, decided.BranchId, AnnouncementKind.PenaltyDecision, SourceType,
            decided.Id.ToString(CultureInfo.InvariantCulture), Content(decided), decided.DecidedOn!.Value, ct);
    }

    public static AnnouncementContent Content(EnforcementCase c)
    {
        var decided = c.Sanctions.Where(s => s.Status is SanctionStatus.Pending or SanctionStatus.Executed).OrderBy(s => s.Kind).ToList();
        var b = c.Branch!;
        return new AnnouncementContent(
            Title: $"{b.Name}{c.Title}行政处罚决定",
            PartyName: b.Name, PartyType: PartyType.Organisation, CreditCode: b.CreditCode, LegalRepresentative: b.LegalRepresentative,
            DocumentNumber: c.DecisionNumber, Facts: c.Facts,
            PenaltyTypes: string.Join("；", decided.Select(s => SanctionLabels.Label(s.Kind)).Distinct()),
            LegalBasis: c.LegalBasis!.Citation,
            PenaltyContent: string.Join("；", decided.Select(s => s.Kind == SanctionKind.Fine && s.Amount is { } a
                ? $"罚款人民币{ChineseMoney.Figures(a)}元" : SanctionLabels.Label(s.Kind))),
            DecisionDate: c.DecidedOn);
    }
}
