using Supervision.Domain.Common;

namespace Supervision.Tests.Domain.Common;

/// <summary>Documents name people: the person's name of a display name, and none where the display name is only a title.</summary>
public class PersonNameTests
{
    [Theory]
    [InlineData("杨帆（宁夏移动实名制管理员）", "杨帆")]
    [InlineData("马建国（宁夏局网安处）", "马建国")]
    [InlineData("欧阳明远", "欧阳明远")]
    [InlineData("买买提·艾力", "买买提·艾力")]
    [InlineData("张伟 (网安处)", "张伟")]
    [InlineData("Anna Schmidt", "Anna Schmidt")]
    public void A_display_name_with_a_person_s_name_yields_it(string displayName, string name) =>
        Assert.Equal(name, PersonName.Of(displayName));

    [Theory]
    [InlineData("宁夏移动实名制管理员")]
    [InlineData("承办人")]
    [InlineData("系统管理员")]
    [InlineData("宁夏局网安处")]
    [InlineData("银川分公司签报员")]
    [InlineData("宁夏移动报送系统")]
    [InlineData("工业和信息化部网络安全管理局")]
    [InlineData("admin")]
    [InlineData("")]
    public void A_display_name_that_is_only_a_title_names_no_person(string displayName) =>
        Assert.Null(PersonName.Of(displayName));

    [Fact]
    public void Acting_without_a_person_s_name_is_refused_with_a_stable_code_telling_what_to_enter()
    {
        var refused = Assert.Throws<DomainException>(() => PersonName.Require("承办人", "承办案件"));
        Assert.Equal(PersonName.MissingCode, refused.Code);
        Assert.Contains("不能承办案件", refused.Message);
        Assert.Contains("显示名称填写为“姓名（职务）”", refused.Message);
        Assert.Equal("李娟", PersonName.Require("李娟（宁夏局网安处）", "承办案件"));
    }
}
