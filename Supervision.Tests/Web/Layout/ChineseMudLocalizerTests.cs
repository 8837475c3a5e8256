using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Shared;

namespace Supervision.Tests.Web.Layout;

/// <summary>MudBlazor's own words reach people in Chinese through the one localizer the portal registers.</summary>
public class ChineseMudLocalizerTests(Portal portal) : IClassFixture<Portal>
{
    [Theory]
    [InlineData("MudDataGrid_SelectAllRows", "选择全部行")]
    [InlineData("MudDataGrid_SelectRow", "选择此行")]
    [InlineData("MudDataGridPager_NextPage", "下一页")]
    [InlineData("MudDataGridPager_RowsPerPage", "每页")]
    [InlineData("MudDataGrid_Loading", "正在加载…")]
    public void The_portal_resolves_mudblazors_words_in_chinese(string key, string chinese)
    {
        using var scope = portal.Factory.Services.CreateScope();
        var localizer = scope.ServiceProvider.GetRequiredService<MudLocalizer>();
        Assert.IsType<ChineseMudLocalizer>(localizer);
        var text = localizer[key];
        Assert.Equal((chinese, false), (text.Value, text.ResourceNotFound));
    }

    [Fact]
    public void A_pager_format_keeps_its_placeholders_and_unknown_keys_fall_back_to_mudblazor()
    {
        var localizer = new ChineseMudLocalizer();
        Assert.Equal("第{first_item}-{last_item}条，共{all_items}条", localizer["MudDataGridPager_InfoFormat"].Value);
        Assert.Equal("第3页", localizer["MudPagination_PageIndex", 3].Value);
        Assert.NotEqual("选择全部行", localizer["MudSomethingNew_Label"].Value);
    }
}
