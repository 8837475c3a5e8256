using Supervision.Domain.Documents;

namespace Supervision.Domain.Inspections;

public sealed record RecordItem(int No, string Code, string Title, string Outcome, string? Notes);

public sealed record RecordEvidence(string ItemCode, string FileName, string Sha256);

/// <summary>Everything a 现场检查记录 states, stored with the issued PDF so rendering it again gives the same text.</summary>
public sealed record InspectionRecordData(string Authority, string Party, string? CreditCode, string? Address, string Entity, string PlanTitle, string PlanKind,
    DateOnly InspectedOn, string Place, IReadOnlyList<string> Inspectors, string Representative, IReadOnlyList<RecordItem> Items,
    IReadOnlyList<RecordEvidence> Evidence, string? Summary, DateOnly IssueDate) : DocumentData
{
    /// <summary>检查依据: the legal bases (statute and duty article) of the items checked, from the catalog; the plan is named beside them.</summary>
    public IReadOnlyList<string> LegalBases { get; init; } = [];

    /// <summary>The record with the legal bases of its checklist items, as the catalog states them.</summary>
    public static async Task<InspectionRecordData> WithBasesAsync(InspectionRecordData record, Data.SupervisionDbContext db, CancellationToken ct)
    {
        var codes = record.Items.Select(i => i.Code).Distinct().ToList();
        var bases = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.ChecklistItems.Where(c => codes.Contains(c.Code) && c.LegalBasis != null).OrderBy(c => c.SortOrder)
                .Select(c => new { c.LegalBasis!.Statute, c.LegalBasis.DutyArticle }), ct);
        return record with { LegalBases = bases.Select(b => b.Statute + b.DutyArticle).Distinct().ToList() };
    }

    /// <summary>The record as it stands (completed now, or as a preview before completion).</summary>
    public static InspectionRecordData Of(InspectionDetails d, DateOnly issueDate)
    {
        var i = d.Inspection;
        var codes = i.Items.ToDictionary(x => x.Id, x => x.ItemCode);
        return new InspectionRecordData(d.Authority, i.Branch!.Name, d.BranchCreditCode, d.BranchAddress, i.EntityName, d.Plan.Title, InspectionPlan.KindLabel(d.Plan.Kind),
            i.InspectedOn ?? issueDate, i.Place ?? "", i.Inspectors.Select(x => x.DisplayName).ToList(),
            i.RepresentativeTitle is { Length: > 0 } title ? $"{i.Representative}（{title}）" : i.Representative ?? "",
            i.Items.Select((x, n) => new RecordItem(n + 1, x.ItemCode, x.ItemTitle, Inspection.OutcomeLabel(x.Outcome), x.Notes)).ToList(),
            d.Evidence.Select(e => new RecordEvidence(codes.GetValueOrDefault(e.OwnerId, ""), e.FileName, e.Sha256)).ToList(), i.Summary, issueDate);
    }
}

/// <summary>Everything a 责令限期改正通知书 states: facts, legal basis (from the catalog), requirement, deadline, how to report.</summary>
public sealed record CorrectiveNoticeData(string Authority, string Party, string? CreditCode, string? Address, string Facts, string Statute, string DutyArticle,
    string? PenaltyArticle, string Duty, string Requirement, DateOnly Deadline, string? Contact, DateOnly IssueDate) : DocumentData
{
    /// <summary>Where the party may seek administrative review of the order (the province's enforcement settings).</summary>
    public string? ReviewBody { get; init; }

    public static CorrectiveNoticeData Of(OrderDetails d, DateOnly deadline, DateOnly issueDate)
    {
        var o = d.Order;
        var basis = o.LegalBasis ?? throw new Common.DomainException("order.basis", "请选择法律依据。");
        return new CorrectiveNoticeData(d.Authority, o.Branch!.Name, o.Branch.CreditCode, o.Branch.Address, o.Facts, basis.Statute, basis.DutyArticle,
            basis.PenaltyArticle, basis.Duty, o.Requirement, deadline, d.ResponsibleName, issueDate);
    }
}

/// <summary>Everything a 整改复查意见书 states.</summary>
public sealed record ReinspectionOpinionData(string Authority, string Party, string NoticeNumber, DateOnly NoticeIssuedOn, DateOnly Deadline, string Facts,
    DateOnly? ReportedOn, bool ReportedLate, DateOnly ReinspectedOn, string Opinion, bool Passed, DateOnly? NewDeadline, DateOnly IssueDate) : DocumentData;
