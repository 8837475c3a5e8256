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

/// <summary>The portal with mail and SMS on, sending through a real SMTP server and a recording SMS gateway started by the tests.</summary>
public sealed class MailPortal : IAsyncLifetime
{
    public const string BaseUrl = "https://jg.example.gov.cn";
    public Portal Portal { get; } = new();
    public SmtpTestServer Smtp { get; } = new();
    public HttpRecorder Gateway { get; } = new();

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        // Development turns mail off (Mail:Enabled=false); here it goes to the test server.
        var mail = Portal.Factory.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        (mail.Enabled, mail.Host, mail.Port, mail.Security, mail.From, mail.BaseUrl) = (true, "127.0.0.1", Smtp.Port, MailSecurity.None, "noreply@jg.example.gov.cn", BaseUrl);
        var sms = Portal.Factory.Services.GetRequiredService<IOptions<Supervision.Web.Sms.SmsOptions>>().Value;
        (sms.Enabled, sms.GatewayUrl, sms.AccessKeyId, sms.AccessKeySecret) = (true, Gateway.Url, "test-key", "test-secret");
        await Smtp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Gateway.DisposeAsync();
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
            id = (await carrier.Get<SubmissionService>().StoreAsync(new(cmcc.Id, "RN-MONTHLY", "2026-09", "2026-09.xlsx", "web", SubmitNow: true, Attested: true),
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

    [Fact]
    public async Task A_message_that_fails_every_attempt_is_shown_to_administrators_masked_and_sent_again_on_request()
    {
        var userId = await GiveEmailAsync("inspector3.nx", "wang.jun@example.com");
        await PublishAsync("approval:failing-test:requested", userId, "待审批：丙案");
        var settings = Portal.Factory.Services.GetRequiredService<OutboxSettings>();
        var attempts = settings.MaxAttempts;
        settings.MaxAttempts = 1;
        await Smtp.StopAsync();
        try
        {
            await DeliverAsync(Now.AddDays(4));
        }
        finally
        {
            settings.MaxAttempts = attempts;
            await Smtp.StartAsync();
        }

        using var admin = Portal.ScopeFor(AccessScope.System with { Role = UserRole.SystemAdmin }, "admin");
        var delivery = admin.Get<OutboxDelivery>();
        var row = (await delivery.ListAsync(new Supervision.Domain.Common.PageRequest(), OutboxStatus.Failed)).Items.Single(r => r.Title == "待审批：丙案");
        Assert.Equal(("w***@example.com", DeliveryChannel.Email, "审批事项", 1), (row.Address, row.Channel, row.Kind, row.Attempts));
        Assert.Contains("无法连接邮件服务器", row.LastError);
        Assert.True((await delivery.CountsAsync())[OutboxStatus.Failed] >= 1);

        await delivery.RetryAsync(row.Id, Now.AddDays(4));
        var again = await Portal.Db().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == row.Id);
        Assert.Equal((OutboxStatus.Pending, 0), (again.Status, again.Attempts));
        Assert.Equal("outbox.not_failed", (await Assert.ThrowsAsync<Supervision.Domain.Common.DomainException>(() => delivery.RetryAsync(row.Id, Now))).Code);
        using var inspector = await Portal.AsUserAsync("inspector.nx");
        await Assert.ThrowsAsync<Supervision.Domain.Common.AccessDeniedException>(() => inspector.Get<OutboxDelivery>().ListAsync(new Supervision.Domain.Common.PageRequest()));
    }

    [Fact]
    public async Task An_sms_goes_to_the_gateway_as_a_signed_template_request_and_is_sent_again_with_the_same_id_after_a_refusal()
    {
        using (var me = await Portal.AsUserAsync("inspector4.nx"))
        {
            var notifications = me.Get<NotificationService>();
            await notifications.SetMyContactAsync(null, "13612345678");
            Assert.Equal("preference.no_sms_template",
                (await Assert.ThrowsAsync<Supervision.Domain.Common.DomainException>(() => notifications.SetMyPreferenceAsync("inspection", DeliveryChannel.Sms))).Code);
            await notifications.SetMyPreferenceAsync("approval", DeliveryChannel.Sms);
        }
        var userId = await Portal.Db().Users.Where(u => u.UserName == "inspector4.nx").Select(u => u.Id).SingleAsync();
        await PublishAsync("approval:sms-test:requested", userId, "待审批：丁案", "联系人13912345678");
        var id = (await OutboxOfAsync("approval:sms-test:requested")).Id;
        var t0 = Now.AddDays(5);
        t0 = t0.AddTicks(-(t0.Ticks % TimeSpan.TicksPerSecond));
        var Mine = () => fixture.Gateway.Requests.Where(r => r.Body.Contains("13612345678")).ToList();

        fixture.Gateway.Status = System.Net.HttpStatusCode.BadRequest;
        fixture.Gateway.Reply = """{"code":"isv.BUSINESS_LIMIT_CONTROL","message":"触发流控"}""";
        try
        {
            await DeliverAsync(t0);
        }
        finally
        {
            fixture.Gateway.Status = System.Net.HttpStatusCode.OK;
            fixture.Gateway.Reply = """{"code":"OK","message":"OK"}""";
        }
        var refused = await OutboxOfAsync("approval:sms-test:requested");
        Assert.Equal((OutboxStatus.Pending, 1), (refused.Status, refused.Attempts));
        Assert.Contains("触发流控", refused.LastError);
        await DeliverAsync(t0.AddSeconds(31));
        await DeliverAsync(t0.AddMinutes(10));

        var requests = Mine();
        Assert.Equal(2, requests.Count);
        Assert.Equal(OutboxStatus.Sent, (await OutboxOfAsync("approval:sms-test:requested")).Status);
        foreach (var r in requests)
        {
            Assert.Equal(("POST", "/api/send", "test-key"), (r.Method, r.Path, r.Headers["x-sms-access-key"]));
            Assert.Equal(Supervision.Web.Sms.SmsSender.Sign("test-secret", r.Headers["x-sms-timestamp"], r.Headers["x-sms-nonce"], r.Body), r.Headers["x-sms-signature"]);
            using var body = System.Text.Json.JsonDocument.Parse(r.Body);
            var root = body.RootElement;
            Assert.Equal(("13612345678", "SMS_JG_APPROVAL", "电信监管平台", $"outbox-{id}"),
                (root.GetProperty("phoneNumbers").GetString(), root.GetProperty("templateCode").GetString(), root.GetProperty("signName").GetString(), root.GetProperty("outId").GetString()));
            using var parameters = System.Text.Json.JsonDocument.Parse(root.GetProperty("templateParam").GetString()!);
            Assert.Equal(("待审批：丁案", $"{MailPortal.BaseUrl}/approvals"),
                (parameters.RootElement.GetProperty("title").GetString(), parameters.RootElement.GetProperty("link").GetString()));
        }
    }
}
