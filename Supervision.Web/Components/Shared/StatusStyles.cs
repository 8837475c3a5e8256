using Supervision.Domain.Enforcement;
using Supervision.Domain.Submissions;

namespace Supervision.Web.Components.Shared;

/// <summary>One text and one colour per state, everywhere a state is shown.</summary>
public static class StatusStyles
{
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

    public static (string Text, StatusKind Kind) Of(CaseState state) => (CaseStates.Label(state), state switch
    {
        CaseState.Closed or CaseState.NoPenalty => StatusKind.Done,
        CaseState.Withdrawn or CaseState.Transferred => StatusKind.Withdrawn,
        CaseState.Decided or CaseState.Served or CaseState.Executing => StatusKind.Info,
        _ => StatusKind.Pending,
    });
}
