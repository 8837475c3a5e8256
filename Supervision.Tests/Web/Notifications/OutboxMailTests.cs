using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Supervision.Domain.Access;
using Supervision.Domain.Notifications;
using Supervision.Domain.Submissions;
using Supervision.Tests.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Mail;

namespace Supervision.Tests.Web.Notifications;

/// <summary>The portal with mail on, sending through a real SMTP server started by the tests.</summary>
public sealed class MailPortal : IAsyncLifetime
{
    public const string BaseUrl = "https://jg.example.gov.cn";
    public Portal Portal { get; } = new();
    public SmtpTestServer Smtp { get; } = new();

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        // Development turns mail off (Mail:Enabled=false); here it goes to the test server.
        var mail = Portal.Factory.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        (mail.Enabled, mail.Host, mail.Port, mail.Security, mail.From, mail.BaseUrl) = (true, "127.0.0.1", Smtp.Port, MailSecurity.None, "noreply@jg.example.gov.cn", BaseUrl);
        await Smtp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Portal.DisposeAsync();
    }
}

public class OutboxMailTests(MailPortal fixture) : IClassFixture<MailPortal>
{
    private Portal Portal => fixture.Portal;
    private SmtpTestServer Smtp => fixture.Smtp;
    private DateTimeOffset Now => Portal.Clock.GetUtcNow();

