namespace Supervision.Web.Components.Shared;

public enum StatusKind
{
    Neutral,
    Draft,
    Pending,
    Overdue,
    Done,
    Withdrawn,
    Info,
}
