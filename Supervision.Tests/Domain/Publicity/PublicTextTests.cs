using System.Text;
using Supervision.Domain.Publicity;

namespace Supervision.Tests.Domain.Publicity;

public class PublicTextTests
{
    [Theory]
    [InlineData("用户身份证号640102199001011234办理", "用户身份证号（身份证号码已隐去）办理")]
    [InlineData("证件号码64010219900101123X。", "证件号码（身份证号码已隐去）。")]
    [InlineData("旧证640102900101123号", "旧证（身份证号码已隐去）号")]
    [InlineData("联系电话13912345678", "联系电话（电话号码已隐去）")]
    [InlineData("电话 +86 139-1234-5678 转", "电话 （电话号码已隐去） 转")]
    [InlineData("座机0951-5012345。", "座机（电话号码已隐去）。")]
    public void Personal_numbers_are_replaced_by_a_note(string input, string expected)
    {
        Assert.Equal(expected, PublicText.Clean(input));
        Assert.False(PublicText.HasPersonalNumbers(PublicText.Clean(input)));
        Assert.True(PublicText.HasPersonalNumbers(input));
    }

    [Theory]
    [MemberData(nameof(PersonalNumberCorpus.Masked), MemberType = typeof(PersonalNumberCorpus))]
    public void Numbers_typed_every_way_are_masked(string input, string expected)
    {
        Assert.True(PublicText.HasPersonalNumbers(input), $"not found in {input}");
        var cleaned = PublicText.Clean(input);
        Assert.Equal(PersonalNumberCorpus.Expected(expected), cleaned);
        Assert.False(PublicText.HasPersonalNumbers(cleaned));
        Assert.Equal(cleaned, PublicText.Clean(cleaned)); // cleaning twice changes nothing
    }

    [Fact]
    public void The_corpus_holds_at_least_forty_spellings() => Assert.True(PersonalNumberCorpus.Masked.Count() >= 40);

    [Theory]
    [InlineData("ID110101199003071234", PersonalNumberKind.IdNumber)]
    [InlineData("110101900307123", PersonalNumberKind.IdNumber)]
    [InlineData("+86 138 0013 8000", PersonalNumberKind.Mobile)]
    [InlineData("(0951)6012345", PersonalNumberKind.Landline)]
    [InlineData("6222 0212 3456 7890 128", PersonalNumberKind.BankCard)]
    public void Each_number_is_found_once_with_its_kind_and_where_it_stands(string text, PersonalNumberKind kind)
    {
        var found = Assert.Single(PersonalNumbers.Find(text));
        Assert.Equal(kind, found.Kind);
        Assert.Equal(text.TrimStart('I', 'D'), text.Substring(found.Start, found.Length));
    }

    [Theory]
    [MemberData(nameof(PersonalNumberCorpus.Kept), MemberType = typeof(PersonalNumberCorpus))]
    public void Credit_codes_document_numbers_dates_and_figures_stay(string text)
    {
        Assert.Equal(text, PublicText.Clean(text));
        Assert.False(PublicText.HasPersonalNumbers(text));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>未核验证件", "alert('x') 未核验证件")]
    [InlineData("<img src=x onerror=alert(1)>违规", "违规")]
    [InlineData("a < b 且 c > d", "a ＜ b 且 c ＞ d")]
    [InlineData("<b>138</b>00138000", PublicText.PhoneRedacted)] // a number split by markup is one once the markup is gone
    [InlineData("零宽\u200B字符\u202E反转", "零宽字符反转")]
    [InlineData("  多个   空格\t和\r\n换行  ", "多个 空格 和\n换行")]
    public void Markup_and_invisible_characters_are_removed(string input, string expected) => Assert.Equal(expected, PublicText.Clean(input));

    [Fact]
    public void Noncharacters_and_lone_surrogates_are_removed_before_anything_reads_the_text()
    {
        // Built here: xUnit would turn a lone surrogate of [InlineData] into U+FFFD (removed as well, as a stored one becomes that).
        foreach (var (input, expected, holdsANumber) in new[]
        {
            ("手机138\uFFFF0013\uFFFE8000", "手机{P}", true),
            ("手机138\uD8000013\uFFFD8000", "手机{P}", true),
            ("违规\uFDD0事实\uD800说明\uDFFF完", "违规事实说明完", false),
            ("\uFFFF", "", false),
            ("证件号110101199003071234\uDBFF\uDFFF", "证件号{I}", true), // U+10FFFF, a noncharacter
        })
        {
            Assert.Equal(PersonalNumberCorpus.Expected(expected), PublicText.Clean(input));
            Assert.Equal(holdsANumber, PublicText.HasPersonalNumbers(input));
        }
    }

    /// <summary>Random code points (any plane, lone surrogates, noncharacters, controls) among digits and separators: nothing throws.</summary>
    [Fact]
    public void No_text_makes_finding_or_cleaning_throw()
    {
        var random = new Random(14);
        const string near = "0123456789 -.()（）Xx×〇一三八+86";
        for (var n = 0; n < 3000; n++)
        {
            var b = new StringBuilder();
            for (var k = random.Next(1, 60); k > 0; k--)
            {
                switch (random.Next(4))
                {
                    case 0: b.Append(near[random.Next(near.Length)]); break;
                    case 1: b.Append((char)random.Next(0x10000)); break; // may be a lone surrogate or U+FFFE/U+FFFF
                    case 2: b.Append(char.ConvertFromUtf32(RandomScalar(random))); break;
                    default: b.Append(random.Next(2) == 0 ? "13800138000" : "\uFFFF"); break;
                }
            }
            var text = b.ToString();
            var cleaned = PublicText.Clean(text);
            PersonalNumbers.Find(text);
            Assert.False(PublicText.HasPersonalNumbers(cleaned), $"case {n}: {Escape(cleaned)}");
            for (var k = 0; k < cleaned.Length; k += Rune.GetRuneAt(cleaned, k).Utf16SequenceLength) // throws on a lone surrogate
                Assert.False(Removed(Rune.GetRuneAt(cleaned, k).Value), $"case {n}: {Escape(cleaned)}");
        }
    }

    private static bool Removed(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF or 0xFFFD || (codePoint & 0xFFFE) == 0xFFFE;

    private static int RandomScalar(Random random)
    {
        while (true)
        {
            var v = random.Next(0x110000);
            if (v is < 0xD800 or > 0xDFFF) return v;
        }
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 128 && !char.IsControl(c) ? c.ToString() : $"\\u{(int)c:X4}"));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("李", "*")]
    [InlineData("", "")]
    public void Names_keep_only_their_first_character(string name, string masked) => Assert.Equal(masked, PublicText.MaskName(name));
}
