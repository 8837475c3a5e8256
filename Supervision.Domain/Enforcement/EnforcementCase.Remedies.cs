using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Files;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// After the decision: the party's 行政复议 and 行政诉讼 (the surcharge does not accrue while they run, 行政处罚法第七十三条第三款;
/// an outcome that changes or revokes the decision replaces or ends its sanctions), and the administration's application to
/// the people's court for enforcement when the party neither pays nor seeks a remedy (行政强制法第五十三条、第五十四条).
/// </summary>
public partial class EnforcementCase
{
    private readonly List<CaseRemedy> _remedies = [];
    public IReadOnlyList<CaseRemedy> Remedies => _remedies;

    /// <summary>The day a review or court revoked the decision: from then on it is no penalty decision (rankings do not count it).</summary>
    public DateOnly? DecisionRevokedOn { get; private set; }

    /// <summary>催告书 served on the party before applying to the court (行政强制法第五十四条).</summary>
    public DateOnly? EnforcementDemandServedOn { get; private set; }
    public DateOnly? EnforcementAppliedOn { get; private set; }
    public string? EnforcementCourt { get; private set; }
    public DateOnly? EnforcementRuledOn { get; private set; }
    public string? EnforcementRuling { get; private set; }

    /// <summary>
    /// Last day to apply for review: sixty days from knowing of the decision, i.e. its service (行政复议法第二十条), moved off a
    /// holiday (行政复议法第八十八条 applies the 民事诉讼法's rule on periods). Set when the decision is served.
    /// </summary>
    public DateOnly? ReviewPeriodEnds { get; private set; }

    /// <summary>Last day to sue directly: six months from knowing of the decision (行政诉讼法第四十六条), moved off a holiday (第一百零一条).</summary>
    public DateOnly? SuitPeriodEnds { get; private set; }

    /// <summary>The last day to apply to the court for enforcement: three months after the last day to sue (行政强制法第五十三条), moved off a holiday.</summary>
    public DateOnly? EnforcementWindowCloses { get; private set; }

    /// <summary>
    /// The last day the party may sue: fifteen days after a review decision (行政诉讼法第四十五条) where the party sought review and
    /// it was decided, otherwise six months after service (第四十六条).
    /// </summary>
    public DateOnly? LastDayToSue => DecidedReview?.SuitPeriodEnds ?? SuitPeriodEnds;

    /// <summary>The review that was decided (not withdrawn): from its decision the fifteen days to sue run.</summary>
    private CaseRemedy? DecidedReview => Remedies.Where(r => r.Kind == RemedyKind.Review && r.Outcome is not (null or RemedyOutcome.Withdrawn))
        .OrderBy(r => r.OutcomeOn).LastOrDefault();

    /// <summary>
    /// When the administration may apply to the court for enforcement: within three months from the day the periods for review
    /// and suit lapsed — the last day to sue, the later (行政强制法第五十三条).
    /// </summary>
    public (DateOnly Opens, DateOnly Closes)? EnforcementWindow => LastDayToSue is { } end && EnforcementWindowCloses is { } closes ? (end.AddDays(1), closes) : null;

    /// <summary>
    /// The party neither sued nor paid the fine of a standing decision, and no review is pending: enforcement by the court is the
    /// way left once the last day to sue passed (after a review decision, the fifteen days of 行政诉讼法第四十五条).
    /// </summary>
    public bool AwaitsCourtEnforcement => ServedOn is not null && DecisionRevokedOn is null && PendingRemedy is null
                                          && Remedies.All(r => r.Kind != RemedyKind.Litigation) && Fine is { Status: SanctionStatus.Pending };

    /// <summary>Sets the periods that run from service (review, suit) and the window for court enforcement after them.</summary>
    private void StartRemedyPeriods(DateOnly servedOn, WorkingDayCalendar calendar)
    {
        ReviewPeriodEnds = calendar.AddCalendarDays(servedOn, 60);
        SuitPeriodEnds = calendar.AddMonths(servedOn, 6);
        EnforcementWindowCloses = calendar.AddMonths(SuitPeriodEnds.Value, 3);
    }

