using System.Globalization;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Enforcement;

public enum CaseSource
{
    /// <summary>Opened directly (complaint, referral, the administration's own discovery).</summary>
    Direct,
    /// <summary>From an inspection finding.</summary>
    Finding,
    /// <summary>From a corrective order not complied with.</summary>
    CorrectiveOrder,
}

/// <summary>
/// A penalty case against one carrier branch, as an explicit state machine: each step of the Administrative
/// Penalty Law is a named method that refuses what the law forbids, with a message an inspector can act on.
/// </summary>
public partial class EnforcementCase : IPartyVisible
{
    public long Id { get; private set; }
    public int ProvinceId { get; private set; }
    public int BranchId { get; private set; }
    public Branch? Branch { get; private set; }
    /// <summary>立案号, the number of the filing approval (e.g. 宁通管立〔2026〕3号); set when that document is issued.</summary>
    public string? CaseNumber { get; private set; }
    /// <summary>The 文号 of the 行政处罚决定书, once issued.</summary>
    public string? DecisionNumber { get; private set; }
    /// <summary>案由, e.g. 未按规定查验用户身份信息.</summary>
    public string Title { get; private set; } = "";
    public string Facts { get; private set; } = "";
    public DateOnly ViolationDate { get; private set; }
    /// <summary>For a continuing act (连续或者继续状态), the day it ended; the limitation runs from there (Art. 36).</summary>
    public DateOnly? ActEndedOn { get; private set; }
    /// <summary>The day the administration discovered the act: within the limitation of the act (Art. 36).</summary>
    public DateOnly DiscoveredOn { get; private set; }
    /// <summary>
    /// Why the five-year limitation applies (Art. 36 para 1: the act concerns citizens' life, health or safety or financial
    /// security and caused harm), as recorded at filing; null: the two years.
    /// </summary>
    public string? ExtendedLimitationFacts { get; private set; }
    public DateOnly FiledOn { get; private set; }
    public string FiledBy { get; private set; } = "";
    public CaseSource Source { get; private set; }
    public string? SourceRef { get; private set; }
    /// <summary>Identifies the unlawful act, so one act is never fined twice (Art. 29).</summary>
    public string ActKey { get; private set; } = "";
    public int LegalBasisId { get; private set; }
    public LegalBasis? LegalBasis { get; private set; }
    public CaseState State { get; private set; }
    public bool VisibleToParty { get; private set; }