    private async Task<string> GiveEmailAsync(string userName, string email)
    {
        await using var db = Portal.Db();
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, email));
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private async Task<DeliveryRun> DeliverAsync(DateTimeOffset now)
    {
        using var scope = Portal.ScopeFor(AccessScope.System, "job:outbox-delivery");
        return await scope.Get<OutboxDelivery>().RunAsync(now);
    }

    private async Task PublishAsync(string key, string userId, string title = "待审批：行政处罚决定", string body = "宁夏移动案（张三报请）")
    {
        using var scope = Portal.ScopeFor(AccessScope.System);
        Assert.Equal(1, await scope.Get<NotificationService>().PublishAsync(new NotificationDraft(key, NotificationLevel.Info, title, body, "/approvals"), [userId]));
    }

    private async Task<OutboxMessage> OutboxOfAsync(string key)
    {
        await using var db = Portal.Db();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Notification!.DedupKey == key);
    }

    [Fact]
    public async Task A_returned_submission_is_mailed_to_the_carrier_once_with_its_link_and_without_the_phone_number_in_the_reason()
    {
        var address = "cmcc.nx@example.com";
        var userId = await GiveEmailAsync("carrier.cmcc.nx", address);
        long id;
        await using (var db = Portal.Db())
        {
            var cmcc = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
            using var carrier = await Portal.AsUserAsync("carrier.cmcc.nx");
            id = (await carrier.Get<SubmissionService>().StoreAsync(new(cmcc.Id, "RN-MONTHLY", "2026-09", "2026-09.xlsx", "web", SubmitNow: true),
                ReturnBuilder.ValidRnMonthly("2026-09"), [1, 2, 3], null)).Submission!.Id;
        }
        using (var inspector = await Portal.AsUserAsync("inspector.nx"))
        {
            var submissions = inspector.Get<SubmissionService>();
            await submissions.ReturnAsync(id, (await submissions.GetAsync(id)).Submission.ConcurrencyToken, "表2第5行有误，请联系13912345678核对");
        }

        // The bell item and its e-mail were written with the decision.
        var queued = await OutboxOfAsync($"submission-returned:{id}");
        Assert.Equal((userId, DeliveryChannel.Email, OutboxStatus.Pending), (queued.UserId, queued.Channel, queued.Status));

        await DeliverAsync(Now);
        await DeliverAsync(Now.AddHours(1));
        var mail = Assert.Single(Smtp.To(address));
        Assert.Contains("报表被退回", mail.Subject);
        Assert.Contains($"{MailPortal.BaseUrl}/submissions/{id}", mail.TextBody);
        Assert.Contains("表2第5行有误", mail.TextBody);
        Assert.DoesNotContain("13912345678", mail.TextBody);
        Assert.Equal($"outbox-{queued.Id}@jg.example.gov.cn", mail.MessageId);
        var sent = await OutboxOfAsync($"submission-returned:{id}");
        Assert.Equal((OutboxStatus.Sent, 1), (sent.Status, sent.Attempts));
    }

    [Fact]
    public async Task With_the_mail_server_down_the_message_waits_and_is_delivered_once_after_it_is_back()
    {
        var address = "leader.nx@example.com";
        var userId = await GiveEmailAsync("leader.nx", address);
        var t0 = Now.AddDays(1);
        t0 = t0.AddTicks(-(t0.Ticks % TimeSpan.TicksPerSecond)); // whole seconds: SQLite keeps instants to the millisecond
        await Smtp.StopAsync();
        try
        {
            await PublishAsync("approval:down-test:requested", userId);
            var run = await DeliverAsync(t0);
            Assert.True(run.Failed >= 1);
        }
        finally
        {
            await Smtp.StartAsync();
        }
        var waiting = await OutboxOfAsync("approval:down-test:requested");
        Assert.Equal((OutboxStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Contains("无法连接邮件服务器", waiting.LastError);
        Assert.Equal(t0.AddSeconds(30), waiting.NextAttemptAt);

        await DeliverAsync(t0.AddSeconds(10)); // still in its back-off
        Assert.Empty(Smtp.To(address));
        await DeliverAsync(t0.AddSeconds(31));
        await DeliverAsync(t0.AddMinutes(10));
        Assert.Single(Smtp.To(address), m => m.MessageId == $"outbox-{waiting.Id}@jg.example.gov.cn");
        Assert.Equal(OutboxStatus.Sent, (await OutboxOfAsync("approval:down-test:requested")).Status);
    }

    [Fact]
    public async Task A_message_held_by_a_worker_that_died_is_delivered_once_after_its_lease_runs_out()
    {
        var address = "inspector.nx@example.com";
        var userId = await GiveEmailAsync("inspector.nx", address);
        var t0 = Now.AddDays(2);
        await PublishAsync("approval:lease-test:requested", userId);
        var id = (await OutboxOfAsync("approval:lease-test:requested")).Id;
        // Another node claimed it and was killed before it recorded anything.
        await using (var db = Portal.Db())
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimToken, Guid.NewGuid()).SetProperty(m => m.ClaimedBy, "dead-node").SetProperty(m => m.ClaimedUntil, t0.AddMinutes(5)));

        await DeliverAsync(t0.AddMinutes(1));
        Assert.Empty(Smtp.To(address));
        await DeliverAsync(t0.AddMinutes(6));
        await DeliverAsync(t0.AddMinutes(7));
        Assert.Single(Smtp.To(address));
        Assert.Equal(OutboxStatus.Sent, (await OutboxOfAsync("approval:lease-test:requested")).Status);
    }

    [Fact]
    public async Task Two_workers_on_one_database_never_send_the_same_message()
    {
        var address = "cucc.nx@example.com";
        var userId = await GiveEmailAsync("carrier.cucc.nx", address);
        const int count = 30;
        for (var i = 0; i < count; i++)
            await PublishAsync($"approval:race-{i}:requested", userId, $"待审批：第{i}件");
        var settings = Portal.Factory.Services.GetRequiredService<OutboxSettings>();
        var batch = settings.BatchSize;
        settings.BatchSize = 4; // small batches: the two workers claim turn about, over the same due rows
        try
        {
            var t = Now.AddDays(3);
            using var a = Portal.ScopeFor(AccessScope.System, "node-a");
            using var b = Portal.ScopeFor(AccessScope.System, "node-b");
            var runs = await Task.WhenAll(Task.Run(() => a.Get<OutboxDelivery>().RunAsync(t)), Task.Run(() => b.Get<OutboxDelivery>().RunAsync(t)));
            Assert.True(runs.Sum(r => r.Sent) >= count); // and messages other tests left, if any
        }
        finally
        {
            settings.BatchSize = batch;
        }
        var mails = Smtp.To(address);
        Assert.Equal(count, mails.Count);
        Assert.Equal(count, mails.Select(m => m.MessageId).Distinct().Count());
        await using var db = Portal.Db();
        Assert.Equal(count, await db.OutboxMessages.CountAsync(m => m.UserId == userId && m.Status == OutboxStatus.Sent && m.Attempts == 1));
    }

    [Fact]
    public async Task The_digest_bundles_the_days_messages_into_one_mail_at_eight_and_portal_only_sends_nothing()
    {
        var address = "inspector2.nx@example.com";
        const string userName = "inspector2.nx";
        var userId = await GiveEmailAsync(userName, address);
        using (var me = await Portal.AsUserAsync(userName))
            await me.Get<NotificationService>().SetMyPreferenceAsync("approval", DeliveryChannel.Digest);
        await PublishAsync("approval:digest-1:requested", userId, "待审批：甲案");
        await PublishAsync("approval:digest-2:requested", userId, "待审批：乙案");
        var due = (await OutboxOfAsync("approval:digest-1:requested")).NextAttemptAt;
        Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(due.ToOffset(TimeSpan.FromHours(8)).DateTime));
        Assert.True(due > Now && due <= Now.AddDays(1));

        await DeliverAsync(due.AddMinutes(-1));
        Assert.Empty(Smtp.To(address));
        await DeliverAsync(due);
        await DeliverAsync(due.AddHours(1));
        var digest = Assert.Single(Smtp.To(address));
        Assert.Contains("每日汇总", digest.Subject);
        Assert.Contains("待审批：甲案", digest.TextBody);
        Assert.Contains("待审批：乙案", digest.TextBody);

        using (var me = await Portal.AsUserAsync(userName))
            await me.Get<NotificationService>().SetMyPreferenceAsync("approval", DeliveryChannel.Portal);
        await PublishAsync("approval:digest-3:requested", userId);
        await using var db = Portal.Db();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Notification!.DedupKey == "approval:digest-3:requested"));
        Assert.True(await db.Notifications.AnyAsync(n => n.DedupKey == "approval:digest-3:requested" && n.UserId == userId));
    }
}
