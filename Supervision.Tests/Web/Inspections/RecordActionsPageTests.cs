using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Inspections;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Web.Inspections;

/// <summary>
/// Over HTTP as the demo users: the order, rectification, inspection, finding and plan pages render the list their record
/// gives (ActionsFor) — each actor its own steps, a step not possible yet disabled with the record's reason.
/// </summary>
public class RecordActionsPageTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task The_order_pages_offer_the_inspector_and_the_carrier_each_their_own_steps_with_the_reasons_of_those_not_possible_yet()
    {
        portal.Today(new DateOnly(2026, 11, 2));
        var order = await DraftOrderAsync(portal, "CMCC-640100");
        var inspector = await portal.AsAsync("inspector.nx");
        var draft = await RenderedActions.OfAsync(inspector, $"/inspections/orders/{order}");
        Assert.Equal("preview issue", draft.Keys);
        Assert.NotNull(draft.Element("save-order")); // the draft's own form

        await IssueAsync(portal, order);
        var issued = await RenderedActions.OfAsync(inspector, $"/inspections/orders/{order}");
        Assert.Equal("(verify) (escalate)", issued.Keys);
        Assert.StartsWith("“整改复查”：企业尚未提交整改报告，不能复查", issued.Reason("verify"));
        Assert.StartsWith("“移交立案”：只有逾期未改或复查不合格的整改通知可以移交立案", issued.Reason("escalate"));
        Assert.Null(issued.Element("save-order"));
        Assert.Equal("", (await RenderedActions.OfAsync(await portal.AsAsync("leader.nx"), $"/inspections/orders/{order}")).Keys);

        // The carrier: its report and an extension request, never the inspector's steps.
        var carrier = await portal.AsAsync("carrier.cmcc.nx");
        var open = await RenderedActions.OfAsync(carrier, $"/rectification/{order}");
        Assert.Equal("", open.Keys);
        Assert.False(open.Element("reply-submit")!.HasAttribute("disabled"));
        Assert.NotNull(open.Element("record-action-request-extension")); // the request form
        Assert.Null(open.Element("record-action-verify"));

        using (var s = await portal.AsUserAsync("carrier.cmcc.nx"))
            await s.Get<CorrectiveOrderService>().RequestExtensionAsync(order, new DateOnly(2026, 11, 20), "读卡器采购到货需要两周");
        var pending = await RenderedActions.OfAsync(carrier, $"/rectification/{order}");
        Assert.Equal("(request-extension)", pending.Keys);
        Assert.Equal("“申请延期”：已有一项延期申请正在审批，请等待结果。", pending.Reason("request-extension"));
        Assert.NotNull(pending.Element("reply-submit"));
        Assert.Equal("decide-extension (verify) (escalate)", (await RenderedActions.OfAsync(inspector, $"/inspections/orders/{order}")).Keys);
    }

    [Fact]
    public async Task An_inspection_is_recorded_and_completed_only_by_its_drawn_inspectors_and_completion_says_what_is_missing()
    {
        await using var db = portal.Db();
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Inspectors)
            .FirstAsync(i => i.Status == InspectionStatus.Planned && i.Inspectors.Any(x => x.UserName == "inspector.nx") && i.InspectedOn == null);
        var url = $"/inspections/{inspection.Id}";

        var assigned = await RenderedActions.OfAsync(await portal.AsAsync("inspector.nx"), url);
        Assert.Equal("preview (complete)", assigned.Keys);
        Assert.StartsWith("“完成检查”：检查记录尚不完整：", assigned.Reason("complete"));
        Assert.Contains("请填写检查日期。", assigned.Reason("complete"));
        Assert.NotNull(assigned.Element("save-visit"));

        var other = await db.Users.Where(u => u.UserName!.StartsWith("inspector") && u.UserName.EndsWith(".nx"))
            .Select(u => u.UserName!).ToListAsync();
        var notDrawn = other.Except(inspection.Inspectors.Select(i => i.UserName)).First();
        foreach (var reader in new[] { notDrawn, "leader.nx" })
        {
            var page = await RenderedActions.OfAsync(await portal.AsAsync(reader), url);
            Assert.Equal("preview", page.Keys);
            Assert.Null(page.Element("save-visit"));
        }
    }

    [Fact]
    public async Task A_plan_not_started_offers_the_draw_disabled_with_its_reason_and_an_open_finding_is_decided_by_inspectors()
    {
        await using var db = portal.Db();
        var items = await db.ChecklistItems.AsNoTracking().Where(i => i.Code.StartsWith("RN-")).Select(i => i.Id).ToListAsync();
        long planId;
        using (var s = await portal.AsUserAsync("inspector.nx"))
            planId = await s.Get<InspectionPlanService>().SaveAsync(new PlanInput(0, PlanKind.Campaign, 2026, "网点实名登记专项检查", null, new DateOnly(2026, 11, 1),
                new DateOnly(2026, 12, 31), PlanScope.Cities, ["640100"], items, 0.2m, 2));
        var plan = await RenderedActions.OfAsync(await portal.AsAsync("inspector.nx"), $"/inspections/plans/{planId}");
        Assert.Equal("edit activate (draw) cancel", plan.Keys);
        Assert.Equal("“双随机抽取”：计划尚未启动，请先启动计划再抽取。", plan.Reason("draw"));
        Assert.Equal("", (await RenderedActions.OfAsync(await portal.AsAsync("leader.nx"), $"/inspections/plans/{planId}")).Keys);

        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-640200");
        var finding = new Finding
        {
            ProvinceId = branch.ProvinceId, BranchId = branch.Id, Source = FindingSource.Inspection, Title = "RN-05 读卡器与联网核验",
            Facts = "合作营业厅人工录入身份信息后办理入网3笔。", FoundOn = new DateOnly(2026, 10, 30), Status = FindingStatus.Open, CreatedBy = "test",
        };
        db.Findings.Add(finding);
        await db.SaveChangesAsync();
        Assert.Equal("decide", (await RenderedActions.OfAsync(await portal.AsAsync("inspector.nx"), $"/inspections/findings/{finding.Id}")).Keys);
        Assert.Equal("", (await RenderedActions.OfAsync(await portal.AsAsync("leader.nx"), $"/inspections/findings/{finding.Id}")).Keys);
        Assert.Null((await RenderedActions.OfAsync(await portal.AsAsync("inspector.nx"), $"/inspections/findings/{finding.Id}")).Element("file-case-from-finding"));

        // Handed to enforcement: those who file cases (inspectors, the administrator) get the case, readers do not.
        var handedOver = new Finding
        {
            ProvinceId = branch.ProvinceId, BranchId = branch.Id, Source = FindingSource.Inspection, Title = "RN-02 一证多卡", Facts = "超出限额办理入网2笔。",
            FoundOn = new DateOnly(2026, 10, 30), Status = FindingStatus.Decided, Decision = FindingDecision.Enforcement, EnforcementRequestedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        };
        db.Findings.Add(handedOver);
        await db.SaveChangesAsync();
        var url = $"/inspections/findings/{handedOver.Id}";
        foreach (var filer in new[] { "inspector.nx", "admin" })
        {
            var page = await RenderedActions.OfAsync(await portal.AsAsync(filer), url);
            Assert.Equal("", page.Keys);
            Assert.Equal($"/cases/new?finding={handedOver.Id}", page.Element("file-case-from-finding")!.GetAttribute("href"));
        }
        Assert.Null((await RenderedActions.OfAsync(await portal.AsAsync("leader.nx"), url)).Element("file-case-from-finding"));
    }
}
