using Supervision.Reports.Documents;

namespace Supervision.Tests.Reports.Documents;

public class ChineseNumeralsTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(9, "九")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(21, "二十一")]
    [InlineData(99, "九十九")]
    public void Numbers_headings(int n, string expected)
    {
        Assert.Equal(expected, ChineseNumerals.Of(n));
        Assert.Equal(expected + "、", ChineseNumerals.Heading1(n));
        Assert.Equal("（" + expected + "）", ChineseNumerals.Heading2(n));
    }

    [Fact]
    public void Level_two_numbering_restarts_under_each_level_one_heading()
    {
        var document = new OfficialDocument("测试").Heading("甲").SubHeading("子").SubHeading("丑").Heading("乙").SubHeading("寅");
        var numbers = document.Body.OfType<HeadingBlock>().Select(h => h.Number).ToArray();
        Assert.Equal(["一、", "（一）", "（二）", "二、", "（一）"], numbers);
    }
}
