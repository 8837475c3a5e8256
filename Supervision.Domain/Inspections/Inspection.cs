using Supervision.Domain.Common;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Inspections;

public enum InspectionStatus
{
    /// <summary>待检查: drawn and assigned.</summary>
    Planned,
    /// <summary>检查中: results are being recorded.</summary>
    InProgress,
    /// <summary>已完成: locked; changes only as audited amendments.</summary>
    Completed,
    /// <summary>已取消: its draw was voided.</summary>
    Cancelled,
}

public enum ItemOutcome
{
    /// <summary>未检查.</summary>
    Pending,
    /// <summary>符合.</summary>
    Compliant,
    /// <summary>不符合.</summary>
    NonCompliant,
    /// <summary>不适用.</summary>
    NotApplicable,
}

/// <summary>
/// One on-site inspection of one branch (or one of its outlets): the administration's internal record. The carrier
/// never sees it (<see cref="VisibleToParty"/> is always false): what it learns comes as a corrective order.
/// </summary>
public class Inspection : IPartyVisible
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public Branch? Branch { get; set; }
    public bool VisibleToParty { get; private set; }
    public long PlanId { get; set; }
    public InspectionPlan? Plan { get; set; }
    public long? DrawId { get; set; }
    /// <summary>The roster key it was drawn as (branch code, or branch code/outlet code).</summary>
    public string EntityKey { get; set; } = "";
    public string EntityName { get; set; } = "";
    public string? OutletCode { get; set; }
    public int DrawOrder { get; set; }
    public DateOnly? ScheduledOn { get; private set; }
    public DateOnly? InspectedOn { get; private set; }
    public string? Place { get; private set; }
    /// <summary>The carrier's person present (name), and their position.</summary>
    public string? Representative { get; private set; }
    public string? RepresentativeTitle { get; private set; }
    public string? Summary { get; private set; }
    /// <summary>When the visit began and ended (检查起止时间), on <see cref="InspectedOn"/>.</summary>
    public TimeOnly? StartedAt { get; private set; }
    public TimeOnly? EndedAt { get; private set; }
    /// <summary>营业网点 visited (name and address of each), as the record names them.</summary>
    public string? OutletsVisited { get; private set; }
    /// <summary>How many transactions (入网工单) were sampled.</summary>
    public int? TransactionsSampled { get; private set; }
    /// <summary>
    /// 出示执法证件 (行政处罚法第五十五条): when the officers showed their enforcement certificates to the inspected unit, and who —
    /// each officer's name with the 执法证号 of their profile, as the record prints it; at least two (第四十二条).
    /// </summary>
    public DateTimeOffset? CredentialsShownAt { get; private set; }
    public string? CredentialsShownBy { get; private set; }
    /// <summary>Planned when drawn; changes only through the record's steps.</summary>
    public InspectionStatus Status { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    /// <summary>文号 of the 现场检查记录 issued at completion.</summary>
    public string? RecordNumber { get; private set; }
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
    public List<InspectionInspector> Inspectors { get; set; } = [];
    public List<InspectionItemResult> Items { get; set; } = [];

    public bool IsLocked => Status is InspectionStatus.Completed or InspectionStatus.Cancelled;

    /// <summary>
    /// What <paramref name="actor"/> may do with the record on <paramref name="today"/>. Only the inspectors drawn for it
    /// (<paramref name="assigned"/>) record it, complete it and amend it once completed; other officers and observers may
    /// preview the record while it is open. Completion not yet possible says what is still missing.
    /// </summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, bool assigned, DateOnly today)
    {
        if (actor == Acting.Party || Status == InspectionStatus.Cancelled) return [];
        var records = actor == Acting.Officer && assigned;
        if (Status == InspectionStatus.Completed)
            return records ? [new(InspectionActions.Amend, "更正")] : [];
        List<AvailableAction> actions = [new(InspectionActions.Preview, "预览检查记录")];
        if (records)
        {
            actions.Add(new(InspectionActions.Record, "记录检查情况"));
            actions.Add(new(InspectionActions.Complete, "完成检查", Primary: true, NotYet: Incomplete(today)?.Message));
        }
        return actions;
    }

    public void Schedule(DateOnly? date, InspectionPlan plan)
    {
        RequireOpen();
        if (date is { } d && (d < plan.PeriodStart || d > plan.PeriodEnd))
            throw new DomainException("inspection.schedule_outside", $"计划检查日期应在检查期间（{ChineseDate.Format(plan.PeriodStart)}至{ChineseDate.Format(plan.PeriodEnd)}）内。");
        ScheduledOn = date;
        Touch();
    }

    /// <summary>Date, place and the carrier's representative, saved as the visit goes.</summary>
    public void RecordVisit(DateOnly? inspectedOn, string? place, string? representative, string? representativeTitle, string? summary, DateOnly today,
        TimeOnly? startedAt = null, TimeOnly? endedAt = null, string? outletsVisited = null, int? transactionsSampled = null)
    {
        RequireOpen();
        if (inspectedOn is { } d && d > today)
            throw new DomainException("inspection.date_future", $"检查日期{ChineseDate.Format(d)}晚于今天，请填写实际检查的日期。");
        if (startedAt is { } from && endedAt is { } to && to <= from)
            throw new DomainException("inspection.time_order", $"检查结束时间（{to:HH:mm}）应晚于开始时间（{from:HH:mm}）。");
        if (transactionsSampled is < 0 or > 100_000)
            throw new DomainException("inspection.sampled_range", "抽查业务笔数应在0至100000之间。");
        (StartedAt, EndedAt, OutletsVisited, TransactionsSampled) = (startedAt, endedAt, Clean(outletsVisited, 400), transactionsSampled);
        InspectedOn = inspectedOn;
        Place = Clean(place, 200);
        Representative = Clean(representative, 100);
        RepresentativeTitle = Clean(representativeTitle, 100);
        Summary = Clean(summary, 2000);
        Start();
        Touch();
    }

    /// <summary>
    /// Records that the officers showed their enforcement certificates to the inspected unit (行政处罚法第五十五条: 执法人员应当主动出示
    /// 执法证件; 第四十二条: 不得少于两人): each of <paramref name="officers"/> is an inspector of this record with the 执法证号 of
    /// their profile. Recorded again, it replaces the earlier statement (e.g. after an inspector was replaced).
    /// </summary>
    public void RecordCredentialsShown(IReadOnlyList<(string UserId, string Name, string? Certificate)> officers, DateTimeOffset at)
    {
        RequireOpen();
        var strangers = officers.Where(o => !IsAssigned(o.UserId)).Select(o => o.Name).ToList();
        if (strangers.Count > 0)
            throw new DomainException("inspection.credentials_not_inspector", $"{string.Join("、", strangers)}不是本次检查的检查人员，不能登记其出示执法证件。");
        var missing = officers.Where(o => string.IsNullOrWhiteSpace(o.Certificate)).Select(o => o.Name).ToList();
        if (missing.Count > 0)
            throw new DomainException("inspection.credentials_missing",
                $"{string.Join("、", missing)}尚未登记行政执法证号，不能登记出示执法证件（行政处罚法第五十五条）；请由系统管理员在“用户管理”中登记执法证号。");
        var shown = officers.DistinctBy(o => o.UserId).ToList();
        if (shown.Count < 2)
            throw new DomainException("inspection.credentials_two_officers", "执法人员不得少于两人，并应当主动出示执法证件（行政处罚法第四十二条、第五十五条）：请两名以上检查人员出示执法证件后再登记。");
        CredentialsShownBy = string.Join("；", shown.Select(o => $"{PersonName.Short(o.Name)}，执法证号{o.Certificate!.Trim()}"));
        CredentialsShownAt = at;
        Start();
        Touch();
    }

    /// <summary>Records the result of one checklist item of this inspection; an item the plan does not include is refused.</summary>
    public InspectionItemResult RecordItem(long itemResultId, ItemOutcome outcome, string? notes, string by, DateTimeOffset at)
    {
        RequireOpen();
        var item = Items.FirstOrDefault(i => i.Id == itemResultId)
                   ?? throw new DomainException("inspection.item_outside_plan", "该检查项不属于本次检查的计划检查项目，不能记录结果。");
        item.Outcome = outcome;
        item.Notes = Clean(notes, 4000);
        (item.RecordedBy, item.RecordedAt) = (by, at);
        Start();
        Touch();
        return item;
    }

    /// <summary>
    /// 其余均符合: every item not yet answered is recorded as 符合 in one step (answered items, 不符合 ones above all, stay
    /// as they are); returns how many were recorded.
    /// </summary>
    public int RecordRemainingCompliant(string by, DateTimeOffset at)
    {
        RequireOpen();
        var pending = Items.Where(i => i.Outcome == ItemOutcome.Pending).ToList();
        if (pending.Count == 0)
            throw new DomainException("inspection.none_pending", "所有检查项都已记录结果。");
        foreach (var item in pending)
            (item.Outcome, item.RecordedBy, item.RecordedAt) = (ItemOutcome.Compliant, by, at);
        Start();
        Touch();
        return pending.Count;
    }

    /// <summary>What still stops the record from being completed; empty when it can be.</summary>
    public IReadOnlyList<string> CompletionProblems(DateOnly today)
    {
        var problems = new List<string>();
        if (Inspectors.Count < 2) problems.Add("检查人员不少于两名。");
        if (InspectedOn is null) problems.Add("请填写检查日期。");
        else if (InspectedOn > today) problems.Add("检查日期不能晚于今天。");
        if (string.IsNullOrWhiteSpace(Place)) problems.Add("请填写检查地点。");
        if (string.IsNullOrWhiteSpace(Representative)) problems.Add("请填写企业在场人员。");
        var pending = Items.Where(i => i.Outcome == ItemOutcome.Pending).Select(i => $"“{i.ItemTitle}”").ToList();
        if (pending.Count > 0) problems.Add($"尚有{pending.Count}项未记录结果（{string.Join("、", pending.Take(5))}{(pending.Count > 5 ? "等" : "")}）。");
        var bare = Items.Where(i => i.Outcome == ItemOutcome.NonCompliant && string.IsNullOrWhiteSpace(i.Notes)).Select(i => $"“{i.ItemTitle}”").ToList();
        if (bare.Count > 0) problems.Add($"不符合项须写明检查发现的情况（{string.Join("、", bare)}）。");
        if (CredentialsShownAt is null) problems.Add("请登记执法人员已出示执法证件（行政处罚法第五十五条）。");
        return problems;
    }

    /// <summary>Refuses completion of a record that is locked or not complete yet (checked again by <see cref="Complete"/>).</summary>
    public void RequireCompletable(DateOnly today)
    {
        RequireOpen();
        // Art. 55 with a code of its own: a record otherwise complete whose officers did not show their certificates is not signed.
        if (CredentialsShownAt is null && CompletionProblems(today).Count == 1)
            throw new DomainException("inspection.credentials_not_shown",
                "执法人员应当主动出示执法证件（行政处罚法第五十五条）：尚未登记检查人员向被检查单位出示执法证件，不能签发现场检查记录。请在“现场情况”中登记出示执法证件。");
        if (Incomplete(today) is { } refusal) throw refusal;
    }

    private DomainException? Incomplete(DateOnly today) => CompletionProblems(today) is { Count: > 0 } problems
        ? new DomainException("inspection.incomplete", "检查记录尚不完整：" + string.Join("", problems))
        : null;

    /// <summary>Locks the record; every 不符合 item then becomes a finding (made by the service).</summary>
    public void Complete(string by, DateTimeOffset at, DateOnly today, string? recordNumber)
    {
        RequireCompletable(today);
        Status = InspectionStatus.Completed;
        (CompletedAt, CompletedBy, RecordNumber) = (at, by, recordNumber);
        Touch();
    }

    /// <summary>A completed record changes only through an amendment with a reason, kept beside the original values.</summary>
    public InspectionAmendment Amend(long itemResultId, ItemOutcome outcome, string? notes, string reason, string by, DateTimeOffset at)
    {
        if (Status != InspectionStatus.Completed)
            throw new DomainException("inspection.not_completed", "检查尚未完成，可直接修改记录，无需更正。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            throw new DomainException("inspection.amend_reason", "更正已完成的检查记录须说明理由（至少5个字）。");
        var item = Items.FirstOrDefault(i => i.Id == itemResultId)
                   ?? throw new DomainException("inspection.item_outside_plan", "该检查项不属于本次检查的计划检查项目。");
        if (outcome == ItemOutcome.Pending)
            throw new DomainException("inspection.amend_pending", "更正后的结果应为符合、不符合或不适用。");
        notes = Clean(notes, 4000);
        if (outcome == ItemOutcome.NonCompliant && string.IsNullOrWhiteSpace(notes))
            throw new DomainException("inspection.notes_required", "不符合项须写明检查发现的情况。");
        if (item.Outcome == outcome && item.Notes == notes)
            throw new DomainException("inspection.amend_nothing", "更正内容与原记录相同。");
        var amendment = new InspectionAmendment
        {
            ProvinceId = ProvinceId, BranchId = BranchId, InspectionId = Id, ItemResultId = item.Id, ItemCode = item.ItemCode,
            OutcomeBefore = item.Outcome, OutcomeAfter = outcome, NotesBefore = item.Notes, NotesAfter = notes,
            Reason = reason.Trim(), By = by, At = at,
        };
        item.Outcome = outcome;
        item.Notes = notes;
        (item.RecordedBy, item.RecordedAt) = (by, at);
        Touch();
        return amendment;
    }

    public void Cancel()
    {
        if (Status == InspectionStatus.Completed)
            throw new DomainException("inspection.completed", "已完成的检查不能取消。");
        Status = InspectionStatus.Cancelled;
        Touch();
    }

    public bool IsAssigned(string userId) => Inspectors.Any(i => i.UserId == userId);

    /// <summary>An inspector replaced after the draw (<see cref="DrawReplacement"/>), while the inspection is still to be done or under way.</summary>
    internal void ReplaceInspector(InspectionInspector leaving, RosterInspector joining)
    {
        if (Status is InspectionStatus.Completed or InspectionStatus.Cancelled)
            throw new DomainException("inspection.closed", $"检查已{(Status == InspectionStatus.Completed ? "完成" : "取消")}，不能更换检查人员。");
        Inspectors.Remove(leaving);
        Inspectors.Add(new InspectionInspector
        {
            ProvinceId = ProvinceId, BranchId = BranchId, UserId = joining.UserId, UserName = joining.UserName, DisplayName = joining.DisplayName,
        });
        Touch();
    }

    private void Start()
    {
        if (Status == InspectionStatus.Planned) Status = InspectionStatus.InProgress;
    }

    private void RequireOpen()
    {
        if (Status == InspectionStatus.Completed)
            throw new DomainException("inspection.locked", "检查记录已完成并锁定，如需修改请使用“更正”，并说明理由。");
        if (Status == InspectionStatus.Cancelled)
            throw new DomainException("inspection.cancelled", "该检查已取消。");
    }

    private void Touch() => ConcurrencyToken = Guid.NewGuid();

    internal static string? Clean(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Length > max)
            throw new DomainException("text.too_long", $"内容不能超过{max}个字（当前{text.Length}个字）。");
        return text;
    }

    public static string StatusLabel(InspectionStatus status) => status switch
    {
        InspectionStatus.Planned => "待检查",
        InspectionStatus.InProgress => "检查中",
        InspectionStatus.Completed => "已完成",
        InspectionStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };

    public static string OutcomeLabel(ItemOutcome outcome) => outcome switch
    {
        ItemOutcome.Pending => "未检查",
        ItemOutcome.Compliant => "符合",
        ItemOutcome.NonCompliant => "不符合",
        ItemOutcome.NotApplicable => "不适用",
        _ => outcome.ToString(),
    };
}

