using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Overview;

/// <summary>
/// Time left to a deadline, counted the way its rule counts: working days for rules in working days (陈述申辩、整改 in
/// working days, publication), calendar days otherwise.
/// </summary>
public sealed record DaysLeft(int Days, bool WorkingDays)
{
    public bool Overdue => Days < 0;

    public static DaysLeft Of(DateOnly today, DateOnly due, bool workingDays, WorkingDayCalendar calendar) =>
        new(workingDays
            ? due >= today ? calendar.WorkingDaysBetween(today, due) : -calendar.WorkingDaysBetween(due, today)
            : due.DayNumber - today.DayNumber, workingDays);

    /// <summary>剩余3个工作日 / 剩余3天（自然日） / 今日到期 / 已逾期2个工作日 / 已逾期2天 — always saying which days are counted.</summary>
    public string Label => Days switch
    {
        0 => "今日到期",
        > 0 => WorkingDays ? $"剩余{Days}个工作日" : $"剩余{Days}天（自然日）",
        _ => WorkingDays ? $"已逾期{-Days}个工作日" : $"已逾期{-Days}天",
    };
}

/// <summary>One thing to do today, linked to its record: what, where it stands, and by when.</summary>
public sealed record WorkItem(string Title, string Href, DateOnly? Due = null, DaysLeft? Left = null, string? Status = null, string? Detail = null)
{
    /// <summary>2026年11月28日, as dates are written to people.</summary>
    public string? DueText => Due is { } d ? ChineseDate.Format(d) : null;

    /// <summary>Why an item has no deadline (审核无法定期限, 尚未安排检查日期), shown where its deadline would be instead of a blank.</summary>
    public string? NoDeadline { get; init; }

    /// <summary>What the deadline column says: 截止2026年11月28日, or why there is none.</summary>
    public string DeadlineText => DueText is { } due ? $"截止{due}" : NoDeadline ?? "无期限";

    public static WorkItem Dated(string title, string href, DateOnly due, bool workingDays, DateOnly today, WorkingDayCalendar calendar, string? status = null, string? detail = null) =>
        new(title, href, due, DaysLeft.Of(today, due, workingDays, calendar), status, detail);
}

/// <summary>A heading of the home page with its items, soonest deadline first (items without one last).</summary>
public sealed record WorkSection(string Key, string Title, string Empty, IReadOnlyList<WorkItem> Items)
{
    public static WorkSection Sorted(string key, string title, string empty, IEnumerable<WorkItem> items) =>
        // Items without a deadline keep the order they came in (the longest waiting first), after the dated ones.
        new(key, title, empty, items.OrderBy(i => i.Due is null).ThenBy(i => i.Due).ThenBy(i => i.Due is null ? "" : i.Title, StringComparer.Ordinal).ToList());
}

/// <summary>A headline indicator of a province this month against last; the change in the indicator's own unit (↑0.17, ↓27,200户).</summary>
public sealed record Headline(string Name, string ThisMonth, string LastMonth, double? Change, string ChangeText, bool HigherIsBetter, string Coverage)
{
    /// <summary>Better (1), worse (-1) or unchanged (0), given which way is better for the indicator.</summary>
    public int Trend => Change is not { } c || c == 0 ? 0 : (c > 0) == HigherIsBetter ? 1 : -1;

    /// <summary>No figure this month nor last: listed once as 暂无数据, not as a row of dashes.</summary>
    public bool NoData { get; init; }

    /// <summary>
    /// A change as a headline says it: money in yuan with thousands separators, large sums in 万元 (¥8,500, 2.0万元), counts in
    /// their unit (27,200户), a rate in percentage points (0.17个百分点).
    /// </summary>
    public static string ChangeOf(RankingIndicator indicator, double change)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return indicator.Unit switch
        {
            "元" => change >= 10_000 ? (change / 10_000).ToString("0.0", invariant) + "万元" : change.ToString("¥#,0", invariant),
            "%" => change.ToString("0.##", invariant) + "个百分点",
            _ when indicator.IsCount => indicator.Format(change),
            _ => change.ToString("#,0.##", invariant) + indicator.Unit,
        };
    }

    public static Headline Of(RankingIndicator indicator, double? now, double? before, string coverage)
    {
        var change = now is { } v && before is { } l ? Math.Round(v - l, 2) : (double?)null;
        var text = change switch
        {
            null => "—",
            0 => "持平",
            var c => (c > 0 ? "↑" : "↓") + ChangeOf(indicator, Math.Abs(c.Value)),
        };
        return new(indicator.Name, indicator.Format(now), indicator.Format(before), change, text, indicator.Direction == IndicatorDirection.HigherIsBetter, coverage)
            { NoData = now is null && before is null };
    }
}

/// <summary>How many things of one kind are past their deadline in the scope.</summary>
public sealed record OverdueCount(string Kind, int Count, string Href);

public sealed record InspectorHome(string ScopeName, IReadOnlyList<WorkSection> Sections);

public sealed record AdminHome(IReadOnlyList<WorkSection> Sections);

public sealed record CarrierHome(string BranchName, IReadOnlyList<WorkSection> Sections);

public sealed record LeaderHome(string ProvinceName, string? Period, string? PreviousPeriod, IReadOnlyList<Headline> Headlines, IReadOnlyList<OverdueCount> Overdue);

/// <param name="Ranked">Provinces scored this month, best first ("第1名 宁夏 92.4分").</param>
/// <param name="NotReported">Provinces with no accepted return this month.</param>
public sealed record MinistryHome(string? Period, string Participation, IReadOnlyList<(int Rank, string Name, string Score)> Ranked, IReadOnlyList<string> NotReported);
