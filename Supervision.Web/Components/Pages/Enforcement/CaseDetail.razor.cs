using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Web.Components.Shared;

namespace Supervision.Web.Components.Pages.Enforcement;

/// <summary>
/// The case page: where the case stands, its deadlines and documents, and the next steps the law allows — each
/// asking for what it needs, previewing the document it issues, and confirming before it acts.
/// </summary>
public partial class CaseDetail
{
    [Parameter] public long Id { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private EnforcementService Cases { get; set; } = default!;
    [Inject] private DocumentRegistry Registry { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private Supervision.Domain.Publicity.PublicityService Publicity { get; set; } = default!;

    private EnforcementCase? _case;
    private EnforcementSettings _settings = new();
    private IReadOnlyList<CaseDeadline> _deadlines = [];
    private IReadOnlyList<IssuedDocument> _documents = [];
    private IReadOnlyList<Supervision.Domain.Publicity.AnnouncementRow> _announcements = [];
    private DateOnly _today;
    private bool _officer, _carrier;
    private int _version;

    /// <summary>A step offered on the page; <paramref name="NotYet"/> says why it cannot be taken yet (shown disabled with that reason).</summary>
    private sealed record CaseAction(string Key, string Label, Func<Task> Run, bool Primary = false, bool Danger = false, string? NotYet = null);

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthState).User;
        _officer = user.IsInRole(Roles.Inspector) || user.IsInRole(Roles.SystemAdmin);
        _carrier = user.IsInRole(Roles.CarrierUser);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _today = BeijingTime.Today(Clock);
            _case = await Cases.GetAsync(Id);
            _settings = await Cases.SettingsAsync(_case.ProvinceId);
            _deadlines = EnforcementService.Deadlines(_case, _today);
            _documents = await Registry.ForOwnerAsync(EnforcementService.OwnerType, Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!_carrier)
                _announcements = await Publicity.ForSourceAsync(Supervision.Domain.Publicity.PenaltyAnnouncement.SourceType, Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _version++;
        }
        catch (NotFoundException)
        {
            Nav.NotFound();
        }
    }

