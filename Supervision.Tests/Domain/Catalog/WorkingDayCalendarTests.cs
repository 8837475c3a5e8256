using Supervision.Domain.Catalog;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Tests.Domain.Catalog;

public class WorkingDayCalendarTests
{
    // The calendar as seeded from seed-data/holidays.json, so the data file itself is under test.
    private static readonly WorkingDayCalendar Calendar = LoadSeeded();

    private static WorkingDayCalendar LoadSeeded()
    {
        var years = SeedFiles.Read<YearRow>(SeedFiles.DefaultDirectory, "holidays.json");
        var days = years.SelectMany(y =>
            y.Holidays.SelectMany(g => g.Dates.Select(d => new CalendarDay { Year = y.Year, Date = d, Kind = CalendarDayKind.Holiday, Name = g.Name }))
            .Concat(y.Workdays.SelectMany(g => g.Dates.Select(d => new CalendarDay { Year = y.Year, Date = d, Kind = CalendarDayKind.Workday, Name = g.Name }))));
        return new WorkingDayCalendar(days, years.Select(y => y.Year));
    }

    private sealed record DayGroup(string Name, List<DateOnly> Dates);
    private sealed record YearRow(int Year, List<DayGroup> Holidays, List<DayGroup> Workdays);

    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Theory]
    [InlineData("2025-01-28", false)] // 除夕, a Tuesday off
    [InlineData("2025-02-04", false)] // 正月初七, Tuesday off
    [InlineData("2025-01-26", true)]  // Sunday, make-up workday
    [InlineData("2025-02-08", true)]  // Saturday, make-up workday
    [InlineData("2025-02-05", true)]  // ordinary Wednesday
    [InlineData("2025-02-09", false)] // ordinary Sunday
    [InlineData("2026-10-10", true)]  // Saturday, 国庆 make-up workday
    [InlineData("2026-10-07", false)] // Wednesday in 国庆
    [InlineData("2024-06-10", false)] // 端午 Monday
    public void Holidays_and_make_up_days_override_the_weekday_rule(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));

    [Fact]
    public void Five_working_days_across_the_2026_spring_festival()
    {
        // Notice served Friday 2026-02-13: Sat 14 is a make-up workday (1), 15–23 are off, then 24–27 (2–5).
        Assert.Equal(D("2026-02-27"), Calendar.AddWorkingDays(D("2026-02-13"), 5));
    }

    [Fact]
    public void Counting_starts_the_day_after_the_event()
    {
        Assert.Equal(D("2026-11-30"), Calendar.AddWorkingDays(D("2026-11-27"), 1)); // Friday → Monday
        Assert.Equal(D("2026-11-27"), Calendar.AddWorkingDays(D("2026-11-27"), 0));
    }

    [Fact]
    public void Three_working_days_across_national_day_2025()
    {
        // Decision changed on Tuesday 2025-09-30: 1–8 Oct off, 9 (Thu) 1, 10 (Fri) 2, 11 (Sat, make-up) 3.
        Assert.Equal(D("2025-10-11"), Calendar.AddWorkingDays(D("2025-09-30"), 3));
    }

    [Fact]
    public void A_calendar_day_period_ending_on_a_holiday_moves_to_the_next_working_day()
    {
        // 15 days after 2025-09-16 is 2025-10-01 (国庆) → first working day after the holiday is 2025-10-09.
        Assert.Equal(D("2025-10-09"), Calendar.AddCalendarDays(D("2025-09-16"), 15));
        Assert.Equal(D("2025-09-15"), Calendar.AddCalendarDays(D("2025-09-01"), 14));
    }

    [Fact]
    public void Working_days_between_two_dates()
    {
        Assert.Equal(5, Calendar.WorkingDaysBetween(D("2026-02-13"), D("2026-02-27")));
        Assert.Equal(0, Calendar.WorkingDaysBetween(D("2026-02-26"), D("2026-02-13")));
    }

    [Fact]
    public void Years_without_an_arrangement_are_reported_and_fall_back_to_weekends()
    {
        Assert.True(Calendar.Covers(2026));
        Assert.False(Calendar.Covers(2027));
        Assert.False(Calendar.Covers(D("2026-12-28"), D("2027-01-05")));
        Assert.True(Calendar.IsWorkingDay(D("2027-01-01"))); // a Friday: unknown holiday, counted as a working day
        Assert.False(Calendar.IsWorkingDay(D("2027-01-02")));
    }

    [Fact]
    public void Every_seeded_make_up_workday_is_a_weekend_and_every_holiday_a_distinct_date()
    {
        var day = new CalendarDay { Year = 2025, Date = D("2025-02-05"), Kind = CalendarDayKind.Workday, Name = "春节" };
        Assert.Contains(day.Validate(), e => e.Contains("工作日"));
        var wrongYear = new CalendarDay { Year = 2025, Date = D("2026-01-01"), Kind = CalendarDayKind.Holiday, Name = "元旦" };
        Assert.Contains(wrongYear.Validate(), e => e.Contains("不属于"));
    }
}
