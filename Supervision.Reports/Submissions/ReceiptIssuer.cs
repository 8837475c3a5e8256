using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Submissions;

namespace Supervision.Reports.Submissions;

/// <summary>Files a return and issues its receipt: the one way a return becomes 已报送, from the page and the API alike.</summary>
public sealed class ReceiptIssuer(SubmissionService submissions, DocumentRegistry documents, TimeProvider clock)
{
    public const string OwnerType = "Submission";

    public async Task<Submission> SubmitAsync(long submissionId, CancellationToken ct = default)
    {
        await submissions.SubmitAsync(submissionId, ct);
        await IssueAsync(submissionId, ct);
        return (await submissions.GetAsync(submissionId, ct)).Submission;
    }

    /// <summary>Issues the receipt of a filed return (once; a second call returns the first).</summary>
    public async Task<IssuedDocument> IssueAsync(long submissionId, CancellationToken ct = default)
    {
        if ((await documents.ForOwnerAsync(OwnerType, submissionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct))
            .FirstOrDefault(d => d.Kind == DocumentKind.SubmissionReceipt) is { } existing)
            return existing;
        var details = await submissions.GetAsync(submissionId, ct);
        var s = details.Submission;
        if (s.SubmittedAt is null) throw new Domain.Common.DomainException("receipt.not_filed", "报表尚未报送，没有回执。");
        var counts = new List<string>();
        foreach (var sheet in details.Template.Sheets)
            counts.Add($"{sheet.Name}{(await submissions.RowsAsync(s.Id, sheet.Name, new Domain.Common.PageRequest(0, 1), ct)).Total}行");
        var data = new ReceiptData(s.ReceiptNo!, await submissions.AuthorityOfAsync(s.ProvinceId, ct), s.Branch!.Name, s.Branch.Code,
            details.Template.Name, s.TemplateCode, details.Template.Version, ReportingPeriod.Parse(s.Period, details.Template.Frequency).Label, s.Version,
            s.SubmittedAt.Value, s.SubmittedBy!, s.Channel, s.DueDate, s.Late, s.File!.FileName, s.File.Length, s.Sha256, counts,
            // One line per sheet and rule: a receipt lists what was flagged and where, not every cell's wording.
            s.Flags.GroupBy(f => (f.Sheet, f.Code)).Select(g => new ReceiptFlag(g.Key.Sheet,
                string.Join("、", g.Select(f => f.Row <= 0 ? "—" : $"{f.Column}{f.Row}")),
                g.Count() == 1 ? g.First().Message : $"{g.First().Message}等，共{g.Count()}处")).ToList(),
            BeijingTime.Today(clock));
        return await documents.IssueAsync(new DocumentRequest(DocumentKind.SubmissionReceipt, s.ProvinceId, s.BranchId, OwnerType, s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            VisibleToParty: true, data.IssueDate), (_, _, _) => Task.FromResult(new RenderedDocument(data.ToJson(), ReceiptPdf.Render(data))), ct);
    }
}
