using Supervision.Domain.Catalog;
using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// The responsible person's approval of a case's steps: filing (Art. 54), the decision or no penalty (Art. 57), extending
/// the decision period (Art. 60), deferral and instalments (Art. 66). Which of them need it was fixed from the province's
/// settings when the case was filed. An officer asks (<see cref="RequestApproval"/>) with the content the step will take;
/// the step goes on only with an approval of exactly that content, and uses it up.
/// </summary>
public partial class EnforcementCase
{
    /// <summary>The steps of this case that need approval (<see cref="ApprovalStep"/> names), from the province's settings at filing.</summary>
    public string RequiredApprovals { get; private set; } = "";

    private readonly List<ApprovalRequest> _approvalRequests = [];
    /// <summary>Every request and its outcome (an internal record: never shown to the party).</summary>
    public IReadOnlyList<ApprovalRequest> ApprovalRequests => _approvalRequests;

    public bool Requires(ApprovalStep step) => ApprovalSteps.Parse(RequiredApprovals).Contains(step);

    /// <summary>
    /// Asks the responsible person to approve a step with the content it will take (the decision's sanctions, the new date
    /// and reason of an extension, …). Only where the step can come next, only once at a time per step.
    /// </summary>
    public ApprovalRequest RequestApproval(ApprovalStep step, ApprovalProposal proposal, string note, Approver requester,
        IReadOnlyDictionary<int, LegalBasis> bases, string by, DateTimeOffset now)
    {
        if (!Requires(step)) throw new DomainException("approval.not_required", $"本省规定{ApprovalSteps.Label(step)}无需报请审批，可直接办理。");
        Check(ApprovalStageRefusal(step));
        if (ApprovalRequests.Any(a => a.Step == step && a.Status == ApprovalStatus.Pending))
            throw new DomainException("approval.pending", $"{ApprovalSteps.Label(step)}已报请审批，尚待审批，不能重复报请。");
        var content = ContentOf(step, proposal, bases, BeijingTime.Today(now));
        var request = ApprovalRequest.For(ProvinceId, Id, step, ApprovalSubject, content, proposal, note, requester, now);
        foreach (var earlier in _approvalRequests.Where(a => a.Step == step && a.Status == ApprovalStatus.Approved)) earlier.Supersede();
        _approvalRequests.Add(request);
        Step(by, now, $"报请审批：{ApprovalSteps.Label(step)}", content.Length > 200 ? content[..200] + "…" : content);
        return request;
    }

    /// <summary>The approval that would let the step go on with its current proposal: its latest approved request, if any.</summary>
    public ApprovalRequest? UsableApproval(ApprovalStep step) =>
        ApprovalRequests.Where(a => a.Step == step && a.Status == ApprovalStatus.Approved).OrderBy(a => a.RequestedAt).ThenBy(a => a.Id).LastOrDefault();

    /// <summary>The approval a step took (used), the latest for that step: what its printed form states.</summary>
    public ApprovalRequest? UsedApproval(ApprovalStep step) =>
        ApprovalRequests.Where(a => a.Step == step && a.Status == ApprovalStatus.Used).OrderBy(a => a.UsedAt).ThenBy(a => a.Id).LastOrDefault();

    /// <summary>What the filing approval approves: the case as filed.</summary>
    public string FilingContent() =>
        $"案由：{Title}；违法行为发生日：{ChineseDate.Format(ViolationDate)}；发现日：{ChineseDate.Format(DiscoveredOn)}；"
        + $"调查人员：{string.Join("、", Investigators.Select(i => i.Name))}；违法事实：{Facts}";

    /// <summary>What a decision approval approves: each sanction with its legal basis.</summary>
    public static string DecisionContent(IEnumerable<CaseSanction> sanctions, IReadOnlyDictionary<int, LegalBasis> bases) =>
        "作出行政处罚决定：" + string.Join("；", sanctions.OrderBy(s => s.Kind).ThenBy(s => s.Amount)
            .Select(s => CaseDocumentData.SanctionText(s) + (bases.TryGetValue(s.LegalBasisId, out var b) ? $"（依据{b.Statute}{b.PenaltyArticle}）" : "")));

    /// <summary>What a publication approval approves: the announcement's terms as the publicity side words them.</summary>
    public static string PublicationContent(string terms) => $"发布行政处罚决定公示：{terms.Trim()}";