/// <summary>Stable names of what can be done with an inspection record (<see cref="Inspection.ActionsFor"/>).</summary>
public static class InspectionActions
{
    public const string Preview = "preview";
    /// <summary>Schedule, record the visit and the items, add and remove evidence.</summary>
    public const string Record = "record";
    public const string Complete = "complete";
    public const string Amend = "amend";
}

/// <summary>An inspector assigned to an inspection (by the draw); names kept as drawn.</summary>
public class InspectionInspector : IPartyVisible
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public bool VisibleToParty { get; private set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
}

/// <summary>The result of one checklist item in one inspection; the item's code and title are kept as they were.</summary>
public class InspectionItemResult : IPartyVisible
{
    public long Id { get; set; }
    public long InspectionId { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public bool VisibleToParty { get; private set; }
    public int ChecklistItemId { get; set; }
    public string ItemCode { get; set; } = "";
    public string ItemTitle { get; set; } = "";
    public string? ItemEvidenceHint { get; set; }
    public int? LegalBasisId { get; set; }
    public int SortOrder { get; set; }
    public ItemOutcome Outcome { get; set; }
    public string? Notes { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
}

/// <summary>A change to a completed inspection record: what it was, what it became, why, who and when.</summary>
public class InspectionAmendment : IPartyVisible
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public bool VisibleToParty { get; private set; }
    public long InspectionId { get; set; }
    public long ItemResultId { get; set; }
    public string ItemCode { get; set; } = "";
    public ItemOutcome OutcomeBefore { get; set; }
    public ItemOutcome OutcomeAfter { get; set; }
    public string? NotesBefore { get; set; }
    public string? NotesAfter { get; set; }
    public string Reason { get; set; } = "";
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>An inspector's internal note on an inspection, finding or order; never shown to the carrier.</summary>
public class InternalNote : IPartyVisible
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public bool VisibleToParty { get; private set; }
    public string OwnerType { get; set; } = "";
    public long OwnerId { get; set; }
    public string Text { get; set; } = "";
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
