using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Inspections;
using Supervision.Domain.Notifications;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>
/// Deadlines against a fake clock: working days, warnings, overdue scans run twice, extensions, escalation. Each test
/// has its own portal, since a fake clock only moves forward.
/// </summary>
public class CorrectiveOrderDeadlineTests : IAsyncLifetime
{
    private readonly ClockedPortal portal = new();

    public Task InitializeAsync() => portal.InitializeAsync();

    public Task DisposeAsync() => portal.DisposeAsync();

    private static DateTimeOffset Beijing(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, BeijingTime.Offset);

    private async Task<OrderScanRun> ScanAsync(DateTimeOffset at)
    {
        portal.Clock.SetUtcNow(at);
        using var job = portal.ScopeFor(Supervision.Domain.Access.AccessScope.System, "job");
        return await job.Get<CorrectiveOrderScanner>().RunAsync(at);
    }

    private async Task<long> IssuedOrderAsync(string branch, DateTimeOffset issuedAt)
    {
        portal.Clock.SetUtcNow(issuedAt);
        var id = await DraftOrderAsync(portal, branch);
        await IssueAsync(portal, id);
        return id;
    }

    private async Task<int> NotificationsAsync(string userName, string key)
    {
        await using var db = portal.Db();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        return await db.Notifications.CountAsync(n => n.UserId == user.Id && n.DedupKey == key);
    }

    [Fact]
    public async Task Five_working_days_from_a_Monday_end_the_next_Monday_and_the_overdue_scan_run_twice_notifies_once()
    {
        var id = await IssuedOrderAsync("CMCC-640100", Beijing(11, 2));
        var order = await OrderAsync(portal, id);
        Assert.Equal(new DateOnly(2026, 11, 9), order.Deadline);

        var warn = await ScanAsync(Beijing(11, 5, 8));
        Assert.True(warn.DueSoonNotices >= 2);
        Assert.Equal(0, (await ScanAsync(Beijing(11, 5, 8))).DueSoonNotices);
        Assert.Equal(1, await NotificationsAsync("carrier.cmcc.nx", $"order-due:{id}:20261109"));
        Assert.Equal(1, await NotificationsAsync("inspector.nx", $"order-due:{id}:20261109"));

        Assert.Equal(0, (await ScanAsync(Beijing(11, 9, 23))).MarkedOverdue);
        Assert.Equal(OrderState.Issued, (await OrderAsync(portal, id)).State);

        var first = await ScanAsync(Beijing(11, 10, 8));
        Assert.True(first.MarkedOverdue >= 1);
        Assert.True(first.OverdueNotices >= 2);
        var again = await ScanAsync(Beijing(11, 10, 8));
        var nextDay = await ScanAsync(Beijing(11, 11, 8));
        Assert.Equal(new OrderScanRun(0, 0, 0, 0), again with { InspectionNotices = 0 });
        Assert.Equal(new OrderScanRun(0, 0, 0, 0), nextDay with { InspectionNotices = 0 });
        Assert.Equal(0, again.InspectionNotices);

        order = await OrderAsync(portal, id);
        Assert.Equal((OrderState.Overdue, new DateOnly(2026, 11, 10)), (order.State, order.OverdueSince!.Value));
        Assert.Equal(1, await NotificationsAsync("carrier.cmcc.nx", $"order-overdue:{id}:20261109"));
        Assert.Equal(1, await NotificationsAsync("inspector.nx", $"order-overdue:{id}:20261109"));
        await using var db = portal.Db();
        var alert = await db.Notifications.FirstAsync(n => n.DedupKey == $"order-overdue:{id}:20261109" && n.Link == $"/inspections/orders/{id}");
        Assert.Equal(NotificationLevel.Alert, alert.Level);

        // A report after the deadline is accepted, and marked late.
        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        var reply = await carrier.Get<CorrectiveOrderService>().ReplyAsync(id, "已全部更换读卡器，停止人工录入。", []);
        Assert.True(reply.Late);
    }

