namespace Supervision.Domain.Enforcement;

/// <summary>An officer who investigates the case (Art. 42: at least two).</summary>
public class CaseInvestigator
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
}
