using Supervision.Domain.Files;

namespace Supervision.Domain.Enforcement;

/// <summary>One piece of evidence with its files (Art. 46; 调查取证).</summary>
public class CaseEvidence
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public string Description { get; set; } = "";
    public DateOnly CollectedOn { get; set; }
    public string CollectedBy { get; set; } = "";
    public long? FileId { get; set; }
    public StoredFile? File { get; set; }
}