    [Fact]
    public async Task An_approved_extension_moves_the_deadline_so_the_scan_waits_for_the_new_one()
    {
        var id = await IssuedOrderAsync("CMCC-640200", Beijing(11, 2));
        portal.Clock.SetUtcNow(Beijing(11, 4));
        using (var carrier = await portal.AsUserAsync("carrier.cmcc.nx"))
            await carrier.Get<CorrectiveOrderService>().RequestExtensionAsync(id, new DateOnly(2026, 11, 20), "读卡器采购到货需要两周");
        await using var db = portal.Db();
        var inspectorUser = await db.Users.SingleAsync(u => u.UserName == "inspector.nx");
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == inspectorUser.Id && n.DedupKey.StartsWith($"order-extension:{id}:")));

        using (var inspector = await portal.AsUserAsync("inspector.nx"))
        {
            var token = (await OrderAsync(portal, id)).ConcurrencyToken;
            await inspector.Get<CorrectiveOrderService>().DecideExtensionAsync(id, token, true, new DateOnly(2026, 11, 18), "同意延期至11月18日");
        }
        var order = await OrderAsync(portal, id);
        Assert.Equal((new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 9)), (order.Deadline!.Value, order.OriginalDeadline!.Value));
        Assert.Equal(ExtensionStatus.Approved, order.Extensions.Single().Status);

        await ScanAsync(Beijing(11, 10, 8));
        Assert.Equal(OrderState.Issued, (await OrderAsync(portal, id)).State);
        await ScanAsync(Beijing(11, 19, 8));
        Assert.Equal(OrderState.Overdue, (await OrderAsync(portal, id)).State);
        Assert.Equal(1, await NotificationsAsync("carrier.cmcc.nx", $"order-overdue:{id}:20261118"));
        Assert.Equal(0, await NotificationsAsync("carrier.cmcc.nx", $"order-overdue:{id}:20261109"));
    }

    [Fact]
    public async Task A_refused_extension_keeps_the_deadline_and_the_overdue_order_is_escalated_to_a_case_awaiting_filing()
    {
        var id = await IssuedOrderAsync("CMCC-640300", Beijing(11, 2));
        portal.Clock.SetUtcNow(Beijing(11, 4));
        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        await carrier.Get<CorrectiveOrderService>().RequestExtensionAsync(id, new DateOnly(2026, 11, 30), "人员不足需要更多时间");
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var orders = inspector.Get<CorrectiveOrderService>();
        var current = (await OrderAsync(portal, id)).ConcurrencyToken;
        Assert.Equal("order.refusal_reason", (await Assert.ThrowsAsync<DomainException>(() => orders.DecideExtensionAsync(id, current, false, null, null))).Code);
        await orders.DecideExtensionAsync(id, (await OrderAsync(portal, id)).ConcurrencyToken, false, null, "整改措施简单，五个工作日足够");
        Assert.Equal(1, await NotificationsAsync("carrier.cmcc.nx", $"order-extension-decided:{(await OrderAsync(portal, id)).Extensions.Single().Id}"));

        await ScanAsync(Beijing(11, 10, 8));
        var order = await OrderAsync(portal, id);
        Assert.Equal(OrderState.Overdue, order.State);
        Assert.Equal("order.extension_overdue", (await Assert.ThrowsAsync<DomainException>(() =>
            carrier.Get<CorrectiveOrderService>().RequestExtensionAsync(id, new DateOnly(2026, 12, 30), "再给一次机会吧"))).Code);

        await orders.EscalateAsync(id, order.ConcurrencyToken, "逾期未整改，也未提交整改报告");
        order = await OrderAsync(portal, id);
        Assert.Equal(OrderState.Escalated, order.State);
        var finding = (await inspector.Get<FindingService>().GetAsync(order.FindingId)).Finding;
        Assert.True(finding.AwaitingCase);
        Assert.Equal("待立案", finding.StateLabel);
        Assert.Equal(1, await NotificationsAsync("inspector2.nx", $"order-escalated:{id}"));
        // Escalated orders are not scanned again.
        Assert.Equal(0, (await ScanAsync(Beijing(11, 12, 8))).OverdueNotices);
    }

    [Fact]
    public async Task An_order_cannot_be_issued_with_a_deadline_today_or_before()
    {
        portal.Clock.SetUtcNow(Beijing(11, 2));
        var id = await DraftOrderAsync(portal, "CUCC-640100");
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var orders = inspector.Get<CorrectiveOrderService>();
        var token = await orders.SaveDraftAsync(id, (await OrderAsync(portal, id)).ConcurrencyToken, "事实事实事实", "要求要求要求", DeadlineMode.Date, null, new DateOnly(2026, 11, 2));
        Assert.Equal("order.deadline_past", (await Assert.ThrowsAsync<DomainException>(() => IssueAsync(portal, id))).Code);
        var (deadline, covered) = await orders.DeadlineIfIssuedTodayAsync(DeadlineMode.WorkingDays, 15, null);
        Assert.Equal((new DateOnly(2026, 11, 23), true), (deadline, covered));
        Assert.NotEqual(Guid.Empty, token);
    }
}
