namespace Supervision.Domain.Enforcement;

/// <summary>One line of the case timeline, written by each transition.</summary>
public class CaseStep
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public CaseState State { get; set; }
    public string Action { get; set; } = "";
    public string? Detail { get; set; }
}