    public DateOnly DecisionDueDate { get; private set; }
    public string? ReviewConclusion { get; private set; }
    public DateOnly? PriorNoticeServedOn { get; private set; }
    public DateOnly? StatementDeadline { get; private set; }
    public bool StatementWaived { get; private set; }
    public bool HearingOffered { get; private set; }
    public DateOnly? HearingRequestDeadline { get; private set; }
    public DateOnly? HearingRequestedOn { get; private set; }
    public DateOnly? HearingNoticeServedOn { get; private set; }
    /// <summary>How the 听证通知书 was served (one of <see cref="ServiceMethods.All"/>).</summary>
    public string? HearingNoticeServiceMethod { get; private set; }
    public DateOnly? HearingDate { get; private set; }
    /// <summary>The hour the hearing begins (the 听证通知书 states the time: Art. 64 (二)); null in cases scheduled before it was recorded.</summary>
    public TimeOnly? HearingTime { get; private set; }
    /// <summary>The day the 听证通知书 was sent through the portal; it is served when the party first opens it.</summary>
    public DateOnly? HearingNoticeSentOn { get; private set; }
    /// <summary>The notice sent through the portal was first opened fewer than seven working days before the hearing: it must be set again.</summary>
    public bool HearingNoticeLate { get; private set; }
    public string? HearingPlace { get; private set; }
    public DateOnly? HearingHeldOn { get; private set; }
    public string? HearingRecord { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    /// <summary>裁量理由: why the fine is this amount within the range the basis allows (the factors weighed), as the decision states it.</summary>
    public string? DiscretionReason { get; private set; }
    public DateOnly? ServiceDueDate { get; private set; }
    public DateOnly? ServedOn { get; private set; }
    public string? ServiceMethod { get; private set; }
    public bool ServiceLate { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateOnly? PaymentDueDate { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? ExitReason { get; private set; }
    public string? TransferredTo { get; private set; }
    public Guid ConcurrencyToken { get; private set; } = Guid.NewGuid();

    private EnforcementCase() { } // EF Core materializes; a case begins with File

    private readonly List<CaseInvestigator> _investigators = [];
    public IReadOnlyList<CaseInvestigator> Investigators => _investigators;
    private readonly List<CaseEvidence> _evidence = [];
    public IReadOnlyList<CaseEvidence> Evidence => _evidence;
    private readonly List<CaseSanction> _sanctions = [];
    public IReadOnlyList<CaseSanction> Sanctions => _sanctions;
    private readonly List<CaseStatement> _statements = [];
    public IReadOnlyList<CaseStatement> Statements => _statements;
    private readonly List<CasePayment> _payments = [];
    public IReadOnlyList<CasePayment> Payments => _payments;
    private readonly List<CaseApproval> _approvals = [];
    public IReadOnlyList<CaseApproval> Approvals => _approvals;
    private readonly List<CaseStep> _steps = [];
    public IReadOnlyList<CaseStep> Steps => _steps;

    public CaseSanction? Fine => Sanctions.FirstOrDefault(s => s.Kind == SanctionKind.Fine && s.Status != SanctionStatus.Superseded);
    public decimal FineAmount => Fine?.Amount ?? 0m;
    public decimal Paid => Payments.Sum(p => p.Amount);

    public DateOnly EffectiveDecisionDueDate =>
        Approvals.Where(a => a.Kind == ApprovalKind.DecisionExtension).Select(a => a.NewDate).DefaultIfEmpty(DecisionDueDate).Max();

    /// <summary>When the fine must be paid: the due date after service, or the latest approved deferral or last instalment.</summary>
    public DateOnly? EffectivePaymentDueDate =>
        Approvals.Where(a => a.Kind is ApprovalKind.Deferral or ApprovalKind.Instalments).OrderBy(a => a.Id).Select(a => (DateOnly?)a.NewDate).LastOrDefault() ?? PaymentDueDate;

    /// <summary>The surcharge as of a day: accrues after the payment due date until the fine is paid in full, but not while a review or suit runs.</summary>
    public decimal SurchargeOn(DateOnly asOf, decimal ratePerDay)
    {
        if (EffectivePaymentDueDate is not { } due || FineAmount == 0) return 0m;
        var settledOn = SettledOn();
        var until = settledOn is { } s && s < asOf ? s : asOf;
        return FineRules.Surcharge(FineAmount, due, until, ratePerDay, SurchargePauses(until));
    }

    public decimal OutstandingOn(DateOnly asOf, decimal ratePerDay) => Math.Max(0, FineAmount + SurchargeOn(asOf, ratePerDay) - Paid);

    /// <summary>The day payments first covered the fine (the surcharge stops there), if they have.</summary>
    private DateOnly? SettledOn()
    {
        var total = 0m;
        foreach (var p in Payments.OrderBy(p => p.PaidOn).ThenBy(p => p.Id))
        {
            total += p.Amount;
            if (total >= FineAmount) return p.PaidOn;
        }
        return null;
    }

    // ---------------------------------------------------------------- 立案

    /// <summary>
    /// Files a case. Refused when the violation is older than the limitation period (Art. 36: two years, five where
    /// <paramref name="extendedLimitationFacts"/> records harm to life, health, safety or financial security), when fewer than two
    /// officers investigate (Art. 42), or when the legal basis was not in force on the day of the violation.
    /// </summary>
    public static EnforcementCase File(Branch party, LegalBasis basis, string title, string facts, DateOnly violationDate, DateOnly filedOn,
        IReadOnlyList<(string UserId, string Name)> investigators, CaseSource source, string? sourceRef, EnforcementSettings settings, string by, DateTimeOffset now,
        DateOnly? discoveredOn = null, DateOnly? actEndedOn = null, string? extendedLimitationFacts = null)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("case.title_required", "请填写案由。");
        if (string.IsNullOrWhiteSpace(facts)) throw new DomainException("case.facts_required", "请写明违法事实。");
        NotFuture(filedOn, now, "立案日期");
        if (violationDate > filedOn)
            throw new DomainException("case.violation_after_filing", "违法行为发生日不能晚于立案日。");
        var discovered = discoveredOn ?? filedOn;
        if (discovered > filedOn) throw new DomainException("case.discovered_after_filing", "发现违法行为的日期不能晚于立案日。");
        if (discovered < violationDate) throw new DomainException("case.discovered_before_act", "发现违法行为的日期不能早于违法行为发生日。");
        if (actEndedOn is { } ended && ended < violationDate) throw new DomainException("case.act_end_before_start", "违法行为终了日不能早于发生日。");
        var limitationFrom = actEndedOn ?? violationDate;
        var extended = string.IsNullOrWhiteSpace(extendedLimitationFacts) ? null : extendedLimitationFacts.Trim();
        var years = extended is null ? settings.LimitationYears : settings.ExtendedLimitationYears;
        if (extended is { Length: < 10 })
            throw new DomainException("case.extended_limitation_facts", "适用五年追责期限的，请写明违法行为涉及公民生命健康安全或金融安全、并已造成危害后果的事实（至少10个字，行政处罚法第三十六条第一款）。");
        if (limitationFrom.AddYears(years) < discovered)
            throw new DomainException("case.limitation",
                $"违法行为{(actEndedOn is null ? "发生于" : "终了于")}{ChineseDate.Format(limitationFrom)}，至{ChineseDate.Format(discovered)}发现时已超过{years}年未被发现，"
                + "依照行政处罚法第三十六条不再给予行政处罚，不得立案"
                + (extended is null ? $"（涉及公民生命健康安全、金融安全且有危害后果的，期限为{settings.ExtendedLimitationYears}年，须写明该事实）。" : "。"));
        if (investigators.Select(i => i.UserId).Distinct().Count() < 2)
            throw new DomainException("case.investigators", "执法人员不得少于两人（行政处罚法第四十二条），请指定至少两名调查人员。");
        // The case's documents name its 承办人: each must be a person.
        foreach (var investigator in investigators) PersonName.Require(investigator.Name, "承办案件");
        if (!basis.IsEffectiveOn(violationDate))
            throw new DomainException("case.basis_not_effective", $"法律依据{basis.Label}在违法行为发生日（{ChineseDate.Format(violationDate)}）不在有效期内。");
        var c = new EnforcementCase
        {
            ProvinceId = party.ProvinceId, BranchId = party.Id, Title = title.Trim(), Facts = facts.Trim(), ViolationDate = violationDate, FiledOn = filedOn,
            DiscoveredOn = discovered, ActEndedOn = actEndedOn, ExtendedLimitationFacts = extended,
            FiledBy = by, Source = source, SourceRef = sourceRef, LegalBasisId = basis.Id, State = CaseState.Filed,
            ActKey = sourceRef is { Length: > 0 } r ? $"{source}:{r}" : $"{party.Id}:{basis.Code}:{violationDate:yyyyMMdd}",
            DecisionDueDate = filedOn.AddDays(settings.DecisionDays), RequiredApprovals = settings.ApprovalSteps,
        };
        c._investigators.AddRange(investigators.DistinctBy(i => i.UserId).Select(i => new CaseInvestigator { UserId = i.UserId, Name = i.Name }));
        c.Step(by, now, "立案", $"案由：{c.Title}；违法行为发生日{ChineseDate.Format(violationDate)}；作出决定期限{ChineseDate.Format(c.DecisionDueDate)}", filedOn);
        return c;
    }

    /// <summary>The 立案审批表 is issued once, on the filing's approval where filing needs one (Art. 54); its 文号 is the case number.</summary>
    public void RecordFilingApproval(string? number, DateTimeOffset now)
    {
        Check(FilingRefusal());
        UseApproval(ApprovalStep.Filing, FilingContent(), now);
        CaseNumber = number;
        foreach (var request in _approvalRequests) request.Retitle(ApprovalSubject);
        ConcurrencyToken = Guid.NewGuid();
    }

    // ---------------------------------------------------------------- 调查取证 / 审查

    public void StartInvestigation(string by, DateTimeOffset now)
    {
        Require(CaseState.Filed, "开始调查");
        Check(InvestigationRefusal());
        Move(CaseState.Investigating, by, now, "开始调查取证", null);
    }

    public void AddEvidence(CaseEvidence evidence, string by, DateTimeOffset now)
    {
        if (!Collecting) throw Refused("收集证据", "调查取证或审查阶段");
        if (string.IsNullOrWhiteSpace(evidence.Description)) throw new DomainException("case.evidence_description", "请描述证据内容。");
        if (evidence.CollectedOn < FiledOn) throw new DomainException("case.evidence_before_filing", "取证日期不能早于立案日。");
        NotFuture(evidence.CollectedOn, now, "取证日期");
        _evidence.Add(evidence);
        Step(by, now, "收集证据", evidence.Description, evidence.CollectedOn);
    }

    public void SubmitForReview(string conclusion, string by, DateTimeOffset now)
    {
        Require(CaseState.Investigating, "提交审查");
        Check(ReviewRefusal());
        if (string.IsNullOrWhiteSpace(conclusion)) throw new DomainException("case.conclusion_required", "请写明调查结论。");
        ReviewConclusion = conclusion.Trim();
        Move(CaseState.UnderReview, by, now, "调查终结，提交审查", ReviewConclusion);
    }

    /// <summary>
    /// The penalty the administration intends (and will state in the prior notice). Every sanction must be allowed by
    /// its basis and within its range; the act must not already have been fined in another case (Art. 29).
    /// </summary>
    /// <param name="discretionReason">裁量理由 of a proposed fine (the factors weighed, why this amount within the range): the prior notice
    /// states it (行政处罚法第四十四条: 拟作出的行政处罚内容及事实、理由、依据) and the decision repeats it unless the decision records another.</param>
    public void ProposeSanctions(IReadOnlyList<CaseSanction> sanctions, IReadOnlyDictionary<int, LegalBasis> bases, bool actAlreadyFined, string by, DateTimeOffset now,
        string? discretionReason = null)
    {
        Require(CaseState.UnderReview, "拟定处罚");
        Check(NoticeSentRefusal());
        if (sanctions.Count == 0) throw new DomainException("case.no_sanction", "请至少拟定一项处罚或处理。");
        CheckDiscretionLength(discretionReason);
        CheckSanctions(sanctions, bases, BeijingTime.Today(now)); // the version the law applies if decided today (第三十七条)
        Check(SanctionSetRefusal(sanctions, id => bases[id]));
        if (actAlreadyFined && sanctions.Any(s => s.Kind == SanctionKind.Fine))
            throw new DomainException("case.double_fine", "该违法行为已在其他案件中被处以罚款，不得再次罚款（行政处罚法第二十九条）。");
        _sanctions.RemoveAll(s => s.Status == SanctionStatus.Proposed);
        foreach (var s in sanctions) { s.Status = SanctionStatus.Proposed; _sanctions.Add(s); }
        DiscretionReason = sanctions.Any(s => s.Kind == SanctionKind.Fine) && !string.IsNullOrWhiteSpace(discretionReason) ? discretionReason.Trim() : null;
        SupersedeLegalReviews();
        SupersedeDecisionApprovals();
        Step(by, now, "拟定处罚", string.Join("；", sanctions.Select(s => s.Label)));
    }

    // ---------------------------------------------------------------- 事先告知 / 陈述申辩 / 听证

    /// <summary>
    /// Serves the 事先告知书 (Art. 44) by a method the law allows that day — electronically only with the party's consent in a
    /// 送达地址确认书 (Art. 61 para 2), as the decision; a notice not lawfully served is no notice (Art. 62).
    /// </summary>
    public void ServePriorNotice(DateOnly on, EnforcementSettings settings, WorkingDayCalendar calendar, string by, DateTimeOffset now,
        string method = ServiceMethods.InPerson, ServiceDetails? details = null)
    {
        Require(CaseState.UnderReview, "送达事先告知书");
        Check(NoticeRefusal());
        if (on < FiledOn) throw new DomainException("case.date_before_filing", "送达日期不能早于立案日。");
        NotFuture(on, now, "送达日期");
        var service = PrepareService(DocumentKind.PriorNotice, method, on, details, by, now);
        var (servedOn, record) = (service.ServedOn, service.Record);
        KeepService(service);
        PriorNoticeServedOn = servedOn;
        StatementDeadline = calendar.AddWorkingDays(servedOn, settings.StatementWorkingDays);
        HearingOffered = GivesHearingRight(settings);
        HearingRequestDeadline = HearingOffered ? calendar.AddWorkingDays(servedOn, settings.HearingRequestWorkingDays) : null;
        FineNeedsLegalReview = FineAmount >= settings.LegalReviewThreshold;
        VisibleToParty = true;
        Move(CaseState.PriorNoticeServed, by, now, $"送达事先告知书（{method.Trim()}）", (record is null ? "" : record + "；") +
            $"陈述申辩期限至{ChineseDate.Format(StatementDeadline.Value)}" + (HearingOffered ? $"；告知听证权利，申请期限至{ChineseDate.Format(HearingRequestDeadline!.Value)}" : ""), on);
    }

    /// <summary>The party states its case (陈述申辩) within the period, or waives it in writing.</summary>
    public void RecordStatement(CaseStatement statement, DateOnly today, string by, DateTimeOffset now)
    {
        RequireOpen(statement.IsWaiver ? "书面放弃陈述申辩" : "提交陈述申辩");
        if (!PartyHeard) throw Refused("提交陈述申辩", "事先告知之后、作出决定之前");
        Check(StatementRefusal(statement.IsWaiver, today));
        if (string.IsNullOrWhiteSpace(statement.Text)) throw new DomainException("case.statement_text", "请填写陈述申辩意见（或放弃的书面声明）。");
        _statements.Add(statement);
        if (statement.IsWaiver) StatementWaived = true;
        else StatementReceived();
        Step(by, now, statement.IsWaiver ? "当事人书面放弃陈述申辩和听证" : "收到陈述申辩", statement.Text.Length > 80 ? statement.Text[..80] + "…" : statement.Text);
    }

    /// <param name="settings">The province's settings: a refusal because no hearing was offered cites its threshold and that threshold's source.</param>
    public void RequestHearing(DateOnly on, string by, DateTimeOffset now, EnforcementSettings? settings = null)
    {
        RequireOpen("申请听证");
        Require(CaseState.PriorNoticeServed, "申请听证");
        Check(HearingRequestRefusal(on, settings));
        HearingRequestedOn = on;
        Move(CaseState.Hearing, by, now, "当事人申请听证", null);
    }

    /// <summary>
    /// Sets the hearing: the party must be notified at least the statutory number of working days before (Art. 64); the 听证通知书
    /// is served by a method the law allows that day — electronically only with the party's consent (Art. 61 para 2), the one
    /// check the prior notice and the decision use.
    /// </summary>
    /// <param name="closedGround">Why the hearing is not public (Art. 64 (三)); null: it is public.</param>
    /// <param name="noticeOn">The day the 听证通知书 is served (by post: the date of receipt; through the portal: the day it is sent, served when first opened).</param>
    /// <param name="hearingTime">The hour the hearing begins: the notice states the time as well as the day (Art. 64 (二)).</param>
    public void ScheduleHearing(DateOnly noticeOn, DateOnly hearingDate, TimeOnly hearingTime, string place, HearingPanel panel, EnforcementSettings settings, WorkingDayCalendar calendar,
        string by, DateTimeOffset now, string method = ServiceMethods.InPerson, ServiceDetails? details = null, HearingPrivacyGround? closedGround = null)
    {
        Require(CaseState.Hearing, "安排听证");
        Check(HearingScheduleRefusal());
        NotFuture(noticeOn, now, "听证通知送达日期");
        if (details?.PostedOn is { } posted && posted > hearingDate || noticeOn > hearingDate)
            throw new DomainException("case.hearing_notice_after_hearing",
                $"听证通知书的日期不能晚于听证日期（{ChineseDate.Format(hearingDate)}）：行政机关应当在举行听证的七日前通知当事人听证的时间、地点（行政处罚法第六十四条第（二）项）。");
        if (hearingTime < new TimeOnly(7, 0) || hearingTime > new TimeOnly(20, 0))
            throw new DomainException("case.hearing_time", "请填写听证开始的时间（7时至20时之间），听证通知书须写明听证的时间（行政处罚法第六十四条第（二）项）。");
        // Through the portal the notice is sent now and served when the party first opens it (ReceiveHearingNotice).
        var sending = IsPortalSending(method, details);
        CaseServiceRecord? service = null;
        if (sending)
        {
            NotFuture(noticeOn, now, "发送日期");
            Check(ServiceMethodRefusal(method, noticeOn));
        }
        else service = PrepareService(DocumentKind.HearingNotice, method, noticeOn, details, by, now);
        var servedOn = service?.ServedOn ?? noticeOn;
        Check(HearingNoticeShortRefusal(servedOn, hearingDate, settings, calendar));
        if (string.IsNullOrWhiteSpace(place)) throw new DomainException("case.hearing_place", "请填写听证地点。");
        if (closedGround is { } ground && !Enum.IsDefined(ground))
            throw new DomainException("case.hearing_closed_ground", "不公开举行听证的，须以涉及国家秘密、商业秘密或者个人隐私为由（行政处罚法第六十四条第（三）项）。");
        AppointHearingPanel(panel);
        if (service is not null) KeepService(service);
        (HearingNoticeServedOn, HearingNoticeSentOn, HearingNoticeServiceMethod, HearingDate, HearingTime, HearingPlace, HearingClosedGround) =
            (service?.ServedOn, sending ? noticeOn : null, method.Trim(), hearingDate, hearingTime, place.Trim(), closedGround);
        HearingNoticeLate = false;
        Step(by, now, sending ? "电子送达听证通知书（已发送）" : $"送达听证通知书（{HearingNoticeServiceMethod}）",
            (sending ? "通过平台及电子邮件发送，以当事人首次查阅之日为送达日期；" : service!.Record is { } record ? record + "；" : "")
            + $"听证定于{ChineseDate.Format(hearingDate, hearingTime)}在{HearingPlace}{(closedGround is { } g ? $"不公开举行（涉及{HearingPrivacyGrounds.Label(g)}）" : "公开举行")}；主持人{HearingChairName}，记录员{HearingClerk}");
    }

    /// <summary>
    /// The party first opened the 听证通知书 sent through the portal: that day it is served. Served fewer than the statutory days before
    /// the hearing (Art. 64 (二)), the hearing cannot be held that day: the case says so and the hearing must be set again.
    /// </summary>
    public void ReceiveHearingNotice(DateOnly on, ServiceDetails details, EnforcementSettings settings, WorkingDayCalendar calendar, string by, DateTimeOffset now)
    {
        Require(CaseState.Hearing, "听证通知书送达");
        if (HearingNoticeSentOn is null || HearingNoticeServedOn is not null) return;
        var service = PrepareService(DocumentKind.HearingNotice, PortalService, on, details, by, now);
        KeepService(service);
        HearingNoticeServedOn = service.ServedOn;
        HearingNoticeLate = HearingNoticeShortRefusal(service.ServedOn, HearingDate!.Value, settings, calendar) is not null;
        Step(by, now, $"送达听证通知书（{PortalService}）", service.Record
            + (HearingNoticeLate ? $"；距听证（{ChineseDate.Format(HearingDate.Value)}）不足{settings.HearingNoticeWorkingDays}个工作日，须重新安排听证（行政处罚法第六十四条第（二）项）" : ""));
    }

    /// <summary>Sending through the portal: served later, on the first opening (a receipt carries the opening: that is service itself).</summary>
    private static bool IsPortalSending(string method, ServiceDetails? details) => method.Trim() == PortalService && details?.OpenedAt is null;

    /// <summary>The notice must reach the party at least seven days — working days (Art. 85) — before the hearing (Art. 64 (二)).</summary>
    private static DomainException? HearingNoticeShortRefusal(DateOnly servedOn, DateOnly hearingDate, EnforcementSettings settings, WorkingDayCalendar calendar)
    {
        var earliest = calendar.AddWorkingDays(servedOn, settings.HearingNoticeWorkingDays);
        return hearingDate < earliest
            ? new("case.hearing_notice_short",
                $"行政机关应当在举行听证的七日前通知当事人听证的时间、地点（行政处罚法第六十四条第（二）项，七日指工作日，第八十五条）：通知于{ChineseDate.Format(servedOn)}送达，"
                + $"听证最早为{ChineseDate.Format(earliest)}。")
            : null;
    }

    public void RecordHearing(DateOnly heldOn, string record, string by, DateTimeOffset now)
    {
        Require(CaseState.Hearing, "记录听证");
        Check(HearingRecordRefusal(heldOn));
        NotFuture(heldOn, now, "听证举行日期");
        if (string.IsNullOrWhiteSpace(record)) throw new DomainException("case.hearing_record", "请填写听证笔录要点。");
        (HearingHeldOn, HearingRecord) = (heldOn, record.Trim());
        Step(by, now, "举行听证", HearingRecord.Length > 80 ? HearingRecord[..80] + "…" : HearingRecord, heldOn);
    }

    // ---------------------------------------------------------------- 决定

    /// <summary>
    /// Decides the penalty. Refused before the prior notice was served and its statement period ran out (unless waived in
    /// writing) (Arts. 44, 62), while a hearing may still be requested or has not been held, after the decision period
    /// (Art. 60) unless extended on approval, and when the penalty is heavier than the notice stated (Art. 45).
    /// </summary>
    public void Decide(DateOnly decidedOn, IReadOnlyList<CaseSanction> final, string? decisionNumber, IReadOnlyDictionary<int, LegalBasis> bases,
        EnforcementSettings settings, WorkingDayCalendar calendar, string by, DateTimeOffset now, string? discretionReason = null)
    {
        Check(DecisionRefusal(decidedOn, settings));
        NotFuture(decidedOn, now, "决定日期");
        CheckDiscretionLength(discretionReason);
        if (final.Count == 0) throw new DomainException("case.no_sanction", "处罚决定至少包含一项处罚；不予处罚请使用“不予处罚”。");
        var proposed = Sanctions.Where(s => s.Status == SanctionStatus.Proposed).ToList();
        CheckSanctions(final, bases, decidedOn);
        foreach (var s in final)
        {
            var stated = proposed.FirstOrDefault(p => p.Kind == s.Kind)
                         ?? throw new DomainException("case.heavier_than_notice", $"事先告知书未告知“{SanctionLabels.Label(s.Kind)}”，决定不得增加（行政处罚法第四十五条：不得因当事人陈述申辩而给予更重的处罚）。");
            if (s.Kind == SanctionKind.Fine && s.Amount > stated.Amount)
                throw new DomainException("case.heavier_than_notice", $"决定罚款{ChineseMoney.Yuan(s.Amount!.Value)}高于事先告知的{ChineseMoney.Yuan(stated.Amount!.Value)}（行政处罚法第四十五条）。");
        }
        Check(SanctionSetRefusal(final, id => bases[id]));
        UseApproval(ApprovalStep.Decision, DecisionContent(final, bases), now);
        _sanctions.RemoveAll(s => s.Status == SanctionStatus.Proposed);
        foreach (var s in final) { s.Status = SanctionStatus.Pending; _sanctions.Add(s); }
        DecidedOn = decidedOn;
        DecisionNumber = decisionNumber;
        // The reasons stated in the prior notice stand unless the decision records its own (e.g. a fine lowered after the statements).
        if (!string.IsNullOrWhiteSpace(discretionReason)) DiscretionReason = discretionReason.Trim();
        if (!final.Any(s => s.Kind == SanctionKind.Fine)) DiscretionReason = null;
        AppliedLawNote = VersionNote(final, bases, decidedOn);
        ServiceDueDate = calendar.AddWorkingDays(decidedOn, settings.ServiceWorkingDays);
        Move(CaseState.Decided, by, now, "作出行政处罚决定", string.Join("；", final.Select(s => s.Label)) + $"；送达期限{ChineseDate.Format(ServiceDueDate.Value)}"
            + (AppliedLawNote is null ? "" : $"；{AppliedLawNote}"), decidedOn);
    }

    private static void CheckDiscretionLength(string? discretionReason)
    {
        if (discretionReason is { Length: > 400 })
            throw new DomainException("case.discretion_length", "罚款裁量理由不超过400字。");
    }

    /// <summary>Extends the decision period, on the responsible person's approval of this date and reason where the province requires it (Art. 60).</summary>
    public void ExtendDecisionPeriod(DateOnly newDate, string reason, EnforcementSettings settings, string by, DateTimeOffset now)
    {
        if (!Undecided) throw Refused("延长决定期限", "作出决定之前");
        if (newDate <= EffectiveDecisionDueDate) throw new DomainException("case.extension_date", $"延长后的期限应晚于{ChineseDate.Format(EffectiveDecisionDueDate)}。");
        Check(ExtensionLimitRefusal(newDate, settings));
        RequireReason(reason, "延期理由");
        var approval = UseApproval(ApprovalStep.DecisionExtension, ExtensionContent(newDate, reason), now);
        _approvals.Add(CaseApproval.Granted(ApprovalKind.DecisionExtension, reason, newDate, null, approval, now));
        Step(by, now, "延长决定期限", $"{(approval is null ? "" : $"经{approval.ApproverName}批准")}延长至{ChineseDate.Format(newDate)}：{reason}");
    }

    // ---------------------------------------------------------------- exits

    /// <summary>The ground in law of a 不予行政处罚 decision (<see cref="NoPenaltyGround"/>), as the 决定书 states it, and the articles it cites.</summary>
    public string? NoPenaltyGroundCode { get; private set; }
    public string? NoPenaltyGround { get; private set; }
    public string? NoPenaltyArticle { get; private set; }
    /// <summary>False where the ground is that the unlawful act is not established (第五十七条第一款第（三）项).</summary>
    public bool? NoPenaltyActEstablished { get; private set; }
    /// <summary>The 文号 of the 不予行政处罚决定书 (it is reviewable, as a penalty decision is).</summary>
    public string? NoPenaltyNumber { get; private set; }

    /// <summary>
    /// 不予行政处罚 on a ground the law gives (行政处罚法第三十三条, 第五十七条第一款第（二）、（三）项), recorded with the facts that
    /// support it; the numbered 不予行政处罚决定书 states both.
    /// </summary>
    public void DecideNoPenalty(DateOnly on, NoPenaltyGround? ground, string reason, string? decisionNumber, string by, DateTimeOffset now)
    {
        if (!MayDecideNoPenalty) throw Refused("决定不予处罚", "审查、告知或听证阶段");
        if (ground is null)
            throw new DomainException("case.no_penalty_ground",
                "请选择不予行政处罚的法定情形（行政处罚法第三十三条：违法行为轻微并及时改正没有造成危害后果、初次违法且危害后果轻微并及时改正、没有主观过错；第五十七条第一款第（三）项：违法事实不能成立）。");
        RequireReason(reason, ground.ActEstablished ? "符合该情形的事实和理由" : "违法事实不能成立的理由");
        NotFuture(on, now, "决定日期");
        UseApproval(ApprovalStep.NoPenalty, NoPenaltyContent(reason), now);
        _sanctions.RemoveAll(s => s.Status == SanctionStatus.Proposed);
        (ClosedOn, ExitReason) = (on, reason.Trim());
        (NoPenaltyGroundCode, NoPenaltyGround, NoPenaltyArticle, NoPenaltyActEstablished, NoPenaltyNumber) = (ground.Code, ground.Text, ground.Article, ground.ActEstablished, decisionNumber);
        VisibleToParty = true; // the 不予行政处罚决定书 is served on the party, who may seek review of it
        Move(CaseState.NoPenalty, by, now, "决定不予行政处罚",
            (decisionNumber is null ? "" : $"{decisionNumber}：") + $"{ground.Text}（{ground.Article}）；{ExitReason}", on);
    }

    /// <summary>撤销立案: the facts are not established or the case should not have been filed.</summary>
    public void Withdraw(DateOnly on, string reason, string by, DateTimeOffset now)
    {
        if (!Withdrawable) throw Refused("撤销立案", "立案、调查或审查阶段");
        RequireReason(reason, "撤销理由");
        NotFuture(on, now, "撤销日期");
        (ClosedOn, ExitReason) = (on, reason.Trim());
        Move(CaseState.Withdrawn, by, now, "撤销立案", ExitReason);
    }

    /// <summary>移送: the case belongs to another authority (e.g. suspected crime to the public security organs).</summary>
    public void Transfer(DateOnly on, string to, string reason, string by, DateTimeOffset now)
    {
        if (!Undecided) throw Refused("移送", "作出决定之前");
        if (string.IsNullOrWhiteSpace(to)) throw new DomainException("case.transfer_to", "请填写移送机关。");
        RequireReason(reason, "移送理由");
        NotFuture(on, now, "移送日期");
        (ClosedOn, ExitReason, TransferredTo) = (on, reason.Trim(), to.Trim());
        Move(CaseState.Transferred, by, now, $"移送{TransferredTo}", ExitReason, on);
    }

    // ---------------------------------------------------------------- 送达 / 执行 / 结案

    /// <summary>Serves the decision (Art. 61); the payment period starts; a warning is carried out by service itself.</summary>
    public void Serve(DateOnly on, string method, EnforcementSettings settings, WorkingDayCalendar calendar, string by, DateTimeOffset now,
        ServiceDetails? details = null)
    {
        Require(CaseState.Decided, "送达处罚决定书");
        if (on < DecidedOn) throw new DomainException("case.served_before_decision", "送达日期不能早于决定日期。");
        NotFuture(on, now, "送达日期");
        var service = PrepareService(DocumentKind.PenaltyDecision, method, on, details, by, now);
        var (servedOn, record) = (service.ServedOn, service.Record);
        KeepService(service);
        (ServedOn, ServiceMethod, ServiceRecord) = (servedOn, method.Trim(), record);
        if (ServiceMethods.IsElectronic(method) && details?.OpenedAt is { } opened) ElectronicallyOpenedAt = opened;
        // Within the service period is judged by what the administration did: posted, sent, announced or handed over.
        ServiceLate = (details?.PostedOn ?? details?.SentOn ?? on) > ServiceDueDate;
        PaymentDueDate = Fine is null ? null : calendar.AddCalendarDays(servedOn, settings.PaymentDays);
        StartRemedyPeriods(servedOn, calendar);
        foreach (var warning in Sanctions.Where(s => s.Kind == SanctionKind.Warning && s.Status == SanctionStatus.Pending))
            warning.Execute(servedOn, "随处罚决定书送达执行");
        Move(CaseState.Served, by, now, "送达行政处罚决定书", $"{ServiceMethod}" + (record is null ? "" : $"（{record}）") + (ServiceLate ? $"（超过送达期限{ChineseDate.Format(ServiceDueDate!.Value)}）" : "")
            + (PaymentDueDate is { } due ? $"；缴款期限{ChineseDate.Format(due)}" : ""), on);
    }

    /// <summary>The party confirms in the portal that it has received the decision.</summary>
    public void AcknowledgeService(string by, DateTimeOffset now)
    {
        RequireOpen("确认签收处罚决定书");
        if (!Acknowledgeable) throw Refused("签收", "处罚决定书送达之后");
        if (AcknowledgedAt is not null) return;
        (AcknowledgedAt, AcknowledgedBy) = (now, by);
        Step(by, now, "当事人确认签收", null);
    }

    public void RecordPayment(decimal amount, DateOnly paidOn, string reference, EnforcementSettings settings, string by, DateTimeOffset now)
    {
        if (!InExecution) throw Refused("登记缴款", "送达之后、结案之前");
        Check(PaymentRefusal());
        var fine = Fine!;
        if (amount <= 0) throw new DomainException("case.payment_amount", "缴款金额应大于0。");
        if (amount != decimal.Round(amount, 2)) throw new DomainException("case.payment_precision", "缴款金额最多保留两位小数（分）。");
        if (paidOn < ServedOn) throw new DomainException("case.payment_before_service", "缴款日期不能早于送达日期。");
        NotFuture(paidOn, now, "缴款日期");
        if (string.IsNullOrWhiteSpace(reference)) throw new DomainException("case.payment_reference", "请填写缴款凭证号。");
        var outstanding = OutstandingOn(paidOn, settings.SurchargeRatePerDay);
        if (amount > outstanding)
            throw new DomainException("case.overpayment", $"缴款金额{ChineseMoney.Yuan(amount)}超过截至{ChineseDate.Format(paidOn)}的应缴总额{ChineseMoney.Yuan(outstanding)}（罚款{ChineseMoney.Yuan(FineAmount)}，加处罚款{ChineseMoney.Yuan(SurchargeOn(paidOn, settings.SurchargeRatePerDay))}，已缴{ChineseMoney.Yuan(Paid)}）。");
        _payments.Add(new CasePayment { Amount = amount, PaidOn = paidOn, Reference = reference.Trim(), RecordedBy = by });
        if (State == CaseState.Served) State = CaseState.Executing;
        var remaining = OutstandingOn(paidOn, settings.SurchargeRatePerDay);
        if (remaining == 0 && fine.Status == SanctionStatus.Pending)
            fine.Execute(paidOn, $"罚款及加处罚款已缴清，合计{ChineseMoney.Yuan(Paid)}");
        ConcurrencyToken = Guid.NewGuid();
        Step(by, now, "登记缴款", $"{ChineseMoney.Yuan(amount)}，凭证{reference.Trim()}" + (remaining == 0 ? "，已缴清" : $"，尚欠{ChineseMoney.Yuan(remaining)}"), paidOn);
    }

    /// <summary>Deferred or instalment payment on approval (Art. 66); the surcharge runs from the new due date.</summary>
    public void ApprovePaymentArrangement(ApprovalKind kind, DateOnly newDueDate, string? schedule, string reason, string by, DateTimeOffset now)
    {
        if (kind is not (ApprovalKind.Deferral or ApprovalKind.Instalments)) throw new ArgumentOutOfRangeException(nameof(kind));
        if (!InExecution) throw Refused("批准延期或分期缴纳", "送达之后、结案之前");
        Check(PaymentRefusal());
        if (newDueDate <= (EffectivePaymentDueDate ?? newDueDate)) throw new DomainException("case.arrangement_date", $"新的缴款期限应晚于{ChineseDate.Format(EffectivePaymentDueDate!.Value)}。");
        RequireReason(reason, "理由");
        if (kind == ApprovalKind.Instalments && string.IsNullOrWhiteSpace(schedule)) throw new DomainException("case.schedule_required", "分期缴纳须写明各期日期和金额。");
        var approval = UseApproval(kind == ApprovalKind.Deferral ? ApprovalStep.Deferral : ApprovalStep.Instalments, ArrangementContent(kind, newDueDate, schedule, reason), now);
        _approvals.Add(CaseApproval.Granted(kind, reason, newDueDate, schedule, approval, now));
        Step(by, now, kind == ApprovalKind.Deferral ? "批准暂缓缴纳" : "批准分期缴纳",
            $"{(approval is null ? "" : $"经{approval.ApproverName}批准，")}缴款期限至{ChineseDate.Format(newDueDate)}" + (schedule is null ? "" : $"（{schedule}）"));
    }

    /// <summary>
    /// The decision was published on the public site: once the decision is served, that carries out its 向社会公告 (before
    /// service the officer records it later).
    /// </summary>
    public void RecordPublication(DateOnly on, string by, DateTimeOffset now)
    {
        var sanction = Sanctions.FirstOrDefault(s => s.Kind == SanctionKind.PublicAnnouncement && s.Status == SanctionStatus.Pending);
        if (sanction is not null && State is CaseState.Served or CaseState.Executing)
            ExecuteSanction(sanction.Id, on, $"已于{ChineseDate.Format(on)}在门户网站公示", by, now);
    }

    public void ExecuteSanction(long sanctionId, DateOnly on, string? note, string by, DateTimeOffset now)
    {
        if (!InExecution) throw Refused("登记执行", "送达之后、结案之前");
        var s = Sanctions.FirstOrDefault(x => x.Id == sanctionId) ?? throw new NotFoundException("处罚事项");
        if (s.Kind == SanctionKind.Fine) throw new DomainException("case.fine_by_payment", "罚款以缴款登记执行。");
        NotFuture(on, now, "执行日期");
        s.Execute(on, note);
        if (State == CaseState.Served) State = CaseState.Executing;
        Step(by, now, $"执行：{s.Label}", note);
    }

    public void EndSanction(long sanctionId, DateOnly on, string reason, string by, DateTimeOffset now)
    {
        if (!InExecution) throw Refused("终结执行", "送达之后、结案之前");
        var s = Sanctions.FirstOrDefault(x => x.Id == sanctionId) ?? throw new NotFoundException("处罚事项");
        NotFuture(on, now, "终结执行日期");
        s.End(on, reason);
        if (State == CaseState.Served) State = CaseState.Executing;
        Step(by, now, $"终结执行：{s.Label}", reason);
    }

    /// <summary>结案: only when every sanction is carried out or formally ended.</summary>
    public void Close(DateOnly on, string by, DateTimeOffset now)
    {
        if (!InExecution) throw Refused("结案", "送达之后");
        Check(CloseRefusal());
        NotFuture(on, now, "结案日期");
        ClosedOn = on;
        Move(CaseState.Closed, by, now, "结案", null, on);
    }

    // ---------------------------------------------------------------- what may be done next

    /// <summary>
    /// The steps this actor may take today, in the order the page offers them. A step the law foresees at this stage but
    /// that a rule still holds back is listed with <see cref="AvailableAction.NotYet"/> — the transition's own refusal, so
    /// the page says what the transition would say. A step whose time has passed (a statement after its period) is not listed.
    /// </summary>
    /// <param name="settings">The province's settings, where the page has them: a decision held back by an unverified legal-review
    /// threshold says so before the officer tries.</param>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, DateOnly today, EnforcementSettings? settings = null) => actor switch
    {
        Acting.Officer => OfficerActions(today, settings).ToList(),
        Acting.Party when VisibleToParty => PartyActions(today).ToList(),
        _ => [],
    };

    /// <summary>What the actor may do with one sanction of the case: carry it out (fines are carried out by payment) or end its execution.</summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, CaseSanction sanction)
    {
        if (actor != Acting.Officer || !InExecution || sanction.Status != SanctionStatus.Pending) return [];
        var end = new AvailableAction("end-sanction", "终结执行", Danger: true);
        return sanction.Kind == SanctionKind.Fine ? [end] : [new AvailableAction("execute-sanction", "登记执行"), end];
    }

    private IEnumerable<AvailableAction> OfficerActions(DateOnly today, EnforcementSettings? settings)
    {
        foreach (var action in ApprovalActions()) yield return action;
        if (FilingRefusal() is null) yield return new("issue-filing", "签发立案审批表", Primary: ApprovalRefusal(ApprovalStep.Filing, null) is null, NotYet: ApprovalRefusal(ApprovalStep.Filing, null)?.Message);
        if (State == CaseState.Filed) yield return new("investigate", "开始调查取证", Primary: InvestigationRefusal() is null, NotYet: InvestigationRefusal()?.Message);
        if (Collecting) yield return new("evidence", "添加证据");
        if (State == CaseState.Investigating) yield return new("review", "提交审查", Primary: true, NotYet: ReviewRefusal()?.Message);
        if (State == CaseState.UnderReview)
        {
            var proposed = NoticeRefusal() is null;
            if (PriorNoticeSentOn is null) yield return new("propose", "拟定处罚", Primary: !proposed);
            yield return new("notice", PriorNoticeSentOn is null ? "送达事先告知书" : "登记以其他方式送达事先告知书", Primary: proposed && PriorNoticeSentOn is null, NotYet: NoticeRefusal()?.Message);
        }
        if (State == CaseState.Hearing && HearingScheduleRefusal() is null)
        {
            yield return new("schedule-hearing", "安排听证", Primary: HearingDate is null);
            yield return new("hold-hearing", "记录听证", Primary: HearingDate is not null, NotYet: HearingRecordRefusal(today)?.Message);
        }
        foreach (var action in DeliberationActions()) yield return action;
        if (PartyHeard)
        {
            yield return new("decide", "作出处罚决定", Primary: true, NotYet: (DecisionWaitRefusal(today) ?? DeliberationRefusal(today, settings) ?? ProposedSetRefusal() ?? ApprovalRefusal(ApprovalStep.Decision, null))?.Message);
            if (StatementRefusal(waiver: false, today) is null) yield return new("statement", "记录陈述申辩");
            foreach (var action in StatementReviewActions()) yield return action;
        }
        if (State == CaseState.PriorNoticeServed && HearingRequestRefusal(today) is null) yield return new("request-hearing", "登记听证申请");
        if (State == CaseState.Decided) yield return new("serve", "送达处罚决定书", Primary: true);
        if (InExecution)
        {
            if (PaymentRefusal() is null)
            {
                yield return new("payment", "登记缴款", Primary: true);
                yield return new("arrangement", "登记暂缓/分期缴纳", NotYet: ApprovalRefusal(ApprovalStep.Deferral, null) is { } deferral && ApprovalRefusal(ApprovalStep.Instalments, null) is not null ? deferral.Message : null);
            }
            yield return new("close", "结案", NotYet: CloseRefusal()?.Message);
        }
        foreach (var action in GateActions()) yield return action;
        foreach (var action in RemedyActions(today)) yield return action;
        if (MayDecideNoPenalty) yield return new("no-penalty", "不予处罚", Danger: true, NotYet: ApprovalRefusal(ApprovalStep.NoPenalty, null)?.Message);
        if (Withdrawable) yield return new("withdraw", "撤销立案", Danger: true);
        if (Undecided)
        {
            yield return new("transfer", "移送", Danger: true);
            yield return new("extend", "延长决定期限", NotYet: ApprovalRefusal(ApprovalStep.DecisionExtension, null)?.Message);
        }
    }

    private IEnumerable<AvailableAction> PartyActions(DateOnly today)
    {
        if (PartyHeard && StatementRefusal(waiver: false, today) is null) yield return new("statement", "提交陈述申辩", Primary: true);
        if (PartyHeard && StatementRefusal(waiver: true, today) is null) yield return new("waive", "书面放弃");
        if (State == CaseState.PriorNoticeServed && HearingRequestRefusal(today) is null) yield return new("request-hearing", "申请听证");
        if (Acknowledgeable && AcknowledgedAt is null) yield return new("acknowledge", "确认签收处罚决定书", Primary: true);
        if (State == CaseState.Decided && ElectronicallySentOn is not null) yield return new("read-served", "查阅电子送达的处罚决定书", Primary: true);
        if (State == CaseState.UnderReview && PriorNoticeSentOn is not null) yield return new("read-notice", "查阅电子送达的行政处罚事先告知书", Primary: true);
        if (State == CaseState.Hearing && HearingNoticeSentOn is not null && HearingNoticeServedOn is null) yield return new("read-hearing-notice", "查阅电子送达的听证通知书", Primary: true);
    }

    // Where each step may happen: the transitions refuse it elsewhere, ActionsFor offers it only there.
    private bool Collecting => State is CaseState.Investigating or CaseState.UnderReview;
    /// <summary>After the prior notice and before the decision: the party states its case, a hearing may be held, the case may be decided.</summary>
    private bool PartyHeard => State is CaseState.PriorNoticeServed or CaseState.Hearing;
    private bool Undecided => State is CaseState.Filed or CaseState.Investigating or CaseState.UnderReview or CaseState.PriorNoticeServed or CaseState.Hearing;
    private bool Withdrawable => State is CaseState.Filed or CaseState.Investigating or CaseState.UnderReview;
    private bool MayDecideNoPenalty => State is CaseState.UnderReview or CaseState.PriorNoticeServed or CaseState.Hearing;
    private bool InExecution => State is CaseState.Served or CaseState.Executing;
    private bool Acknowledgeable => State is CaseState.Served or CaseState.Executing;

    // What else holds a step back, as the refusal the transition throws (null: nothing does). One rule each, used by the
    // transition with its own date and by ActionsFor with today's.

    private DomainException? FilingRefusal() =>
        CaseNumber is not null ? new("case.filing_issued", $"本案已签发立案审批表（{CaseNumber}）。") : null;

    private DomainException? ReviewRefusal() =>
        Evidence.Count == 0 ? new("case.no_evidence", "尚未收集任何证据，不能提交审查。") : null;

    private DomainException? NoticeRefusal() =>
        Sanctions.All(s => s.Status != SanctionStatus.Proposed) ? new("case.no_sanction", "告知前须先拟定处罚。") : null;

    /// <summary>Once the 事先告知书 is sent through the portal, what it states stands, and it is not sent twice.</summary>
    private DomainException? NoticeSentRefusal() => PriorNoticeSentOn is { } sent
        ? new("case.notice_sent", $"事先告知书已于{ChineseDate.Format(sent)}通过平台及电子邮件发送，待当事人查阅（首次查阅之日为送达日期），不能再更改拟定的处罚或重复发送。")
        : null;

    /// <summary>
    /// A statement is taken until its period ends; a written waiver while there is still something to waive (the statement
    /// period, or the hearing request period of a hearing offered and not requested).
    /// </summary>
    private DomainException? StatementRefusal(bool waiver, DateOnly on)
    {
        if (!waiver)
            return on > StatementDeadline
                ? new("case.statement_late", $"陈述申辩期限已于{ChineseDate.Format(StatementDeadline!.Value)}届满。如有新的情况，请与承办人员联系。")
                : null;
        if (StatementWaived) return new("case.already_waived", "当事人已书面放弃陈述申辩和听证的权利。");
        var hearing = State == CaseState.PriorNoticeServed && HearingOffered;
        var last = new[] { StatementDeadline, hearing ? HearingRequestDeadline : null }.Max();
        return on > last
            ? new("case.waiver_late", $"陈述申辩{(hearing ? "和听证申请" : "")}期限已于{ChineseDate.Format(last!.Value)}届满，无需再书面放弃。")
            : null;
    }

    private DomainException? HearingRequestRefusal(DateOnly on, EnforcementSettings? settings = null)
    {
        if (!HearingOffered) return new("case.hearing_not_offered", "拟作出的处罚不属于行政处罚法第六十三条规定的听证范围（较大数额罚款，吊销许可证件，责令停产停业等较重的处罚），本案未告知听证权利"
            + (settings is null ? "。" : $"：{settings.HearingThresholdCitation}。"));
        return on > HearingRequestDeadline
            ? new("case.hearing_request_late", $"听证申请期限已于{ChineseDate.Format(HearingRequestDeadline!.Value)}届满（行政处罚法第六十四条）。")
            : null;
    }

    private DomainException? HearingScheduleRefusal() =>
        HearingHeldOn is { } held ? new("case.hearing_held", $"听证已于{ChineseDate.Format(held)}举行。") : null;

    private DomainException? HearingRecordRefusal(DateOnly heldOn)
    {
        if (HearingScheduleRefusal() is { } held) return held;
        if (HearingDate is not { } date) return new("case.hearing_not_scheduled", "尚未安排听证。");
        if (HearingNoticeServedOn is null)
            return new("case.hearing_notice_unserved", $"听证通知书已于{ChineseDate.Format(HearingNoticeSentOn!.Value)}通过平台发送，当事人尚未查阅；通知送达后方可举行听证（行政处罚法第六十四条第（二）项）。");
        if (HearingNoticeLate)
            return new("case.hearing_notice_short", $"听证通知书于{ChineseDate.Format(HearingNoticeServedOn.Value)}送达，距听证不足七日（行政处罚法第六十四条第（二）项），请重新安排听证。");
        return heldOn < date ? new("case.hearing_before_date", $"听证定于{ChineseDate.Format(date)}举行，举行后方可记录。") : null;
    }

    /// <summary>A decision dated <paramref name="decidedOn"/>: after the party was heard, reviewed and discussed where the law requires it, within the decision period.</summary>
    private DomainException? DecisionRefusal(DateOnly decidedOn, EnforcementSettings? settings = null) =>
        DecisionWaitRefusal(decidedOn) ?? DeliberationRefusal(decidedOn, settings) ?? DecisionDateRefusal(decidedOn);

    /// <summary>
    /// No decision before the prior notice was served and its statement period ran out (unless waived in writing) (Arts. 44,
    /// 62), or while a hearing may still be requested or has not been held. What holds the step back today: a decision
    /// dated any day up to today would be refused too.
    /// </summary>
    private DomainException? DecisionWaitRefusal(DateOnly decidedOn)
    {
        if (!PartyHeard)
            return new("case.no_prior_notice", State is CaseState.Filed or CaseState.Investigating or CaseState.UnderReview
                ? PriorNoticeSentOn is { } sent
                    ? $"事先告知书已于{ChineseDate.Format(sent)}通过平台电子送达，当事人尚未查阅；以首次查阅之日为送达日期，送达并经陈述申辩期限届满后方可作出处罚决定（行政处罚法第六十一条第二款、第六十二条）。"
                    : "未送达行政处罚事先告知书，不得作出处罚决定（行政处罚法第六十二条）。"
                : $"案件处于“{CaseStates.Label(State)}”阶段，不能作出处罚决定。");
        if (!StatementWaived && decidedOn <= StatementDeadline)
            return new("case.statement_period_running", $"陈述申辩期限自事先告知书送达之日（{ChineseDate.Format(PriorNoticeServedOn!.Value)}）起计算，至{ChineseDate.Format(StatementDeadline!.Value)}届满，"
                + "届满前（或当事人书面放弃前）不得作出决定（行政处罚法第四十四条、第六十二条）。");
        if (State == CaseState.PriorNoticeServed && HearingOffered && !StatementWaived && decidedOn <= HearingRequestDeadline)
            return new("case.hearing_request_running", $"听证申请期限至{ChineseDate.Format(HearingRequestDeadline!.Value)}届满，届满前不得作出决定（行政处罚法第六十四条第（一）项）。");
        if (State == CaseState.Hearing && HearingHeldOn is null)
            return new("case.hearing_not_held", "当事人已申请听证，听证举行后方可作出决定。");
        return StatementReviewRefusal();
    }

    /// <summary>
    /// The decision's own date: within the decision period (Art. 60) unless extended, not before the notice. Checked on the
    /// date entered, not held against the step: a decision made within the period may be recorded after it.
    /// </summary>
    private DomainException? DecisionDateRefusal(DateOnly decidedOn)
    {
        if (decidedOn > EffectiveDecisionDueDate)
            return new("case.decision_overdue", $"已超过作出决定的期限（{ChineseDate.Format(EffectiveDecisionDueDate)}）。如需延长，须先办理延期审批（行政处罚法第六十条）。");
        if (decidedOn < PriorNoticeServedOn) return new("case.date_before_notice", "决定日期不能早于事先告知书送达日。");
        return null;
    }

    /// <summary>Payments and payment arrangements are for a fine still to be paid.</summary>
    private DomainException? PaymentRefusal() => Fine switch
    {
        null => new("case.no_fine", "本案未处罚款，无需缴款。"),
        { Status: SanctionStatus.Pending } => null,
        _ => new("case.fine_settled", "罚款已缴清或已终结执行，没有待缴的罚款。"),
    };

    private DomainException? CloseRefusal()
    {
        var open = Sanctions.Where(s => s.Status is SanctionStatus.Pending or SanctionStatus.Proposed).ToList();
        return open.Count > 0
            ? new("case.sanctions_open", $"尚有未执行完毕的处罚：{string.Join("、", open.Select(s => s.Label))}。全部执行或终结执行后方可结案。")
            : null;
    }

    private static void Check(DomainException? refusal)
    {
        if (refusal is not null) throw refusal;
    }

    // ---------------------------------------------------------------- the party's view

    /// <summary>
    /// What the party was served and did, in plain words: from the prior notice on (the case is internal before it), the
    /// statements, hearing, the decision as served, payments and execution. Never the investigation, the review, internal
    /// approvals or who did what inside the administration (<see cref="Steps"/> is the staff's record).
    /// </summary>
    public IReadOnlyList<PartyEvent> PartyTimeline(IEnumerable<IssuedDocument> documents)
    {
        var timeline = new PartyTimeline();
        if (!VisibleToParty || PriorNoticeServedOn is not { } noticeOn)
            return timeline.ToList();
        var served = documents.Where(d => d.VisibleToParty).ToList();
        string Number(DocumentKind kind) => served.FirstOrDefault(d => d.Kind == kind)?.Number is { } n ? $"（{n}）" : "";
        timeline.Add(noticeOn, $"送达行政处罚事先告知书{Number(DocumentKind.PriorNotice)}，陈述申辩期限至{ChineseDate.Format(StatementDeadline!.Value)}"
            + (HearingOffered ? $"，可于{ChineseDate.Format(HearingRequestDeadline!.Value)}前申请听证" : ""));
        if (HearingRequestedOn is { } requested) timeline.Add(requested, "申请听证");
        if (HearingNoticeServedOn is { } hearingNotice)
            timeline.Add(hearingNotice, $"送达听证通知书{Number(DocumentKind.HearingNotice)}，听证定于{ChineseDate.Format(HearingDate!.Value, HearingTime)}在{HearingPlace}举行");
        if (HearingHeldOn is { } held) timeline.Add(held, "举行听证");
        foreach (var s in Statements)
            timeline.Add(s.SubmittedAt, s.IsWaiver ? "书面放弃陈述申辩和听证" : "提交陈述申辩意见");
        if (ServedOn is { } servedOn)
        {
            // 责令改正 is not a penalty (行政处罚法 Art. 9, Art. 28): it is named apart from them, with its deadline.
            var correction = Sanctions.FirstOrDefault(x => x.Kind == SanctionKind.CorrectiveOrder);
            timeline.Add(servedOn, $"送达行政处罚决定书{(DecisionNumber is { } d ? $"（{d}）" : "")}：{string.Join("；", Sanctions.Where(x => x.Kind != SanctionKind.CorrectiveOrder).Select(x => x.Label))}"
                + (PaymentDueDate is { } due ? $"，缴款期限至{ChineseDate.Format(due)}" : "")
                + (correction is null ? "" : correction.CorrectionDeadline is { } by ? $"；同时责令于{ChineseDate.Format(by)}前改正" : "；同时责令改正"));
        }
        if (AcknowledgedAt is { } acknowledged) timeline.Add(acknowledged, "确认签收行政处罚决定书");
        foreach (var a in Approvals.Where(a => a.Kind is ApprovalKind.Deferral or ApprovalKind.Instalments).OrderBy(a => a.Id))
            timeline.Add(a.ApprovedOn, $"{(a.Kind == ApprovalKind.Deferral ? "批准暂缓缴纳罚款" : "批准分期缴纳罚款")}，缴款期限至{ChineseDate.Format(a.NewDate)}");
        foreach (var p in Payments.OrderBy(p => p.PaidOn).ThenBy(p => p.Id))
            timeline.Add(p.PaidOn, $"缴纳罚款{ChineseMoney.Yuan(p.Amount)}（凭证{p.Reference}）");
        foreach (var s in Sanctions.Where(s => s.Kind != SanctionKind.Warning && s.ExecutedOn is not null).OrderBy(s => s.ExecutedOn))
            timeline.Add(s.ExecutedOn!.Value, s.Status == SanctionStatus.Ended ? $"终结执行：{s.Label}" : $"执行完毕：{s.Label}");
        AddRemedies(timeline);
        if (ClosedOn is { } closed)
            timeline.Add(closed, State switch
            {
                CaseState.NoPenalty => $"决定不予行政处罚{(NoPenaltyNumber is { } n ? $"（{n}）" : "")}：{NoPenaltyGround ?? ExitReason}",
                CaseState.Transferred => $"案件移送{TransferredTo}处理",
                _ => "结案",
            });
        return timeline.ToList();
    }

    // ---------------------------------------------------------------- helpers

    private void Require(CaseState expected, string action)
    {
        if (State != expected) throw Refused(action, $"“{CaseStates.Label(expected)}”阶段");
    }

    /// <summary>
    /// A case that has ended (结案, 不予处罚, 撤销立案, 移送) takes no more steps from the party: an acknowledgement, statement or
    /// hearing request on it would be recorded after the file was closed. Refused with its own code for the API.
    /// </summary>
    private void RequireOpen(string action)
    {
        if (CaseStates.IsOpen(State)) return;
        var when = ClosedOn is { } closed ? $"于{ChineseDate.Format(closed)}" : "";
        throw new DomainException("case.closed", $"本案已{when}{(State == CaseState.Closed ? "结案" : $"终结（{CaseStates.Label(State)}）")}，不能再{action}。");
    }

    private DomainException Refused(string action, string when) =>
        new("case.wrong_state", $"案件处于“{CaseStates.Label(State)}”阶段，不能{action}（只能在{when}进行）。");

    /// <summary>A step records something that happened: its date cannot be later than today (Beijing time).</summary>
    private static void NotFuture(DateOnly date, DateTimeOffset now, string what)
    {
        var today = BeijingTime.Today(now);
        if (date > today) throw new DomainException("case.date_in_future", $"{what}（{ChineseDate.Format(date)}）不能晚于今天（{ChineseDate.Format(today)}）。");
    }

    private static void RequireReason(string reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            throw new DomainException("case.reason_required", $"请写明{what}（至少5个字）。");
    }

    /// <summary>
    /// The periods the served prior notice runs (陈述申辩, 听证申请: working days from its service) counted again after the holiday calendar
    /// changed. The notice was served on the party: a period ends no earlier than the date it was told (a later count moves it, in the
    /// party's favour, recorded as a step); an earlier count is only reported for review. Empty: nothing to do.
    /// </summary>
    public IReadOnlyList<Catalog.RecountedDeadline> Recount(Catalog.WorkingDayCalendar before, Catalog.WorkingDayCalendar after, string by, DateTimeOffset now)
    {
        var changes = new List<Catalog.RecountedDeadline>();
        if (State != CaseState.PriorNoticeServed || PriorNoticeServedOn is not { } served) return changes;
        var what = CaseNumber is { } number ? $"案件（{number}）" : $"案件“{Title}”";
        DateOnly? Again(DateOnly? old, string period)
        {
            if (old is not { } date) return old;
            var n = before.WorkingDaysBetween(served, date);
            if (before.AddWorkingDays(served, n) != date) return old;
            var recounted = after.AddWorkingDays(served, n);
            if (recounted == date) return old;
            changes.Add(new Catalog.RecountedDeadline($"{what}的{period}（自事先告知书送达之日起{n}个工作日）", date, recounted, Served: true, Moved: recounted > date));
            return recounted > date ? recounted : date;
        }
        StatementDeadline = Again(StatementDeadline, "陈述申辩期限");
        HearingRequestDeadline = Again(HearingRequestDeadline, "听证申请期限");
        foreach (var moved in changes.Where(c => c.Moved))
            Step(by, now, "节假日安排变更，期限顺延", $"{moved.What}由{ChineseDate.Format(moved.Old)}顺延至{ChineseDate.Format(moved.New)}");
        return changes;
    }

    private void Move(CaseState to, string by, DateTimeOffset now, string action, string? detail, DateOnly? on = null)
    {
        State = to;
        Step(by, now, action, detail, on);
    }

    /// <summary>
    /// Writes a line of the timeline; <paramref name="on"/> is the step's legal date (the day of the decision, of service, of
    /// payment…) where it has one — earlier than the day it is entered, the line is 补录 (<see cref="CaseStep.BackEntered"/>).
    /// </summary>
    private void Step(string by, DateTimeOffset now, string action, string? detail, DateOnly? on = null)
    {
        _steps.Add(new CaseStep { At = now, By = by, State = State, Action = action, Detail = detail, LegalDate = on, BackEntered = CaseStep.IsBackEntry(on, now) });
        ConcurrencyToken = Guid.NewGuid();
    }


}
