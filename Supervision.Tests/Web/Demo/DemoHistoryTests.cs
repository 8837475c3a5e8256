using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Web.Demo;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Demo;

/// <summary>The demo history: real submissions through the importer, the last month in mixed states, reproducible and idempotent.</summary>
public class DemoHistoryTests(Portal portal) : IClassFixture<Portal>
{
    /// <summary>Noon in Beijing on 2026-11-28: the last ended month is 2026-10, due 2026-11-10.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 4, 0, 0, TimeSpan.Zero);

    public static readonly DemoHistoryOptions Small = new() { Months = 3, Provinces = ["64"], OutletsPerCityAndChannel = 1 };

    /// <summary>The portal's settings the history's own services read: the public address the receipts' QR codes link to.</summary>
    public static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["PublicSite:BaseUrl"] = "https://gxt.nx.example.gov.cn" }).Build();

    public static async Task<DemoHistoryResult> RunAsync(DatabaseSettings database, DemoHistoryOptions? options = null)
    {
        var clock = new HistoricClock();
        await using var services = DemoHistory.CreateServices(database, Configuration, clock);
        return await new DemoHistory(services, clock, NullLogger.Instance).RunAsync(Now, options ?? Small);
    }

    private static async Task<List<string>> SnapshotAsync(Portal p)
    {
        await using var db = p.Db();
        var codes = await db.Branches.ToDictionaryAsync(b => b.Id, b => b.Code);
        var submissions = (await db.Submissions.AsNoTracking().ToListAsync())
            .Select(s => $"{codes[s.BranchId]} {s.TemplateCode} {s.Period} v{s.Version} {s.Status} {s.SubmittedAt:O} {s.Late} {s.RowCount} {s.FlagCount}");
        var values = (await db.IndicatorValues.AsNoTracking().ToListAsync())
            .Select(v => $"{codes[v.BranchId]} {v.Period} {v.Code} {v.Status} {v.Numerator} {v.Denominator}");
        return [.. submissions.Concat(values).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task It_files_real_returns_leaves_the_last_month_mixed_and_a_second_run_adds_nothing()
    {
        var first = await RunAsync(portal.Factory.Database);
        Assert.True(first.Imported >= 30, $"imported {first.Imported}");
        Assert.True(first.Returned > 0);

        await using var db = portal.Db();
        var last = await db.Submissions.AsNoTracking().Include(s => s.Branch).Where(s => s.TemplateCode == "RN-MONTHLY" && s.Period == "2026-10").ToListAsync();
        var latest = last.GroupBy(s => s.Branch!.Code).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Version)!);
        Assert.Equal(SubmissionStatus.Submitted, latest["CUCC-64"].Status);
        Assert.Equal(SubmissionStatus.Returned, latest["SNAIL-64"].Status);
        Assert.Equal(SubmissionStatus.Draft, latest["YUANTE-64"].Status);
        Assert.False(latest.ContainsKey("CBN-64"));                                        // not filed: overdue on 2026-11-28
        Assert.True(latest["SHARE-64"] is { Status: SubmissionStatus.Accepted, Late: true });
        Assert.True(latest["CMCC-64"] is { Status: SubmissionStatus.Accepted, Late: false });
        Assert.All(latest.Values.Where(s => s.SubmittedAt is not null), s => Assert.NotNull(s.ReceiptNo));
        // Every filing has its receipt (the other features' demo data bring documents of their own).
        Assert.Equal(await db.Submissions.CountAsync(s => s.SubmittedAt != null), await db.IssuedDocuments.CountAsync(d => d.Kind == DocumentKind.SubmissionReceipt));
        Assert.True(await db.StoredFiles.CountAsync() >= first.Imported);
        // Filed on the days they would have been: September's return before its due date in October.
        var september = await db.Submissions.AsNoTracking().Include(s => s.Branch).SingleAsync(s => s.Branch!.Code == "CMCC-64" && s.Period == "2026-09");
        Assert.Equal(10, BeijingTime.Local(september.SubmittedAt!.Value).Month);
        Assert.True(await db.IndicatorValues.AnyAsync(v => v.Period == "2026-10" && v.Code == ReturnIndicators.RealNameRate && v.Status == IndicatorStatus.Reported));
        // What the demo carriers wrote for flagged figures names cities as people do, and says which way the figure went.
        var written = await db.PlausibilityExplanations.AsNoTracking().Select(e => new { e.Explanation, e.Value, e.History, e.Kind }).ToListAsync();
        Assert.NotEmpty(written);
        Assert.All(written, e => Assert.DoesNotMatch("[0-9]{6}", e.Explanation));
        foreach (var e in written.Where(e => e.Kind == PlausibilityCheck.History && e.History.Length > 0))
        {
            var history = e.History.Split(' ').Select(x => decimal.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Contains(e.Value < history[history.Count / 2] ? "低于往期" : "高于往期", e.Explanation);
        }

        var before = await SnapshotAsync(portal);
        var second = await RunAsync(portal.Factory.Database);
        Assert.Equal(0, second.Imported);
        Assert.Equal(before, await SnapshotAsync(portal));
    }

    [Fact]
    public async Task The_same_seed_and_day_give_the_same_history()
    {
        Portal first = new(), second = new();
        try
        {
            await first.InitializeAsync();
            await second.InitializeAsync();
            await RunAsync(first.Factory.Database, Small with { Months = 2 });
            await RunAsync(second.Factory.Database, Small with { Months = 2 });
            Assert.Equal(await SnapshotAsync(first), await SnapshotAsync(second));
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    /// <summary>
    /// The demo's cases read in the order things happened: nothing the party did — signing for the decision, statements, hearing
    /// requests — is dated after the case was closed, and the closing is the last event of the party's history.
    /// </summary>
    [Fact]
    public async Task The_demo_cases_show_no_party_step_after_closing()
    {
        await using var db = portal.Db();
        var closed = await db.EnforcementCases.AsNoTracking().IgnoreQueryFilters().Include(c => c.Statements).Include(c => c.Sanctions).Include(c => c.Payments).Include(c => c.Approvals)
            .Where(c => c.ClosedOn != null).ToListAsync();
        Assert.NotEmpty(closed);
        foreach (var c in closed)
        {
            var closedOn = c.ClosedOn!.Value;
            if (c.AcknowledgedAt is { } ack) Assert.True(BeijingTime.Today(ack) <= closedOn, $"{c.CaseNumber}: 签收 {ack:O} after closing on {closedOn}");
            if (c.HearingRequestedOn is { } requested) Assert.True(requested <= closedOn, $"{c.CaseNumber}: 申请听证 after closing");
            foreach (var s in c.Statements) Assert.True(BeijingTime.Today(s.SubmittedAt) <= closedOn, $"{c.CaseNumber}: 陈述申辩 after closing");
            var timeline = c.PartyTimeline([]);
            Assert.All(timeline, e => Assert.True(e.On <= closedOn, $"{c.CaseNumber}: “{e.Text}” on {e.On} after closing on {closedOn}"));
        }
    }

    /// <summary>The demo's corrective order was served (handed over, signed for, two servers) and its deadline runs from that day.</summary>
    [Fact]
    public async Task The_demo_order_shows_its_service()
    {
        await using var db = portal.Db();
        var order = await db.CorrectiveOrders.AsNoTracking().IgnoreQueryFilters().Where(o => o.NoticeNumber != null).OrderBy(o => o.Id).FirstAsync();
        Assert.Equal("直接送达", order.ServiceMethod);
        Assert.NotNull(order.ServedOn);
        Assert.Equal("王磊", order.ServiceRecipientName);
        Assert.Equal(2, order.ServiceServers!.Split('、').Length);
        Assert.True(order.Deadline > order.ServedOn);
        Assert.True(await db.IssuedDocuments.IgnoreQueryFilters().AnyAsync(d => d.OwnerType == "CorrectiveOrder" && d.OwnerId == order.Id.ToString()
            && d.Kind == DocumentKind.ServiceReceipt));
    }
}
