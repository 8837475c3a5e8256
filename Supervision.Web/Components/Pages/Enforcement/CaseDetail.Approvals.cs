using Supervision.Domain.Enforcement;
using Supervision.Web.Components.Shared;

namespace Supervision.Web.Components.Pages.Enforcement;

/// <summary>The officer's requests for the responsible person's approval: each asks for exactly what the step will then take.</summary>
public partial class CaseDetail
{
    private Task RequestApproval(string key) => key switch
    {
        "approval-filing" => AskApproval(ApprovalStep.Filing, $"报请局领导批准立案（行政处罚法第五十四条）：{_case!.FilingContent()}", new ApprovalProposal(), []),
        "approval-decision" => AskDecisionApproval(),
        "approval-no-penalty" => AskNoPenaltyApproval(),
        "approval-extension" => AskExtensionApproval(),
        "approval-arrangement" => AskArrangementApproval(),
        _ => throw new InvalidOperationException($"The case page has no form for the action “{key}”."),
    };

    private async Task AskApproval(ApprovalStep step, string explanation, ApprovalProposal proposal, IReadOnlyList<ActionField> fields,
        Func<ApprovalProposal>? read = null, Microsoft.AspNetCore.Components.RenderFragment? extra = null)
    {
        var note = new ActionText("note", "承办人意见", lines: 2);
        if (await AskAsync($"报请审批：{ApprovalSteps.Label(step)}", new(explanation + "批准后按批准的内容办理；内容变更的，须重新报请。", "报请审批", [.. fields, note]), extra: extra))
            await Run(() => Cases.RequestApprovalAsync(Id, Token, step, read?.Invoke() ?? proposal, note.Value), "已报请审批，局领导审批后将通知您。");
    }

    private Task AskDecisionApproval()
    {
        var sanctions = Proposed();
        return AskApproval(ApprovalStep.Decision, "报请局领导审批拟作出的行政处罚决定（行政处罚法第五十七条）。处罚不得重于事先告知的内容。", new ApprovalProposal(),
            [], () => new ApprovalProposal(Sanctions: sanctions), SanctionFields(sanctions));
    }

    private Task AskNoPenaltyApproval()
    {
        var reason = Reason("不予处罚的理由");
        return AskApproval(ApprovalStep.NoPenalty, "报请局领导审批不予行政处罚（行政处罚法第五十七条、第三十三条）。", new ApprovalProposal(), [reason],
            () => new ApprovalProposal(Reason: reason.Value));
    }

    private Task AskExtensionApproval()
    {
        var (until, reason) = (new ActionDate("extended-to", "延长至"), Reason("延期理由"));
        return AskApproval(ApprovalStep.DecisionExtension,
            $"作出决定的期限为{Fmt.ChineseDate(_case!.EffectiveDecisionDueDate)}，最多延长{_settings.MaxDecisionExtensionDays}日（{_settings.DecisionExtensionSource}）。报请局领导批准延长（行政处罚法第六十条）。",
            new ApprovalProposal(), [until, reason], () => new ApprovalProposal(NewDate: until.Value, Reason: reason.Value));
    }

    private async Task AskArrangementApproval()
    {
        var kind = new ActionChoice<ApprovalKind>("kind", "申请的方式", [(ApprovalKind.Deferral, "暂缓缴纳"), (ApprovalKind.Instalments, "分期缴纳")]);
        var dueDate = new ActionDate("due-date", "新的缴款期限（分期的，为最后一期的日期）");
        var schedule = new ActionText("schedule", "分期安排（各期日期和金额）", lines: 2) { ShownWhen = () => kind.Value == ApprovalKind.Instalments };
        var reason = Reason();
        var note = new ActionText("note", "承办人意见", lines: 2);
        var form = new ActionForm("当事人确有经济困难的，经当事人申请和行政机关批准，可以暂缓或者分期缴纳罚款（行政处罚法第六十六条）。批准后按批准的内容登记。", "报请审批",
            [kind, dueDate, schedule, reason, note]);
        if (await AskAsync("报请审批：暂缓或分期缴纳", form))
            await Run(() => Cases.RequestApprovalAsync(Id, Token, kind.Value == ApprovalKind.Deferral ? ApprovalStep.Deferral : ApprovalStep.Instalments,
                new ApprovalProposal(dueDate.Value, reason.Value, kind.Value == ApprovalKind.Instalments ? schedule.Value : null), note.Value), "已报请审批，局领导审批后将通知您。");
    }
}
