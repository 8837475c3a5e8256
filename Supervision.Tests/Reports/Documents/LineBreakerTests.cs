using Supervision.Reports.Documents;

namespace Supervision.Tests.Reports.Documents;

public class LineBreakerTests
{
    /// <summary>A monospaced stand-in: CJK characters and CJK punctuation 10, Latin letters, digits, ASCII 5.</summary>
    private static double Measure(string s)
    {
        double width = 0;
        foreach (var c in s) width += char.IsLowSurrogate(c) ? 0 : c >= 0x2000 ? 10 : 5;
        return width;
    }

    private static string[] Lines(string text, double width = 100, double? first = null) =>
        LineBreaker.Break(text, width, Measure, first).Select(l => l.TextOf(text)).ToArray();

    private const string Ten = "一二三四五六七八九十";

    [Fact]
    public void Fills_lines_of_cjk_characters()
    {
        Assert.Equal(["一二三四五六七八九十", "一二三四五六七八九十", "甲乙丙丁戊"], Lines(Ten + Ten + "甲乙丙丁戊"));
    }

    [Fact]
    public void A_line_of_exactly_28_characters_is_one_line()
    {
        var cjkAdvance = 156.0 / 28 * 72 / 25.4;   // GB/T 9704: 28 characters in 156 mm
        var width = 156 * 72 / 25.4;
        double GridMeasure(string s) => s.Length * cjkAdvance;
        var line28 = string.Concat(Enumerable.Repeat("通信管理局行政处罚", 4))[..28];
        Assert.Single(LineBreaker.Break(line28, width, GridMeasure));
        var lines = LineBreaker.Break(line28 + "书", width, GridMeasure);
        Assert.Equal(2, lines.Count);
        // "书" would stand alone on the last line: the character before it comes down to keep it company.
        Assert.Equal(27, lines[0].Length);
        Assert.Equal(line28[27..] + "书", lines[1].TextOf(line28 + "书"));
    }

    [Fact]
    public void Empty_text_is_one_empty_line()
    {
        var lines = LineBreaker.Break("", 100, Measure);
        var line = Assert.Single(lines);
        Assert.Equal(0, line.Length);
        Assert.Equal(0, line.Width);
        Assert.Equal([""], Lines("   "));
    }

    [Theory]
    [InlineData('，')]
    [InlineData('。')]
    [InlineData('、')]
    [InlineData('；')]
    [InlineData('：')]
    [InlineData('？')]
    [InlineData('！')]
    [InlineData('）')]
    [InlineData('》')]
    [InlineData('」')]
    [InlineData('』')]
    [InlineData('】')]
    [InlineData('〕')]
    [InlineData('”')]
    [InlineData('’')]
    [InlineData('…')]
    [InlineData('—')]
    [InlineData('％')]
    [InlineData('·')]
    [InlineData(',')]
    [InlineData('.')]
    [InlineData(';')]
    [InlineData(':')]
    [InlineData('?')]
    [InlineData('!')]
    [InlineData(')')]
    [InlineData('%')]
    public void No_line_starts_with_a_closing_or_pause_mark(char mark)
    {
        // Ten characters fill the line exactly; the mark would start the second line.
        var text = Ten + mark + "甲乙";
        var lines = Lines(text);
        Assert.Equal(2, lines.Length);
        Assert.Equal("一二三四五六七八九", lines[0]);
        Assert.Equal("十" + mark + "甲乙", lines[1]);
    }

    [Theory]
    [InlineData('（')]
    [InlineData('《')]
    [InlineData('「')]
    [InlineData('『')]
    [InlineData('【')]
    [InlineData('〔')]
    [InlineData('“')]
    [InlineData('‘')]
    [InlineData('(')]
    [InlineData('[')]
    [InlineData('￥')]
    public void No_line_ends_with_an_opening_mark(char mark)
    {
        // The mark is the tenth character and would end the first line.
        var text = "一二三四五六七八九" + mark + "甲乙";
        var lines = Lines(text);
        Assert.Equal(2, lines.Length);
        Assert.Equal("一二三四五六七八九", lines[0]);
        Assert.Equal(mark + "甲乙", lines[1]);
    }

    [Theory]
    [InlineData("……")]
    [InlineData("——")]
    public void Ellipsis_and_dash_pairs_stay_together_and_do_not_start_a_line(string pair)
    {
        var text = "一二三四五六七八九" + pair + "甲乙";
        var lines = Lines(text);
        Assert.Equal(["一二三四五六七八", "九" + pair + "甲乙"], lines);
    }

    [Fact]
    public void A_closing_mark_after_an_opening_mark_group_is_kept_with_it()
    {
        // 〕 cannot start a line and 〔 cannot end one: "〔2026〕3号" moves as a unit where needed.
        var text = "宁夏回族自治区通管罚〔2026〕3号";
        var lines = Lines(text);
        Assert.Equal(["宁夏回族自治区通管罚", "〔2026〕3号"], lines);
        Assert.All(lines, l => Assert.False(CjkText.CannotStartLine(l[0])));
    }

