using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Web.Components.Shared;

namespace Supervision.Web.Components.Pages.Enforcement;

/// <summary>
/// The case page: where the case stands, its deadlines and documents, and the next steps the case itself offers
/// (<see cref="EnforcementCase.ActionsFor(Acting, DateOnly)"/>) — each asking for what it needs, previewing the
/// document it issues, and confirming before it calls its step of <see cref="EnforcementService"/>.
/// </summary>
public partial class CaseDetail
{
    [Parameter] public long Id { get; set; }
    [Inject] private EnforcementService Cases { get; set; } = default!;
    [Inject] private DocumentRegistry Registry { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private Supervision.Domain.Publicity.PublicityService Publicity { get; set; } = default!;
    [Inject] private Supervision.Domain.Organizations.OrganizationService Organizations { get; set; } = default!;
    [Inject] private Supervision.Domain.Organizations.ServiceAddressService ServiceAddresses { get; set; } = default!;
    [Inject] private CatalogService Catalog { get; set; } = default!;

    private EnforcementCase? _case;
    private EnforcementSettings _settings = new();
    private IReadOnlyList<CaseDeadline> _deadlines = [];
    private IReadOnlyList<IssuedDocument> _documents = [];
    private IReadOnlyList<Supervision.Domain.Publicity.AnnouncementRow> _announcements = [];
    private IReadOnlyList<AvailableAction> _actions = [];
    private DateOnly _today;
    private WorkingDayCalendar? _calendar;

    /// <summary>Days left to a deadline in the unit its rule counts (剩余3个工作日 / 剩余10天（自然日）), as on the home page.</summary>
    private string LeftOf(CaseDeadline d) =>
        Supervision.Domain.Overview.DaysLeft.Of(_today, d.Due, Supervision.Domain.Overview.HomeService.CountsWorkingDays(d.Key), _calendar!).Label;
    private Acting _acting;
    private CaseReviewer? _reviewer;
    private CaseRemediesPanel? _remedies;
    private int _version;
    private bool _hasSeal = true;
    private ElectronicService? _electronic;
    /// <summary>Every document of the case sent through the portal, with its first opening.</summary>
    private IReadOnlyList<ElectronicService> _sent = [];
    private Supervision.Domain.Organizations.ServiceAddressConfirmation? _consent;

    private bool Party => _acting == Acting.Party;

    /// <summary>No decision yet: what the case holds are the sanctions proposed (拟), as the prior notice states them once served.</summary>
    private bool Undecided => _case is { DecidedOn: null } c && CaseStates.IsOpen(c.State);

    /// <summary>Where a proposed sanction comes from, as a person reads it: the served prior notice (with its 文号) or, before it, the draft.</summary>
    private string ProposedSource => _case?.PriorNoticeServedOn is null
        ? "拟定（尚未送达事先告知书）"
        : "事先告知书" + (_documents.FirstOrDefault(d => d.Kind == DocumentKind.PriorNotice)?.Number is { } n ? $"（{n}）" : "") + "告知";
    private Guid Token => _case!.ConcurrencyToken;

    /// <summary>
    /// What is proposed reaches the party with the served prior notice (Art. 44), not before: a notice sent through the portal
    /// is served when the party opens it, so the case page does not tell the party its content beforehand.
    /// </summary>
    private bool SanctionsShown => !Party || _case is { PriorNoticeServedOn: not null } or { DecidedOn: not null };

    protected override async Task OnParametersSetAsync()
    {
        _acting = Cases.Acting;
        await LoadAsync();
    }

    private bool? _actsForParty;

    private async Task LoadAsync()
    {
        try
        {
            _today = BeijingTime.Today(Clock);
            _case = await Cases.GetAsync(Id);
            _settings = await Cases.SettingsAsync(_case.ProvinceId);
            _deadlines = EnforcementService.Deadlines(_case, _today);
            _calendar ??= await Catalog.GetCalendarAsync();
            // A carrier's 填报人 sees the case but does not act for the company in it.
            _actions = _acting == Acting.Party && !(_actsForParty ??= await Cases.ActsForPartyAsync()) ? [] : _case.ActionsFor(_acting, _today, _settings);
            if ((_reviewer ??= await Cases.ReviewerAsync(_case.ProvinceId)) is { } reviewer) _actions = [.. _actions, .. _case.ActionsFor(reviewer, _today)];
            _documents = await Registry.ForOwnerAsync(EnforcementService.OwnerType, Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _sent = await Cases.ElectronicServicesAsync(Id);
            _electronic = _sent.LastOrDefault(e => e.DocumentKind == DocumentKind.PenaltyDecision);
            if (!Party)
                _consent = await ServiceAddresses.InForceAsync(_case.BranchId, _today);
            if (!Party)
                _hasSeal = await Organizations.HasSealAsync(_case.ProvinceId);
            if (!Party)
                _announcements = await Publicity.ForSourceAsync(Supervision.Domain.Publicity.PenaltyAnnouncement.SourceType, Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _version++;
        }
        catch (NotFoundException)
        {
            Nav.NotFound();
        }
    }

    /// <summary>The form and the service step of each action the case offers.</summary>
    private Task ActAsync(string key) => key switch
    {
        "issue-filing" => Run(() => Cases.IssueFilingApprovalAsync(Id), "立案审批表已签发。"),
        "investigate" => Investigate(),
        "evidence" => Evidence(),
        "review" => Review(),
        "propose" => Propose(),
        "notice" => Notice(),
        "schedule-hearing" => ScheduleHearing(),
        "hold-hearing" => HoldHearing(),
        "decide" => Decide(),
        "statement" => Statement(waiver: false),
        "waive" => Statement(waiver: true),
        "statement-review" => ReviewStatements(),
        "request-hearing" => RequestHearing(),
        "serve" => Serve(),
        "acknowledge" => Acknowledge(),
        "read-served" => ReadServed(DocumentKind.PenaltyDecision),
        "read-notice" => ReadServed(DocumentKind.PriorNotice),
        "read-hearing-notice" => ReadServed(DocumentKind.HearingNotice),
        "payment" => Payment(),
        "arrangement" => Arrangement(),
        "close" => Close(),
        "no-penalty" => NoPenalty(),
        "withdraw" => Withdraw(),
        "transfer" => Transfer(),
        "extend" => Extend(),
        "mark-significance" => MarkSignificance(),
        "discussion" => Discussion(),
        "legal-review" => LegalReview(),
        "service-address" => ServiceAddress(),
        "link-order" => LinkOrder(),
        "aggravation" => Aggravation(),
        _ when key.StartsWith("approval-", StringComparison.Ordinal) => RequestApproval(key),
        _ when CaseRemediesPanel.Handles(key) && _remedies is { } panel => panel.ActAsync(key),
        _ => throw new InvalidOperationException($"The case page has no form for the action “{key}”."),
    };

    private Task SanctionActAsync(string key, CaseSanction s) => key switch
    {
        "execute-sanction" => ExecuteSanction(s),
        "end-sanction" => EndSanction(s),
        _ => throw new InvalidOperationException($"The case page has no form for the action “{key}”."),
    };

    private async Task<bool> AskAsync(string title, ActionForm form, Func<Task<byte[]>>? preview = null, RenderFragment? extra = null)
    {
        var dialog = await Dialogs.ShowAsync<ActionDialog>(title, new DialogParameters<ActionDialog>
        {
            { x => x.Form, form }, { x => x.Extra, extra }, { x => x.Preview, preview },
        }, new DialogOptions { MaxWidth = preview is null ? MaxWidth.Small : MaxWidth.Large, FullWidth = true });
        return await dialog.Result is { Canceled: false };
    }

    private async Task Run(Func<Task> action, string done)
    {
        if (await Snackbar.TryAsync(action, done)) await LoadAsync();
    }

    private ActionDate Today(string name, string label) => new(name, label, _today);

    private static ActionText Reason(string label = "理由") => new("reason", label, lines: 3);

    private List<SanctionInput> Proposed() => _case!.Sanctions.Where(s => s.Status == SanctionStatus.Proposed)
        .Select(s => new SanctionInput(s.Kind, s.LegalBasisId, s.Amount, s.Description, s.CorrectionDeadline)).ToList();

    // ---------------------------------------------------------------- 调查 / 审查 / 告知

    private async Task Investigate()
    {
        if (await AskAsync("开始调查取证", new("开始调查取证。执法人员不得少于两人，调查时应出示执法证件。", "开始调查", [])))
            await Run(() => Cases.StartInvestigationAsync(Id, Token), "已开始调查。");
    }

    private async Task Evidence()
    {
        var (on, description, file) = (Today("collected-on", "取证日期"), new ActionText("description", "证据内容", lines: 3), new ActionFile("file", "附件（图片或PDF，可选）"));
        if (await AskAsync("添加证据", new("登记收集的证据（书证、物证、视听资料、电子数据、证人证言、现场笔录等）。", "保存", [on, description, file])))
            await Run(() => Cases.AddEvidenceAsync(Id, Token, description.Value, on.Day, file.Value), "证据已保存。");
    }

    private async Task Review()
    {
        var conclusion = new ActionText("conclusion", "调查结论", lines: 3);
        if (await AskAsync("提交审查", new("调查终结，写明调查结论后提交审查。", "提交审查", [conclusion])))
            await Run(() => Cases.SubmitForReviewAsync(Id, Token, conclusion.Value), "已提交审查。");
    }

    private async Task Propose()
    {
        var sanctions = Proposed();
        // With a fine, the prior notice states why this amount within the range (行政处罚法第四十四条：拟作出的行政处罚内容及事实、理由、依据).
        // The sanctions are edited in the dialog itself: the field stays shown, and a fine without its reasons is refused on saving.
        var discretion = new ActionText("discretion", "数额裁量理由（拟定金额的必填：考虑的情节、在法定幅度内确定此数额的理由）", _case!.DiscretionReason ?? "", lines: 3);
        if (await AskAsync("拟定处罚", new("拟定的处罚和罚款裁量理由将写入事先告知书。决定不得重于告知的处罚（行政处罚法第四十五条）。", "保存", [discretion]), extra: SanctionFields(sanctions)))
            await Run(() => sanctions.Any(s => s.Kind == Supervision.Domain.Catalog.SanctionKind.Fine) && string.IsNullOrWhiteSpace(discretion.Value)
                ? throw new DomainException("case.discretion_required", "拟处罚款的，请写明罚款裁量理由：事先告知书须告知拟作出处罚的事实、理由和依据（行政处罚法第四十四条）。")
                : Cases.ProposeAsync(Id, Token, sanctions, discretionReason: FineReason(sanctions, discretion)), "拟定的处罚已保存。");
    }

    private async Task Notice()
    {
        var sent = _case!.PriorNoticeSentOn;
        var on = Today("served-on", "送达日期（邮寄的为回执收件日期，公告的为公告日期；平台送达的为发送日期）");
        var service = ServiceFields(portal: sent is null);
        var form = new ActionForm((sent is { } s ? $"事先告知书已于{Fmt.ChineseDate(s)}通过平台发送，当事人尚未查阅；以其他方式送达的，在此登记送达情况（不另签发告知书）。" : "")
                                  + $"送达行政处罚事先告知书：当事人自送达之日起{_settings.StatementWorkingDays}个工作日内可以陈述申辩" +
                                  (_case.FineAmount >= _settings.HearingThreshold ? $"；拟罚款达到听证标准（{_settings.HearingThresholdCitation}），将告知听证权利" : "") + "，期限自登记的送达日期起计算。" +
                                  ConsentNote() + (sent is null ? "签发后文号不可收回，同时生成送达回证。" : ""),
            sent is null ? "签发并送达" : "登记送达", [on, .. service.All]);
        if (await AskAsync("送达事先告知书", form, sent is null ? () => Cases.PreviewAsync(Id, EnforcementService.PreviewKind.PriorNotice, on.Day) : null))
            await Run(() => Cases.ServePriorNoticeAsync(Id, Token, on.Day, method: service.Method.Value, details: service.Details()),
                service.Sending ? "事先告知书已通过平台及电子邮件发送，当事人首次查阅之日为送达日期。" : "事先告知书已登记送达，送达回证已生成。");
    }

    /// <summary>
    /// What every service records (行政处罚法第六十一条): the method — through the portal only on the party's consent, and only where the
    /// document may be sent that way (<paramref name="portal"/>) — who signed for the party (name and post), the two servers; by post the
    /// posting date and 邮件号 (the date of service is the receipt's); by announcement what was tried before (民事诉讼法第九十五条).
    /// Each field is shown for its method only.
    /// </summary>
    private CaseServiceFields ServiceFields(bool portal)
    {
        var options = new List<(string, string)>();
        if (portal && _consent is { ConsentsToElectronicService: true } consent)
            options.Add((EnforcementCase.PortalService, $"电子送达：平台及电子邮件（{consent.ElectronicChannel}），以当事人首次查阅之日为送达日期"));
        options.AddRange(ServiceMethods.All.Where(m => m != ServiceMethods.Electronic || ElectronicChannel is not null)
            .Select(m => (m, m == ServiceMethods.Electronic ? $"{m}（{ElectronicChannel}，已送达的登记）" : m)));
        return CaseServiceFields.For(options, _case!.Investigators.Take(2).Select(i => i.Name));
    }

    /// <summary>The electronic channel the party consented to: recorded on the case, or in its 送达地址确认书 in force.</summary>
    private string? ElectronicChannel => _case!.ElectronicServiceChannel ?? _consent?.ElectronicChannel;

    private string ConsentNote() => ElectronicChannel is null ? "当事人未签订送达地址确认书同意电子送达，不能电子送达，须直接送达或邮寄送达（行政处罚法第六十一条第二款）。" : "";

    // ---------------------------------------------------------------- 陈述申辩 / 听证

    private async Task Statement(bool waiver)
    {
        var text = waiver
            ? new ActionText("declaration", "声明内容", "本单位对上述违法事实、处罚依据和拟作出的处罚无异议，自愿放弃陈述、申辩和听证的权利。", lines: 3)
            : new ActionText("statement", "陈述申辩意见", lines: 3);
        var file = new ActionFile("file", "附件（图片或PDF，可选）");
        var form = waiver
            ? new ActionForm("书面声明放弃陈述、申辩和听证的权利后，本机关可以在期限届满前作出决定。", "提交声明", [text], Danger: true)
            : new ActionForm($"陈述申辩期限至{Fmt.ChineseDate(_case!.StatementDeadline!.Value)}。可附证明材料。", "提交", [text, file]);
        if (await AskAsync(waiver ? "书面放弃陈述申辩" : "陈述申辩", form))
            await Run(() => Cases.RecordStatementAsync(Id, text.Value, waiver, waiver ? null : file.Value), waiver ? "放弃声明已提交。" : "陈述申辩已提交。");
    }

    /// <summary>复核: whether the statements are adopted and why (Art. 45); the decision states it.</summary>
    private async Task ReviewStatements()
    {
        var adoption = new ActionChoice<StatementAdoption>("adoption", "复核结论",
            [.. Enum.GetValues<StatementAdoption>().Select(a => (a, StatementAdoptions.Label(a)))]);
        if (_case!.StatementAdoption is { } recorded) adoption.Selected = (int)recorded;
        var reason = new ActionText("reason", "理由（写入决定书：“经复核，本机关认为……”）", _case.StatementAdoptionReason ?? "", lines: 3);
        var form = new ActionForm("对当事人提出的事实、理由和证据进行复核；成立的，应当予以采纳，不得因当事人陈述、申辩而给予更重的处罚（行政处罚法第四十五条）。"
                                  + "复核结论和理由将写入行政处罚决定书。", "保存复核意见", [adoption, reason]);
        if (await AskAsync("复核陈述申辩", form))
            await Run(() => Cases.ReviewStatementsAsync(Id, Token, adoption.Value, reason.Value), "复核意见已保存。");
    }

    private async Task RequestHearing()
    {
        var ok = await Dialogs.ShowMessageBoxAsync("申请听证", $"听证申请期限至{Fmt.ChineseDate(_case!.HearingRequestDeadline!.Value)}。提交后本机关将另行通知听证时间和地点。确定申请听证？", yesText: "申请听证", cancelText: "取消");
        if (ok == true) await Run(() => Cases.RequestHearingAsync(Id), "已申请听证。");
    }

    private async Task ScheduleHearing()
    {
        var (noticeOn, hearingDate, place) = (Today("notice-served-on", "通知送达日期（平台送达的为发送日期）"), new ActionDate("hearing-date", "听证日期"), new ActionText("place", "听证地点", "本局第一会议室"));
        var hearingTime = new ActionTime("hearing-time", "听证开始时间", new TimeOnly(9, 30));
        // The chair is one of the administration's officers who did not investigate the case (Art. 64 (四)).
        var candidates = (await Cases.InspectorsAsync(_case!.ProvinceId)).Where(u => _case.Investigators.All(i => i.UserId != u.Id)).ToList();
        if (candidates.Count == 0)
        {
            Snackbar.Add("本局没有本案调查人员以外的执法人员可以主持听证（行政处罚法第六十四条第（四）项）。", Severity.Warning);
            return;
        }
        var chair = new ActionChoice<string>("chair", "听证主持人（非本案调查人员）", candidates.Select(u => (u.Id, u.Name)).ToList());
        var (members, clerk) = (new ActionText("members", "听证员（可不填，多人以、分隔）"), new ActionText("clerk", "记录员"));
        var service = ServiceFields(portal: true);
        // Public unless it concerns a state secret, a trade secret or personal privacy (Art. 64 (三)); the notice says which.
        var publicity = new ActionChoice<HearingPrivacyGround?>("publicity", "是否公开",
            [(null, "公开举行"), .. Enum.GetValues<HearingPrivacyGround>().Select(g => ((HearingPrivacyGround?)g, $"不公开举行：涉及{HearingPrivacyGrounds.Label(g)}"))]);
        var form = new ActionForm($"行政机关应当在举行听证的七日前（{_settings.HearingNoticeWorkingDays}个工作日）通知当事人听证的时间、地点，听证由非本案调查人员主持；除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行（行政处罚法第六十四条）。"
                                  + $"邮寄的，以收件日期起算；平台送达的，以当事人首次查阅之日起算。{ConsentNote()}", "签发听证通知书",
            [noticeOn, .. service.All, hearingDate, hearingTime, place, chair, members, clerk, publicity]);
        HearingPanel Panel() => new(chair.Value, candidates.First(c => c.Id == chair.Value).Name, members.Value, clerk.Value);
        if (await AskAsync("安排听证", form, () => Cases.PreviewAsync(Id, EnforcementService.PreviewKind.HearingNotice, noticeOn.Day, hearingDate: hearingDate.Day, place: place.Value, panel: Panel(), closedGround: publicity.Value, hearingTime: hearingTime.Time)))
            await Run(() => Cases.ScheduleHearingAsync(Id, Token, noticeOn.Day, hearingDate.Day, hearingTime.Time, place.Value, chair.Value, members.Value, clerk.Value, method: service.Method.Value, details: service.Details(), closedGround: publicity.Value),
                service.Sending ? "听证通知书已通过平台及电子邮件发送，当事人首次查阅之日为送达日期。" : "听证通知书已签发并登记送达，送达回证已生成。");
    }

    private async Task HoldHearing()
    {
        var (heldOn, record) = (Today("held-on", "举行日期"), new ActionText("record", "听证笔录要点", lines: 3));
        if (await AskAsync("记录听证", new("记录听证举行日期和笔录要点。", "保存", [heldOn, record])))
            await Run(() => Cases.RecordHearingAsync(Id, Token, heldOn.Day, record.Value), "听证已记录。");
    }

    // ---------------------------------------------------------------- 决定 / 送达

    private async Task Decide()
    {
        // Decided as approved, where the decision needed approval: the approved sanctions, which the decision must match.
        var (on, sanctions) = (Today("decided-on", "决定日期"), _case!.UsableApproval(ApprovalStep.Decision)?.ProposalValue.Sanctions?.ToList() ?? Proposed());
        // With a fine, the decision says why this amount within the range (裁量理由: 情节、后果、整改、配合…, 行政处罚法第五条): as the
        // prior notice stated it, or as revised after the party's statements.
        var discretion = Discretion(sanctions, _case.DiscretionReason);
        var form = new ActionForm("作出行政处罚决定。处罚不得重于事先告知的内容；签发后文号不可收回，决定书在送达后当事人可见。", "作出决定并签发决定书", [on, discretion]);
        string? Reason() => FineReason(sanctions, discretion);
        if (await AskAsync("作出处罚决定", form, () => Cases.PreviewAsync(Id, EnforcementService.PreviewKind.PenaltyDecision, on.Day, sanctions, discretionReason: Reason()), SanctionFields(sanctions)))
            await Run(() => Cases.DecideAsync(Id, Token, on.Day, sanctions, discretionReason: Reason()), "处罚决定书已签发。");
    }

    /// <summary>The 裁量理由 field of the propose and decide forms: shown and required with a fine, filled with what the case records.</summary>
    private static ActionText Discretion(List<SanctionInput> sanctions, string? recorded) =>
        new("discretion", "罚款裁量理由（考虑的情节、为何在法定幅度内确定此数额）", recorded ?? "", lines: 3)
            { Required = true, ShownWhen = () => sanctions.Any(s => s.Kind == Supervision.Domain.Catalog.SanctionKind.Fine) };

    private static string? FineReason(List<SanctionInput> sanctions, ActionText discretion) =>
        sanctions.Any(s => s.Kind == Supervision.Domain.Catalog.SanctionKind.Fine) ? discretion.Value : null;

    private async Task Serve()
    {
        if (_consent is { ConsentsToElectronicService: true } consent && _case!.ElectronicallySentOn is null)
        {
            var way = new ActionChoice<bool>("way", "送达方式", [(true, $"电子送达：平台及电子邮件（{consent.ElectronicChannel}）"), (false, "直接送达、邮寄送达等，登记送达情况")]);
            var choice = new ActionForm($"当事人已于{Fmt.ChineseDate(consent.SignedOn)}签署送达地址确认书，同意电子送达（行政处罚法第六十一条第二款）。电子送达的，决定书即在当事人平台可见并发送邮件通知，"
                                        + "以当事人首次查阅之日为送达日期，缴款、复议和诉讼期限自该日起计算。", "下一步", [way]);
            if (!await AskAsync("送达处罚决定书", choice)) return;
            if (way.Value)
            {
                await Run(() => Cases.SendElectronicallyAsync(Id, Token), "处罚决定书已通过平台及电子邮件发送，当事人首次查阅之日为送达日期。");
                return;
            }
        }
        var on = Today("served-on", "送达日期（邮寄的为回执收件日期，公告的为公告日期）");
        var service = ServiceFields(portal: false);
        var form = new ActionForm($"决定书应在{Fmt.ChineseDate(_case!.ServiceDueDate!.Value)}前送达（行政处罚法第六十一条）。{ConsentNote()}邮寄送达以回执上的收件日期为送达日期；公告送达自公告之日起经过三十日视为送达，缴款、复议和诉讼期限自送达之日起计算。送达后当事人可在平台查看决定书并确认签收。",
            "登记送达", [on, .. service.All]);
        if (await AskAsync("送达处罚决定书", form))
            await Run(() => Cases.ServeAsync(Id, Token, on.Day, service.Method.Value, details: service.Details()), "已登记送达，送达回证已生成。");
    }

    /// <summary>The party opens a document served electronically (决定书, 事先告知书, 听证通知书): the first opening is the date of service.</summary>
    private async Task ReadServed(DocumentKind kind)
    {
        if (_documents.Where(d => d.Kind == kind).OrderByDescending(d => d.Id).FirstOrDefault() is { } document) await DownloadAsync(document);
    }

    private async Task Acknowledge()
    {
        var ok = await Dialogs.ShowMessageBoxAsync("确认签收", "确认本单位已收到行政处罚决定书。", yesText: "确认签收", cancelText: "取消");
        if (ok == true) await Run(() => Cases.AcknowledgeServiceAsync(Id), "已确认签收。");
    }

    // ---------------------------------------------------------------- 执行 / 结案

    private async Task Payment()
    {
        var (paidOn, amount, reference) = (Today("paid-on", "缴款日期"), new ActionAmount("amount", "缴款金额（元）"), new ActionText("reference", "缴款凭证号"));
        var form = new ActionForm($"截至今日应缴{Fmt.Money(_case!.OutstandingOn(_today, _settings.SurchargeRatePerDay))}（罚款{Fmt.Money(_case.FineAmount)}，加处罚款{Fmt.Money(_case.SurchargeOn(_today, _settings.SurchargeRatePerDay))}，已缴{Fmt.Money(_case.Paid)}）。",
            "登记", [paidOn, amount, reference]);
        if (await AskAsync("登记缴款", form))
            await Run(() => Cases.RecordPaymentAsync(Id, Token, amount.Value!.Value, paidOn.Day, reference.Value), "缴款已登记。");
    }

    /// <summary>暂缓 or 分期 is the officer's explicit choice; the schedule is asked for instalments only.</summary>
    private async Task Arrangement()
    {
        var kind = new ActionChoice<ApprovalKind>("kind", "批准的方式", [(ApprovalKind.Deferral, "暂缓缴纳"), (ApprovalKind.Instalments, "分期缴纳")]);
        var approved = (_case!.UsableApproval(ApprovalStep.Instalments) ?? _case.UsableApproval(ApprovalStep.Deferral))?.ProposalValue;
        if (_case.UsableApproval(ApprovalStep.Instalments) is not null) kind.Selected = 1;
        var dueDate = new ActionDate("due-date", "新的缴款期限（分期的，为最后一期的日期）", approved?.NewDate);
        var schedule = new ActionText("schedule", "分期安排（各期日期和金额）", approved?.Schedule ?? "", lines: 2) { ShownWhen = () => kind.Value == ApprovalKind.Instalments };
        var reason = new ActionText("reason", "理由", approved?.Reason ?? "", lines: 3);
        var form = new ActionForm("当事人确有经济困难的，经申请和批准可以暂缓或者分期缴纳（行政处罚法第六十六条）。加处罚款自新的期限届满次日起计算。"
                                  + (approved is null ? "" : "以下为局领导批准的内容，须与批准一致。"), "登记",
            [kind, dueDate, schedule, reason]);
        if (await AskAsync("暂缓或分期缴纳", form))
            await Run(() => Cases.ApprovePaymentArrangementAsync(Id, Token, kind.Value, dueDate.Day, kind.Value == ApprovalKind.Instalments ? schedule.Value : null,
                reason.Value), "已登记。");
    }

    private async Task ExecuteSanction(CaseSanction s)
    {
        var (on, note) = (Today("executed-on", "执行日期"), new ActionText("note", "执行情况", lines: 3));
        if (await AskAsync($"登记执行：{s.Label}", new("登记处罚的执行情况（如公告已发布、整改已复查合格）。", "登记", [on, note])))
            await Run(() => Cases.ExecuteSanctionAsync(Id, Token, s.Id, on.Day, note.Value), "已登记执行。");
    }

    private async Task EndSanction(CaseSanction s)
    {
        var (on, reason) = (Today("ended-on", "终结执行日期"), Reason());
        if (await AskAsync($"终结执行：{s.Label}", new("依法终结执行的，写明理由。", "终结执行", [on, reason], Danger: true)))
            await Run(() => Cases.EndSanctionAsync(Id, Token, s.Id, on.Day, reason.Value), "已终结执行。");
    }

    private async Task Close()
    {
        var on = Today("closed-on", "结案日期");
        if (await AskAsync("结案", new("全部处罚执行完毕或终结执行后方可结案。", "结案", [on])))
            await Run(() => Cases.CloseAsync(Id, Token, on.Day), "已结案。");
    }

    // ---------------------------------------------------------------- exits and the decision period

    private async Task NoPenalty()
    {
        var (on, reason) = (Today("decided-on", "决定日期"), new ActionText("reason", "事实和理由", _case!.UsableApproval(ApprovalStep.NoPenalty)?.ProposalValue.Reason ?? "", lines: 3));
        var grounds = await Cases.NoPenaltyGroundsAsync();
        var ground = new ActionChoice<string>("ground", "法定情形", grounds.Select(g => (g.Code, (g.Discretionary ? "（可以不予）" : "") + g.Label)).ToList());
        var form = new ActionForm("依照行政处罚法第三十三条、第五十七条第一款决定不予行政处罚：选择法定情形，写明符合该情形的事实和理由；决定书载明情形和条款，并编文号。", "决定不予处罚",
            [on, ground, reason], Danger: true);
        if (await AskAsync("不予处罚", form))
            await Run(() => Cases.DecideNoPenaltyAsync(Id, Token, on.Day, ground.Value, reason.Value), "已决定不予处罚，不予行政处罚决定书已签发。");
    }

    private async Task Withdraw()
    {
        var (on, reason) = (Today("withdrawn-on", "撤销日期"), Reason());
        if (await AskAsync("撤销立案", new("违法事实不能成立或不应立案的，撤销立案。", "撤销立案", [on, reason], Danger: true)))
            await Run(() => Cases.WithdrawAsync(Id, Token, on.Day, reason.Value), "已撤销立案。");
    }

    private async Task Transfer()
    {
        var (on, agency, reason) = (Today("transferred-on", "移送日期"), new ActionText("agency", "移送机关"), Reason());
        if (await AskAsync("移送", new("案件不属于本机关管辖或涉嫌犯罪的，移送有关机关。", "移送", [on, agency, reason], Danger: true)))
            await Run(() => Cases.TransferAsync(Id, Token, on.Day, agency.Value, reason.Value), "已移送。");
    }

    /// <summary>
    /// 送达地址确认书: the party's signed and sealed original, uploaded as a scan (PDF, JPG or PNG) with what it states — the consent
    /// to electronic service rests on it (行政处罚法第六十一条第二款：当事人同意并签订确认书) — or only the address for service.
    /// </summary>
    private async Task ServiceAddress()
    {
        var way = new ActionChoice<bool>("way", "登记内容", [(true, "上传当事人签字盖章的送达地址确认书原件（扫描件）"), (false, "只登记送达地址（当事人未同意电子送达）")]);
        bool Original() => way.Value;
        var on = new ActionDate("confirmed-on", "确认书签署日期", _today);
        var address = new ActionText("address", "送达地址", _case!.ServiceAddress ?? _case.Branch?.Address ?? "") { Required = true };
        var recipient = new ActionText("recipient", "收件人") { Required = true, ShownWhen = Original };
        var phone = new ActionText("phone", "收件人联系电话（手机号码或带区号的固定电话）") { Required = true, ShownWhen = Original };
        var consents = new ActionChoice<bool>("consents", "电子送达", [(true, "同意电子送达（平台及电子邮件）"), (false, "不同意电子送达")]) { ShownWhen = Original };
        var email = new ActionText("email", "送达电子邮箱（同意电子送达的必填）") { ShownWhen = Original };
        var responsible = new ActionText("responsible", "签署确认书的负责人", _case.Branch?.LegalRepresentative ?? "") { Required = true, ShownWhen = Original };
        var file = new ActionFile("file", "确认书原件扫描件（PDF、JPG或PNG，不超过10MB）") { ShownWhen = Original };
        var form = new ActionForm("当事人同意并签订确认书的，方可采用电子方式送达（行政处罚法第六十一条第二款）。请上传当事人签字并加盖公章的送达地址确认书原件扫描件，"
            + "系统按文件内容核验格式，保存原件及其SHA-256校验值；当事人也可由企业管理员在平台确认。", "登记", [way, on, address, recipient, phone, consents, email, responsible, file]);
        if (!await AskAsync("登记送达地址确认书", form)) return;
        if (!way.Value)
        {
            await Run(() => Cases.RecordServiceAddressAsync(Id, Token, address.Value, null, on.Day), "送达地址已登记。");
            return;
        }
        if (file.Value is not { } original)
        {
            Snackbar.Add("请上传当事人签字盖章的送达地址确认书原件扫描件（PDF、JPG或PNG）。", Severity.Error);
            return;
        }
        var input = new Supervision.Domain.Organizations.ServiceAddressInput
        {
            PostalAddress = address.Value, RecipientName = recipient.Value, RecipientPhone = phone.Value, Email = email.Value,
            ConsentsToElectronicService = consents.Value, ResponsiblePerson = responsible.Value, SignedOn = on.Day, Attested = true,
        };
        await Run(() => Cases.RecordServiceConsentAsync(Id, Token, input, original.Name, original.Bytes), "送达地址确认书原件已上传并登记。");
    }

    private static string ConsentFormLabel(Supervision.Domain.Organizations.ServiceConsentForm form) => form switch
    {
        Supervision.Domain.Organizations.ServiceConsentForm.SignedOriginal => "当事人签字盖章的确认书原件（已上传）",
        _ => "当事人企业管理员在平台确认",
    };

    /// <summary>Opens the scanned signed original the case's consent rests on (staff only).</summary>
    private async Task OpenConsentOriginal(long consentId)
    {
        try
        {
            var (name, _, bytes) = await ServiceAddresses.OriginalAsync(consentId);
            await JS.DownloadAsync(name, bytes);
        }
        catch (NotFoundException)
        {
            Snackbar.Add("未找到该确认书原件。", Severity.Warning);
        }
    }

    /// <summary>Links the corrective order the party did not comply with (拒不改正), on which a fine under such a basis rests.</summary>
    private async Task LinkOrder()
    {
        var orders = await Cases.DisregardedOrdersAsync(Id);
        if (orders.Count == 0)
        {
            Snackbar.Add("当事人没有逾期未改正或复查不合格的整改通知。依据只在拒不改正时才可罚款的，请先责令改正。", Severity.Warning);
            return;
        }
        var order = new ActionChoice<long>("order", "整改通知", orders.Select(o => (o.Id, o.Label)).ToList());
        if (await AskAsync("关联整改通知", new("关联同一违法事实下当事人逾期未改正的整改通知，作为“拒不改正”的依据。", "关联", [order])))
            await Run(() => Cases.LinkCorrectiveOrderAsync(Id, Token, order.Value), "已关联整改通知。");
    }

    private async Task Extend()
    {
        var approved = _case!.UsableApproval(ApprovalStep.DecisionExtension)?.ProposalValue;
        var (until, reason) = (new ActionDate("extended-to", "延长至", approved?.NewDate), new ActionText("reason", "延期理由", approved?.Reason ?? "", lines: 3));
        var form = new ActionForm($"作出决定的期限为{Fmt.ChineseDate(_case.EffectiveDecisionDueDate)}。案情复杂需延长的，须经批准（行政处罚法第六十条），最多延长{_settings.MaxDecisionExtensionDays}日（{_settings.DecisionExtensionSource}）。", "登记延期",
            [until, reason]);
        if (await AskAsync("延长决定期限", form))
            await Run(() => Cases.ExtendDecisionPeriodAsync(Id, Token, until.Day, reason.Value), "已登记延期。");
    }

    // ---------------------------------------------------------------- 法制审核 / 集体讨论

    /// <summary>The facts of 情节严重 or of the harm caused, which a heavier tier of the basis rests on (e.g. 反电信网络诈骗法第三十九条).</summary>
    private async Task Aggravation()
    {
        var facts = new ActionText("facts", "认定的事实（清空则撤销认定）", _case!.AggravatingFacts ?? "", lines: 3);
        var form = new ActionForm("依据中情节严重（或拒不改正、导致危害后果）一档的处罚，只有案件记录了该情形的事实才能适用；未记录的，只能适用较轻一档。", "保存", [facts]);
        if (await AskAsync("认定情节严重或危害后果", form))
            await Run(() => Cases.RecordAggravatingFactsAsync(Id, Token, facts.Value), "已保存。");
    }

    private async Task MarkSignificance()
    {
        var kind = new ActionChoice<(bool Major, bool Complex)>("significance", "认定为",
            [((true, false), "重大违法行为"), ((false, true), "情节复杂"), ((true, true), "重大违法行为且情节复杂"), ((false, false), "一般案件（撤销认定）")]);
        var reason = Reason("认定理由");
        var form = new ActionForm($"目前认定：{_case!.SignificanceText}。情节复杂或重大违法行为的处罚，须经法制审核（行政处罚法第五十八条）并由行政机关负责人集体讨论决定（第五十七条第二款）。",
            "保存认定", [kind, reason]);
        if (await AskAsync("认定重大/复杂案件", form))
            await Run(() => Cases.MarkSignificanceAsync(Id, Token, kind.Value.Major, kind.Value.Complex, reason.Value), "案件认定已保存。");
    }

    private async Task Discussion()
    {
        var (on, participants, conclusion) = (Today("held-on", "讨论日期"), new ActionText("participants", "参加讨论的负责人（以“、”分隔）"), new ActionText("conclusion", "讨论结论", lines: 3));
        var form = new ActionForm($"本案认定为{_case!.SignificanceText}，应当由行政机关负责人集体讨论决定（行政处罚法第五十七条第二款）。", "保存", [on, participants, conclusion]);
        if (await AskAsync("记录集体讨论", form))
            await Run(() => Cases.RecordDiscussionAsync(Id, Token, on.Day, participants.Value, conclusion.Value), "集体讨论已记录。");
    }

    private async Task LegalReview()
    {
        var opinion = new ActionChoice<LegalReviewOpinion>("opinion", "审核意见",
            [.. Enum.GetValues<LegalReviewOpinion>().Select(o => (o, LegalReviewOpinions.Label(o)))]);
        var (on, text) = (Today("reviewed-on", "审核日期"), new ActionText("text", "审核意见（事实、证据、依据、程序、处罚幅度）", lines: 4));
        var grounds = _case!.LegalReviewGrounds();
        var proposal = string.Join("；", _case.Sanctions.Where(s => s.Status == SanctionStatus.Proposed).OrderBy(s => s.Kind).Select(s => s.Label));
        var form = new ActionForm($"拟处罚：{proposal}。" + (grounds.Count > 0 ? $"本案{string.Join("、", grounds)}，须经法制审核（行政处罚法第五十八条）。" : "")
                                  + "审核意见针对当前拟定的处罚；重新拟定处罚后须重新审核。", "提交审核意见", [opinion, on, text]);
        if (await AskAsync("法制审核", form))
            await Run(() => Cases.RecordLegalReviewAsync(Id, Token, on.Day, opinion.Value, text.Value), "法制审核意见已记录。");
    }

    // ---------------------------------------------------------------- display

    private async Task DownloadAsync(IssuedDocument d)
    {
        var unread = Party && _sent.Any(e => e.OpenedAt is null && e.DocumentId == d.Id);
        // Opening a document sent through the portal serves it (行政处罚法第六十一条第二款): the party is told before, not after.
        if (unread && await Dialogs.ShowMessageBoxAsync("查阅送达文书",
                $"首次查阅之日即为{d.Title}的送达日期" + (d.Kind == DocumentKind.PriorNotice ? "，陈述、申辩和要求听证的期限自该日起计算" : "")
                + "。确定现在查阅并下载？", yesText: "查阅并下载", cancelText: "暂不查阅") != true)
            return;
        var (document, pdf) = await Cases.OpenDocumentAsync(Id, d.Id);
        await JS.DownloadAsync($"{document.Title}_{document.Number ?? document.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}.pdf", pdf);
        if (unread)
        {
            Snackbar.Add($"已查阅，本日为{document.Title}的送达日期。", Severity.Success);
            await LoadAsync();
        }
    }

    /// <summary>The document the officer serves next, if any (the page says how it may be served without consent).</summary>
    private string? ServedNext => _case!.State switch
    {
        CaseState.UnderReview when _case.PriorNoticeSentOn is null && _case.Sanctions.Any(s => s.Status == SanctionStatus.Proposed) => "事先告知书",
        CaseState.Hearing when _case.HearingDate is null || _case.HearingNoticeLate => "听证通知书",
        CaseState.Decided => "处罚决定书",
        _ => null,
    };

    /// <summary>How a document was served, in words: the method, who signed, the servers; by post the posting and 邮件号; the first opening.</summary>
    private static string ServiceText(CaseServiceRecord s) =>
        s.Method + (s.Recipient is { } r ? $"，签收人{r}" : "")
        + (s.PostedOn is { } posted ? $"，{Fmt.ChineseDate(posted)}交邮，邮件号{s.TrackingNumber}，以收件日期为送达日期" : "")
        + (s.OpenedAt is { } opened ? $"，{s.OpenedBy}于{BeijingTime.Local(opened):yyyy年M月d日 HH:mm}首次查阅" : "")
        + (s.Servers.Length > 0 && s.OpenedAt is null ? $"；送达人：{s.Servers}" : "")
        + (s.PostedOn is null && s.OpenedAt is null && s.Record is { } record ? $"（{record}）" : "");

    private static string SanctionStatusText(SanctionStatus s) => s switch
    {
        SanctionStatus.Proposed => "拟作出（尚未决定）",
        SanctionStatus.Pending => "待执行",
        SanctionStatus.Executed => "已执行",
        SanctionStatus.Superseded => "已因复议或诉讼变更、撤销",
        _ => "终结执行",
    };

    private static string ApprovalText(CaseApproval a) => a.Kind switch
    {
        ApprovalKind.DecisionExtension => "延长决定期限",
        ApprovalKind.Deferral => "暂缓缴纳",
        _ => "分期缴纳",
    };
}

/// <summary>The fields of one service on the case page (<see cref="CaseDetail"/>), and the details the service step records from them.</summary>
internal sealed record CaseServiceFields(ActionChoice<string> Method, ActionText Recipient, ActionText RecipientPost, ActionText Servers, ActionDate Posted,
    ActionText Tracking, ActionText Tried)
{
    public IReadOnlyList<ActionField> All => [Method, Recipient, RecipientPost, Servers, Posted, Tracking, Tried];

    /// <summary>
    /// The fields of a service (the case's documents, the 责令限期改正通知书): the method out of <paramref name="options"/>, and each
    /// field shown for its method only; the servers default to <paramref name="servers"/>.
    /// </summary>
    public static CaseServiceFields For(IReadOnlyList<(string Value, string Label)> options, IEnumerable<string> servers)
    {
        var method = new ActionChoice<string>("method", "送达方式", options);
        bool Manual() => method.Value != EnforcementCase.PortalService;
        return new CaseServiceFields(method,
            new ActionText("recipient", "签收人姓名") { Required = true, ShownWhen = () => ServiceMethods.IsHanded(method.Value) },
            new ActionText("recipient-post", "签收人职务") { ShownWhen = () => ServiceMethods.IsHanded(method.Value) },
            new ActionText("servers", "送达人（两名，以、分隔）", string.Join("、", servers)) { Required = true, ShownWhen = () => Manual() && !ServiceMethods.IsElectronic(method.Value) },
            new ActionDate("posted-on", "交邮日期") { ShownWhen = () => method.Value == ServiceMethods.Post },
            new ActionText("tracking", "邮件号") { Required = true, ShownWhen = () => method.Value == ServiceMethods.Post },
            new ActionText("failed-attempts", "已采取的送达方式和无法送达的情况", lines: 2) { ShownWhen = () => method.Value == ServiceMethods.Announcement });
    }

    /// <summary>Through the portal: sent now, served on the party's first opening.</summary>
    public bool Sending => Method.Value == EnforcementCase.PortalService;

    public ServiceDetails? Details() => Sending ? null : new ServiceDetails(
        PostedOn: Method.Value == ServiceMethods.Post ? Posted.Value : null,
        FailedAttempts: Method.Value == ServiceMethods.Announcement ? Tried.Value : null,
        RecipientName: Recipient.Shown ? Recipient.Value : null, RecipientPost: RecipientPost.Shown ? RecipientPost.Value : null,
        Servers: Servers.Shown ? Servers.Value.Split(['、', ',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
        TrackingNumber: Method.Value == ServiceMethods.Post ? Tracking.Value : null);
}
