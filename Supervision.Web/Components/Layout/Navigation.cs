using MudBlazor;

namespace Supervision.Web.Components.Layout;

public sealed record NavLinkItem(string Title, string Href, string Icon);

public sealed record NavSection(string Title, string Icon, IReadOnlyList<NavLinkItem> Links);

/// <summary>
/// The portal's menu. Who sees an entry is decided by the target page's own [Authorize] attribute
/// (through <see cref="Access.RouteCatalog"/>), so the menu and the page can never disagree.
/// Only sections with built pages are listed.
/// </summary>
public static class Navigation
{
    public static readonly NavLinkItem Home = new("工作台", "/", Icons.Material.Filled.Dashboard);

    /// <summary>
    /// The one entry a page belongs to: among <paramref name="links"/>, the one whose address is the longest whole-segment
    /// prefix of <paramref name="relativePath"/> (query and fragment ignored); null for the home page or an address none covers.
    /// </summary>
    public static NavLinkItem? Current(IEnumerable<NavLinkItem> links, string relativePath)
    {
        var path = "/" + relativePath.Split('?', '#')[0].Trim('/');
        return links.Where(l => path == l.Href || path.StartsWith(l.Href + "/", StringComparison.Ordinal))
            .MaxBy(l => l.Href.Length);
    }

    public static readonly IReadOnlyList<NavSection> Sections =
    [
        new("报送管理", Icons.Material.Filled.Assignment,
        [
            new("上传报表", "/submissions/upload", Icons.Material.Filled.UploadFile),
            new("在线填报", "/submissions/entry", Icons.Material.Filled.EditNote),
            new("报送记录", "/submissions", Icons.Material.Filled.ListAlt),
            new("报送情况总览", "/submissions/overview", Icons.Material.Filled.GridView),
            new("异常值说明", "/submissions/outliers", Icons.Material.Filled.QueryStats),
        ]),
        new("检查管理", Icons.Material.Filled.FactCheck,
        [
            new("检查计划", "/inspections/plans", Icons.Material.Filled.EventNote),
            new("双随机抽取", "/inspections/draws", Icons.Material.Filled.Casino),
            new("现场检查", "/inspections", Icons.Material.Filled.Checklist),
            new("检查发现", "/inspections/findings", Icons.Material.Filled.ReportProblem),
            new("责令整改", "/inspections/orders", Icons.Material.Filled.AssignmentLate),
            new("回避登记", "/inspections/recusals", Icons.Material.Filled.PersonOff),
            new("整改通知", "/rectification", Icons.Material.Filled.AssignmentLate),
        ]),
        new("执法案件", Icons.Material.Filled.Gavel,
        [
            new("案件列表", "/cases", Icons.Material.Filled.FolderOpen),
            new("立案", "/cases/new", Icons.Material.Filled.CreateNewFolder),
            new("审批事项", "/approvals", Icons.Material.Filled.HowToReg),
        ]),
        new("公告公示", Icons.Material.Filled.Campaign,
        [
            new("公示管理", "/publicity", Icons.Material.Filled.Campaign),
            new("上报违规代理商", "/publicity/agents/new", Icons.Material.Filled.PersonOff),
        ]),
        new("排名分析", Icons.Material.Filled.Leaderboard,
        [
            new("排名看板", "/rankings", Icons.Material.Filled.Insights),
            new("全国排名", "/rankings/ministry", Icons.Material.Filled.Public),
            new("本单位排名", "/rankings/mine", Icons.Material.Filled.EmojiEvents),
        ]),
        new("基础数据", Icons.Material.Filled.AccountTree,
        [
            new("数据概览", "/catalog", Icons.Material.Filled.Numbers),
            new("省级管理局", "/org/provinces", Icons.Material.Filled.AccountBalance),
            new("电信企业", "/org/carriers", Icons.Material.Filled.CellTower),
            new("企业分支机构", "/org/branches", Icons.Material.Filled.Business),
            new("法律依据", "/catalog/legal-bases", Icons.Material.Filled.Gavel),
            new("检查项目", "/catalog/checklist", Icons.Material.Filled.Checklist),
            new("节假日安排", "/catalog/holidays", Icons.Material.Filled.CalendarMonth),
            new("公示类别", "/catalog/publication-categories", Icons.Material.Filled.Timelapse),
        ]),
        new("系统管理", Icons.Material.Filled.AdminPanelSettings,
        [
            new("用户管理", "/admin/users", Icons.Material.Filled.People),
            new("本单位账号", "/accounts", Icons.Material.Filled.ManageAccounts),
            new("登录安全", "/admin/sign-in-policies", Icons.Material.Filled.Security),
            new("报表模板", "/admin/templates", Icons.Material.Filled.TableChart),
            new("执法参数", "/admin/enforcement-settings", Icons.Material.Filled.Tune),
            new("排名指标", "/admin/ranking-indicators", Icons.Material.Filled.Tune),
            new("抽查风险权重", "/admin/draw-risk-factors", Icons.Material.Filled.Balance),
            new("接口密钥", "/admin/api-keys", Icons.Material.Filled.VpnKey),
            new("审计日志", "/admin/audit", Icons.Material.Filled.ReceiptLong),
            new("消息投递", "/admin/outbox", Icons.Material.Filled.Outbox),
        ]),
    ];
}
