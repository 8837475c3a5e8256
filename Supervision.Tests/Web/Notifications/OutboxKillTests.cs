using Microsoft.EntityFrameworkCore;
using Supervision.Domain;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Notifications;

/// <summary>
/// The outbox's promise under a crash: 100 e-mails are due; the portal process delivering them (its Quartz job, real
/// SMTP to a server started by the test) is killed (SIGKILL) in the middle, at the worst moment — the server has taken
/// message 31 whole but not yet answered "250 OK", so the portal cannot know it arrived. A new process on the same
/// database delivers the rest once the dead worker's lease runs out. Nothing is lost (every message arrives, every row
/// is marked sent) and nothing arrives twice except that one message in flight, which comes again with the same
/// Message-Id so the receiving server or reader can tell it is a repeat. Runs on both databases.
/// </summary>
public sealed class OutboxKillTests
{
    private const int Messages = 100;
    private const int AnsweredBeforeKill = 30;
    private const string Address = "inspector.nx@example.com";
    private const string Host = "jg.example.gov.cn";

    [Fact]
    public async Task A_portal_killed_mid_delivery_loses_no_message_and_repeats_only_the_one_in_flight_with_its_id()
    {
        var database = await TemplateDatabase.CopyAsync();
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        try
        {
            var ids = await StageAsync(database);
            var settings = new Dictionary<string, string>
            {
                ["Jobs:Enabled"] = "true",
                ["Outbox:PollInterval"] = "00:00:01",
                ["Outbox:Lease"] = "00:00:05",
                ["Mail:Enabled"] = "true",
                ["Mail:Host"] = "127.0.0.1",
                ["Mail:Port"] = smtp.Port.ToString(),
                ["Mail:Security"] = "None",
                ["Mail:From"] = "noreply@" + Host,
                ["Mail:BaseUrl"] = "https://" + Host,
            };

            var inFlight = smtp.HoldRepliesAfter(AnsweredBeforeKill);
            long heldId;
            await using (var portal = await ChildPortal.StartAsync(database, settings))
            {
                // An event, not a clock: the server holds its answer to message 31 until the process is gone.
                heldId = IdOf(await inFlight.WaitAsync(TimeSpan.FromMinutes(3)));
                await portal.KillAsync();
            }
            Assert.Equal(AnsweredBeforeKill + 1, smtp.To(Address).Count);
            Assert.Equal(AnsweredBeforeKill, await SentAsync(database, ids));
            smtp.AnswerAll();

            await using (var restarted = await ChildPortal.StartAsync(database, settings))
            {
                var deadline = DateTime.UtcNow.AddMinutes(3);
                while (await SentAsync(database, ids) < Messages)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"only {await SentAsync(database, ids)} of {Messages} sent after the restart\n"
                        + string.Join("\n", restarted.Output.TakeLast(20)));
                    await Task.Delay(200);
                }
            }

            var received = smtp.To(Address).Select(m => m.MessageId ?? "").ToList();
            Assert.Equal(ids.Select(id => $"outbox-{id}@{Host}").ToHashSet(), received.ToHashSet());
            // The one message the killed process had handed over without an answer comes twice, with one Message-Id.
            var repeat = Assert.Single(received.GroupBy(m => m), g => g.Count() > 1);
            Assert.Equal($"outbox-{heldId}@{Host}", repeat.Key);
            Assert.Equal(2, repeat.Count());
            Assert.Equal(Messages + 1, received.Count);
            await using (var db = Open(database))
            {
                var rows = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
                Assert.All(rows, m => Assert.Equal(OutboxStatus.Sent, m.Status));
                Assert.All(rows, m => Assert.Null(m.LastError));
            }
        }
        finally
        {
            await TemplateDatabase.DropAsync(database);
        }
    }

    private static long IdOf(MimeKit.MimeMessage message) => long.Parse((message.MessageId ?? "").Split('@')[0]["outbox-".Length..]);

    /// <summary>100 e-mail notifications to one inspector, due now, as the portal stages them (a notification and its outbox row).</summary>
    private static async Task<List<long>> StageAsync(DatabaseSettings database)
    {
        await using var db = Open(database);
        // The only mail due is the test's: what the demo data left pending is not part of the count.
        await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending).ExecuteDeleteAsync();
        var user = await db.Users.SingleAsync(u => u.UserName == "inspector.nx");
        user.Email = Address;
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(1, Messages).Select(i => new OutboxMessage
        {
            Notification = new Notification
            {
                UserId = user.Id, DedupKey = $"kill-test:{i}", Level = NotificationLevel.Info, Title = $"待审批：第{i}件", Body = "宁夏移动案", Link = "/approvals",
                CreatedAt = now,
            },
            UserId = user.Id, Channel = DeliveryChannel.Email, KindCode = "approval", NextAttemptAt = now.AddMinutes(-1), CreatedAt = now,
        }).ToList();
        db.OutboxMessages.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    private static async Task<int> SentAsync(DatabaseSettings database, List<long> ids)
    {
        await using var db = Open(database);
        return await db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Sent);
    }

    private static SupervisionDbContext Open(DatabaseSettings database)
    {
        var options = new DbContextOptionsBuilder<SupervisionDbContext>();
        DependencyInjection.ConfigureDatabase(options, database);
        return new SupervisionDbContext(options.Options, AccessContext.System("test:outbox-kill"));
    }
}
