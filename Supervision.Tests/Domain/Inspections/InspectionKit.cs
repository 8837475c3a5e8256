using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Documents;
using Supervision.Domain.Inspections;
using Supervision.Reports.Inspections;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>Steps of the inspection workflow, done through the real services as the demo users.</summary>
internal static class InspectionKit
{
    /// <summary>Smallest valid PNG (1×1), JPEG and PDF headers, and something that only pretends to be an image.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
    public static readonly byte[] Executable = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0];

    public static async Task<long> ActivePlanAsync(IServicePortal portal, PlanScope scope, string[] codes, string[] itemCodes, decimal ratio = 1m, string by = "inspector.nx",
        DrawMethod method = DrawMethod.Uniform)
    {
        using var s = await portal.AsUserAsync(by);
        await using var db = portal.Db();
        var items = await db.ChecklistItems.Where(i => itemCodes.Contains(i.Code)).Select(i => i.Id).ToListAsync();
        var plans = s.Get<InspectionPlanService>();
        var id = await plans.SaveAsync(new PlanInput(0, PlanKind.Campaign, 2026, $"测试专项{Guid.NewGuid():N}"[..12], null, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            scope, codes, items, ratio, 2, method));
        await plans.ActivateAsync(id);
        return id;
    }

    public static async Task<InspectionDraw> DrawAsync(IServicePortal portal, long planId, string? seed = null, string by = "inspector.nx")
    {
        using var s = await portal.AsUserAsync(by);
        return await s.Get<DrawService>().DrawAsync(new DrawCommand(planId, seed, null));
    }

    /// <summary>An inspection of the draw to which the user was assigned.</summary>
    public static async Task<Inspection> AssignedAsync(IServicePortal portal, long drawId, string userName)
    {
        await using var db = portal.Db();
        return await db.Inspections.Include(i => i.Items).Include(i => i.Inspectors)
            .Where(i => i.DrawId == drawId && i.Inspectors.Any(x => x.UserName == userName)).OrderBy(i => i.Id).FirstAsync();
    }

    /// <summary>Records every item (one 不符合) and completes the record, issuing the 现场检查记录.</summary>
    public static async Task<IssuedDocument> CompleteAsync(IServicePortal portal, Inspection inspection, string userName, DateOnly date, string nonCompliantCode)
    {
        using var s = await portal.AsUserAsync(userName);
        var service = s.Get<InspectionService>();
        await service.SaveVisitAsync(inspection.Id, new VisitInput(date, "营业厅", "王磊", "实名制专员", null));
        await service.RecordCredentialsShownAsync(inspection.Id);
        var token = Guid.Empty;
        foreach (var item in inspection.Items)
            token = item.ItemCode == nonCompliantCode
                ? await service.SaveItemAsync(inspection.Id, item.Id, ItemOutcome.NonCompliant, "抽查发现人工录入身份信息12笔")
                : await service.SaveItemAsync(inspection.Id, item.Id, ItemOutcome.Compliant, null);
        return await s.Get<InspectionService>().CompleteAsync(inspection.Id, token);
    }

    /// <summary>A decided finding with its draft corrective order for a branch, written directly (for order-centred tests).</summary>
    public static async Task<long> DraftOrderAsync(IServicePortal portal, string branchCode, string responsible = "inspector.nx", string basisCode = "ORD25-A06")
    {
        using var system = portal.ScopeFor(AccessScope.System);
        var now = system.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == branchCode);
        var basis = await db.LegalBases.SingleAsync(b => b.Code == basisCode);
        var user = await db.Users.SingleAsync(u => u.UserName == responsible);
        var finding = new Finding
        {
            ProvinceId = branch.ProvinceId, BranchId = branch.Id, Source = FindingSource.Inspection, Title = "RN-05 读卡器与联网核验",
            Facts = $"{branch.Name}合作营业厅存在人工录入身份信息后办理入网的情况，共12笔。", FoundOn = new DateOnly(2026, 10, 30),
            LegalBasisId = basis.Id, Status = FindingStatus.Decided, Decision = FindingDecision.CorrectiveOrder, CreatedBy = "test",
        };
        db.Findings.Add(finding);
        await db.SaveChangesAsync();
        var order = CorrectiveOrder.Draft(finding, "立即停止人工录入，全部网点使用二代证读卡器并联网核验。", basis.Id, DeadlineMode.WorkingDays, 5, null,
            user.Id, "test", now);
        db.CorrectiveOrders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    public static async Task<CorrectiveOrder> OrderAsync(IServicePortal portal, long id)
    {
        await using var db = portal.Db();
        return await db.CorrectiveOrders.AsNoTracking().Include(o => o.Extensions).SingleAsync(o => o.Id == id);
    }

    /// <summary>Handed to the branch's staff, who sign the 送达回证; two servers named (a drafted order rests on no inspection).</summary>
    public static readonly OrderServiceInput HandedOver = new(Supervision.Domain.Enforcement.ServiceMethods.InPerson,
        Details: new Supervision.Domain.Enforcement.ServiceDetails(RecipientName: "王磊", RecipientPost: "实名制专员", Servers: ["马建国", "李娜"]));

    public static async Task<IssuedDocument> IssueAsync(IServicePortal portal, long orderId, string by = "inspector.nx", OrderServiceInput? service = null)
    {
        using var s = await portal.AsUserAsync(by);
        return await s.Get<CorrectiveOrderService>().IssueAsync(orderId, (await OrderAsync(portal, orderId)).ConcurrencyToken, service: service ?? HandedOver);
    }
}
