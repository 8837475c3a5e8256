using System.Globalization;
using Supervision.Domain.Documents;
using Supervision.Domain.Common;

namespace Supervision.Tests.Domain.Common;

public class ChineseMoneyTests
{
    [Theory]
    // The examples of DOMAIN.md §5 and the brief.
    [InlineData("10000", "人民币壹万元整")]
    [InlineData("15000", "人民币壹万伍仟元整")]
    [InlineData("10050", "人民币壹万零伍拾元整")]
    [InlineData("16409.02", "人民币壹万陆仟肆佰零玖元零贰分")]
    [InlineData("100000000", "人民币壹亿元整")]
    // Units and the 整 rule.
    [InlineData("0", "人民币零元整")]
    [InlineData("1", "人民币壹元整")]
    [InlineData("9", "人民币玖元整")]
    [InlineData("10", "人民币壹拾元整")]
    [InlineData("11", "人民币壹拾壹元整")]
    [InlineData("19", "人民币壹拾玖元整")]
    [InlineData("20", "人民币贰拾元整")]
    [InlineData("100", "人民币壹佰元整")]
    [InlineData("110", "人民币壹佰壹拾元整")]
    [InlineData("1000", "人民币壹仟元整")]
    [InlineData("25000", "人民币贰万伍仟元整")]
    [InlineData("30000", "人民币叁万元整")]
    [InlineData("500000", "人民币伍拾万元整")]
    [InlineData("5000000", "人民币伍佰万元整")]
    [InlineData("99999999", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整")]
    // 角 and 分.
    [InlineData("0.5", "人民币伍角整")]
    [InlineData("0.50", "人民币伍角整")]
    [InlineData("0.52", "人民币伍角贰分")]
    [InlineData("0.02", "人民币贰分")]
    [InlineData("0.01", "人民币壹分")]
    [InlineData("1.50", "人民币壹元伍角整")]
    [InlineData("1.05", "人民币壹元零伍分")]
    [InlineData("10.05", "人民币壹拾元零伍分")]
    [InlineData("325.04", "人民币叁佰贰拾伍元零肆分")]
    [InlineData("1409.50", "人民币壹仟肆佰零玖元伍角整")]
    [InlineData("1680.32", "人民币壹仟陆佰捌拾元叁角贰分")]
    [InlineData("6007.14", "人民币陆仟零柒元壹角肆分")]
    [InlineData("1.00", "人民币壹元整")]
    [InlineData("1.000", "人民币壹元整")]
    // Zeros inside a section: one 零 for a run, none at the end.
    [InlineData("101", "人民币壹佰零壹元整")]
    [InlineData("1001", "人民币壹仟零壹元整")]
    [InlineData("1010", "人民币壹仟零壹拾元整")]
    [InlineData("1100", "人民币壹仟壹佰元整")]
    [InlineData("2020", "人民币贰仟零贰拾元整")]
    // Across 万.
    [InlineData("10001", "人民币壹万零壹元整")]
    [InlineData("10010", "人民币壹万零壹拾元整")]
    [InlineData("10100", "人民币壹万零壹佰元整")]
    [InlineData("11000", "人民币壹万壹仟元整")]
    [InlineData("100010", "人民币壹拾万零壹拾元整")]
    [InlineData("107000.53", "人民币壹拾万柒仟元伍角叁分")]
    [InlineData("100700", "人民币壹拾万零柒佰元整")]
    [InlineData("200010", "人民币贰拾万零壹拾元整")]
    [InlineData("1000001", "人民币壹佰万零壹元整")]
    [InlineData("10000000", "人民币壹仟万元整")]
    [InlineData("10203040", "人民币壹仟零贰拾万叁仟零肆拾元整")]
    // Across 亿.
    [InlineData("100000001", "人民币壹亿零壹元整")]
    [InlineData("100001000", "人民币壹亿零壹仟元整")]
    [InlineData("100010000", "人民币壹亿零壹万元整")]
    [InlineData("101000000", "人民币壹亿零壹佰万元整")]
    [InlineData("110000000", "人民币壹亿壹仟万元整")]
    [InlineData("100000000.10", "人民币壹亿元壹角整")]
    [InlineData("100000000.01", "人民币壹亿元零壹分")]
    [InlineData("1000000000", "人民币壹拾亿元整")]
    [InlineData("1234567890.12", "人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分")]
    [InlineData("1000000000000", "人民币壹万亿元整")]
    [InlineData("1200300000000000", "人民币壹仟贰佰万叁仟亿元整")]
    [InlineData("9999999999999999.99", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    public void Writes_capitals(string amount, string expected) =>
        Assert.Equal(expected, ChineseMoney.ToCapital(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-10000")]
    [InlineData("0.001")]
    [InlineData("1.005")]
    [InlineData("16409.025")]
    [InlineData("10000000000000000")]
    public void Refuses_invalid_amounts(string amount)
    {
        var value = decimal.Parse(amount, CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentException>(() => ChineseMoney.ToCapital(value));
        Assert.Throws<ArgumentException>(() => ChineseMoney.ToFigures(value));
    }

    [Theory]
    [InlineData("25000", "25,000.00")]
    [InlineData("0.5", "0.50")]
    [InlineData("16409.02", "16,409.02")]
    [InlineData("100000000", "100,000,000.00")]
    public void Writes_figures(string amount, string expected) =>
        Assert.Equal(expected, ChineseMoney.ToFigures(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    /// <summary>Every amount 0.00–200.00, every integer to 120,000, and seeded random amounts up to 亿亿:
    /// the capitals read back to the same value and obey the form rules.</summary>
    [Fact]
    public void Capitals_read_back_and_obey_the_form_rules()
    {
        var amounts = new List<decimal>();
        for (var cents = 0; cents <= 20_000; cents++) amounts.Add(cents / 100m);
        for (var i = 0; i <= 120_000; i++) amounts.Add(i);
        var random = new Random(20261128);
        for (var i = 0; i < 50_000; i++)
        {
            // Sparse digits make zero runs likely; both halves up to 9999,9999.
            var digits = random.Next(1, 17);
            long value = 0;
            for (var d = 0; d < digits; d++) value = value * 10 + (random.Next(3) == 0 ? random.Next(1, 10) : 0);
            amounts.Add(value + random.Next(100) / 100m);
        }
        foreach (var amount in amounts)
        {
            var text = ChineseMoney.ToCapital(amount);
            Assert.True(CapitalForm.Parse(text) == amount, $"{amount} → {text} reads back as {CapitalForm.Parse(text)}");
            var problem = CapitalForm.Problem(text);
            Assert.True(problem is null, $"{amount} → {text}: {problem}");
        }
    }

    [Fact]
    public void The_form_checker_catches_bad_capitals()
    {
        // The checker used above must be able to fail.
        Assert.NotNull(CapitalForm.Problem("人民币壹万零零伍拾元整"));
        Assert.NotNull(CapitalForm.Problem("人民币壹万伍仟元"));
        Assert.NotNull(CapitalForm.Problem("人民币拾元整"));
        Assert.NotNull(CapitalForm.Problem("人民币壹万零元整"));
        Assert.NotNull(CapitalForm.Problem("人民币壹元零贰分整"));
        Assert.NotNull(CapitalForm.Problem("壹元整"));
        Assert.Equal(10050m, CapitalForm.Parse("人民币壹万零伍拾元整"));
        Assert.Equal(1200300000000000m, CapitalForm.Parse("人民币壹仟贰佰万叁仟亿元整"));
    }

    /// <summary>An independent reader of capital amounts, for the round-trip test.</summary>
    private static class CapitalForm
    {
        private const string Digits = "零壹贰叁肆伍陆柒捌玖";

        public static decimal Parse(string text)
        {
            var s = text["人民币".Length..].TrimEnd('整');
            decimal fraction = 0;
            var yuan = s.IndexOf('元');
            var integerPart = yuan >= 0 ? s[..yuan] : "";
            var rest = yuan >= 0 ? s[(yuan + 1)..] : s;
            for (var i = 0; i < rest.Length; i++)
            {
                var d = Digits.IndexOf(rest[i]);
                if (d <= 0) continue;
                fraction += rest[i + 1] == '角' ? d / 10m : d / 100m;
            }
            long result = 0, wan = 0, section = 0, number = 0;
            foreach (var c in integerPart)
            {
                var d = Digits.IndexOf(c);
                if (d >= 0) { number = d; continue; }
                switch (c)
                {
                    case '拾': section += number * 10; number = 0; break;
                    case '佰': section += number * 100; number = 0; break;
                    case '仟': section += number * 1000; number = 0; break;
                    case '万': wan = (wan + section + number) * 10_000; section = number = 0; break;
                    case '亿': result = (result + wan + section + number) * 100_000_000; wan = section = number = 0; break;
                }
            }
            return result + wan + section + number + fraction;
        }

        public static string? Problem(string text)
        {
            if (!text.StartsWith("人民币", StringComparison.Ordinal)) return "no 人民币 prefix";
            if (text.Contains("零零", StringComparison.Ordinal)) return "two 零 in a row";
            if (text.EndsWith("分整", StringComparison.Ordinal)) return "整 after 分";
            if (!text.EndsWith('整') && !text.EndsWith('分')) return "neither 整 nor 分 at the end";
            if (text.EndsWith("元", StringComparison.Ordinal)) return "no 整 after 元";
            if (text != "人民币零元整")
            {
                foreach (var unit in "元万亿角分拾佰仟")
                    if (text.Contains("零" + unit, StringComparison.Ordinal)) return $"零 before {unit}";
                if (text.StartsWith("人民币零", StringComparison.Ordinal)) return "leading 零";
            }
            for (var i = 0; i < text.Length; i++)
                if (text[i] is '拾' or '佰' or '仟' && (i == 0 || Digits.IndexOf(text[i - 1]) <= 0))
                    return $"{text[i]} without a digit before it";
            if (text.Contains('分') && !text.Contains('角') && text.Contains('元') && !text.Contains("元零", StringComparison.Ordinal))
                return "分 without 角 needs 零 after 元";
            return null;
        }
    }
}
