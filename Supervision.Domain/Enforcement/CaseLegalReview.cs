namespace Supervision.Domain.Enforcement;

/// <summary>The legal reviewer's opinion on the proposed penalty (法制审核意见).</summary>
public enum LegalReviewOpinion
{
    /// <summary>同意.</summary>
    Approve,
    /// <summary>修改后同意: approves on the changes the opinion states.</summary>
    ApproveWithChanges,
    /// <summary>不同意: the decision may not be made on this proposal.</summary>
    Reject,
}

public static class LegalReviewOpinions
{
    public static string Label(LegalReviewOpinion o) => o switch
    {
        LegalReviewOpinion.Approve => "同意",
        LegalReviewOpinion.ApproveWithChanges => "修改后同意",
        _ => "不同意",
    };

    public static bool Approves(LegalReviewOpinion o) => o is LegalReviewOpinion.Approve or LegalReviewOpinion.ApproveWithChanges;
}

/// <summary>A person designated to do 法制审核 (行政处罚法第五十八条) for the province of a case.</summary>
public sealed record CaseReviewer(string UserId, string Name);

/// <summary>
/// 法制审核 (Art. 58) of one proposal: who reviewed it, when, the opinion and its text. A new proposal of sanctions supersedes
/// it: the review covers the sanctions it saw (<see cref="Proposal"/>), not later ones.
/// </summary>
public class CaseLegalReview
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public string ReviewerId { get; set; } = "";
    public string ReviewerName { get; set; } = "";
    public DateOnly ReviewedOn { get; set; }
    public LegalReviewOpinion Opinion { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The proposed sanctions as reviewed, in words.</summary>
    public string Proposal { get; set; } = "";
    /// <summary>Set when the sanctions were proposed anew after this review: it no longer covers the proposal.</summary>
    public bool Superseded { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public bool Approves => LegalReviewOpinions.Approves(Opinion) && !Superseded;
}

/// <summary>集体讨论 (Art. 57 para 2): the administration's responsible persons decide a complex or major case together.</summary>
public class CaseDiscussion
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public DateOnly HeldOn { get; set; }
    /// <summary>The responsible persons who took part, as 张三、李四、王五.</summary>
    public string Participants { get; set; } = "";
    public string Conclusion { get; set; } = "";
    public string RecordedBy { get; set; } = "";
}
