using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Notifications;
using Supervision.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Submissions.ReturnBuilder;

namespace Supervision.Tests.Domain.Submissions;

public class SubmissionReminderTests(Portal portal) : IClassFixture<Portal>
{
    private async Task<ReminderRun> RunAsync(DateTimeOffset now)
    {
        using var scope = portal.ScopeFor(AccessScope.System, "job");
        return await scope.ServiceProvider.GetRequiredService<SubmissionReminders>().RunAsync(now);
    }

    [Fact]
    public async Task Overdue_returns_alert_carriers_and_inspectors_once_however_often_the_job_runs()
    {
        // 2026-11-28: October's RN-MONTHLY was due on 10 November, so every provincial company that did not file is overdue.
        var now = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
        var first = await RunAsync(now);
        Assert.True(first.Overdue > 0);
        var second = await RunAsync(now.AddHours(5));
        Assert.Equal(new ReminderRun(0, 0, 0), second);
        await using var db = portal.Db();
        var cmccUser = await db.Users.SingleAsync(u => u.UserName == "carrier.cmcc.nx");
        var inspector = await db.Users.SingleAsync(u => u.UserName == "inspector.nx");
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == cmccUser.Id && n.DedupKey.StartsWith("overdue:RN-MONTHLY:2026-10:")));
        Assert.True(await db.Notifications.CountAsync(n => n.UserId == inspector.Id && n.Level == NotificationLevel.Alert) >= 10);
    }

    [Fact]
    public async Task A_draft_left_unfiled_for_a_day_is_reminded_and_a_filed_return_is_not()
    {
        await using var db = portal.Db();
        var cucc = await db.Branches.SingleAsync(b => b.Code == "CUCC-64");
        using var scope = portal.ScopeFor(AccessScope.ForBranches(cucc.ProvinceId, cucc.CarrierId, [cucc.Id]), "carrier.cucc.nx");
        var service = scope.ServiceProvider.GetRequiredService<SubmissionService>();
        var draft = (await service.StoreAsync(new StoreCommand(cucc.Id, "LOG-QUARTERLY", "2026-Q3", "log.xlsx", "web", false), LogReturn("CUCC-64"), "x"u8.ToArray(), null)).Submission!;

        var now = draft.UploadedAt.AddDays(2);
        var run = await RunAsync(now);
        Assert.True(run.Drafts >= 1);
        var user = await db.Users.SingleAsync(u => u.UserName == "carrier.cucc.nx");
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == user.Id && n.DedupKey == $"draft:{draft.Id}" && n.Link == $"/submissions/{draft.Id}"));
    }

    private static ParsedReturn LogReturn(string branch)
    {
        var parsed = new ParsedReturn(LogQuarterly);
        var sheet = Sheet(parsed, "日志留存", "2026-Q3", branch);
        sheet.Rows.Add(new ParsedRow(4, ["NAT日志系统", "NAT地址转换日志", 200L, new DateOnly(2026, 3, 1), "银川机房", true]));
        return parsed;
    }
}
