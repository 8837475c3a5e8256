using Supervision.Domain.Common;

namespace Supervision.Domain.Catalog;

public enum CalendarDayKind
{
    /// <summary>法定节假日 or 调休放假: no work although it may be a weekday.</summary>
    Holiday,
    /// <summary>调休上班: a weekend day that is a working day.</summary>
    Workday,
}

/// <summary>A year of the State Council's holiday arrangement, with the notice it comes from.</summary>
public class HolidayYear : ICatalogEntity
{
    public int Year { get; set; }
    /// <summary>e.g. 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）.</summary>
    public string Source { get; set; } = "";
    public List<CalendarDay> Days { get; set; } = [];
}

/// <summary>A day that differs from the plain weekday/weekend rule.</summary>
public class CalendarDay : ICatalogEntity
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    /// <summary>元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节.</summary>
    public string Name { get; set; } = "";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Date.Year != Year) errors.Add($"日期{ChineseDate.Format(Date)}不属于{Year}年。");
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("节日名称不能为空。");
        var weekend = Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (Kind == CalendarDayKind.Workday && !weekend)
            errors.Add($"{ChineseDate.Format(Date)}是工作日，不需要登记为调休上班日。");
        return errors;
    }
}

/// <summary>
/// Counts working days the way Chinese deadlines are counted: weekends and public holidays are off,
/// make-up workdays (调休上班) are on. Years without a loaded arrangement fall back to weekends only;
/// <see cref="Covers"/> lets callers say so.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;
    private readonly HashSet<int> _years;

    public WorkingDayCalendar(IEnumerable<CalendarDay> days, IEnumerable<int> coveredYears)
    {
        var list = days.ToList();
        _holidays = list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet();
        _workdays = list.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Date).ToHashSet();
        _years = coveredYears.ToHashSet();
    }

    public bool Covers(int year) => _years.Contains(year);

    public bool Covers(DateOnly from, DateOnly to) => Enumerable.Range(from.Year, to.Year - from.Year + 1).All(Covers);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_workdays.Contains(date)) return true;
        if (_holidays.Contains(date)) return false;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The day on which a period of <paramref name="workingDays"/> working days ends, counting from the
    /// day after <paramref name="start"/> (行政处罚法: the day of the event itself is not counted).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        var counted = 0;
        while (counted < workingDays)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return date;
    }

    /// <summary>
    /// A period counted in calendar days (the 15 days to pay, the 60 days to apply for review): its last day, moved to the first
    /// working day after it when it falls on a rest day or holiday (<see cref="PeriodEnd"/>).
    /// </summary>
    public DateOnly AddCalendarDays(DateOnly start, int days) => PeriodEnd(start.AddDays(days));

    /// <summary>A period counted in months (six months to sue, three months to apply for court enforcement), moved off a holiday the same way.</summary>
    public DateOnly AddMonths(DateOnly start, int months) => PeriodEnd(start.AddMonths(months));

    /// <summary>
    /// The day a period ends whose last day is <paramref name="lastDay"/>: when that is a rest day or statutory holiday, the first
    /// working day after it. This is the rule of the 民事诉讼法 on periods (期间届满的最后一日是法定休假日的，以法定休假日后的第一日为
    /// 期间届满的日期), which 行政复议法第八十八条 and 行政诉讼法第一百零一条 apply to review and suit. It is not 行政处罚法第八十五条:
    /// that article only says its own “二日”“三日”“五日”“七日” are working days (<see cref="AddWorkingDays"/>).
    /// </summary>
    public DateOnly PeriodEnd(DateOnly lastDay)
    {
        var end = lastDay;
        while (!IsWorkingDay(end)) end = end.AddDays(1);
        return end;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to <= from) return 0;
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) n++;
        return n;
    }
}
