using System.Globalization;
using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

/// <summary>
/// The carrier's explanation of one figure a plausibility check flagged, stored with the version it was filed with (in the
/// filing's transaction): which cell and check, the value, what was expected, the history the carrier saw, and who explained it when.
/// </summary>
public class PlausibilityExplanation : IBranchScoped
{
    public const int MaxLength = 1000;

    public long Id { get; set; }
    public long SubmissionId { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public string Sheet { get; set; } = "";
    public string Cell { get; set; } = "";
    /// <summary>What people call the row (its key: 640100/自有营业厅).</summary>
    public string Row { get; set; } = "";
    public string Check { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Figure { get; set; } = "";
    public decimal Value { get; set; }
    public string ShownValue { get; set; } = "";
    public string Expected { get; set; } = "";
    /// <summary>The accepted history of the figure, oldest first, invariant decimals separated by spaces (the sparkline).</summary>
    public string History { get; set; } = "";
    public string Explanation { get; set; } = "";
    public string ExplainedBy { get; set; } = "";
    public DateTimeOffset ExplainedAt { get; set; }

    public string Key => $"{Sheet}!{Cell}";

    /// <summary>A row's key as people read it: the city named instead of its code (640100/自有营业厅 → 银川市/自有营业厅).</summary>
    public static string RowLabel(string row, IReadOnlyDictionary<string, string> cityNames) =>
        string.Join("/", row.Split('/').Select(part => cityNames.TryGetValue(part.Trim(), out var name) ? name : part));
    public string KindLabel => PlausibilityCheck.KindLabel(Kind);

    public IReadOnlyList<decimal> HistoryValues =>
        History.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToList();

    /// <summary>
    /// The explanations of the findings, one per finding; every finding must have one (the caller refused the filing otherwise).
    /// Texts are trimmed and longer ones refused with the cell named.
    /// </summary>
    public static IReadOnlyList<PlausibilityExplanation> For(Submission submission, IReadOnlyList<PlausibilityFinding> findings,
        IReadOnlyDictionary<string, string> explanations, string by, DateTimeOffset at) =>
        findings.Select(f =>
        {
            var text = explanations[f.Key].Trim();
            if (text.Length > MaxLength)
                throw new DomainException("plausibility.explanation_too_long", $"{f.Key}（{f.Figure}）的说明超过{MaxLength}字，请精简。");
            return new PlausibilityExplanation
            {
                SubmissionId = submission.Id, ProvinceId = submission.ProvinceId, BranchId = submission.BranchId, Sheet = f.Sheet, Cell = f.Cell, Row = f.Row,
                Check = f.Check, Kind = f.Kind, Figure = f.Figure, Value = f.Value, ShownValue = f.ShownValue, Expected = f.Expected,
                History = string.Join(' ', f.History.Select(v => v.ToString(CultureInfo.InvariantCulture))), Explanation = text, ExplainedBy = by, ExplainedAt = at,
            };
        }).ToList();
}
