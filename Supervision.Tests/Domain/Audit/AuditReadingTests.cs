using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Audit;
using Supervision.Domain.Common;
using Supervision.Domain.Inspections;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Domain.Audit;

/// <summary>The history staff read is plain: Chinese field and type names, people by name, dates and states as the pages write them.</summary>
public class AuditReadingTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task An_issued_orders_history_reads_as_field_changes_in_chinese_with_names_and_dates()
    {
        portal.Today(new DateOnly(2026, 11, 2));
        var order = await DraftOrderAsync(portal, "CMCC-64");
        await IssueAsync(portal, order);
        using var leader = await portal.AsUserAsync("leader.nx");
        var entries = await leader.Get<AuditService>().HistoryAsync(CorrectiveOrderService.OwnerType, order.ToString());
        var lines = await leader.Get<AuditReading>().ReadAsync(entries);

        var issue = lines.First(l => l.Changes.Any(c => c.Field == "状态" && c.After == "待整改"));
        Assert.Equal(("马建国（宁夏局网安处）", "修改", "整改通知"), (issue.Actor, issue.Action, issue.ObjectType));
        Assert.Contains(new FieldChange("状态", "草稿", "待整改"), issue.Changes);
        Assert.Contains(new FieldChange("整改期限", null, "2026年11月9日"), issue.Changes);
        Assert.Contains(new FieldChange("下达人", null, "马建国（宁夏局网安处）"), issue.Changes);
        Assert.Contains("状态：草稿 → 待整改", issue.Summary);
        foreach (var line in lines)
        {
            Assert.DoesNotContain("{\"", line.Summary);
            Assert.DoesNotContain("inspector.nx", line.Summary);
            Assert.DoesNotContain(line.Changes, c => c.Field.Any(char.IsAsciiLetter));
        }
        var created = lines.Single(l => l.Entry.Action == AuditActions.Create);
        Assert.Contains(new FieldChange("企业", null, "宁夏移动"), created.Changes); // the branch id, resolved
        Assert.Contains(new FieldChange("负责人", null, "马建国（宁夏局网安处）"), created.Changes); // a user id, resolved
    }

    /// <summary>A return's audit lines name its period and its template as the pages do (2026年10月, 实名制落实情况月报), not 2026-10 or RN-MONTHLY.</summary>
    [Fact]
    public async Task A_returns_period_and_template_read_as_words()
    {
        portal.Today(new DateOnly(2026, 11, 2));
        long id;
        await using (var db = portal.Db())
        {
            var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
            using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
            id = (await carrier.Get<Supervision.Domain.Submissions.SubmissionService>().StoreAsync(new(branch.Id, "RN-MONTHLY", "2026-10", "2026-10.xlsx", "web", SubmitNow: true, Attested: true),
                Supervision.Tests.Domain.Submissions.ReturnBuilder.ValidRnMonthly("2026-10"), [1, 2, 3], null)).Submission!.Id;
        }
        using var admin = await portal.AsUserAsync("admin");
        var entries = await admin.Get<AuditService>().QueryAsync(new AuditQuery(EntityType: "Submission", EntityId: id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new PageRequest(PageSize: 50));
        var lines = await admin.Get<AuditReading>().ReadAsync(entries.Items);
        var changes = lines.SelectMany(l => l.Changes).ToList();
        Assert.Contains(new FieldChange("报送期间", null, "2026年10月"), changes);
        Assert.Contains(changes, c => c.Field == "报表" && c.After == "实名制落实情况月报");
        Assert.Contains(new FieldChange("渠道", null, "网页"), changes);
        // The receipt number keeps the codes (it is what the carrier quotes), the file the name the carrier gave it.
        Assert.DoesNotContain(changes, c => c.Field is not ("回执号" or "文件") && ((c.After ?? "").Contains("2026-10", StringComparison.Ordinal) || (c.After ?? "").Contains("RN-MONTHLY", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Values read as the pages show them: the channel in words, a flag by its catalog name, a file by its name linked to the
    /// return that holds it, a file's kind as PDF/Excel; never a bare id, a MIME type or FLAG_MANUAL_ENTRY.
    /// </summary>
    [Fact]
    public async Task Files_flags_channels_and_owners_read_as_names_not_ids_codes_or_mime_types()
    {
        portal.Today(new DateOnly(2026, 11, 2));
        long id;
        await using (var db = portal.Db())
        {
            var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
            var parsed = Supervision.Tests.Domain.Submissions.ReturnBuilder.ValidRnMonthly("2026-09");
            var summary = Supervision.Tests.Domain.Submissions.ReturnBuilder.Values(parsed, "汇总", 0);
            summary[Supervision.Tests.Domain.Submissions.ReturnBuilder.Col(parsed, "汇总", "ReaderVerified")] = 38L;
            summary[Supervision.Tests.Domain.Submissions.ReturnBuilder.Col(parsed, "汇总", "ManualEntries")] = 2L;
            var outlet = Supervision.Tests.Domain.Submissions.ReturnBuilder.Values(parsed, "网点明细", 0);
            outlet[Supervision.Tests.Domain.Submissions.ReturnBuilder.Col(parsed, "网点明细", "ReaderVerified")] = 23L;
            outlet[Supervision.Tests.Domain.Submissions.ReturnBuilder.Col(parsed, "网点明细", "ManualEntries")] = 2L;
            using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
            id = (await carrier.Get<Supervision.Domain.Submissions.SubmissionService>().StoreAsync(new(branch.Id, "RN-MONTHLY", "2026-09", "宁夏移动9月.xlsx", "form", SubmitNow: true, Attested: true),
                parsed, [1, 2, 3], null)).Submission!.Id;
        }
        using var admin = await portal.AsUserAsync("admin");
        var audit = admin.Get<AuditService>();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var own = await admin.Get<AuditReading>().ReadAsync((await audit.QueryAsync(new AuditQuery(EntityType: "Submission", EntityId: key), new PageRequest(PageSize: 50))).Items);
        var changes = own.SelectMany(l => l.Changes).ToList();
        Assert.Contains(new FieldChange("渠道", null, "在线填报"), changes);
        Assert.Contains(new FieldChange("文件", null, "宁夏移动9月.xlsx", $"/submissions/{id}"), changes);
        Assert.All(own, l => Assert.Equal(($"宁夏移动 实名制落实情况月报 2026年9月 第1版", $"/submissions/{id}"), (l.Object, l.ObjectLink)));

        var recent = await admin.Get<AuditReading>().ReadAsync((await audit.QueryAsync(new AuditQuery(), new PageRequest(PageSize: 200))).Items);
        var flags = recent.Where(l => l.Entry.EntityType == "SubmissionFlag").SelectMany(l => l.Changes).ToList();
        Assert.Contains(new FieldChange("关注事项", null, "人工录入入网登记"), flags);
        Assert.Contains(flags, c => c.Field == "报表" && c.After == "宁夏移动 实名制落实情况月报 2026年9月 第1版" && c.Link == $"/submissions/{id}");
        // A flag row is named by its return (branch, period) and the flag's name, and opens the return: never 报表关注事项 74730.
        Assert.Contains(recent, l => l.Entry.EntityType == "SubmissionFlag"
            && (l.Object, l.ObjectLink) == ("宁夏移动 实名制落实情况月报 2026年9月 第1版：报表关注事项“人工录入入网登记”", $"/submissions/{id}"));
        Assert.Empty(recent.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.Object, @"^[\d/\-]+$")).Select(l => $"{l.ObjectType} {l.Object}"));
        var file = recent.Where(l => l.Entry.EntityType == "StoredFile").SelectMany(l => l.Changes).ToList();
        Assert.Contains(new FieldChange("文件类型", null, "Excel"), file);
        foreach (var c in recent.SelectMany(l => l.Changes))
        {
            Assert.False(c.Field is "文件" or "所属记录" or "附件" or "报表" && long.TryParse(c.After, out _), $"{c.Field}：{c.After}");
            Assert.DoesNotMatch(@"^(application|text|image|font)/|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$|^(form|web|api)$", c.After ?? "");
        }
    }

    /// <summary>Where someone signed in from reads plainly (本机, an IPv4 address without its IPv6 wrapping); stored machine words read in Chinese.</summary>
    [Theory]
    [InlineData("::1", "本机")]
    [InlineData("127.0.0.1", "本机")]
    [InlineData("::ffff:10.64.1.23", "10.64.1.23")]
    [InlineData("10.64.1.23", "10.64.1.23")]
    [InlineData("2408:8266::1a", "2408:8266::1a")]
    public void A_sign_in_address_reads_plainly(string stored, string shown) => Assert.Equal(shown, AuditReading.AddressLabel(stored));

    [Theory]
    [InlineData("Kind", "History", "与本单位近12期相比")]
    [InlineData("Kind", "Peers", "与全省同类单位相比")]
    [InlineData("Source", "Submissions", "报表报送")]
    [InlineData("Source", "Enforcement", "行政执法")]
    public void Values_stored_as_machine_words_read_in_chinese(string field, string stored, string shown) => Assert.Equal(shown, AuditReading.CodedLabel(field, stored));

    /// <summary>The 操作人 filter takes a person as the page shows them (马建国) as well as the recorded sign-in name.</summary>
    [Fact]
    public async Task The_actor_filter_finds_a_person_by_the_name_the_page_shows()
    {
        portal.Today(new DateOnly(2026, 11, 2));
        var order = await DraftOrderAsync(portal, "CMCC-64");
        await IssueAsync(portal, order);
        using var admin = await portal.AsUserAsync("admin");
        var audit = admin.Get<AuditService>();
        var page = new PageRequest(PageSize: 500);

        var byName = await audit.QueryAsync(new AuditQuery(Actor: "马建国", EntityId: order.ToString()), page);
        var byLogin = await audit.QueryAsync(new AuditQuery(Actor: "inspector.nx", EntityId: order.ToString()), page);
        var nobody = await audit.QueryAsync(new AuditQuery(Actor: "不存在的人", EntityId: order.ToString()), page);

        Assert.NotEmpty(byName.Items);
        Assert.All(byName.Items, e => Assert.Equal("inspector.nx", e.Actor));
        Assert.Equal(byLogin.Items.Select(e => e.Sequence), byName.Items.Select(e => e.Sequence));
        Assert.Empty(nobody.Items);
    }

    [Fact]
    public async Task Every_record_type_the_trail_can_hold_has_a_chinese_name()
    {
        await using var db = portal.Db();
        var types = db.Model.GetEntityTypes().Select(t => t.ClrType)
            .Where(t => t.Namespace?.StartsWith("Supervision.Domain", StringComparison.Ordinal) == true && t != typeof(AuditEntry) && t != typeof(AuditHead))
            .Where(t => !Attribute.IsDefined(t, typeof(Supervision.Domain.Common.NotAuditedAttribute)))
            .Select(t => t.Name).Distinct().ToList();
        Assert.DoesNotContain(types, t => AuditReading.TypeLabel(t) == "其他记录");
    }
}
