using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Publicity;

/// <summary>The 双公示 content of a penalty decision, read from the decided case.</summary>
public static class PenaltyAnnouncement
{
    public const string SourceType = "EnforcementCase";

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
                ? $"罚款人民币{a.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture)}元" : SanctionLabels.Label(s.Kind))),
            DecisionDate: c.DecidedOn);
    }
}
