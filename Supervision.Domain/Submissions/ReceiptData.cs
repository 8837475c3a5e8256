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
            g.Count() == 1 ? g.First().Message : $"{FlagSummary.Of([.. g.Select(f => f.Message)])}，共{g.Count()}处")).ToList(),
        IssueDate = issueDate,
        Signatory = s.AttestedBy, AttestedAt = s.AttestedAt,
    };
}

/// <summary>
/// One line for the flags of one rule: the rule's wording with each figure that differs from row to row given as the range of
/// those figures (实名率95.12%至99.40%), never the first row's figure standing for all of them.
/// </summary>
public static class FlagSummary
{
    private static readonly System.Text.RegularExpressions.Regex Figure = new(@"\d[\d,]*(?:\.\d+)?%?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static string Of(IReadOnlyList<string> messages)
    {
        if (messages.Count == 0) return "";
        var first = messages[0];
        if (messages.All(m => m == first)) return first;
        var skeleton = Figure.Replace(first, "#");
        if (messages.Any(m => Figure.Replace(m, "#") != skeleton))
        {
            // Messages of one rule that differ in more than their figures: the wording they share, up to where they part.
            var common = first.Length;
            foreach (var m in messages) common = Math.Min(common, CommonPrefix(first, m));
            var shared = first[..common];
            var cut = shared.LastIndexOfAny(['（', '：', '，', '(', ':']);
            return (cut > 0 ? shared[..cut] : shared).TrimEnd('，', '、', '：', '（') + "（各处情况不同）";
        }
        var figures = messages.Select(m => Figure.Matches(m).Select(x => x.Value).ToList()).ToList();
        var slot = 0;
        return Figure.Replace(first, _ =>
        {
            var values = figures.Select(f => f[slot]).ToList();
            slot++;
            if (values.All(v => v == values[0])) return values[0];
            var ordered = values.OrderBy(Number).ToList();
            return $"{ordered[0]}至{ordered[^1]}";
        });
    }

    private static decimal Number(string figure) =>
        decimal.TryParse(figure.TrimEnd('%').Replace(",", ""), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }
}
