using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Tests.Infrastructure;
using Supervision.Domain.Access;
using Supervision.Web.Access;
using Supervision.Web.Components.Layout;

namespace Supervision.Tests.Web.Layout;

public class NavMenuTests : MudTestContext
{
    public NavMenuTests()
    {
        Services.AddSingleton(RouteCatalog.FromAssembly(typeof(NavMenu).Assembly));
    }

    private IReadOnlyList<string> MenuFor(UserRole? role)
    {
        var auth = AddAuthorization();
        if (role is { } r)
        {
            auth.SetAuthorized("someone");
            auth.SetRoles(r.ToString());
        }
        var menu = Render<NavMenu>();
        return menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public void An_administrator_sees_every_section()
    {
        var items = MenuFor(UserRole.SystemAdmin);
        Assert.Equal(["工作台", "报送记录", "报送情况总览", "异常值说明", "检查计划", "双随机抽取", "现场检查", "检查发现", "责令整改", "回避登记", "案件列表", "立案",
            "公示管理", "上报违规代理商", "排名看板", "全国排名", "数据概览", "省级管理局", "电信企业", "企业分支机构", "法律依据", "检查项目", "节假日安排", "公示类别",
            "用户管理", "登录安全", "报表模板", "执法参数", "排名指标", "抽查风险权重", "接口密钥", "审计日志", "消息投递"], items);
    }

    [Theory]
    [InlineData(UserRole.Inspector)]
    [InlineData(UserRole.Leader)]
    [InlineData(UserRole.MinistryViewer)]
    public void Regulator_staff_see_the_catalogs_but_not_system_administration(UserRole role)
    {
        var items = MenuFor(role);
        Assert.Contains("检查项目", items);
        Assert.Contains("节假日安排", items);
        Assert.Contains("检查计划", items);
        Assert.Contains("责令整改", items);
        Assert.DoesNotContain("整改通知", items);
        Assert.DoesNotContain("用户管理", items);
        Assert.DoesNotContain("审计日志", items);
        Assert.Contains("排名看板", items);
        Assert.DoesNotContain("本单位排名", items);
        Assert.DoesNotContain("排名指标", items);
        Assert.Equal(role == UserRole.MinistryViewer, items.Contains("全国排名"));
    }

    [Fact]
    public void A_carrier_user_sees_only_what_concerns_its_company()
    {
        Assert.Equal(["工作台", "上传报表", "在线填报", "报送记录", "整改通知", "案件列表", "本单位排名", "电信企业", "企业分支机构", "法律依据", "本单位账号"], MenuFor(UserRole.CarrierUser));
    }

    [Fact]
    public void Anonymous_visitors_see_no_menu_entries() => Assert.Empty(MenuFor(null));

    [Fact]
    public void Every_menu_entry_points_at_an_existing_page()
    {
        var catalog = RouteCatalog.FromAssembly(typeof(NavMenu).Assembly);
        foreach (var link in Navigation.Sections.SelectMany(s => s.Links).Append(Navigation.Home))
            Assert.NotNull(catalog.Find(link.Href));
    }

    [Theory]
    [InlineData("inspections/plans/5", "检查计划")]
    [InlineData("inspections/42", "现场检查")]
    [InlineData("inspections", "现场检查")]
    [InlineData("inspections/plans?status=Active#top", "检查计划")]
    [InlineData("submissions/upload?template=RN-MONTHLY", "报送记录")] // an administrator has no 上传报表 entry
    [InlineData("submissions/17", "报送记录")]
    [InlineData("cases/new", "立案")]
    [InlineData("cases/3", "案件列表")]
    [InlineData("rankings/ministry", "全国排名")]
    [InlineData("publicity/agents/new", "上报违规代理商")]
    public void Exactly_one_entry_is_highlighted_the_one_whose_address_covers_the_page_best(string path, string entry)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles(nameof(UserRole.SystemAdmin));
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(path);
        var menu = Render<NavMenu>();
        var active = menu.FindAll("a.mud-nav-link.active").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal([entry], active);
    }
}