    private IEnumerable<CaseAction> Actions()
    {
        var c = _case!;
        if (_carrier)
        {
            if (c.State is CaseState.PriorNoticeServed or CaseState.Hearing && _today <= c.StatementDeadline)
            {
                yield return new("statement", "提交陈述申辩", () => Statement(waiver: false), Primary: true);
                yield return new("waive", "书面放弃", () => Statement(waiver: true));
            }
            if (c.State == CaseState.PriorNoticeServed && c.HearingOffered && _today <= c.HearingRequestDeadline)
                yield return new("request-hearing", "申请听证", RequestHearing);
            if (c.State is CaseState.Served or CaseState.Executing && c.AcknowledgedAt is null)
                yield return new("acknowledge", "确认签收处罚决定书", Acknowledge, Primary: true);
            yield break;
        }
        if (!_officer) yield break;
        switch (c.State)
        {
            case CaseState.Filed:
                if (c.CaseNumber is null) yield return new("filing", "签发立案审批表", () => Run(() => Cases.IssueFilingApprovalAsync(Id), "立案审批表已签发。"));
                yield return new("investigate", "开始调查取证", () => Simple(new("开始调查取证。执法人员不得少于两人，调查时应出示执法证件。", "开始调查"),
                    (c, ctx, _) => c.StartInvestigation(ctx.Actor, ctx.Now)), Primary: true);
                break;
            case CaseState.Investigating:
                yield return new("evidence", "添加证据", Evidence);
                yield return new("review", "提交审查", () => Simple(new("调查终结，写明调查结论后提交审查。", "提交审查", TextLabel: "调查结论"),
                    (c, ctx, i) => c.SubmitForReview(i.Text, ctx.Actor, ctx.Now)), Primary: true);
                break;
            case CaseState.UnderReview:
                yield return new("evidence", "添加证据", Evidence);
                yield return new("propose", "拟定处罚", Propose, Primary: !c.Sanctions.Any(s => s.Status == SanctionStatus.Proposed));
                if (c.Sanctions.Any(s => s.Status == SanctionStatus.Proposed))
                    yield return new("notice", "送达事先告知书", Notice, Primary: true);
                break;
            case CaseState.PriorNoticeServed:
                var waitUntil = c.StatementWaived ? null
                    : new[] { c.StatementDeadline, c.HearingOffered ? c.HearingRequestDeadline : null }.Max();
                yield return new("decide", "作出处罚决定", Decide, Primary: true,
                    NotYet: waitUntil >= _today ? $"当事人陈述申辩{(c.HearingOffered ? "及申请听证" : "")}期限至{Fmt.ChineseDate(waitUntil.Value)}，届满后（或当事人书面放弃后）方可作出决定。" : null);
                yield return new("statement", "记录陈述申辩", () => Statement(waiver: false));
                if (c.HearingOffered) yield return new("request-hearing", "登记听证申请", RequestHearing);
                break;
            case CaseState.Hearing:
                yield return new("schedule", "安排听证", Schedule, Primary: c.HearingDate is null);
                if (c.HearingDate is not null && c.HearingHeldOn is null)
                    yield return new("hold", "记录听证", () => Simple(new("记录听证举行日期和笔录要点。", "保存", DateLabel: "举行日期", TextLabel: "听证笔录要点"),
                        (c, ctx, i) => c.RecordHearing(i.Day, i.Text, ctx.Actor, ctx.Now)), Primary: true);
                if (c.HearingHeldOn is not null) yield return new("decide", "作出处罚决定", Decide, Primary: true);
                break;
            case CaseState.Decided:
                yield return new("serve", "送达处罚决定书", Serve, Primary: true);
                break;
            case CaseState.Served or CaseState.Executing:
                if (c.Fine is { Status: SanctionStatus.Pending })
                {
                    yield return new("payment", "登记缴款", Payment, Primary: true);
                    yield return new("defer", "批准暂缓/分期缴纳", Arrangement);
                }
                yield return new("close", "结案", () => Simple(new("全部处罚执行完毕或终结执行后方可结案。", "结案", DateLabel: "结案日期"),
                    (c, ctx, i) => c.Close(i.Day, ctx.Actor, ctx.Now)));
                break;
        }
        if (c.State is CaseState.UnderReview or CaseState.PriorNoticeServed or CaseState.Hearing)
            yield return new("no-penalty", "不予处罚", () => Simple(new("依照行政处罚法第三十三条决定不予行政处罚（如违法行为轻微并及时改正、初次违法且危害后果轻微并及时改正）。", "决定不予处罚",
                DateLabel: "决定日期", TextLabel: "理由", Danger: true), (c, ctx, i) => c.DecideNoPenalty(i.Day, i.Text, ctx.Actor, ctx.Now)), Danger: true);
        if (c.State is CaseState.Filed or CaseState.Investigating or CaseState.UnderReview)
            yield return new("withdraw", "撤销立案", () => Simple(new("违法事实不能成立或不应立案的，撤销立案。", "撤销立案", DateLabel: "撤销日期", TextLabel: "理由", Danger: true),
                (c, ctx, i) => c.Withdraw(i.Day, i.Text, ctx.Actor, ctx.Now)), Danger: true);
        if (CaseStates.IsOpen(c.State) && c.DecidedOn is null)
        {
            yield return new("transfer", "移送", () => Simple(new("案件不属于本机关管辖或涉嫌犯罪的，移送有关机关。", "移送", DateLabel: "移送日期", TextLabel: "理由", Text2Label: "移送机关", Danger: true),
                (c, ctx, i) => c.Transfer(i.Day, i.Text2, i.Text, ctx.Actor, ctx.Now)), Danger: true);
            yield return new("extend", "延长决定期限", () => Simple(new($"作出决定的期限为{Fmt.ChineseDate(c.EffectiveDecisionDueDate)}。案情复杂需延长的，须经批准（行政处罚法第六十条）。", "登记延期",
                DateLabel: "延长至", Date2Label: "批准日期", TextLabel: "延期理由", Text2Label: "批准人"), (c, ctx, i) => c.ExtendDecisionPeriod(i.Day, i.Text, i.Text2, i.Day2, ctx.Actor, ctx.Now)));
        }
    }