    [Fact]
    public void Latin_words_are_not_split()
    {
        // "GGSN/PGW" (40) does not fit after eight characters (80): it moves whole to the next line.
        var text = "一二三四五六七八GGSN/PGW接入";
        Assert.Equal(["一二三四五六七八", "GGSN/PGW接入"], Lines(text));
        Assert.Equal(["一二三四五六七八九", "IDC号码"], Lines("一二三四五六七八九IDC号码"));
        Assert.Equal(["一二三四五六七八九", "2026年"], Lines("一二三四五六七八九2026年"));
    }

    [Fact]
    public void Numbers_with_thousands_separators_and_decimals_are_not_split()
    {
        var text = "处罚款人民币10,000.00元整";
        var lines = Lines(text);
        Assert.Equal(["处罚款人民币", "10,000.00元整"], lines);
    }

    [Fact]
    public void A_word_longer_than_a_line_is_split_to_fill_lines()
    {
        var word = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOP";   // 42 × 5 = 210
        var lines = Lines("甲" + word + "乙");
        // The word starts on the line it follows and fills it: no line is left holding 甲 alone.
        Assert.Equal(["甲ABCDEFGHIJKLMNOPQR", "STUVWXYZABCDEFGHIJKL", "MNOP乙"], lines);
        Assert.Equal("甲" + word + "乙", string.Concat(lines));
    }

    [Fact]
    public void Spaces_at_a_break_are_dropped_and_words_break_at_spaces()
    {
        var text = "alpha beta gamma delta epsilon";
        var lines = Lines(text, 60);   // 12 half-width characters
        Assert.Equal(["alpha beta", "gamma delta", "epsilon"], lines);
        Assert.All(LineBreaker.Break(text, 60, Measure), l => Assert.True(l.Width <= 60));
    }

    [Fact]
    public void First_line_width_can_differ_for_an_indent()
    {
        var lines = Lines(Ten + Ten, 100, first: 80);
        Assert.Equal(["一二三四五六七八", "九十一二三四五六七八", "九十"], lines);
    }

    [Fact]
    public void Line_feeds_force_breaks()
    {
        Assert.Equal(["甲乙", "", "丙"], Lines("甲乙\n\n丙"));
    }

    [Fact]
    public void A_surrogate_pair_is_one_character()
    {
        var rare = char.ConvertFromUtf32(0x20B9F);   // 𠮟, CJK Extension B
        var text = "一二三四五六七八九" + rare + "甲";
        var lines = Lines(text);
        Assert.Equal(["一二三四五六七八九", rare + "甲"], lines);     // the pair moves as one, so "甲" does not stand alone
    }

    /// <summary>Random mixtures: every line fits, no forbidden starts or ends, words stay whole, nothing is lost.</summary>
    [Fact]
    public void Random_text_keeps_every_rule()
    {
        var random = new Random(9704);
        // Realistic pieces: an optional opening mark, a character or a Latin word, an optional closing mark.
        string[] openings = ["（", "《", "“", "〔", "(", "￥"];
        string[] cores = ["通", "信", "管", "理", "局", "罚", "款", "ID", "2026", "10,000.00", "GGSN/PGW", "3%"];
        string[] closings = ["，", "。", "、", "；", "：", "）", "》", "”", "……", "——", "％", "〕", ")", ".", ","];
        for (var round = 0; round < 3000; round++)
        {
            var builder = new System.Text.StringBuilder();
            for (var n = random.Next(1, 60); n > 0; n--)
            {
                if (random.Next(8) == 0) builder.Append(openings[random.Next(openings.Length)]);
                builder.Append(cores[random.Next(cores.Length)]);
                if (random.Next(4) == 0) builder.Append(closings[random.Next(closings.Length)]);
                if (random.Next(10) == 0) builder.Append(' ');
                if (builder.Length > 0 && char.IsAsciiLetterOrDigit(builder[^1])) builder.Append('的');
            }
            var text = builder.ToString();
            var width = 100 + random.Next(0, 300);
            var lines = LineBreaker.Break(text, width, Measure);
            var rebuilt = string.Concat(lines.Select(l => l.TextOf(text)));
            Assert.Equal(text.Replace(" ", ""), rebuilt.Replace(" ", ""));
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i].TextOf(text);
                Assert.True(Measure(line) <= width + 0.01, $"'{line}' wider than {width} in '{text}'");
                Assert.Equal(Measure(line), lines[i].Width, 6);
                if (line.Length == 0) continue;
                Assert.False(line.StartsWith(' ') || line.EndsWith(' '), $"'{line}' has spaces at an edge");
                if (i > 0) Assert.False(CjkText.CannotStartLine(line[0]), $"line '{line}' starts with a closing mark in '{text}'");
                if (i < lines.Count - 1) Assert.False(CjkText.CannotEndLine(line[^1]), $"line '{line}' ends with an opening mark in '{text}'");
            }
            foreach (var word in new[] { "10,000.00", "GGSN/PGW", "2026" })
            {
                var occurrences = CountOf(text, word);
                Assert.True(occurrences <= lines.Sum(l => CountOf(l.TextOf(text), word)), $"'{word}' was split in '{text}'");
            }
        }
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
