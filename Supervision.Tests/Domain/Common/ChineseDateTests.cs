using Supervision.Domain.Documents;
using Supervision.Domain.Common;

namespace Supervision.Tests.Domain.Common;

public class ChineseDateTests
{
    [Theory]
    [InlineData(2026, 11, 28, "2026年11月28日")]
    [InlineData(2026, 1, 5, "2026年1月5日")]
    [InlineData(2026, 10, 1, "2026年10月1日")]
    [InlineData(2027, 2, 28, "2027年2月28日")]
    [InlineData(2028, 2, 29, "2028年2月29日")]
    [InlineData(2026, 12, 31, "2026年12月31日")]
    public void Writes_unpadded_dates(int year, int month, int day, string expected) =>
        Assert.Equal(expected, ChineseDate.Format(new DateOnly(year, month, day)));

    [Theory]
    [InlineData("2026年12月7日")]
    [InlineData("2026-12-07")]
    [InlineData("2026/12/7")]
    [InlineData("2026.12.07")]
    [InlineData(" 2026 年 12 月 7 日 ")]
    [InlineData("2026年12月7")]
    public void Reads_a_date_as_people_type_it(string text)
    {
        Assert.True(ChineseDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(2026, 12, 7), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12/07/2026")]
    [InlineData("2026-13-01")]
    [InlineData("2026年2月30日")]
    [InlineData("2026-12/07")]
    [InlineData("20261207")]
    public void Refuses_what_is_no_date(string text) => Assert.False(ChineseDate.TryParse(text, out _));

    [Fact]
    public void Every_day_of_a_year_has_no_padding_and_no_separator()
    {
        for (var date = new DateOnly(2026, 1, 1); date.Year == 2026; date = date.AddDays(1))
        {
            var text = ChineseDate.Format(date);
            Assert.Matches("^2026年[1-9][0-9]?月[1-9][0-9]?日$", text);
            Assert.Equal($"2026年{date.Month}月{date.Day}日", text);
        }
    }

    [Theory]
    [InlineData("2026-12-07T06:05:09Z", "2026年12月7日 14:05")]
    [InlineData("2026-12-31T16:30:00Z", "2027年1月1日 00:30")] // the province's day, not the server's
    [InlineData("2026-03-01T09:00:00+08:00", "2026年3月1日 09:00")]
    public void Writes_moments_in_the_provinces_time_to_the_minute(string at, string expected) =>
        Assert.Equal(expected, ChineseDate.Time(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
}

public class DocumentNumberTests
{
    [Theory]
    [InlineData("宁通管罚", 2026, 3, "宁通管罚〔2026〕3号")]
    [InlineData("宁通管罚", 2026, 12, "宁通管罚〔2026〕12号")]
    [InlineData(" 京通管 ", 2027, 105, "京通管〔2027〕105号")]
    public void Formats_numbers(string code, int year, int serial, string expected) =>
        Assert.Equal(expected, new DocumentNumber(code, "", year, serial).ToString());

    [Theory]
    [InlineData("", 2026, 3)]
    [InlineData("宁通管罚", 26, 3)]
    [InlineData("宁通管罚", 2026, 0)]
    public void Refuses_invalid_parts(string code, int year, int serial) =>
        Assert.Throws<ArgumentException>(() => new DocumentNumber(code, "", year, serial).ToString());
}
