using Supervision.Domain.Inspections;

using Supervision.Domain.Enforcement;
using Supervision.Domain.Submissions;

namespace Supervision.Web.Components.Shared;

/// <summary>One text and one colour per state, everywhere a state is shown.</summary>
public static class StatusStyles
{
    public static (string Text, StatusKind Kind) Of(Supervision.Domain.Notifications.OutboxStatus status) => status switch
    {
        Supervision.Domain.Notifications.OutboxStatus.Pending => ("待发送", StatusKind.Pending),
        Supervision.Domain.Notifications.OutboxStatus.Sent => ("已发送", StatusKind.Done),
        _ => ("发送失败", StatusKind.Overdue),
    };

    public static (string Text, StatusKind Kind) Of(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Draft => ("草稿", StatusKind.Draft),
        SubmissionStatus.Submitted => ("已报送", StatusKind.Pending),
        SubmissionStatus.Accepted => ("已受理", StatusKind.Done),
        SubmissionStatus.Returned => ("已退回", StatusKind.Withdrawn),
        _ => ("已作废", StatusKind.Neutral),
    };

    public static (string Text, StatusKind Kind) Of(FilingState state) => state switch
    {
        FilingState.NotFiled => ("未报", StatusKind.Neutral),
        FilingState.Draft => ("草稿", StatusKind.Draft),
        FilingState.Submitted => ("已报送", StatusKind.Pending),
        FilingState.Overdue => ("逾期", StatusKind.Overdue),
        FilingState.Accepted => ("已受理", StatusKind.Done),
        _ => ("已退回", StatusKind.Withdrawn),
    };

    public static (string Text, StatusKind Kind) Of(PlanStatus status) => (InspectionPlan.StatusLabel(status), status switch
    {
        PlanStatus.Draft => StatusKind.Draft,
        PlanStatus.Active => StatusKind.Pending,
        PlanStatus.Completed => StatusKind.Done,
        _ => StatusKind.Withdrawn,
    });

    public static (string Text, StatusKind Kind) Of(InspectionStatus status) => (Inspection.StatusLabel(status), status switch
    {
        InspectionStatus.Planned => StatusKind.Pending,
        InspectionStatus.InProgress => StatusKind.Info,
        InspectionStatus.Completed => StatusKind.Done,
        _ => StatusKind.Withdrawn,
    });

    public static (string Text, StatusKind Kind) Of(ItemOutcome outcome) => (Inspection.OutcomeLabel(outcome), outcome switch
    {
        ItemOutcome.Pending => StatusKind.Draft,
        ItemOutcome.Compliant => StatusKind.Done,
        ItemOutcome.NonCompliant => StatusKind.Overdue,
        _ => StatusKind.Neutral,
    });

    public static (string Text, StatusKind Kind) Of(OrderState state) => (CorrectiveOrder.StateLabel(state), state switch
    {
        OrderState.Draft => StatusKind.Draft,
        OrderState.Issued => StatusKind.Pending,
        OrderState.Replied => StatusKind.Info,
        OrderState.Verified => StatusKind.Done,
        OrderState.NotVerified or OrderState.Overdue => StatusKind.Overdue,
        _ => StatusKind.Withdrawn,
    });

    public static (string Text, StatusKind Kind) Of(ExtensionStatus status) => (ExtensionRequest.StatusLabel(status), status switch
    {
        ExtensionStatus.Pending => StatusKind.Pending,
        ExtensionStatus.Approved => StatusKind.Done,
        ExtensionStatus.Refused => StatusKind.Overdue,
        _ => StatusKind.Withdrawn,
    });

    public static (string Text, StatusKind Kind) Of(FindingSeverity severity) => (Finding.SeverityLabel(severity), severity switch
    {
        FindingSeverity.Severe => StatusKind.Overdue,
        FindingSeverity.Serious => StatusKind.Pending,
        _ => StatusKind.Neutral,
    });

    /// <summary>A finding by its list label (待处理, 责令整改, 待立案, 已立案, 仅观察, 已撤回).</summary>
    public static (string Text, StatusKind Kind) OfFinding(string label) => (label, label switch
    {
        "待处理" or "待立案" => StatusKind.Pending,
        "责令整改" => StatusKind.Info,
        "已立案" => StatusKind.Done,
        "已撤回" => StatusKind.Withdrawn,
        _ => StatusKind.Neutral,
    });

    public static (string Text, StatusKind Kind) OfDraw(bool published, bool voided, bool superseded) =>
        voided ? ("已作废", StatusKind.Withdrawn) : superseded ? ("已公开，已重新抽取", StatusKind.Info) : published ? ("已公开", StatusKind.Done) : ("未公开", StatusKind.Pending);

    public static (string Text, StatusKind Kind) Of(CaseState state) => (CaseStates.Label(state), state switch
    {
        CaseState.Closed or CaseState.NoPenalty => StatusKind.Done,
        CaseState.Withdrawn or CaseState.Transferred => StatusKind.Withdrawn,
        CaseState.Decided or CaseState.Served or CaseState.Executing => StatusKind.Info,
        _ => StatusKind.Pending,
    });
}
