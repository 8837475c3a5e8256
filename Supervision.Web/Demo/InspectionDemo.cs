using Supervision.Domain.Enforcement;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Inspections;

namespace Supervision.Web.Demo;

/// <summary>
/// Demo inspections for 宁夏 (Development only, like the demo accounts), made through the real services so the pages
/// are not empty on first run: a recusal (inspector2.nx ↔ 中国联通), an annual plan and a 专项行动 each with a published
/// draw, and one completed inspection whose 不符合 item became an issued corrective order.
/// </summary>
public sealed class InspectionDemo(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, InspectionPlanService plans, DrawService draws,
    InspectionService inspections, FindingService findings, CorrectiveOrderService orders, TimeProvider clock)
{
    public async Task EnsureAsync(CancellationToken ct = default)
    {
        access.AsSystem("system:demo");
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = await db.Provinces.SingleAsync(p => p.Code == "64", ct);
        if (await db.InspectionPlans.AnyAsync(p => p.ProvinceId == province.Id, ct)) return;
        var users = await db.Users.Where(u => u.ProvinceId == province.Id && u.Role == UserRole.Inspector).ToDictionaryAsync(u => u.UserName!, ct);
        if (!users.ContainsKey("inspector.nx")) return;
        void Act(string userName) => access.Set(AccessScope.ForProvince(province.Id, false, UserRole.Inspector), userName, users[userName].Id);

        Act("inspector.nx");
        if (users.TryGetValue("inspector2.nx", out var conflicted))
        {
            var cucc = await db.Carriers.SingleAsync(c => c.Code == "CUCC", ct);
            await plans.AddRecusalAsync(conflicted.Id, cucc.Id, "配偶在中国联通宁夏分公司任职", ct);
        }
        var items = await db.ChecklistItems.Where(i => i.IsActive).ToDictionaryAsync(i => i.Code, i => i.Id, ct);
        var today = BeijingTime.Today(clock);
        var year = today.Year;
        // From September, or a month back when the demo starts earlier in the year (never before 1 January).
        var campaignStart = new[] { new[] { new DateOnly(year, 9, 1), today.AddDays(-30) }.Min(), new DateOnly(year, 1, 1) }.Max();

        var annual = await plans.SaveAsync(new PlanInput(0, PlanKind.Annual, year, $"{year}年度网络与信息安全和电话用户实名制监督检查计划",
            "按照“双随机、一公开”要求，对全区基础电信企业和移动通信转售企业省级公司开展年度监督检查。", new DateOnly(year, 3, 1), new DateOnly(year, 12, 31),
            PlanScope.Carriers, ["CMCC", "CUCC", "CTCC", "CBN", "JDCOM", "SNAIL", "YUANTE", "SHARE", "AISIDE", "XIAOMI"],
            [.. items.Where(i => i.Key.StartsWith("SEC-", StringComparison.Ordinal)).Select(i => i.Value)], 0.3m, 2), ct);
        await plans.ActivateAsync(annual, ct);
        var annualDraw = await draws.DrawAsync(new DrawCommand(annual, null, null), ct);
        await draws.PublishAsync(annualDraw.Id, ct);

        var campaign = await plans.SaveAsync(new PlanInput(0, PlanKind.Campaign, year, "电话“黑卡”治理专项行动",
            "聚焦营业网点违规开卡、人工录入身份信息、一证多卡等问题，抽查地市分公司实名登记落实情况。", campaignStart, new DateOnly(year, 12, 31),
            PlanScope.Cities, ["640100", "640200", "640300"],
            [.. items.Where(i => i.Key.StartsWith("RN-", StringComparison.Ordinal) || i.Key == "SEC-12").Select(i => i.Value)], 0.25m, 2), ct);
        await plans.ActivateAsync(campaign, ct);
        var campaignDraw = await draws.DrawAsync(new DrawCommand(campaign, "20260901-宁夏局公开摇号-38-17-05-92", "驻局纪检监察组 张明；企业代表 3 名"), ct);
        await draws.PublishAsync(campaignDraw.Id, ct);

        // One inspection done, with a 不符合 item that became an issued corrective order.
        var first = await db.Inspections.Include(i => i.Inspectors).Include(i => i.Items).Include(i => i.Branch)
            .Where(i => i.DrawId == campaignDraw.Id).OrderBy(i => i.DrawOrder).FirstAsync(ct);
        Act(first.Inspectors.OrderBy(i => i.UserName, StringComparer.Ordinal).First().UserName);
        var visit = today.AddDays(-3) < campaignStart ? today : today.AddDays(-3);
        await inspections.ScheduleAsync(first.Id, visit, ct);
        var outlets = $"{first.EntityName}营业厅（{Address(first.Branch?.Address)}）及城区合作营业厅2家";
        await inspections.SaveVisitAsync(first.Id, new VisitInput(visit, $"{first.EntityName}营业厅", "王磊", "实名制管理专员", "企业按要求提供了台账和系统查询权限。",
            new TimeOnly(9, 30), new TimeOnly(11, 45), outlets, 60), ct);
        await inspections.RecordCredentialsShownAsync(first.Id, ct);
        Guid token = default;
        foreach (var item in first.Items.OrderBy(i => i.SortOrder))
            token = item.ItemCode == "RN-05"
                ? await inspections.SaveItemAsync(first.Id, item.Id, ItemOutcome.NonCompliant, "抽查3个营业网点，其中1个合作营业厅存在人工录入身份信息后办理入网的情况，共12笔，未使用二代身份证读卡器并联网核验。", ct)
                : await inspections.SaveItemAsync(first.Id, item.Id, item.ItemCode == "RN-10" ? ItemOutcome.NotApplicable : ItemOutcome.Compliant, null, ct);
        await inspections.CompleteAsync(first.Id, token, ct);

        await using var after = await factory.CreateDbContextAsync(ct);
        var finding = await after.Findings.SingleAsync(f => f.InspectionId == first.Id, ct);
        // The finding rests on the basis of the checklist item it came from.
        var basisId = await after.ChecklistItems.Where(i => i.Code == "RN-05").Select(i => i.LegalBasisId).SingleAsync(ct)
                      ?? throw new InvalidOperationException("RN-05 has no legal basis in the checklist.");
        var orderId = await findings.DecideAsync(finding.Id, finding.ConcurrencyToken, FindingDecision.CorrectiveOrder, FindingSeverity.Serious, basisId, null, ct);
        var order = await after.CorrectiveOrders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
        // Handed to the person present at the inspection, who signs the 送达回证; the deadline runs from that day.
        await orders.IssueAsync(order.Id, order.ConcurrencyToken, ct, new OrderServiceInput(ServiceMethods.InPerson,
            Details: new ServiceDetails(RecipientName: "王磊", RecipientPost: "实名制管理专员")));
        access.AsSystem("system:demo");
    }

    private static string Address(string? address) => string.IsNullOrWhiteSpace(address) ? "地址见营业执照" : address;
}
