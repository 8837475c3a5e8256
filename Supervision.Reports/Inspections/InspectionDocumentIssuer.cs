using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Inspections;

namespace Supervision.Reports.Inspections;

/// <summary>
/// Issues the documents of inspections: the 现场检查记录 when a record is completed, the 责令限期改正通知书 when an order is
/// issued, the 整改复查意见书 when it is re-inspected. Each is rendered from a data record stored with it.
/// </summary>
public sealed class InspectionDocumentIssuer(InspectionService inspections, CorrectiveOrderService orders, CatalogService catalog, TimeProvider clock)
{
    public async Task<IssuedDocument> CompleteInspectionAsync(long id, Guid token, CancellationToken ct = default)
    {
        var data = RecordData(await inspections.GetAsync(id, ct), Today);
        return await inspections.CompleteAsync(id, token, data.ToJson(), n => InspectionPdfs.Record(data, n), ct);
    }

    /// <summary>The record as it would be issued now, without a number (for checking before completion).</summary>
    public async Task<byte[]> PreviewRecordAsync(long id, CancellationToken ct = default) =>
        InspectionPdfs.Record(RecordData(await inspections.GetAsync(id, ct), Today), null);

    public static InspectionRecordData RecordData(InspectionDetails d, DateOnly issueDate)
    {
        var i = d.Inspection;
        var codes = i.Items.ToDictionary(x => x.Id, x => x.ItemCode);
        return new InspectionRecordData(d.Authority, i.Branch!.Name, d.BranchCreditCode, d.BranchAddress, i.EntityName, d.Plan.Title, InspectionPlan.KindLabel(d.Plan.Kind),
            i.InspectedOn ?? issueDate, i.Place ?? "", i.Inspectors.Select(x => x.DisplayName).ToList(),
            i.RepresentativeTitle is { Length: > 0 } title ? $"{i.Representative}（{title}）" : i.Representative ?? "",
            i.Items.Select((x, n) => new RecordItem(n + 1, x.ItemCode, x.ItemTitle, Inspection.OutcomeLabel(x.Outcome), x.Notes)).ToList(),
            d.Evidence.Select(e => new RecordEvidence(codes.GetValueOrDefault(e.OwnerId, ""), e.FileName, e.Sha256)).ToList(), i.Summary, issueDate);
    }

    /// <summary>Issues the order with its numbered notice; the deadline is fixed now (working days counted from today).</summary>
    public async Task<IssuedDocument> IssueNoticeAsync(long orderId, Guid token, CancellationToken ct = default)
    {
        var (data, deadline) = await NoticeDataAsync(orderId, ct);
        return await orders.IssueAsync(orderId, token, deadline, data.ToJson(), n => InspectionPdfs.Notice(data, n), ct);
    }

    public async Task<byte[]> PreviewNoticeAsync(long orderId, CancellationToken ct = default)
    {
        var (data, _) = await NoticeDataAsync(orderId, ct);
        return InspectionPdfs.Notice(data, null);
    }

    private async Task<(CorrectiveNoticeData Data, DateOnly Deadline)> NoticeDataAsync(long orderId, CancellationToken ct)
    {
        var d = await orders.GetAsync(orderId, ct);
        var o = d.Order;
        var today = Today;
        var deadline = o.State == OrderState.Draft ? o.ComputeDeadline(await catalog.GetCalendarAsync(ct), today) : o.Deadline!.Value;
        var basis = o.LegalBasis ?? throw new Domain.Common.DomainException("order.basis", "请选择法律依据。");
        return (new CorrectiveNoticeData(d.Authority, o.Branch!.Name, o.Branch.CreditCode, o.Branch.Address, o.Facts, basis.Statute, basis.DutyArticle,
            basis.PenaltyArticle, basis.Duty, o.Requirement, deadline, d.ResponsibleName, today), deadline);
    }

    /// <summary>Records the re-inspection and issues the 整改复查意见书.</summary>
    public async Task<IssuedDocument> VerifyAsync(long orderId, Guid token, bool passed, string opinion, DateOnly reinspectedOn, DateOnly? newDeadline, CancellationToken ct = default)
    {
        var d = await orders.GetAsync(orderId, ct);
        var o = d.Order;
        var lastReply = o.Replies.OrderBy(r => r.Id).LastOrDefault();
        var data = new ReinspectionOpinionData(d.Authority, o.Branch!.Name, o.NoticeNumber ?? "", o.IssuedOn ?? Today, o.Deadline ?? Today, o.Facts,
            lastReply is null ? null : BeijingTime.Today(lastReply.SubmittedAt), lastReply?.Late ?? false, reinspectedOn,
            opinion?.Trim() ?? "", passed, passed ? null : newDeadline, Today);
        return await orders.VerifyAsync(orderId, token, passed, opinion ?? "", reinspectedOn, newDeadline, data.ToJson(), n => InspectionPdfs.Opinion(data, n), ct);
    }

    private DateOnly Today => BeijingTime.Today(clock);
}
