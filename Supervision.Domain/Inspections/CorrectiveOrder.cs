using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Inspections;

public enum OrderState
{
    /// <summary>草稿: internal, not yet served.</summary>
    Draft,
    /// <summary>已下达: the carrier must rectify by the deadline.</summary>
    Issued,
    /// <summary>已报告整改: the carrier sent its rectification report; awaiting 整改复查.</summary>
    Replied,
    /// <summary>整改合格.</summary>
    Verified,
    /// <summary>整改不合格: re-ordered with a new deadline, or escalated.</summary>
    NotVerified,
    /// <summary>逾期未改.</summary>
    Overdue,
    /// <summary>已移交立案.</summary>
    Escalated,
}

public enum DeadlineMode
{
    /// <summary>A number of working days from the day of issue (holiday calendar).</summary>
    WorkingDays,
    /// <summary>A fixed date.</summary>
    Date,
}

public enum ExtensionStatus
{
    Pending,
    Approved,
    Refused,
    /// <summary>Moot: the carrier reported rectification before a decision.</summary>
    Withdrawn,
}

/// <summary>
/// 责令限期改正: not a penalty (行政处罚法 Art. 28) but an order to correct by a deadline, served as a numbered notice.
/// The carrier sees it once issued, reports its rectification, and the inspector re-inspects.
/// </summary>
public partial class CorrectiveOrder : IPartyVisible
{
    public const int MaxWorkingDays = 120;

