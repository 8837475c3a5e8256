using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Publicity;

/// <summary>
/// The public search reads an index (SQLite FTS5 trigram kept by triggers, PostgreSQL pg_trgm), not the rows: it must
/// find what <c>Contains</c> found — substrings of Chinese party names and 文号, the exact credit code — and follow
/// publication and withdrawal in the same transaction.
/// </summary>
public class PublicSearchIndexTests(Portal portal) : IClassFixture<Portal>
{
    private PublicSite Site => portal.ScopeFor(AccessScope.System).ServiceProvider.GetRequiredService<PublicSite>();

    private async Task<long> AddAsync(string party, string creditCode, string number, bool publish)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.OrderBy(b => b.Id).FirstAsync(b => b.Code == "CMCC-64");
        var today = BeijingTime.Today(DateTimeOffset.UtcNow);
        var a = Announcement.Draft(branch.ProvinceId, branch.Id, AnnouncementKind.PenaltyDecision, "SearchTest", Guid.NewGuid().ToString("N"), "宁夏回族自治区通信管理局",
            new AnnouncementContent($"{party}行政处罚决定", party, PartyType.Organisation, creditCode, "王五", number, "未核验证件即办理入网。", "警告", "第十九条", "警告",
                today.AddDays(-20)), today.AddDays(-10), new EnforcementSettings(), DateTimeOffset.UtcNow);
        if (publish) Publishing.Notified(a, today.AddDays(-18)).Publish(today.AddDays(-18), Publishing.Terms(), "inspector.nx", DateTimeOffset.UtcNow);
        db.Announcements.Add(a);
        await db.SaveChangesAsync();
        return a.Id;
    }

    private async Task<IReadOnlyList<long>> PartyAsync(string text) => (await Site.SearchAsync(new PublicQuery(Party: text))).Items.Select(a => a.Id).ToList();

    private async Task<IReadOnlyList<long>> NumberAsync(string text) => (await Site.SearchAsync(new PublicQuery(Number: text))).Items.Select(a => a.Id).ToList();

    [Fact]
    public async Task Substrings_of_party_names_and_numbers_and_the_exact_credit_code_are_found()
    {
        var id = await AddAsync("银川市兴庆区天成索引通讯器材店", "91640100MA7SRCH01X", "宁通管罚〔2026〕88123号", publish: true);
        var draft = await AddAsync("银川市兴庆区天成索引通讯器材店二号", "91640100MA7SRCH02X", "宁通管罚〔2026〕88124号", publish: false);

        Assert.Equal([id], await PartyAsync("天成索引通讯"));        // a substring of three characters or more, from the index
        Assert.Equal([id], await PartyAsync("成索"));                // two characters
        Assert.Equal([id], await PartyAsync("91640100MA7SRCH01X"));  // the credit code, exactly
        Assert.Empty(await PartyAsync("91640100MA7SRCH0"));          // … and only exactly
        Assert.Empty(await PartyAsync("天成索引通讯器材店三号"));
        Assert.Equal([id], await NumberAsync("〔2026〕88123"));
        Assert.Equal([id], await NumberAsync("23号"));
        Assert.Empty(await NumberAsync("88124"));                     // a draft is not public
        Assert.Empty(await PartyAsync("\"天成\" OR 索引"));            // the query is text, not FTS syntax
        Assert.Empty(await PartyAsync("天成%索引"));                   // nor a LIKE pattern
        Assert.DoesNotContain(draft, await PartyAsync("天成索引"));
    }

    [Fact]
    public async Task Publishing_and_withdrawing_change_what_the_search_finds_in_the_same_transaction()
    {
        var id = await AddAsync("石嘴山市大武口区同步索引通讯店", "91640200MA7SYNC01X", "宁通管罚〔2026〕77001号", publish: false);
        Assert.Empty(await PartyAsync("同步索引"));

        await using (var db = portal.Db())
        {
            var a = await db.Announcements.SingleAsync(x => x.Id == id);
            Publishing.Notified(a, BeijingTime.Today(DateTimeOffset.UtcNow).AddDays(-18)).Publish(BeijingTime.Today(DateTimeOffset.UtcNow).AddDays(-18), Publishing.Terms(), "inspector.nx", DateTimeOffset.UtcNow);
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.Empty(await PartyAsync("同步索引"));   // rolled back: neither the announcement nor its index entry changed

        await using (var db = portal.Db())
        {
            var a = await db.Announcements.SingleAsync(x => x.Id == id);
            Publishing.Notified(a, BeijingTime.Today(DateTimeOffset.UtcNow).AddDays(-18)).Publish(BeijingTime.Today(DateTimeOffset.UtcNow).AddDays(-18), Publishing.Terms(), "inspector.nx", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        Assert.Equal([id], await PartyAsync("同步索引"));

        await using (var db = portal.Db())
        {
            var a = await db.Announcements.SingleAsync(x => x.Id == id);
            a.Withdraw("决定已被撤销", "inspector.nx", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        // A withdrawn announcement stays listed for the rest of its period, with its party and 文号.
        var found = (await Site.SearchAsync(new PublicQuery(Party: "同步索引"))).Items.Single();
        Assert.Equal((id, AnnouncementStatus.Withdrawn), (found.Id, found.Status));
        Assert.Equal([id], await NumberAsync("77001"));
    }

    [Fact]
    public async Task A_common_term_pages_newest_first_and_counts_to_the_cap_like_a_rare_one()
    {
        // More matches than the index calls common (1,000), so the page is found by walking the list's order.
        await using (var db = portal.Db())
        {
            var branch = await db.Branches.OrderBy(b => b.Id).FirstAsync(b => b.Code == "CMCC-64");
            var today = BeijingTime.Today(DateTimeOffset.UtcNow);
            for (var i = 0; i < 1005; i++)
            {
                var a = Announcement.Draft(branch.ProvinceId, branch.Id, AnnouncementKind.ViolatingAgent, "SearchTest", $"common-{i}", "宁夏回族自治区通信管理局",
                    new AnnouncementContent("违规代理商", $"常见索引通讯店{i:D4}", PartyType.IndividualBusiness, null, "李某某", $"宁通管通〔2026〕C{i:D4}号", "未核验证件。", "通报", "第十一条",
                        "已终止代理。", today.AddDays(-300)), today.AddDays(-290), new EnforcementSettings(), DateTimeOffset.UtcNow);
                Publishing.Notified(a, today.AddDays(-299 + i % 200)).Publish(today.AddDays(-299 + i % 200), Publishing.Terms(), "inspector.nx", DateTimeOffset.UtcNow);
                db.Announcements.Add(a);
            }
            await db.SaveChangesAsync();
        }

        var common = await Site.SearchAsync(new PublicQuery(Party: "常见索引通讯店", Page: 1));
        Assert.Equal(PublicSite.MaxCounted + 1, common.Total);
        await using (var read = portal.Db())
        {
            var expected = await read.Announcements.Where(a => a.SourceType == "SearchTest" && a.SourceId.StartsWith("common-"))
                .OrderByDescending(a => a.PublishedOn).ThenByDescending(a => a.Id).Skip(20).Take(20).Select(a => a.Id).ToListAsync();
            Assert.Equal(expected, common.Items.Select(a => a.Id));
        }
        var rare = await Site.SearchAsync(new PublicQuery(Party: "常见索引通讯店100"));   // 1000–1004: five, by the other path
        Assert.Equal((5, 5), (rare.Total, rare.Items.Count));
        Assert.All(rare.Items, a => Assert.StartsWith("常见索引通讯店100", a.PartyName));
        Assert.Equal(PublicSite.MaxCounted + 1, (await Site.SearchAsync(new PublicQuery(Number: "〔2026〕C"))).Total);
    }

    [Fact]
    public async Task A_missing_index_is_made_again_on_start_and_holds_what_was_published_before()
    {
        var id = await AddAsync("吴忠市利通区重建索引通讯店", "91640300MA7REBU01X", "宁通管罚〔2026〕66001号", publish: true);
        await using var db = portal.Db();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AnnouncementSearch_update"; DROP TABLE "AnnouncementSearch";""");
        else
            await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Announcements_PartyName_trgm";""");

        await PublicSearchIndex.EnsureAsync(db);

        Assert.Equal([id], await PartyAsync("重建索引"));
        var objects = db.Database.IsSqlite()
            ? await db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name IN ('AnnouncementSearch', 'AnnouncementSearch_insert', 'AnnouncementSearch_update', 'AnnouncementSearch_delete')").SingleAsync()
            : await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE indexname LIKE '%trgm'").SingleAsync();
        Assert.Equal(db.Database.IsSqlite() ? 4 : 3, objects);
    }
}