    /// <summary>What the rankings count of the case; when a step changes it, the summary is computed again in the step's transaction.</summary>
    public (DateOnly? Decided, DateOnly? Closed, DateOnly? Revoked, decimal Fine) RankedAs => (DecidedOn, ClosedOn, DecisionRevokedOn, FineAmount);

    /// <summary>The days a review or suit ran (through <paramref name="asOf"/> while one still runs): the surcharge is not counted then.</summary>
    public IReadOnlyList<(DateOnly From, DateOnly To)> SurchargePauses(DateOnly asOf) => Remedies.Select(r => r.PauseThrough(asOf)).ToList();

    /// <summary>How many days late, up to <paramref name="asOf"/> (or the day the fine was settled), were not counted for the surcharge.</summary>
    public int SurchargePausedDays(DateOnly asOf)
    {
        if (EffectivePaymentDueDate is not { } due || FineAmount == 0) return 0;
        var until = SettledOn() is { } s && s < asOf ? s : asOf;
        return FineRules.PausedDays(due, until, SurchargePauses(until));
    }

    public CaseRemedy? PendingRemedy => Remedies.FirstOrDefault(r => r.Pending);

    /// <summary>How the decision ceased to stand: 撤销 or 确认无效.</summary>
    public string RevokedAs => Remedies.Any(r => r.Outcome == RemedyOutcome.ConfirmedVoid) ? "确认无效" : "撤销";

    // ---------------------------------------------------------------- 行政复议 / 行政诉讼

    /// <summary>
    /// The party applied for review or sued. Refused before service, out of turn (行政复议法第二十九条), before service or in the
    /// future, and after the statutory period unless the reason the period was missed is recorded.
    /// </summary>
    /// <remarks>
    /// The 复议机关 of a provincial communications administration is the one its decisions name (<see cref="EnforcementSettings.ReviewBody"/>,
    /// the ministry): under the ministry's vertical leadership, review lies with the next higher competent department
    /// (行政复议法第二十七条), not with the provincial people's government.
    /// </remarks>
    public CaseRemedy FileRemedy(RemedyKind kind, DateOnly filedOn, string? body, string? caseNumber, string? lateReason, EnforcementSettings settings, string by, DateTimeOffset now)
    {
        Check(RemedyRefusal(kind));
        if (filedOn < ServedOn) throw new DomainException("case.remedy_before_service", $"申请或起诉日期不能早于处罚决定书送达日（{ChineseDate.Format(ServedOn!.Value)}）。");
        NotFuture(filedOn, now, kind == RemedyKind.Review ? "申请日期" : "起诉日期");
        var (last, article) = RemedyPeriod(kind);
        var late = filedOn > last;
        if (late && string.IsNullOrWhiteSpace(lateReason))
            throw new DomainException("case.remedy_late",
                $"{RemedyLabels.Kind(kind)}期限已于{ChineseDate.Format(last)}届满（{article}）。如因不可抗力或其他正当理由耽误期限而被受理，请写明理由"
                + (kind == RemedyKind.Review ? "（行政复议法第二十条第二款）。" : "（行政诉讼法第四十八条）。"));
        var name = body?.Trim() ?? "";
        if (kind == RemedyKind.Review)
        {
            if (name.Length == 0) name = settings.ReviewBody;
            if (name != settings.ReviewBody)
                throw new DomainException("case.review_body",
                    $"省通信管理局实行垂直管理，对其行政行为不服的，向上一级主管部门{settings.ReviewBody}申请行政复议（行政复议法第二十七条），不由“{name}”管辖。");
        }
        else if (!name.EndsWith("法院", StringComparison.Ordinal))
            throw new DomainException("case.court_required", "请填写受理起诉的人民法院（如“银川市兴庆区人民法院”）。");
        var remedy = new CaseRemedy
        {
            Kind = kind, FiledOn = filedOn, Body = name, CaseNumber = string.IsNullOrWhiteSpace(caseNumber) ? null : caseNumber.Trim(),
            LateReason = late ? lateReason!.Trim() : null, RecordedBy = by,
        };
        _remedies.Add(remedy);
        Step(by, now, kind == RemedyKind.Review ? "当事人申请行政复议" : "当事人提起行政诉讼",
            $"{ChineseDate.Format(filedOn)}，{name}{(remedy.CaseNumber is { } n ? $"（{n}）" : "")}" + (late ? $"；逾期受理理由：{remedy.LateReason}" : "")
            + "；复议、诉讼期间加处罚款不予计算（行政处罚法第七十三条第三款），处罚不停止执行");
        return remedy;
    }