    private async Task<ActionInput?> AskAsync(string title, ActionForm form, ActionInput? input = null, Func<ActionInput, Task<byte[]>>? preview = null, bool sanctions = false)
    {
        input ??= new ActionInput { Date = _today.ToDateTime(TimeOnly.MinValue) };
        var dialog = await Dialogs.ShowAsync<ActionDialog>(title, new DialogParameters<ActionDialog>
        {
            { x => x.Form, form }, { x => x.Input, input }, { x => x.Extra, sanctions ? SanctionFields : null }, { x => x.Preview, preview },
        }, new DialogOptions { MaxWidth = preview is null ? MaxWidth.Small : MaxWidth.Large, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: ActionInput result } ? result : null;
    }

    private async Task Run(Func<Task> action, string done)
    {
        if (await Snackbar.TryAsync(action, done)) await LoadAsync();
    }

    /// <summary>An action that issues no document: ask, then apply the case's own method.</summary>
    private async Task Simple(ActionForm form, Action<EnforcementCase, CaseContext, ActionInput> apply)
    {
        if (await AskAsync(form.ConfirmText, form) is { } input)
            await Run(() => Cases.ApplyAsync(Id, _case!.ConcurrencyToken, (c, ctx) => apply(c, ctx, input)), $"已{form.ConfirmText}。");
    }

    private async Task Evidence()
    {
        if (await AskAsync("添加证据", new("登记收集的证据（书证、物证、视听资料、电子数据、证人证言、现场笔录等）。", "保存", DateLabel: "取证日期", TextLabel: "证据内容", File: true)) is { } i)
            await Run(() => Cases.AddEvidenceAsync(Id, _case!.ConcurrencyToken, i.Text, i.Day, i.File), "证据已保存。");
    }

    private async Task Propose()
    {
        var current = _case!.Sanctions.Where(s => s.Status == SanctionStatus.Proposed)
            .Select(s => new SanctionInput(s.Kind, s.LegalBasisId, s.Amount, s.Description, s.CorrectionDeadline)).ToList();
        if (await AskAsync("拟定处罚", new("拟定的处罚将写入事先告知书。决定不得重于告知的处罚（行政处罚法第四十五条）。", "保存"),
                new ActionInput { Sanctions = current }, sanctions: true) is { } i)
            await Run(() => Cases.ProposeAsync(Id, _case.ConcurrencyToken, i.Sanctions), "拟定的处罚已保存。");
    }

    private async Task Notice()
    {
        var form = new ActionForm($"送达行政处罚事先告知书：当事人自送达之日起{_settings.StatementWorkingDays}个工作日内可以陈述申辩" +
                                      (_case!.FineAmount >= _settings.HearingThreshold ? $"；拟罚款达到听证标准（{Fmt.Money(_settings.HearingThreshold)}），将告知听证权利" : "") + "。签发后文号不可收回。",
            "签发并送达", DateLabel: "送达日期");
        if (await AskAsync("送达事先告知书", form, preview: i => Cases.PreviewAsync(Id, EnforcementService.PreviewKind.PriorNotice, i.Day)) is { } input)
            await Run(() => Cases.ServePriorNoticeAsync(Id, _case.ConcurrencyToken, input.Day), "事先告知书已签发并登记送达。");
    }

    private async Task Schedule()
    {
        var form = new ActionForm($"听证应在通知送达{_settings.HearingNoticeWorkingDays}个工作日后举行（行政处罚法第六十四条）。", "签发听证通知书",
            DateLabel: "通知送达日期", Date2Label: "听证日期", Text2Label: "听证地点");
        if (await AskAsync("安排听证", form, new ActionInput { Date = _today.ToDateTime(TimeOnly.MinValue), Text2 = "本局第一会议室" },
                i => Cases.PreviewAsync(Id, EnforcementService.PreviewKind.HearingNotice, i.Day, hearingDate: i.Day2, place: i.Text2)) is { } input)
            await Run(() => Cases.ScheduleHearingAsync(Id, _case!.ConcurrencyToken, input.Day, input.Day2, input.Text2), "听证通知书已签发。");
    }

    private async Task Decide()
    {
        var proposed = _case!.Sanctions.Where(s => s.Status == SanctionStatus.Proposed)
            .Select(s => new SanctionInput(s.Kind, s.LegalBasisId, s.Amount, s.Description, s.CorrectionDeadline)).ToList();
        var form = new ActionForm("作出行政处罚决定。处罚不得重于事先告知的内容；签发后文号不可收回，决定书在送达后当事人可见。", "作出决定并签发决定书",
            DateLabel: "决定日期");
        if (await AskAsync("作出处罚决定", form, new ActionInput { Date = _today.ToDateTime(TimeOnly.MinValue), Sanctions = proposed },
                i => Cases.PreviewAsync(Id, EnforcementService.PreviewKind.PenaltyDecision, i.Day, i.Sanctions), sanctions: true) is { } input)
            await Run(() => Cases.DecideAsync(Id, _case.ConcurrencyToken, input.Day, input.Sanctions), "处罚决定书已签发。");
    }

    private async Task Serve()
    {
        var form = new ActionForm($"决定书应在{Fmt.ChineseDate(_case!.ServiceDueDate!.Value)}前送达（行政处罚法第六十一条）。送达后当事人可在平台查看决定书并确认签收。", "登记送达",
            DateLabel: "送达日期", Text2Label: "送达方式（直接送达、邮寄送达、电子送达等）");
        if (await AskAsync("送达处罚决定书", form, new ActionInput { Date = _today.ToDateTime(TimeOnly.MinValue), Text2 = "直接送达" }) is { } input)
            await Run(() => Cases.ServeAsync(Id, _case.ConcurrencyToken, input.Day, input.Text2), "已登记送达，送达回证已生成。");
    }

    private async Task Payment()
    {
        var form = new ActionForm($"截至今日应缴{Fmt.Money(_case!.OutstandingOn(_today, _settings.SurchargeRatePerDay))}（罚款{Fmt.Money(_case.FineAmount)}，加处罚款{Fmt.Money(_case.SurchargeOn(_today, _settings.SurchargeRatePerDay))}，已缴{Fmt.Money(_case.Paid)}）。",
            "登记", DateLabel: "缴款日期", AmountLabel: "缴款金额（元）", Text2Label: "缴款凭证号");
        if (await AskAsync("登记缴款", form) is { } i)
            await Run(() => Cases.RecordPaymentAsync(Id, _case.ConcurrencyToken, i.Amount ?? 0, i.Day, i.Text2), "缴款已登记。");
    }

    private async Task Arrangement()
    {
        var form = new ActionForm("当事人确有经济困难的，经申请和批准可以暂缓或者分期缴纳（行政处罚法第六十六条）。加处罚款自新的期限届满次日起计算。", "登记批准",
            DateLabel: "新的缴款期限", Date2Label: "批准日期", TextLabel: "理由（如分期，写明各期日期和金额）", Text2Label: "批准人");
        if (await AskAsync("暂缓或分期缴纳", form) is { } i)
        {
            var instalments = i.Text.Contains('期');
            await Run(() => Cases.ApplyAsync(Id, _case!.ConcurrencyToken, (c, ctx) => c.ApprovePaymentArrangement(instalments ? ApprovalKind.Instalments : ApprovalKind.Deferral,
                i.Day, instalments ? i.Text : null, i.Text, i.Text2, i.Day2, ctx.Actor, ctx.Now)), "已登记批准。");
        }
    }

    private async Task ExecuteAsync(CaseSanction s)
    {
        if (await AskAsync($"登记执行：{s.Label}", new("登记处罚的执行情况（如公告已发布、整改已复查合格）。", "登记", DateLabel: "执行日期", TextLabel: "执行情况")) is { } i)
            await Run(() => Cases.ApplyAsync(Id, _case!.ConcurrencyToken, (c, ctx) => c.ExecuteSanction(s.Id, i.Day, i.Text, ctx.Actor, ctx.Now)), "已登记执行。");
    }

    private async Task EndAsync(CaseSanction s)
    {
        if (await AskAsync($"终结执行：{s.Label}", new("依法终结执行的，写明理由。", "终结执行", DateLabel: "日期", TextLabel: "理由", Danger: true)) is { } i)
            await Run(() => Cases.ApplyAsync(Id, _case!.ConcurrencyToken, (c, ctx) => c.EndSanction(s.Id, i.Day, i.Text, ctx.Actor, ctx.Now)), "已终结执行。");
    }

    private async Task Statement(bool waiver)
    {
        var form = waiver
            ? new ActionForm("书面声明放弃陈述、申辩和听证的权利后，本机关可以在期限届满前作出决定。", "提交声明", TextLabel: "声明内容", Danger: true)
            : new ActionForm($"陈述申辩期限至{Fmt.ChineseDate(_case!.StatementDeadline!.Value)}。可附证明材料。", "提交", TextLabel: "陈述申辩意见", File: true);
        var input = waiver ? new ActionInput { Text = "本单位对上述违法事实、处罚依据和拟作出的处罚无异议，自愿放弃陈述、申辩和听证的权利。" } : null;
        if (await AskAsync(waiver ? "书面放弃陈述申辩" : "陈述申辩", form, input) is { } i)
            await Run(() => Cases.RecordStatementAsync(Id, i.Text, waiver, i.File), waiver ? "放弃声明已提交。" : "陈述申辩已提交。");
    }

    private async Task RequestHearing()
    {
        var ok = await Dialogs.ShowMessageBoxAsync("申请听证", $"听证申请期限至{Fmt.ChineseDate(_case!.HearingRequestDeadline!.Value)}。提交后本机关将另行通知听证时间和地点。确定申请听证？", yesText: "申请听证", cancelText: "取消");
        if (ok == true) await Run(() => Cases.RequestHearingAsync(Id), "已申请听证。");
    }

    private async Task Acknowledge()
    {
        var ok = await Dialogs.ShowMessageBoxAsync("确认签收", "确认本单位已收到行政处罚决定书。", yesText: "确认签收", cancelText: "取消");
        if (ok == true) await Run(() => Cases.AcknowledgeServiceAsync(Id), "已确认签收。");
    }

    private async Task DownloadAsync(IssuedDocument d)
    {
        var (document, pdf) = await Registry.DownloadAsync(d.Id);
        await JS.DownloadAsync($"{document.Title}_{document.Number ?? document.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}.pdf", pdf);
    }

    private static string SanctionStatusText(SanctionStatus s) => s switch
    {
        SanctionStatus.Proposed => "拟处罚（告知）",
        SanctionStatus.Pending => "待执行",
        SanctionStatus.Executed => "已执行",
        _ => "终结执行",
    };

    private static string ApprovalText(CaseApproval a) => a.Kind switch
    {
        ApprovalKind.DecisionExtension => "延长决定期限",
        ApprovalKind.Deferral => "暂缓缴纳",
        _ => "分期缴纳",
    };
}
