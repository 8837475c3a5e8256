using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

/// <summary>What every stored row of a return carries: its submission, its owner (for the scope filter) and its row in the file.</summary>
public abstract class ReturnRow : IBranchScoped
{
    public long Id { get; set; }
    public long SubmissionId { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public int RowNumber { get; set; }

    /// <summary>
    /// The values of the columns an administrator added in the designer (no fixed property holds them), as JSON keyed by each
    /// column's stable key (<see cref="ExtraColumns"/>); null when the sheet has none.
    /// </summary>
    public string? ExtraValues { get; set; }
}

/// <summary>RN-MONTHLY 汇总: one row per city × channel tier.</summary>
[NotAudited]
public class RnSummaryRow : ReturnRow
{
    public string CityCode { get; set; } = "";
    public string Channel { get; set; } = "";
    public long Subscribers { get; set; }
    public long Registered { get; set; }
    public long UnregisteredLegacy { get; set; }
    public long OneWayStops { get; set; }
    public long TwoWayStops { get; set; }
    public long NewActivations { get; set; }
    public long ReaderVerified { get; set; }
    public long ManualEntries { get; set; }
    public long OverLimitIds { get; set; }
    public long Reregistered { get; set; }
    public long FraudShutdowns { get; set; }
}

/// <summary>RN-MONTHLY 网点明细: one row per sales outlet.</summary>
[NotAudited]
public class OutletRow : ReturnRow
{
    public string OutletCode { get; set; } = "";
    public string OutletName { get; set; } = "";
    public string CityCode { get; set; } = "";
    public string Channel { get; set; } = "";
    public long NewActivations { get; set; }
    public long ReaderVerified { get; set; }
    public long ManualEntries { get; set; }
    public long MysteryViolations { get; set; }
}

/// <summary>LOG-QUARTERLY: one row per system that keeps logs.</summary>
[NotAudited]
public class LogSystemRow : ReturnRow
{
    public string SystemName { get; set; } = "";
    public string LogType { get; set; } = "";
    public long RetentionDays { get; set; }
    public DateOnly EarliestRecord { get; set; }
    public string StorageLocation { get; set; } = "";
    public bool SampleCheckPassed { get; set; }
}

/// <summary>SELF-ANNUAL: the carrier's own finding per real-name checklist item.</summary>
[NotAudited]
public class SelfCheckRow : ReturnRow
{
    public string ItemCode { get; set; } = "";
    public string ItemTitle { get; set; } = "";
    public string Result { get; set; } = "";
    public string? Narrative { get; set; }
    public string? Remedy { get; set; }
}