    /// <summary>
    /// Publishing the decision's announcement with <paramref name="terms"/>: refused without an approval of exactly those
    /// terms where the case needs one; the approval is used up.
    /// </summary>
    public void UsePublicationApproval(string terms, DateTimeOffset now) => UseApproval(ApprovalStep.Publication, PublicationContent(terms), now);

    /// <summary>What holds the publication back for want of approval, whatever its terms (null: none needed, or one approved).</summary>
    public DomainException? PublicationApprovalRefusal() => ApprovalRefusal(ApprovalStep.Publication, null);

    public static string NoPenaltyContent(string reason) => $"不予行政处罚。理由：{reason.Trim()}";

    public static string ExtensionContent(DateOnly newDate, string reason) => $"作出决定的期限延长至{ChineseDate.Format(newDate)}。理由：{reason.Trim()}";

    public static string ArrangementContent(ApprovalKind kind, DateOnly newDate, string? schedule, string reason) => kind == ApprovalKind.Deferral
        ? $"暂缓缴纳罚款，缴款期限至{ChineseDate.Format(newDate)}。理由：{reason.Trim()}"
        : $"分期缴纳罚款，最后一期至{ChineseDate.Format(newDate)}，分期安排：{schedule?.Trim()}。理由：{reason.Trim()}";

    private string ContentOf(ApprovalStep step, ApprovalProposal p, IReadOnlyDictionary<int, LegalBasis> bases, DateOnly today)
    {
        string Reason() => string.IsNullOrWhiteSpace(p.Reason) || p.Reason.Trim().Length < 5
            ? throw new DomainException("case.reason_required", "请写明理由（至少5个字）。") : p.Reason.Trim();
        DateOnly Date() => p.NewDate ?? throw new DomainException("approval.date_required", "请填写新的期限。");
        switch (step)
        {
            case ApprovalStep.Filing:
                return FilingContent();
            case ApprovalStep.Decision:
                if (p.Sanctions is not { Count: > 0 } sanctions) throw new DomainException("case.no_sanction", "请写明拟作出的处罚。");
                var list = sanctions.Select(s => s.ToSanction()).ToList();
                if (list.FirstOrDefault(s => !bases.ContainsKey(s.LegalBasisId)) is not null) throw new DomainException("case.unknown_basis", "所选法律依据不存在。");
                CheckSanctions(list, bases, today);
                return DecisionContent(list, bases);
            case ApprovalStep.NoPenalty:
                return NoPenaltyContent(Reason());
            case ApprovalStep.DecisionExtension:
                if (Date() <= EffectiveDecisionDueDate) throw new DomainException("case.extension_date", $"延长后的期限应晚于{ChineseDate.Format(EffectiveDecisionDueDate)}。");
                return ExtensionContent(Date(), Reason());
            case ApprovalStep.Deferral or ApprovalStep.Instalments:
                var kind = step == ApprovalStep.Deferral ? ApprovalKind.Deferral : ApprovalKind.Instalments;
                if (kind == ApprovalKind.Instalments && string.IsNullOrWhiteSpace(p.Schedule)) throw new DomainException("case.schedule_required", "分期缴纳须写明各期日期和金额。");
                return ArrangementContent(kind, Date(), p.Schedule, Reason());
            case ApprovalStep.Publication:
                return PublicationContent(p.Publication?.Terms is { Length: > 0 } terms ? terms
                    : throw new DomainException("approval.publication_terms", "请先选择公示类别和公示期，再报请审批。"));
            default:
                throw new DomainException("approval.not_case_step", "该事项不属于案件办理环节。");
        }
    }

    private string ApprovalSubject => $"{CaseNumber ?? "（待立案）"} {Title}";

    /// <summary>Where a step can be asked for: the same stage the step itself may be taken in.</summary>
    private DomainException? ApprovalStageRefusal(ApprovalStep step) => step switch
    {
        ApprovalStep.Filing => FilingRefusal(),
        ApprovalStep.Decision => Deliberating ? NoticeRefusal() : Refused("报请审批处罚决定", "拟定处罚之后、作出决定之前"),
        ApprovalStep.NoPenalty => MayDecideNoPenalty ? null : Refused("报请审批不予处罚", "审查、告知或听证阶段"),
        ApprovalStep.DecisionExtension => Undecided ? null : Refused("报请延长决定期限", "作出决定之前"),
        ApprovalStep.Deferral or ApprovalStep.Instalments => InExecution ? PaymentRefusal() : Refused("报请暂缓或分期缴纳", "送达之后、结案之前"),
        ApprovalStep.Publication => DecidedOn is not null ? null : Refused("报请审批发布公示", "作出处罚决定之后"),
        _ => new DomainException("approval.not_case_step", "该事项不属于案件办理环节。"),
    };