    public long Id { get; set; }
    public int ProvinceId { get; private set; }
    public int BranchId { get; private set; }
    public Branch? Branch { get; set; }
    /// <summary>False while a draft; true from issue on.</summary>
    public bool VisibleToParty { get; private set; }
    public long FindingId { get; private set; }
    public string Facts { get; private set; } = "";
    public string Requirement { get; private set; } = "";
    public int? LegalBasisId { get; private set; }
    public LegalBasis? LegalBasis { get; set; }
    public DeadlineMode DeadlineMode { get; private set; }
    public int? DeadlineWorkingDays { get; private set; }
    public DateOnly? DeadlineDate { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public DateOnly? OriginalDeadline { get; private set; }
    public OrderState State { get; private set; }
    public int Round { get; private set; } = 1;
    public DateOnly? IssuedOn { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }
    public string? IssuedBy { get; private set; }
    public string? NoticeNumber { get; private set; }
    public DateTimeOffset? RepliedAt { get; private set; }
    public bool RepliedLate { get; private set; }
    public DateOnly? ReinspectedOn { get; private set; }
    public string? VerificationOpinion { get; private set; }
    public string? VerifiedBy { get; private set; }
    public string? OpinionNumber { get; private set; }
    public DateOnly? OverdueSince { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public string? EscalationReason { get; private set; }
    /// <summary>The inspector who drafted it: hears of replies, extension requests and deadlines.</summary>
    public string ResponsibleUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
    public List<RectificationReply> Replies { get; set; } = [];
    public List<ExtensionRequest> Extensions { get; set; } = [];

    public ExtensionRequest? PendingExtension => Extensions.FirstOrDefault(e => e.Status == ExtensionStatus.Pending);

    /// <summary>Open from the carrier's side: it still has to act.</summary>
    public bool AwaitsCarrier => State is OrderState.Issued or OrderState.Overdue;

    /// <summary>Issued and not complied with: overdue, failed at re-inspection, or handed to enforcement for that (拒不改正).</summary>
    public bool Disregarded => State is OrderState.Overdue or OrderState.NotVerified or OrderState.Escalated;

    /// <summary>A draft drawn up for a finding decided for correction, with the deadline as the inspector proposes it.</summary>
    public static CorrectiveOrder Draft(Finding finding, string requirement, int legalBasisId, DeadlineMode mode, int? workingDays, DateOnly? date,
        string responsibleUserId, string by, DateTimeOffset at)
    {
        var order = new CorrectiveOrder
        {
            ProvinceId = finding.ProvinceId, BranchId = finding.BranchId, FindingId = finding.Id, LegalBasisId = legalBasisId,
            ResponsibleUserId = responsibleUserId, CreatedAt = at, CreatedBy = by,
        };
        order.EditDraft(finding.Facts, requirement, mode, workingDays, date);
        return order;
    }

    /// <summary>
    /// What <paramref name="actor"/> may do with the order on <paramref name="today"/>: the inspector drafts, issues, decides
    /// extension requests, re-inspects, re-orders and escalates; the carrier reports its rectification and asks for more
    /// time. A step foreseen at this stage but not possible yet comes with the reason the step itself would give.
    /// </summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, DateOnly today)
    {
        var actions = new List<AvailableAction>();
        if (actor == Acting.Officer)
        {
            if (State == OrderState.Draft)
            {
                actions.Add(new(OrderActions.Edit, "保存草稿"));
                actions.Add(new(OrderActions.Preview, "预览通知书"));
                actions.Add(new(OrderActions.Issue, "下达", Primary: true));
            }
            if (AwaitsService && State == OrderState.Issued)
                actions.Add(new(OrderActions.Serve, "登记送达", Primary: true));
            if (PendingExtension is not null)
                actions.Add(new(OrderActions.DecideExtension, "审批延期申请", Primary: true));
            if (State is OrderState.Issued or OrderState.Overdue or OrderState.Replied)
                actions.Add(new(OrderActions.Verify, "整改复查", Primary: State == OrderState.Replied, NotYet: CannotVerify()?.Message));
            if (CannotReopen() is null)
                actions.Add(new(OrderActions.Reopen, "要求再次整改", Primary: true));
            if (State is OrderState.Issued or OrderState.Overdue or OrderState.NotVerified)
                actions.Add(new(OrderActions.Escalate, "移交立案", Danger: true, NotYet: CannotEscalate()?.Message));
        }
        else if (actor == Acting.Party && AwaitsOpening)
            actions.Add(new(OrderActions.Acknowledge, "查阅并签收", Primary: true));
        else if (actor == Acting.Party && AwaitsCarrier)
        {
            if (AcknowledgedAt is null && Served)
                actions.Add(new(OrderActions.Acknowledge, "签收"));
            actions.Add(new(OrderActions.Reply, "提交整改报告", Primary: true));
            actions.Add(new(OrderActions.RequestExtension, "申请延期", NotYet: CannotRequestExtension(today)?.Message));
        }
        return actions;
    }

    public void EditDraft(string facts, string requirement, DeadlineMode mode, int? workingDays, DateOnly? date)
    {
        if (State != OrderState.Draft)
            throw new DomainException("order.not_draft", "整改通知已下达，不能修改；如需变更期限请通过延期审批。");
        Facts = Inspection.Clean(facts, 4000) ?? "";
        Requirement = Inspection.Clean(requirement, 4000) ?? "";
        DeadlineMode = mode;
        DeadlineWorkingDays = mode == DeadlineMode.WorkingDays ? workingDays : null;
        DeadlineDate = mode == DeadlineMode.Date ? date : null;
        Touch();
    }

    /// <summary>The deadline the draft would have if issued on <paramref name="issueDate"/>.</summary>
    public DateOnly ComputeDeadline(WorkingDayCalendar calendar, DateOnly issueDate) =>
        ComputeDeadline(DeadlineMode, DeadlineWorkingDays, DeadlineDate, calendar, issueDate);

    /// <summary>The deadline an order with this deadline setting gets when issued on <paramref name="issueDate"/>.</summary>
    public static DateOnly ComputeDeadline(DeadlineMode mode, int? workingDays, DateOnly? date, WorkingDayCalendar calendar, DateOnly issueDate)
    {
        var deadline = mode switch
        {
            DeadlineMode.WorkingDays when workingDays is int n and > 0 and <= MaxWorkingDays => calendar.AddWorkingDays(issueDate, n),
            DeadlineMode.WorkingDays => throw new DomainException("order.working_days", $"整改期限应为1至{MaxWorkingDays}个工作日。"),
            _ => date ?? throw new DomainException("order.deadline_required", "请填写整改期限。"),
        };
        if (deadline <= issueDate)
            throw new DomainException("order.deadline_past", $"整改期限{ChineseDate.Format(deadline)}不能早于或等于下达日期{ChineseDate.Format(issueDate)}，请设定今后的日期。");
        return deadline;
    }

    /// <summary>Serves the order: the carrier sees it from now on.</summary>
    public void Issue(DateOnly deadline, string? noticeNumber, string by, DateTimeOffset at, DateOnly today)
    {
        if (CannotIssue() is { } refusal) throw refusal;
        if (string.IsNullOrWhiteSpace(Facts)) throw new DomainException("order.facts", "请写明检查发现的违法事实。");
        if (string.IsNullOrWhiteSpace(Requirement)) throw new DomainException("order.requirement", "请写明整改要求。");
        if (LegalBasisId is null) throw new DomainException("order.basis", "请选择法律依据。");
        if (deadline <= today)
            throw new DomainException("order.deadline_past", $"整改期限{ChineseDate.Format(deadline)}不能是今天或过去的日期。");
        State = OrderState.Issued;
        VisibleToParty = true;
        (Deadline, OriginalDeadline, IssuedOn, IssuedAt, IssuedBy, NoticeNumber) = (deadline, deadline, today, at, by, noticeNumber);
        Touch();
    }

    /// <summary>The carrier reports its rectification; after the deadline it is recorded as late.</summary>
    public RectificationReply Reply(string text, string by, DateTimeOffset at, DateOnly today)
    {
        if (CannotReply() is { } refusal) throw refusal;
        text = Inspection.Clean(text, 8000) ?? "";
        if (text.Length < 10)
            throw new DomainException("order.reply_short", "请写明整改情况（至少10个字）：采取了哪些措施、整改结果如何。");
        var late = today > Deadline;
        var reply = new RectificationReply
        {
            ProvinceId = ProvinceId, BranchId = BranchId, OrderId = Id, Round = Round, Text = text, SubmittedBy = by, SubmittedAt = at, Late = late,
        };
        Replies.Add(reply);
        if (PendingExtension is { } pending) pending.Status = ExtensionStatus.Withdrawn;
        State = OrderState.Replied;
        (RepliedAt, RepliedLate) = (at, late);
        Touch();
        return reply;
    }

    /// <summary>The carrier asks for a later deadline, before the current one has passed; one request at a time.</summary>
    public ExtensionRequest RequestExtension(DateOnly requested, string reason, string by, DateTimeOffset at, DateOnly today)
    {
        if (CannotRequestExtension(today) is { } refusal) throw refusal;
        if (requested <= Deadline)
            throw new DomainException("order.extension_date", $"申请的新期限应晚于现有期限{ChineseDate.Format(Deadline)}。");
        reason = Inspection.Clean(reason, 2000) ?? "";
        if (reason.Length < 5)
            throw new DomainException("order.extension_reason", "请说明申请延期的理由（至少5个字）。");
        var request = new ExtensionRequest
        {
            ProvinceId = ProvinceId, BranchId = BranchId, OrderId = Id, CurrentDeadline = Deadline!.Value, RequestedDeadline = requested,
            Reason = reason, RequestedBy = by, RequestedAt = at, Status = ExtensionStatus.Pending,
        };
        Extensions.Add(request);
        Touch();
        return request;
    }

    /// <summary>Approves (the deadline moves; an overdue order is open again) or refuses (reason required) the pending request.</summary>
    public ExtensionRequest DecideExtension(bool approve, DateOnly? approvedDeadline, string? reason, string by, DateTimeOffset at, DateOnly today)
    {
        var request = PendingExtension ?? throw new DomainException("order.no_extension", "没有待审批的延期申请。");
        reason = Inspection.Clean(reason, 2000);
        if (approve)
        {
            var newDeadline = approvedDeadline ?? request.RequestedDeadline;
            if (newDeadline <= Deadline || newDeadline > request.RequestedDeadline)
                throw new DomainException("order.extension_approved_date", $"批准的期限应晚于原期限{ChineseDate.Format(Deadline)}，且不晚于申请的{ChineseDate.Format(request.RequestedDeadline)}。");
            if (newDeadline <= today)
                throw new DomainException("order.deadline_past", $"批准的期限{ChineseDate.Format(newDeadline)}不能是今天或过去的日期。");
            request.Status = ExtensionStatus.Approved;
            request.ApprovedDeadline = newDeadline;
            Deadline = newDeadline;
            if (State == OrderState.Overdue)
            {
                State = OrderState.Issued;
                OverdueSince = null;
            }
        }
        else
        {
            if (reason is null || reason.Length < 5)
                throw new DomainException("order.refusal_reason", "不予延期须说明理由（至少5个字），企业将看到该理由。");
            request.Status = ExtensionStatus.Refused;
        }
        (request.DecisionReason, request.DecidedBy, request.DecidedAt) = (reason, by, at);
        Touch();
        return request;
    }

    /// <summary>Flags the order overdue once its deadline has passed without a report. Idempotent: false when nothing changed.</summary>
    public bool MarkOverdue(DateOnly today)
    {
        if (State != OrderState.Issued || Deadline is not { } deadline || today <= deadline)
            return false;
        State = OrderState.Overdue;
        OverdueSince = deadline.AddDays(1);
        Touch();
        return true;
    }

    /// <summary>整改复查: the inspector checks the reported rectification and finds it sufficient or not.</summary>
    public void Verify(bool passed, string opinion, DateOnly reinspectedOn, string? opinionNumber, string by, DateOnly today)
    {
        if (CannotVerify() is { } refusal) throw refusal;
        opinion = Inspection.Clean(opinion, 4000) ?? "";
        if (opinion.Length < 5)
            throw new DomainException("order.opinion", "请填写复查意见（至少5个字）。");
        if (reinspectedOn > today)
            throw new DomainException("order.reinspect_future", "复查日期不能晚于今天。");
        if (IssuedOn is { } issued && reinspectedOn < issued)
            throw new DomainException("order.reinspect_before_issue", "复查日期不能早于整改通知下达日期。");
        State = passed ? OrderState.Verified : OrderState.NotVerified;
        (ReinspectedOn, VerificationOpinion, VerifiedBy, OpinionNumber) = (reinspectedOn, opinion, by, opinionNumber);
        Touch();
    }

    /// <summary>After a failed re-inspection: a further round with a new deadline.</summary>
    public void Reopen(DateOnly newDeadline, DateOnly today)
    {
        if (CannotReopen() is { } refusal) throw refusal;
        if (newDeadline <= today)
            throw new DomainException("order.deadline_past", $"新的整改期限{ChineseDate.Format(newDeadline)}不能是今天或过去的日期。");
        State = OrderState.Issued;
        Round++;
        Deadline = newDeadline;
        OverdueSince = null;
        Touch();
    }

    /// <summary>Hands the matter to enforcement: after the deadline passed, or after a failed re-inspection.</summary>
    public void Escalate(string reason, DateTimeOffset at)
    {
        if (CannotEscalate() is { } refusal) throw refusal;
        reason = Inspection.Clean(reason, 2000) ?? "";
        if (reason.Length < 5)
            throw new DomainException("order.escalate_reason", "移交立案须说明理由（至少5个字）。");
        State = OrderState.Escalated;
        (EscalatedAt, EscalationReason) = (at, reason);
        Touch();
    }

    /// <summary>
    /// What the carrier was served and did, in plain words: the notice, its own reports and extension requests, the decisions
    /// on them, the deadline passing and each 整改复查 (from the order's issued 复查意见书 — the order keeps only the last result).
    /// Never the draft, the inspectors' notes or who handled it inside the administration. Empty for a draft.
    /// </summary>
    public IReadOnlyList<PartyEvent> PartyTimeline(IEnumerable<IssuedDocument> documents)
    {
        var timeline = new PartyTimeline();
        if (IssuedAt is not { } issuedAt)
            return timeline.ToList();
        timeline.Add(issuedAt, $"下达整改通知{Numbered(NoticeNumber)}" + ((OriginalDeadline ?? Deadline) is { } deadline ? $"，整改期限至{ChineseDate.Format(deadline)}" : ""));
        // How the notice reached the party (the deadline runs from it), and the party's own acknowledgement.
        if (OpenedAt is { } opened) timeline.Add(opened, "通过平台查阅责令限期改正通知书（电子送达）");
        else if (ServedOn is { } served)
        {
            var at = new DateTimeOffset(served.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset);
            timeline.Add(at < issuedAt ? issuedAt : at, $"{ServiceMethod}责令限期改正通知书"); // served the day of issue: after issue
        }
        if (AcknowledgedAt is { } acknowledged && OpenedAt is null) timeline.Add(acknowledged, "在平台签收责令限期改正通知书");
        foreach (var e in Extensions)
        {
            timeline.Add(e.RequestedAt, $"申请将整改期限延至{ChineseDate.Format(e.RequestedDeadline)}");
            if (e.DecidedAt is not { } decidedAt) continue;
            timeline.Add(decidedAt, e.Status == ExtensionStatus.Approved
                ? $"延期申请获批，整改期限延至{ChineseDate.Format(e.ApprovedDeadline!.Value)}"
                : $"延期申请未获批准：{e.DecisionReason}");
        }
        foreach (var r in Replies)
            timeline.Add(r.SubmittedAt, "提交整改报告" + (r.Round > 1 ? $"（第{r.Round}轮）" : "") + (r.Late ? "（逾期提交）" : ""));
        if (OverdueSince is { } overdue)
            timeline.Add(overdue, "整改期限已过，未提交整改报告");
        var opinions = documents.Where(d => d.Kind == DocumentKind.ReinspectionOpinion && d.VisibleToParty).OrderBy(d => d.IssuedAt).ToList();
        for (var i = 0; i < opinions.Count; i++)
        {
            // Every round but the last one failed (a further round followed); the last passed only if the order stands verified.
            var passed = i == opinions.Count - 1 && State == OrderState.Verified;
            timeline.Add(opinions[i].IssuedAt, (passed ? "整改复查合格" : "整改复查不合格") + Numbered(opinions[i].Number)
                + (!passed && Round > i + 1 ? "，须再次整改并报告" : ""));
        }
        if (EscalatedAt is { } escalated)
            timeline.Add(escalated, "未按要求完成整改，移交立案处理");
        return timeline.ToList();
    }

    // Each step's guard, written once: the step throws it, ActionsFor shows its message beside the step not yet possible.

    internal DomainException? CannotIssue() =>
        State == OrderState.Draft ? null : new DomainException("order.not_draft", "该整改通知已下达。");

    private DomainException? CannotReply() => AwaitsOpening
        ? new DomainException("order.not_opened", "请先查阅并签收责令限期改正通知书：整改期限自送达（首次查阅）之日起计算。")
        : AwaitsCarrier ? null : new DomainException("order.no_reply_expected", State switch
    {
        OrderState.Replied => "已提交整改报告，正在等待复查。",
        OrderState.Verified => "整改已复查合格，无需再报告。",
        OrderState.Escalated => "该整改通知已移交立案，不能再提交整改报告。",
        _ => $"当前状态为“{StateLabel(State)}”，不能提交整改报告。",
    });

    /// <summary>An extension is asked for before the deadline passes (even if the daily overdue scan has not run yet).</summary>
    private DomainException? CannotRequestExtension(DateOnly today)
    {
        if (AwaitsOpening)
            return new DomainException("order.not_opened", "请先查阅并签收责令限期改正通知书：整改期限自送达（首次查阅）之日起计算。");
        if (State == OrderState.Overdue || (State == OrderState.Issued && today > Deadline))
            return new DomainException("order.extension_overdue", $"整改期限（{ChineseDate.Format(Deadline)}）已过，不能再申请延期，请尽快整改并报告。");
        if (State != OrderState.Issued)
            return new DomainException("order.extension_state", $"当前状态为“{StateLabel(State)}”，不能申请延期。");
        return PendingExtension is null ? null : new DomainException("order.extension_pending", "已有一项延期申请正在审批，请等待结果。");
    }

    private DomainException? CannotVerify() => State == OrderState.Replied ? null
        : new DomainException("order.not_replied", $"企业尚未提交整改报告，不能复查（当前状态为“{StateLabel(State)}”）。");

    private DomainException? CannotReopen() => State == OrderState.NotVerified ? null
        : new DomainException("order.not_failed", "只有复查不合格的整改通知可以要求再次整改。");

    private DomainException? CannotEscalate() => State is OrderState.Overdue or OrderState.NotVerified ? null
        : new DomainException("order.escalate_state", $"只有逾期未改或复查不合格的整改通知可以移交立案（当前为“{StateLabel(State)}”）。");

    private static string Numbered(string? number) => number is null ? "" : $"（{number}）";

    /// <summary>
    /// The deadline counted again after the holiday calendar changed (<paramref name="before"/> → <paramref name="after"/>): an order whose
    /// deadline runs N working days from service (or issue) and was counted on the old calendar, not extended since. Not yet served: the
    /// deadline follows the new count. Served on the party: the date it was told stands unless the new count is later (in the party's
    /// favour), and an earlier count is only reported for review. Null: nothing to do.
    /// </summary>
    public Catalog.RecountedDeadline? Recount(Catalog.WorkingDayCalendar before, Catalog.WorkingDayCalendar after)
    {
        if (DeadlineMode != DeadlineMode.WorkingDays || DeadlineWorkingDays is not int n || Deadline is not { } old || old != OriginalDeadline
            || State is not (OrderState.Issued or OrderState.Overdue) || (ServedOn ?? IssuedOn) is not { } start)
            return null;
        if (before.AddWorkingDays(start, n) != old) return null; // not the old calendar's count: fixed otherwise, leave it
        var recounted = after.AddWorkingDays(start, n);
        if (recounted == old) return null;
        var served = ServedOn is not null;
        var moved = !served || (recounted > old && State == OrderState.Issued);
        if (moved)
        {
            (Deadline, OriginalDeadline) = (recounted, recounted);
            Touch();
        }
        return new Catalog.RecountedDeadline($"{NoticeNumber ?? "责令改正通知书"}的整改期限（自{(served ? "送达" : "下达")}之日起{n}个工作日）", old, recounted, served, moved);
    }

    private void Touch() => ConcurrencyToken = Guid.NewGuid();

    public static string StateLabel(OrderState state) => state switch
    {
        OrderState.Draft => "草稿",
        OrderState.Issued => "待整改",
        OrderState.Replied => "待复查",
        OrderState.Verified => "整改合格",
        OrderState.NotVerified => "整改不合格",
        OrderState.Overdue => "逾期未改",
        OrderState.Escalated => "已移交立案",
        _ => state.ToString(),
    };
}

/// <summary>Stable names of what can be done with a corrective order (<see cref="CorrectiveOrder.ActionsFor"/>).</summary>
public static class OrderActions
{
    public const string Edit = "edit";
    public const string Preview = "preview";
    public const string Issue = "issue";
    public const string DecideExtension = "decide-extension";
    public const string Verify = "verify";
    public const string Reopen = "reopen";
    public const string Escalate = "escalate";
    public const string Reply = "reply";
    public const string RequestExtension = "request-extension";
    /// <summary>The party opens and acknowledges the served (or sent) notice: 签收.</summary>
    public const string Acknowledge = "acknowledge";
    /// <summary>Record the service of a posted notice (the date of receipt).</summary>
    public const string Serve = "serve";
}

/// <summary>The carrier's rectification report for one round of an order; its evidence files hang off it.</summary>
public class RectificationReply : IPartyVisible
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public bool VisibleToParty { get; set; } = true;
    public long OrderId { get; set; }
    public int Round { get; set; }
    public string Text { get; set; } = "";
    public string SubmittedBy { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public bool Late { get; set; }
}

/// <summary>The carrier asks for more time; the inspector approves (with the date granted) or refuses with reasons.</summary>
public class ExtensionRequest : IPartyVisible
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public bool VisibleToParty { get; set; } = true;
    public long OrderId { get; set; }
    public DateOnly CurrentDeadline { get; set; }
    public DateOnly RequestedDeadline { get; set; }
    public string Reason { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public ExtensionStatus Status { get; set; }
    public DateOnly? ApprovedDeadline { get; set; }
    public string? DecisionReason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public static string StatusLabel(ExtensionStatus status) => status switch
    {
        ExtensionStatus.Pending => "待审批",
        ExtensionStatus.Approved => "已批准",
        ExtensionStatus.Refused => "不予批准",
        ExtensionStatus.Withdrawn => "已撤回",
        _ => status.ToString(),
    };
}