    /// <summary>The body decided to suspend execution (行政复议法第四十二条, 行政诉讼法第五十六条): without it execution continues.</summary>
    public void SuspendExecution(DateOnly on, string note, string by, DateTimeOffset now)
    {
        var remedy = PendingRemedy ?? throw new DomainException("case.no_pending_remedy", "没有正在进行的行政复议或行政诉讼。");
        if (remedy.ExecutionSuspendedOn is not null) throw new DomainException("case.already_suspended", "已登记停止执行。");
        if (on < remedy.FiledOn) throw new DomainException("case.suspension_before_filing", "停止执行日期不能早于申请或起诉日期。");
        NotFuture(on, now, "停止执行日期");
        RequireReason(note, "停止执行的决定（文书及理由）");
        (remedy.ExecutionSuspendedOn, remedy.SuspensionNote) = (on, note.Trim());
        Step(by, now, remedy.Kind == RemedyKind.Review ? "复议机关决定停止执行" : "人民法院裁定停止执行", note.Trim());
    }

    /// <summary>
    /// The outcome of the pending review or suit. 变更 replaces the standing sanctions with <paramref name="changed"/> (each
    /// checked against its basis); 撤销 and 确认无效 (行政复议法第六十七条, 行政诉讼法第七十五条; a void penalty has no effect, 行政处罚法第三十八条)
    /// end them — the decision no longer stands; 确认违法 leaves them (行政复议法第六十五条,
    /// 行政诉讼法第七十四条: not revoked). The surcharge resumes after the outcome day.
    /// </summary>
    public CaseRemedy RecordRemedyOutcome(RemedyOutcome outcome, DateOnly on, string? note, IReadOnlyList<CaseSanction>? changed, StoredFile? file,
        IReadOnlyDictionary<int, LegalBasis> bases, WorkingDayCalendar calendar, string by, DateTimeOffset now)
    {
        var remedy = PendingRemedy ?? throw new DomainException("case.no_pending_remedy", "没有正在进行的行政复议或行政诉讼。");
        if (!RemedyLabels.OutcomesOf(remedy.Kind).Contains(outcome))
            throw new DomainException("case.outcome_kind", outcome == RemedyOutcome.Upheld
                ? "人民法院对合法的行政行为判决驳回原告的诉讼请求（行政诉讼法第六十九条），不作“维持”判决，请选择“驳回诉讼请求”。"
                : $"{RemedyLabels.Kind(remedy.Kind)}没有“{RemedyLabels.Outcome(remedy.Kind, outcome)}”的结果。");
        if (on < remedy.FiledOn)
            throw new DomainException("case.outcome_before_filing", $"结果日期不能早于{(remedy.Kind == RemedyKind.Review ? "申请" : "起诉")}日期（{ChineseDate.Format(remedy.FiledOn)}）。");
        NotFuture(on, now, "结果日期");
        var standing = Sanctions.Where(s => s.Status is SanctionStatus.Pending or SanctionStatus.Executed).ToList();
        var detail = RemedyLabels.Outcome(remedy.Kind, outcome);
        switch (outcome)
        {
            case RemedyOutcome.Changed:
                if (changed is not { Count: > 0 })
                    throw new DomainException("case.changed_sanctions_required", "变更决定须写明变更后的处罚（行政复议法第六十三条、行政诉讼法第七十七条）。");
                CheckSanctions(changed, bases, on);
                Check(SanctionSetRefusal(changed, id => bases[id]));
                foreach (var s in standing) s.Status = SanctionStatus.Superseded;
                foreach (var s in changed) { s.Status = SanctionStatus.Pending; _sanctions.Add(s); }
                detail += $"：{string.Join("；", standing.Select(s => s.Label))} 变更为 {string.Join("；", changed.Select(s => s.Label))}";
                if (State == CaseState.Closed) (State, ClosedOn) = (CaseState.Executing, null); // what was changed is to be carried out
                break;
            case RemedyOutcome.Revoked or RemedyOutcome.ConfirmedVoid:
                foreach (var s in standing) s.Status = SanctionStatus.Superseded;
                DecisionRevokedOn = on;
                detail += "：处罚决定不再执行";
                break;
        }
        (remedy.Outcome, remedy.OutcomeOn, remedy.OutcomeNote, remedy.File) = (outcome, on, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), file);
        if (remedy.Kind == RemedyKind.Review && outcome != RemedyOutcome.Withdrawn && DecisionRevokedOn is null)
        {
            // The party may sue within fifteen days of the review decision (行政诉讼法第四十五条); the window for court enforcement follows it.
            remedy.SuitPeriodEnds = calendar.AddCalendarDays(on, 15);
            EnforcementWindowCloses = calendar.AddMonths(remedy.SuitPeriodEnds.Value, 3);
            detail += $"；当事人可于{ChineseDate.Format(remedy.SuitPeriodEnds.Value)}前提起行政诉讼（行政诉讼法第四十五条）";
        }
        Step(by, now, $"{(remedy.Kind == RemedyKind.Review ? "行政复议决定" : "人民法院判决")}：{RemedyLabels.Outcome(remedy.Kind, outcome)}",
            detail + (remedy.OutcomeNote is { } n ? $"。{n}" : ""));
        return remedy;
    }

    // ---------------------------------------------------------------- 申请人民法院强制执行

    /// <summary>The 催告书 is served before applying to the court (行政强制法第五十四条), once the payment period has passed.</summary>
    public void ServeEnforcementDemand(DateOnly on, string by, DateTimeOffset now)
    {
        Check(EnforcementStepRefusal());
        if (EnforcementDemandServedOn is { } served) throw new DomainException("case.demand_served", $"催告书已于{ChineseDate.Format(served)}送达。");
        if (on <= EffectivePaymentDueDate)
            throw new DomainException("case.demand_before_due", $"缴款期限至{ChineseDate.Format(EffectivePaymentDueDate!.Value)}届满，届满后当事人仍未缴纳的方可催告。");
        NotFuture(on, now, "催告书送达日期");
        EnforcementDemandServedOn = on;
        Step(by, now, "送达催告书", $"{ChineseDate.Format(on)}送达；送达十日后仍未履行的，可申请人民法院强制执行（行政强制法第五十四条）");
    }

    /// <summary>
    /// Applies to the people's court for enforcement: within the window after the suit period (行政强制法第五十三条), ten days
    /// after the 催告书 was served (第五十四条).
    /// </summary>
    public void ApplyForEnforcement(DateOnly on, string court, string by, DateTimeOffset now)
    {
        Check(EnforcementStepRefusal() ?? EnforcementApplicationRefusal(on));
        NotFuture(on, now, "申请日期");
        if (string.IsNullOrWhiteSpace(court) || !court.Trim().EndsWith("法院", StringComparison.Ordinal))
            throw new DomainException("case.court_required", "请填写受理申请的人民法院（所在地有管辖权的人民法院，行政强制法第五十四条）。");
        (EnforcementAppliedOn, EnforcementCourt) = (on, court.Trim());
        Step(by, now, "申请人民法院强制执行", $"{ChineseDate.Format(on)}向{EnforcementCourt}申请");
    }

    /// <summary>The court's ruling on the application (准予执行 / 不予执行, 行政强制法第五十七、五十八条) and what followed.</summary>
    public void RecordEnforcementRuling(DateOnly on, string ruling, string by, DateTimeOffset now)
    {
        if (EnforcementAppliedOn is not { } applied) throw new DomainException("case.not_applied", "尚未申请人民法院强制执行。");
        if (EnforcementRuledOn is not null) throw new DomainException("case.ruling_recorded", "已登记人民法院的裁定。");
        if (on < applied) throw new DomainException("case.ruling_before_application", $"裁定日期不能早于申请日期（{ChineseDate.Format(applied)}）。");
        NotFuture(on, now, "裁定日期");
        RequireReason(ruling, "裁定结果");
        (EnforcementRuledOn, EnforcementRuling) = (on, ruling.Trim());
        Step(by, now, "人民法院裁定", EnforcementRuling);
    }

    // ---------------------------------------------------------------- what may be done, and the deadline

    /// <summary>The officer's steps after the decision, among <see cref="ActionsFor(Acting, DateOnly)"/>; the party has none here.</summary>
    private List<AvailableAction> RemedyActions(DateOnly today)
    {
        var actions = new List<AvailableAction>();
        if (ServedOn is null || State is not (CaseState.Served or CaseState.Executing or CaseState.Closed)) return actions;
        if (PendingRemedy is { } pending)
        {
            actions.Add(new("remedy-outcome", pending.Kind == RemedyKind.Review ? "登记复议决定" : "登记判决结果", Primary: true));
            if (pending.ExecutionSuspendedOn is null) actions.Add(new("remedy-suspend", "登记停止执行"));
        }
        else if (DecisionRevokedOn is null)
        {
            actions.Add(new("remedy-review", "登记行政复议申请", NotYet: RemedyRefusal(RemedyKind.Review)?.Message));
            actions.Add(new("remedy-litigation", "登记行政诉讼", NotYet: RemedyRefusal(RemedyKind.Litigation)?.Message));
        }
        if (AwaitsCourtEnforcement && EnforcementAppliedOn is null)
        {
            if (EnforcementDemandServedOn is null && today > EffectivePaymentDueDate) actions.Add(new("enforcement-demand", "送达催告书"));
            actions.Add(new("enforcement-apply", "申请人民法院强制执行", Primary: EnforcementApplicationRefusal(today) is null,
                NotYet: EnforcementApplicationRefusal(today)?.Message));
        }
        if (EnforcementAppliedOn is not null && EnforcementRuledOn is null) actions.Add(new("enforcement-ruling", "登记法院裁定"));
        return actions;
    }

    /// <summary>The window to apply to the court, as a deadline of the case while the party neither pays nor seeks a remedy.</summary>
    public IEnumerable<CaseDeadline> EnforcementDeadlines(DateOnly today)
    {
        if (EnforcementWindow is not { } window || !(AwaitsCourtEnforcement || EnforcementAppliedOn is not null)) yield break;
        var met = EnforcementAppliedOn is not null;
        yield return new CaseDeadline("court-enforcement", "申请人民法院强制执行（行政强制法第五十三条）", window.Closes, met, !met && today > window.Closes);
    }

    private DomainException? RemedyRefusal(RemedyKind kind)
    {
        if (ServedOn is null) return new("case.remedy_not_served", "处罚决定书送达后，当事人方可申请行政复议或者提起行政诉讼。");
        if (DecisionRevokedOn is { } revoked) return new("case.decision_revoked", $"处罚决定已于{ChineseDate.Format(revoked)}被{RevokedAs}。");
        if (kind == RemedyKind.Review && Remedies.Any(r => r.Kind == RemedyKind.Litigation))
            return new("case.review_after_suit", "当事人已提起行政诉讼，不得再申请行政复议（行政复议法第二十九条第二款）。");
        if (PendingRemedy is { } pending)
            return new("case.remedy_pending", pending.Kind == RemedyKind.Review
                ? "行政复议期间不得向人民法院提起行政诉讼（行政复议法第二十九条第一款），请先登记复议决定。"
                : "行政诉讼尚未审结，请先登记判决结果。");
        if (Remedies.Any(r => r.Kind == kind && r.Outcome != RemedyOutcome.Withdrawn))
            return new("case.remedy_done", kind == RemedyKind.Review ? "本案已经行政复议。" : "本案已登记行政诉讼；上诉、再审的结果请在判决结果中写明。");
        return null;
    }

    /// <summary>The last day to file and the article that sets it: a suit after a review within fifteen days of its decision (行政诉讼法第四十五条).</summary>
    private (DateOnly Last, string Article) RemedyPeriod(RemedyKind kind)
    {
        if (kind == RemedyKind.Review) return (ReviewPeriodEnds!.Value, "自知道该行政行为之日起六十日内提出，行政复议法第二十条");
        return DecidedReview?.SuitPeriodEnds is { } afterReview
            ? (afterReview, "不服复议决定的，自收到复议决定书之日起十五日内起诉，行政诉讼法第四十五条")
            : (SuitPeriodEnds!.Value, "自知道作出行政行为之日起六个月内起诉，行政诉讼法第四十六条");
    }

    private DomainException? EnforcementStepRefusal()
    {
        if (EnforcementAppliedOn is { } applied) return new("case.enforcement_applied", $"已于{ChineseDate.Format(applied)}申请人民法院强制执行。");
        if (AwaitsCourtEnforcement) return null;
        if (Remedies.Any(r => r.Kind == RemedyKind.Litigation))
            return new("case.enforcement_not_applicable", "当事人已提起行政诉讼，不适用行政强制法第五十三条（期限内未申请复议或起诉）的申请强制执行。");
        if (PendingRemedy is not null)
            return new("case.enforcement_not_applicable", "行政复议尚未审结，复议决定作出后当事人仍可在十五日内起诉（行政诉讼法第四十五条），不能申请强制执行。");
        return new("case.enforcement_not_applicable", "本案没有待缴的罚款，无需申请强制执行。");
    }

    /// <summary>An application dated <paramref name="on"/>: ten days after the demand, inside the window after the suit period.</summary>
    private DomainException? EnforcementApplicationRefusal(DateOnly on)
    {
        var (opens, closes) = EnforcementWindow!.Value;
        if (on < opens)
            return new("case.enforcement_too_early",
                $"当事人的起诉期限至{ChineseDate.Format(opens.AddDays(-1))}届满（{(DecidedReview is null ? "行政诉讼法第四十六条" : "复议决定后十五日，行政诉讼法第四十五条")}；期间最后一日为法定休假日的，顺延至休假日后的第一日），届满后方可申请人民法院强制执行（行政强制法第五十三条）。");
        if (on > closes)
            return new("case.enforcement_too_late", $"申请强制执行的期限（起诉期限届满之日起三个月）已于{ChineseDate.Format(closes)}届满（行政强制法第五十三条）。");
        if (EnforcementDemandServedOn is not { } demand)
            return new("case.demand_required", "申请人民法院强制执行前，应当催告当事人履行义务（行政强制法第五十四条），请先送达催告书。");
        return on < demand.AddDays(10)
            ? new("case.demand_period_running", $"催告书送达十日后当事人仍未履行的，方可申请（行政强制法第五十四条），最早{ChineseDate.Format(demand.AddDays(10))}。")
            : null;
    }

    /// <summary>What the party did and was told after the decision, in plain words: no notes, no internal record.</summary>
    private void AddRemedies(PartyTimeline timeline)
    {
        foreach (var r in Remedies.OrderBy(r => r.FiledOn).ThenBy(r => r.Id))
        {
            timeline.Add(r.FiledOn, r.Kind == RemedyKind.Review ? $"向{r.Body}申请行政复议" : $"向{r.Body}提起行政诉讼");
            if (r.ExecutionSuspendedOn is { } suspended) timeline.Add(suspended, r.Kind == RemedyKind.Review ? "复议机关决定停止执行" : "人民法院裁定停止执行");
            if (r.Outcome is { } outcome)
                timeline.Add(r.OutcomeOn!.Value, $"{(r.Kind == RemedyKind.Review ? "行政复议决定" : "人民法院判决")}：{RemedyLabels.Outcome(r.Kind, outcome)}");
        }
        if (EnforcementDemandServedOn is { } demand) timeline.Add(demand, "送达催告书");
        if (EnforcementAppliedOn is { } applied) timeline.Add(applied, $"行政机关向{EnforcementCourt}申请强制执行");
    }
}
