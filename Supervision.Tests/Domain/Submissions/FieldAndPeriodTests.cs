using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;

namespace Supervision.Tests.Domain.Submissions;

public class FieldAndPeriodTests
{
    private static readonly ValidationContext Ctx = ReturnBuilder.Context();

    private static (object? Value, string? Code) Parse(FieldType type, string? text, bool formula = false, string? list = null)
    {
        var column = new ColumnDefinition("列", "F", type, List: list, MaxLength: 5);
        var values = list is null ? null : ReturnBuilder.Channels;
        FieldParser.TryParse(column, text, formula, values, Ctx, out var value, out var error);
        return (value, error?.Code);
    }

    [Theory]
    [InlineData("12", 12L, null)]
    [InlineData(" 1,200 ", 1200L, null)]
    [InlineData("3.0", 3L, null)]
    [InlineData("-1", null, "CELL_NOT_COUNT")]
    [InlineData("2.5", null, "CELL_NOT_COUNT")]
    [InlineData("abc", null, "CELL_NOT_COUNT")]
    [InlineData("", null, "CELL_REQUIRED")]
    public void Counts(string text, long? expected, string? code)
    {
        var (value, error) = Parse(FieldType.Count, text);
        Assert.Equal((expected, code), (value as long?, error));
    }

    [Fact]
    public void Formulas_cities_lists_dates_yes_no_and_lengths()
    {
        Assert.Equal("CELL_FORMULA", Parse(FieldType.Count, "12", formula: true).Code);
        Assert.Equal("CELL_UNKNOWN_CITY", Parse(FieldType.City, "440100").Code);
        Assert.Equal("640100", Parse(FieldType.City, "640100").Value);
        Assert.Equal("CELL_NOT_IN_LIST", Parse(FieldType.Choice, "营业厅", list: "Channel").Code);
        Assert.Equal(new DateOnly(2026, 5, 1), Parse(FieldType.Date, "2026/5/1").Value);
        Assert.Equal(new DateOnly(2026, 5, 1), Parse(FieldType.Date, "46143").Value); // Excel serial
        Assert.Equal("CELL_NOT_DATE", Parse(FieldType.Date, "2026-13-01").Code);
        Assert.Equal(false, Parse(FieldType.YesNo, "否").Value);
        Assert.Equal("CELL_NOT_YESNO", Parse(FieldType.YesNo, "N").Code);
        Assert.Equal("CELL_TOO_LONG", Parse(FieldType.Text, "太长的文字内容").Code);
    }

    [Theory]
    [InlineData("2026-10", Frequency.Monthly, "2026-10-01", "2026-10-31")]
    [InlineData("2026-2", Frequency.Monthly, "2026-02-01", "2026-02-28")]
    [InlineData("2026-q3", Frequency.Quarterly, "2026-07-01", "2026-09-30")]
    [InlineData("2025", Frequency.Annual, "2025-01-01", "2025-12-31")]
    public void Periods_parse_to_their_dates(string text, Frequency frequency, string start, string end)
    {
        var p = ReportingPeriod.Parse(text, frequency);
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), (p.Start, p.End));
    }

    [Theory]
    [InlineData("2026-10", Frequency.Quarterly)]
    [InlineData("2026-13", Frequency.Monthly)]
    [InlineData("2026-Q5", Frequency.Quarterly)]
    [InlineData("26-10", Frequency.Monthly)]
    [InlineData("2026", Frequency.Monthly)]
    public void Malformed_periods_are_refused_with_the_expected_format(string text, Frequency frequency) =>
        Assert.Equal("period.invalid", Assert.Throws<DomainException>(() => ReportingPeriod.Parse(text, frequency)).Code);

    [Fact]
    public void Due_dates_move_past_holidays()
    {
        var calendar = new WorkingDayCalendar(
            [new CalendarDay { Date = new DateOnly(2026, 10, 1), Kind = CalendarDayKind.Holiday }, .. Enumerable.Range(1, 7).Select(d => new CalendarDay { Date = new DateOnly(2026, 10, d), Kind = CalendarDayKind.Holiday })],
            [2026]);
        // September's return is due 10 October 2026, a Saturday make-up day is not loaded here: the 10th is a Saturday → Monday the 12th.
        Assert.Equal(new DateOnly(2026, 10, 12), ReportingPeriod.Parse("2026-09", Frequency.Monthly).DueDate(10, 1, calendar));
        Assert.Equal(new DateOnly(2026, 10, 15), ReportingPeriod.Parse("2026-Q3", Frequency.Quarterly).DueDate(15, 1, calendar));
        Assert.Equal(new DateOnly(2027, 2, 1), ReportingPeriod.Parse("2026", Frequency.Annual).DueDate(31, 1, calendar)); // 31 Jan 2027 is a Sunday
        Assert.Equal("2026-09", ReportingPeriod.LatestEnded(Frequency.Monthly, new DateOnly(2026, 10, 3)).ToString());
        Assert.Equal("2026-Q3", ReportingPeriod.LatestEnded(Frequency.Quarterly, new DateOnly(2026, 11, 28)).ToString());
    }
}
