using Supervision.Domain.Files;

namespace Supervision.Domain.Enforcement;

/// <summary>The party's 陈述申辩 (written, or recorded from an oral statement), or its written waiver.</summary>
public class CaseStatement
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public string Text { get; set; } = "";
    public bool IsWaiver { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
    public long? FileId { get; set; }
    public StoredFile? File { get; set; }
}