    /// <summary>
    /// What holds a step back for want of approval (null: it needs none, or an approval of exactly <paramref name="content"/>
    /// is on record; with no content, of any content — what the actions list can know).
    /// </summary>
    private DomainException? ApprovalRefusal(ApprovalStep step, string? content)
    {
        if (!Requires(step)) return null;
        if (ApprovalRequests.Any(a => content is null ? a.Step == step && a.Status == ApprovalStatus.Approved : a.Covers(step, content))) return null;
        var (label, article) = (ApprovalSteps.Label(step), ApprovalSteps.Article(step));
        var last = ApprovalRequests.Where(a => a.Step == step).OrderBy(a => a.RequestedAt).ThenBy(a => a.Id).LastOrDefault();
        return last?.Status switch
        {
            ApprovalStatus.Pending => new("approval.pending",
                $"{label}须经行政机关负责人批准（{article}）：已于{ChineseDate.Format(BeijingTime.Today(last.RequestedAt))}报请审批，尚待审批。"),
            ApprovalStatus.Refused => new("approval.refused",
                $"{label}未获批准（{last.ApproverName}意见：{last.Opinion}），须修改后重新报请审批（{article}）。"),
            ApprovalStatus.Approved or ApprovalStatus.Superseded => new("approval.content_changed",
                $"本次{label}的内容与局领导批准的内容不一致，原批准不再适用，请按现在的内容重新报请审批（{article}）。"),
            _ => new("approval.required", $"{label}须经行政机关负责人批准（{article}），请先报请审批。"),
        };
    }

    /// <summary>Takes the step on its approval: refused without one for exactly this content; the approval is used up. Null where none is needed.</summary>
    private ApprovalRequest? UseApproval(ApprovalStep step, string content, DateTimeOffset now)
    {
        Check(ApprovalRefusal(step, content));
        if (!Requires(step)) return null;
        var approval = ApprovalRequests.Where(a => a.Covers(step, content)).OrderBy(a => a.RequestedAt).ThenBy(a => a.Id).Last();
        approval.MarkUsed(now);
        return approval;
    }

    /// <summary>Sanctions proposed anew: a decision approved (or asked for) on the earlier proposal no longer counts.</summary>
    private void SupersedeDecisionApprovals()
    {
        foreach (var a in _approvalRequests.Where(a => a.Step == ApprovalStep.Decision)) a.Supersede();
    }

    /// <summary>Investigation starts once the filing is approved and its 立案审批表 issued, where filing needs approval.</summary>
    private DomainException? InvestigationRefusal() =>
        Requires(ApprovalStep.Filing) && CaseNumber is null
            ? ApprovalRefusal(ApprovalStep.Filing, null) ?? new("case.filing_not_issued", "立案已获批准，请先签发立案审批表，再开始调查。")
            : null;

    /// <summary>The requests an officer may make now: a step that needs approval, at its stage, with none pending and none usable.</summary>
    private IEnumerable<AvailableAction> ApprovalActions()
    {
        AvailableAction? Ask(ApprovalStep step, string key, string label) =>
            Requires(step) && ApprovalStageRefusal(step) is null && !ApprovalRequests.Any(a => a.Step == step && a.Status == ApprovalStatus.Pending)
                ? new AvailableAction(key, label, Primary: UsableApproval(step) is null && (step == ApprovalStep.Filing || (step == ApprovalStep.Decision && PartyHeard)))
                : null;
        var arrangement = Ask(ApprovalStep.Deferral, "approval-arrangement", "报请暂缓/分期缴纳") ?? Ask(ApprovalStep.Instalments, "approval-arrangement", "报请暂缓/分期缴纳");
        return new[]
        {
            Ask(ApprovalStep.Filing, "approval-filing", "报请立案审批"),
            Ask(ApprovalStep.Decision, "approval-decision", "报请审批处罚决定"),
            Ask(ApprovalStep.NoPenalty, "approval-no-penalty", "报请审批不予处罚"),
            Ask(ApprovalStep.DecisionExtension, "approval-extension", "报请延长决定期限"),
            arrangement,
        }.OfType<AvailableAction>();
    }
}
