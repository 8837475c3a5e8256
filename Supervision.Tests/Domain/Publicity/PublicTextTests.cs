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
    [InlineData("统一社会信用代码91640000710603880X")]
    [InlineData("宁通管罚〔2026〕12号，罚款人民币20,000.00元")]
    [InlineData("2026年3月10日至2026年4月20日共发现违规入网1532笔")]
    public void Credit_codes_document_numbers_dates_and_figures_stay(string text)
    {
        Assert.Equal(text, PublicText.Clean(text));
        Assert.False(PublicText.HasPersonalNumbers(text));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>未核验证件", "alert('x') 未核验证件")]
    [InlineData("<img src=x onerror=alert(1)>违规", "违规")]
    [InlineData("a < b 且 c > d", "a ＜ b 且 c ＞ d")]
    [InlineData("零宽\u200B字符\u202E反转", "零宽字符反转")]
    [InlineData("  多个   空格\t和\r\n换行  ", "多个 空格 和\n换行")]
    public void Markup_and_invisible_characters_are_removed(string input, string expected) => Assert.Equal(expected, PublicText.Clean(input));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("李", "*")]
    [InlineData("", "")]
    public void Names_keep_only_their_first_character(string name, string masked) => Assert.Equal(masked, PublicText.MaskName(name));
}
