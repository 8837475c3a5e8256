using Supervision.Domain.Common;

namespace Supervision.Domain.Inspections;

public enum PlanKind
{
    /// <summary>年度检查计划.</summary>
    Annual,
    /// <summary>专项行动, e.g. 电话“黑卡”治理.</summary>
    Campaign,
}

/// <summary>What the entities of a plan's roster are.</summary>
public enum PlanScope
{
    /// <summary>The provincial companies of the chosen carriers.</summary>
    Carriers,
    /// <summary>The chosen branches.</summary>
    Branches,
    /// <summary>The city companies in the chosen cities.</summary>
    Cities,
    /// <summary>The sales outlets of the chosen branches, from their latest accepted RN-MONTHLY 网点明细.</summary>
    Outlets,
}

public enum PlanStatus
{
    /// <summary>草拟: editable, nothing drawn.</summary>
    Draft,
    /// <summary>实施中: draws and inspections under way; no longer editable.</summary>
    Active,
    /// <summary>已完成.</summary>
    Completed,
    /// <summary>已撤销.</summary>
    Cancelled,
}

/// <summary>
/// An annual inspection plan or a special campaign of one administration: period, scope, the checklist items
/// to use, and the minimum share of the roster to inspect.
/// </summary>
public class InspectionPlan : IProvinceScoped
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public PlanKind Kind { get; set; }
    public int Year { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public PlanScope Scope { get; set; }
    /// <summary>Carrier codes, branch codes or city codes, per <see cref="Scope"/> (branch codes for outlets).</summary>
    public List<string> ScopeCodes { get; set; } = [];
    public List<int> ChecklistItemIds { get; set; } = [];
    /// <summary>Minimum share of the roster drawn, 0 &lt; ratio ≤ 1; the draw takes ⌈ratio × N⌉.</summary>
    public decimal SamplingRatio { get; set; }
    public int InspectorsPerInspection { get; set; } = 2;
    /// <summary>等概率随机 (default) or 按风险加权 with the administrators' risk formula.</summary>
    public DrawMethod DrawMethod { get; set; }
    public PlanStatus Status { get; internal set; }
    public string? CancelReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public bool IsEditable => Status == PlanStatus.Draft;

    /// <summary>Checks the plan as entered; the same rules serve the form and the seed.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Title)) errors.Add("请填写计划名称。");
        if (PeriodEnd < PeriodStart) errors.Add("结束日期不能早于开始日期。");
        if (Year < 2000 || Year > 2100) errors.Add("年度应在2000至2100之间。");
        else if (PeriodStart.Year != Year && PeriodEnd.Year != Year) errors.Add($"检查期间应在{Year}年度内。");
        if (ScopeCodes.Count == 0) errors.Add("请选择检查范围。");
        if (ChecklistItemIds.Count == 0) errors.Add("请至少选择一个检查项目。");
        if (SamplingRatio is <= 0 or > 1) errors.Add("最低抽取比例应大于0%且不超过100%。");
        else if (decimal.Round(SamplingRatio, 4) != SamplingRatio) errors.Add("抽取比例最多保留两位小数的百分数。");
        if (InspectorsPerInspection is < 2 or > 10) errors.Add("每次检查的检查人员应为2至10名（行政执法不少于两人）。");
        return errors;
    }

    /// <summary>
    /// What <paramref name="actor"/> may do with the plan: an inspector edits and starts a draft, draws and closes an
    /// active one, and cancels either. Once a draw is published the plan is not drawn again, only redrawn with a reason.
    /// </summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, DrawStanding draws)
    {
        if (actor != Acting.Officer) return [];
        var actions = new List<AvailableAction>();
        if (IsEditable)
        {
            actions.Add(new(PlanActions.Edit, "修改"));
            actions.Add(new(PlanActions.Activate, "启动计划", Primary: true, NotYet: CannotActivate()?.Message));
        }
        if (Status is PlanStatus.Draft or PlanStatus.Active)
            actions.Add(draws.Published
                ? new(PlanActions.Redraw, "重新抽取", NotYet: CannotDraw(draws, redraw: true)?.Message)
                : new(PlanActions.Draw, "双随机抽取", Primary: Status == PlanStatus.Active, NotYet: CannotDraw(draws, redraw: false)?.Message));
        if (Status == PlanStatus.Active)
            actions.Add(new(PlanActions.Complete, "办结计划"));
        if (CannotCancel() is null)
            actions.Add(new(PlanActions.Cancel, "撤销", Danger: true));
        return actions;
    }

    public void Activate()
    {
        if (CannotActivate() is { } refusal) throw refusal;
        Status = PlanStatus.Active;
    }

    private DomainException? CannotActivate()
    {
        if (Status != PlanStatus.Draft)
            return new DomainException("plan.not_draft", $"只有草拟状态的计划可以启动，当前为“{StatusLabel(Status)}”。");
        return Validate() is { Count: > 0 } errors ? new DomainException("plan.invalid", string.Join(" ", errors)) : null;
    }

    public void Complete()
    {
        if (Status != PlanStatus.Active)
            throw new DomainException("plan.not_active", $"只有实施中的计划可以办结，当前为“{StatusLabel(Status)}”。");
        Status = PlanStatus.Completed;
    }

    private DomainException? CannotCancel() => Status is PlanStatus.Completed or PlanStatus.Cancelled
        ? new DomainException("plan.closed", $"计划已{StatusLabel(Status)}，不能撤销。")
        : null;

    public void Cancel(string reason)
    {
        if (CannotCancel() is { } refusal) throw refusal;
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            throw new DomainException("plan.reason", "撤销计划须说明理由（至少5个字）。");
        Status = PlanStatus.Cancelled;
        CancelReason = reason.Trim();
    }

    public void RequireActive()
    {
        if (NotActive() is { } refusal) throw refusal;
    }

    /// <summary>
    /// A plan is drawn once: a second draw while one awaits publication is refused (publish or void it first), and after
    /// publication only a redraw with a recorded reason is possible, before any inspection of the current draw starts.
    /// </summary>
    public void RequireCanDraw(DrawStanding draws, string? redrawReason)
    {
        var redraw = redrawReason is not null;
        if (CannotDraw(draws, redraw) is { } refusal) throw refusal;
        if (redraw && redrawReason!.Trim().Length < 5)
            throw new DomainException("draw.redraw_reason", "重新抽取须说明理由（至少5个字），理由随新的抽取结果一并公开。");
    }

    private DomainException? CannotDraw(DrawStanding draws, bool redraw)
    {
        if (NotActive() is { } notActive) return notActive;
        if (redraw)
            return !draws.Published ? new DomainException("draw.redraw_not_published", "本计划没有已公开的抽取结果，无需重新抽取。")
                : draws.InspectionsStarted ? new DomainException("draw.redraw_started", "已按现行抽取结果开始检查，不能重新抽取；个别检查人员不能参加的，请在抽取结果中更换检查人员。")
                : null;
        return draws.Published ? new DomainException("draw.already_published", "本计划已有公开的抽取结果，不能再次抽取；确需重新抽取的，请使用“重新抽取”并说明理由。")
            : draws.Exists ? new DomainException("draw.pending", "本计划已有一次尚未公开的抽取结果，请先公开或作废后再抽取。")
            : null;
    }

    private DomainException? NotActive() => Status == PlanStatus.Active ? null
        : new DomainException("plan.not_active", Status == PlanStatus.Draft ? "计划尚未启动，请先启动计划再抽取。" : $"计划已{StatusLabel(Status)}，不能再抽取。");

    public static string StatusLabel(PlanStatus status) => status switch
    {
        PlanStatus.Draft => "草拟",
        PlanStatus.Active => "实施中",
        PlanStatus.Completed => "已完成",
        PlanStatus.Cancelled => "已撤销",
        _ => status.ToString(),
    };

    public static string MethodLabel(DrawMethod method) => method == DrawMethod.RiskWeighted ? "按风险加权" : "等概率随机";

    public static string KindLabel(PlanKind kind) => kind == PlanKind.Annual ? "年度计划" : "专项行动";

    public static string ScopeLabel(PlanScope scope) => scope switch
    {
        PlanScope.Carriers => "电信企业（省级公司）",
        PlanScope.Branches => "指定分支机构",
        PlanScope.Cities => "地市（地市分公司）",
        PlanScope.Outlets => "营业网点（月报网点明细）",
        _ => scope.ToString(),
    };
}

/// <summary>Where the plan's current draw (neither voided nor replaced by a redraw) stands.</summary>
public sealed record DrawStanding(bool Exists, bool Published, bool InspectionsStarted)
{
    public static readonly DrawStanding None = new(false, false, false);
}

/// <summary>An inspector declared conflicted with a carrier (e.g. a relative works there); never drawn to inspect it.</summary>
public class InspectorRecusal : IProvinceScoped
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public string InspectorUserId { get; set; } = "";
    public string InspectorUserName { get; set; } = "";
    public int CarrierId { get; set; }
    public string CarrierCode { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>Recusals are ended, not deleted, so an earlier draw's snapshot can still be explained.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }

    public bool IsActive => EndedAt is null;
}

/// <summary>Stable names of what can be done with an inspection plan (<see cref="InspectionPlan.ActionsFor"/>).</summary>
public static class PlanActions
{
    public const string Edit = "edit";
    public const string Activate = "activate";
    public const string Draw = "draw";
    public const string Redraw = "redraw";
    public const string Complete = "complete";
    public const string Cancel = "cancel";
}
