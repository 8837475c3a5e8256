using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Submissions;

public sealed record ReceiptFlag(string Sheet, string Cell, string Message);

/// <summary>What a 报送回执 states: that a file, identified by its SHA-256, was filed at a stated time, and what it held.</summary>
public sealed record ReceiptData : DocumentData
{
    /// <summary>
    /// Kept for receipts issued before the receipt number became the verification code (they stored the internal key
    /// here); a new receipt leaves it empty — its number is <see cref="DocumentData.VerificationCode"/>.
    /// </summary>
    public string? ReceiptNo { get; init; }
    public required string Authority { get; init; }
    public required string Branch { get; init; }
    public required string BranchCode { get; init; }
    public required string Template { get; init; }
    public required string TemplateCode { get; init; }
    public required int TemplateVersion { get; init; }
    public required string PeriodLabel { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string SubmittedBy { get; init; }
    public required string Channel { get; init; }
    public required DateOnly DueDate { get; init; }
    public required bool Late { get; init; }
    public required string FileName { get; init; }
    public required long FileLength { get; init; }
    public required string Sha256 { get; init; }
    public required IReadOnlyList<string> RowCounts { get; init; }
    public required IReadOnlyList<ReceiptFlag> Flags { get; init; }
    public required DateOnly IssueDate { get; init; }
    /// <summary>The 签报人 who attested to the return (<see cref="Attestation.Text"/>), and when; absent on receipts issued before attestation.</summary>
    public string? Signatory { get; init; }
    public DateTimeOffset? AttestedAt { get; init; }

    /// <summary>The receipt of a filed version; <paramref name="rowCounts"/> are the rows stored per sheet, in the template's order.</summary>
    public static ReceiptData Of(Submission s, Branch branch, TemplateInfo template, string authority, IEnumerable<(string Sheet, int Rows)> rowCounts, DateOnly issueDate) => new()
    {
        Authority = authority, Branch = branch.Name, BranchCode = branch.Code,
        Template = template.Name, TemplateCode = s.TemplateCode, TemplateVersion = template.Version,
        PeriodLabel = ReportingPeriod.Parse(s.Period, template.Frequency).Label, Version = s.Version,
        SubmittedAt = s.SubmittedAt ?? throw new DomainException("receipt.not_filed", "报表尚未报送，没有回执。"), SubmittedBy = s.SubmittedBy!, Channel = s.Channel, DueDate = s.DueDate, Late = s.Late,
        FileName = s.File!.FileName, FileLength = s.File.Length, Sha256 = s.Sha256,
        RowCounts = rowCounts.Select(c => $"{c.Sheet}{c.Rows}行").ToList(),
        // One line per sheet and rule: a receipt lists what was flagged and where, not every cell's wording.
        Flags = s.Flags.GroupBy(f => (f.Sheet, f.Code)).Select(g => new ReceiptFlag(g.Key.Sheet,
            string.Join("、", g.Select(f => f.Row <= 0 ? "—" : $"{f.Column}{f.Row}")),
            g.Count() == 1 ? g.First().Message : $"{g.First().Message}等，共{g.Count()}处")).ToList(),
        IssueDate = issueDate,
        Signatory = s.AttestedBy, AttestedAt = s.AttestedAt,
    };
}
