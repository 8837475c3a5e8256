using Supervision.Domain.Files;

namespace Supervision.Domain.Enforcement;

public enum RemedyKind
{
    /// <summary>行政复议 (行政复议法 2023).</summary>
    Review,
    /// <summary>行政诉讼 (行政诉讼法).</summary>
    Litigation,
}

public enum RemedyOutcome
{
    /// <summary>维持 (行政复议法第六十八条); a court no longer 维持s: it 驳回s the claim.</summary>
    Upheld,
    /// <summary>变更 (行政复议法第六十三条, 行政诉讼法第七十七条): the sanctions are replaced.</summary>
    Changed,
    /// <summary>撤销 (行政复议法第六十四条, 行政诉讼法第七十条): the decision no longer stands.</summary>
    Revoked,
    /// <summary>确认无效 (行政复议法第六十七条, 行政诉讼法第七十五条; 行政处罚法第三十八条): void, as if revoked — the sanctions end.</summary>
    ConfirmedVoid,
    /// <summary>确认违法 (行政复议法第六十五条, 行政诉讼法第七十四条): found unlawful but not revoked.</summary>
    ConfirmedIllegal,
    /// <summary>驳回 (the review application or the claim, 行政诉讼法第六十九条).</summary>
    Dismissed,
    /// <summary>The party withdrew its application or suit (终止 / 撤诉).</summary>
    Withdrawn,
}

/// <summary>
/// A 行政复议 or 行政诉讼 against the decision of a case: who hears it, when it was filed, whether execution was suspended, and
/// its outcome. While it runs the late-payment surcharge does not accrue (行政处罚法第七十三条第三款).
/// </summary>
public class CaseRemedy
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public RemedyKind Kind { get; set; }
    public DateOnly FiledOn { get; set; }
    /// <summary>复议机关 or 人民法院.</summary>
    public string Body { get; set; } = "";
    /// <summary>The body's own number (复议案号, 诉讼案号).</summary>
    public string? CaseNumber { get; set; }
    /// <summary>Why an application after the statutory period was accepted (行政复议法第二十条第二款, 行政诉讼法第四十八条).</summary>
    public string? LateReason { get; set; }
    /// <summary>The body decided to suspend execution (行政复议法第四十二条, 行政诉讼法第五十六条); execution continues otherwise.</summary>
    public DateOnly? ExecutionSuspendedOn { get; set; }
    public string? SuspensionNote { get; set; }
    public RemedyOutcome? Outcome { get; set; }
    /// <summary>After a review decision (not a withdrawal): the last day to sue, fifteen days on (行政诉讼法第四十五条), moved off a holiday.</summary>
    public DateOnly? SuitPeriodEnds { get; set; }
    public DateOnly? OutcomeOn { get; set; }
    /// <summary>What the outcome says (e.g. the changed sanctions, a re-decision ordered); internal.</summary>
    public string? OutcomeNote { get; set; }
    /// <summary>The 复议决定书 / 判决书 as received.</summary>
    public long? FileId { get; set; }
    public StoredFile? File { get; set; }
    public string RecordedBy { get; set; } = "";

    public bool Pending => Outcome is null;

    /// <summary>The days the surcharge does not accrue: from the filing through the outcome (or through <paramref name="asOf"/> while pending).</summary>
    public (DateOnly From, DateOnly To) PauseThrough(DateOnly asOf) => (FiledOn, OutcomeOn ?? asOf);
}

public static class RemedyLabels
{
    public static string Kind(RemedyKind k) => k == RemedyKind.Review ? "行政复议" : "行政诉讼";

    public static string Outcome(RemedyKind kind, RemedyOutcome o) => o switch
    {
        RemedyOutcome.Upheld => "维持",
        RemedyOutcome.Changed => "变更",
        RemedyOutcome.Revoked => "撤销",
        RemedyOutcome.ConfirmedIllegal => "确认违法",
        RemedyOutcome.ConfirmedVoid => "确认无效",
        RemedyOutcome.Dismissed => kind == RemedyKind.Review ? "驳回复议申请" : "驳回诉讼请求",
        RemedyOutcome.Withdrawn => kind == RemedyKind.Review ? "申请人撤回申请，复议终止" : "原告撤诉",
        _ => o.ToString(),
    };

    /// <summary>The outcomes each kind knows: a court does not 维持 since 2015 (it 驳回s the claim, 行政诉讼法第六十九条).</summary>
    public static IReadOnlyList<RemedyOutcome> OutcomesOf(RemedyKind kind) => kind == RemedyKind.Review
        ? [RemedyOutcome.Upheld, RemedyOutcome.Changed, RemedyOutcome.Revoked, RemedyOutcome.ConfirmedVoid, RemedyOutcome.ConfirmedIllegal, RemedyOutcome.Dismissed, RemedyOutcome.Withdrawn]
        : [RemedyOutcome.Dismissed, RemedyOutcome.Changed, RemedyOutcome.Revoked, RemedyOutcome.ConfirmedVoid, RemedyOutcome.ConfirmedIllegal, RemedyOutcome.Withdrawn];

    /// <summary>The decision no longer stands: revoked, or confirmed void (行政处罚法第三十八条) — the same for sanctions, announcement and rankings.</summary>
    public static bool EndsDecision(RemedyOutcome? o) => o is RemedyOutcome.Revoked or RemedyOutcome.ConfirmedVoid;
}
