using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// What the law requires inside the administration before a decision: 法制审核 by a designated legal reviewer (Art. 58) and,
/// for a case marked complex or major, 集体讨论 by the responsible persons (Art. 57 para 2). The decision is refused until
/// both are on record (<see cref="DeliberationRefusal"/>).
/// </summary>
public partial class EnforcementCase
{
    /// <summary>重大违法行为, as the officer marked it (Arts. 57 para 2, 58).</summary>
    public bool IsMajor { get; private set; }
    /// <summary>情节复杂 (疑难复杂), as the officer marked it (Arts. 57 para 2, 58 (3)).</summary>
    public bool IsComplex { get; private set; }
    public string? SignificanceReason { get; private set; }
    /// <summary>The proposed fine reached the province's legal-review threshold when the prior notice was served.</summary>
    public bool FineNeedsLegalReview { get; private set; }

    private readonly List<CaseLegalReview> _legalReviews = [];
    public IReadOnlyList<CaseLegalReview> LegalReviews => _legalReviews;
    private readonly List<CaseDiscussion> _discussions = [];
    public IReadOnlyList<CaseDiscussion> Discussions => _discussions;

    /// <summary>The review that covers the current proposal (the latest one not superseded by a new proposal), if any.</summary>
    public CaseLegalReview? CurrentLegalReview => LegalReviews.Where(r => !r.Superseded).OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).LastOrDefault();

    /// <summary>Why this case needs 法制审核 before its decision (empty: it does not).</summary>
    public IReadOnlyList<string> LegalReviewGrounds()
    {
        var grounds = new List<string>();
        if (HearingRequestedOn is not null) grounds.Add("当事人申请了听证");
        else if (HearingOffered) grounds.Add("已告知听证权利");
        if (FineNeedsLegalReview) grounds.Add("拟罚款达到本省法制审核金额标准");
        if (IsMajor) grounds.Add("属重大违法行为");
        if (IsComplex) grounds.Add("案件情况疑难复杂");
        return grounds;
    }

    /// <summary>The officer marks the case major and/or complex (or withdraws the mark), with the reason, before the decision.</summary>
    public void MarkSignificance(bool major, bool complex, string reason, string by, DateTimeOffset now)
    {
        if (!Undecided) throw Refused("认定重大或复杂案件", "作出决定之前");
        if (major == IsMajor && complex == IsComplex)
            throw new DomainException("case.significance_unchanged", "认定结果与现有认定相同，无需重新认定。");
        RequireReason(reason, "认定理由");
        (IsMajor, IsComplex, SignificanceReason) = (major, complex, reason.Trim());
        Step(by, now, "认定案件性质", $"{SignificanceText}：{SignificanceReason}");
    }

    /// <summary>重大违法行为、情节复杂, or 一般案件.</summary>
    public string SignificanceText => (IsMajor, IsComplex) switch
    {
        (true, true) => "重大违法行为、情节复杂",
        (true, false) => "重大违法行为",
        (false, true) => "情节复杂",
        _ => "一般案件",
    };

    /// <summary>
    /// The legal reviewer records the opinion on the proposal as it stands: after sanctions were proposed and before the
    /// decision, never by one of the case's investigators.
    /// </summary>
    public void RecordLegalReview(CaseReviewer reviewer, DateOnly on, LegalReviewOpinion opinion, string text, string by, DateTimeOffset now)
    {
        Check(LegalReviewStepRefusal(reviewer));
        NotFuture(on, now, "审核日期");
        if (on < FiledOn) throw new DomainException("case.date_before_filing", "审核日期不能早于立案日。");
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("case.legal_review_text", "请填写法制审核意见。");
        PersonName.Require(reviewer.Name, "法制审核");       // the approval form names the reviewer
        var proposal = string.Join("；", Sanctions.Where(s => s.Status == SanctionStatus.Proposed).OrderBy(s => s.Kind).Select(s => s.Label));
        _legalReviews.Add(new CaseLegalReview
        {
            ReviewerId = reviewer.UserId, ReviewerName = reviewer.Name, ReviewedOn = on, Opinion = opinion, Text = text.Trim(), Proposal = proposal, RecordedAt = now,
        });
        Step(by, now, "法制审核", $"{reviewer.Name}：{LegalReviewOpinions.Label(opinion)}。{text.Trim()}");
    }

    /// <summary>集体讨论 of a case marked complex or major: the day, the responsible persons present and what they concluded.</summary>
    public void RecordDiscussion(DateOnly heldOn, string participants, string conclusion, string by, DateTimeOffset now)
    {
        Check(DiscussionStepRefusal());
        NotFuture(heldOn, now, "讨论日期");
        if (heldOn < FiledOn) throw new DomainException("case.date_before_filing", "讨论日期不能早于立案日。");
        var names = (participants ?? "").Split(['、', '，', ',', '；', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (names.Count < 2)
            throw new DomainException("case.discussion_participants", "集体讨论须由行政机关负责人集体进行，请填写至少两名参加讨论的负责人（以“、”分隔）。");
        if (string.IsNullOrWhiteSpace(conclusion)) throw new DomainException("case.discussion_conclusion", "请填写集体讨论的结论。");
        var list = string.Join("、", names);
        _discussions.Add(new CaseDiscussion { HeldOn = heldOn, Participants = list, Conclusion = conclusion.Trim(), RecordedBy = by });
        Step(by, now, "集体讨论", $"{ChineseDate.Format(heldOn)}，参加：{list}；结论：{conclusion.Trim()}");
    }

    /// <summary>What the designated legal reviewer may do with the case today.</summary>
    public IReadOnlyList<AvailableAction> ActionsFor(CaseReviewer reviewer, DateOnly today)
    {
        if (!Deliberating) return [];
        return [new AvailableAction("legal-review", "法制审核", Primary: LegalReviewGrounds().Count > 0 && CurrentLegalReview is null,
            NotYet: LegalReviewStepRefusal(reviewer)?.Message)];
    }

    /// <summary>The officer's steps of deliberation: marking the case, and its collective discussion once marked.</summary>
    private IEnumerable<AvailableAction> DeliberationActions()
    {
        if (Undecided) yield return new("mark-significance", "认定重大/复杂案件");
        if (Deliberating && (IsMajor || IsComplex)) yield return new("discussion", "记录集体讨论", NotYet: DiscussionStepRefusal()?.Message);
    }

    /// <summary>After the sanctions were proposed and before the decision: the proposal is reviewed and discussed.</summary>
    private bool Deliberating => State is CaseState.UnderReview or CaseState.PriorNoticeServed or CaseState.Hearing;

    private DomainException? LegalReviewStepRefusal(CaseReviewer reviewer)
    {
        if (!Deliberating) return Refused("进行法制审核", "拟定处罚之后、作出决定之前");
        if (Investigators.Any(i => i.UserId == reviewer.UserId))
            return new("case.reviewer_is_investigator", "您是本案的调查人员，不得对本案进行法制审核（行政处罚法第五十八条：法制审核由从事行政处罚决定法制审核的人员进行）。");
        return Sanctions.All(s => s.Status != SanctionStatus.Proposed) ? new("case.no_sanction", "拟定处罚后方可进行法制审核。") : null;
    }

    private DomainException? DiscussionStepRefusal()
    {
        if (!Deliberating) return Refused("记录集体讨论", "审查、告知或听证阶段");
        return IsMajor || IsComplex ? null : new("case.discussion_not_needed", "本案未认定为情节复杂或重大违法行为，无需集体讨论。");
    }

    /// <summary>
    /// 法制审核 (Art. 58) and 集体讨论 (Art. 57 para 2) before a decision dated <paramref name="decidedOn"/>: a case with grounds
    /// for review needs an approving opinion on its current proposal, dated no later than the decision; a case marked complex
    /// or major needs its collective discussion on record.
    /// </summary>
    /// <param name="settings">The province's settings: while its legal-review threshold is not verified by an administrator, no case
    /// may skip 法制审核 on it (<see cref="UnverifiedThresholdRefusal"/>); null where only the case's own grounds are asked.</param>
    private DomainException? DeliberationRefusal(DateOnly decidedOn, EnforcementSettings? settings = null)
    {
        var grounds = LegalReviewGrounds();
        if (grounds.Count > 0 || settings is { LegalReviewThresholdVerified: false })
        {
            var review = CurrentLegalReview;
            if (review is null && grounds.Count == 0) return UnverifiedThresholdRefusal();
            if (review is null)
                return new("case.legal_review_required", $"本案{string.Join("、", grounds)}，作出决定前须经法制审核；未经法制审核的，不得作出决定（行政处罚法第五十八条）。"
                    + (LegalReviews.Count > 0 ? "原审核意见针对此前拟定的处罚，重新拟定处罚后须重新审核。" : ""));
            if (!review.Approves)
                return new("case.legal_review_rejected", $"法制审核意见为“{LegalReviewOpinions.Label(review.Opinion)}”（{review.ReviewerName}，{ChineseDate.Format(review.ReviewedOn)}），审核未通过的不得作出决定（行政处罚法第五十八条）。");
            // A hearing changes what the decision rests on (its record, Art. 65): the review must read it (Art. 58 (2)).
            if (HearingHeldOn is { } held && review.ReviewedOn < held)
                return new("case.legal_review_before_hearing", $"法制审核（{ChineseDate.Format(review.ReviewedOn)}）早于听证（{ChineseDate.Format(held)}）：经过听证程序的案件，"
                    + "应当在听证后结合听证笔录进行法制审核（行政处罚法第五十八条第一款第二项、第六十五条），请重新审核。");
            if (review.ReviewedOn > decidedOn)
                return new("case.decision_before_legal_review", $"决定日期不能早于法制审核日期（{ChineseDate.Format(review.ReviewedOn)}）（行政处罚法第五十八条）。");
        }
        if (IsMajor || IsComplex)
        {
            var discussion = Discussions.OrderBy(d => d.HeldOn).LastOrDefault();
            if (discussion is null)
                return new("case.discussion_required", $"本案认定为{SignificanceText}，应当由行政机关负责人集体讨论决定（行政处罚法第五十七条第二款），请先记录集体讨论。");
            if (discussion.HeldOn > decidedOn)
                return new("case.decision_before_discussion", $"决定日期不能早于集体讨论日期（{ChineseDate.Format(discussion.HeldOn)}）（行政处罚法第五十七条第二款）。");
        }
        return null;
    }

    /// <summary>
    /// No case skips 法制审核 on a threshold nobody checked: the skip rests on the bureau's own amount (行政处罚法第五十八条 names the
    /// cases, the bureau the amount), so while the setting is not verified the case is reviewed.
    /// </summary>
    private DomainException UnverifiedThresholdRefusal() => new("case.legal_review_threshold_unverified",
        "本局执法参数中的“法制审核金额标准”及其依据尚未经系统管理员核对，不能据此认定本案无需法制审核；"
        + "请先进行法制审核后再作出决定（行政处罚法第五十八条），或请系统管理员在“执法参数”中核对该标准的依据并标记为已核对。"
        + (LegalReviews.Count > 0 ? "原审核意见针对此前拟定的处罚，重新拟定处罚后须重新审核。" : ""));

    /// <summary>A new proposal is a new matter for review: earlier opinions no longer cover it.</summary>
    private void SupersedeLegalReviews()
    {
        foreach (var r in _legalReviews.Where(r => !r.Superseded)) r.Superseded = true;
    }
}
