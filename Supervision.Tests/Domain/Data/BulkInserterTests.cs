using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Tests.Domain.Submissions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Data;

/// <summary>
/// The bulk inserter writes through each provider's own fast path (SQLite's C API, PostgreSQL's binary COPY), not EF:
/// what it stores must read back through EF exactly as written, for every kind of column the model has, and a row
/// the database refuses must take the whole batch down with the caller's transaction.
/// </summary>
public class BulkInserterTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task Rows_of_every_column_kind_read_back_through_ef_as_written()
    {
        var submission = await SubmissionAsync("2025-01");
        await using var db = portal.Db();
        // 130 outlets: two full many-row statements and a remainder written one by one.
        var outlets = Enumerable.Range(1, 130).Select(i => new OutletRow
        {
            SubmissionId = submission.Id, ProvinceId = submission.ProvinceId, BranchId = submission.BranchId, RowNumber = 1000 + i,
            OutletCode = $"BULK-{i:D4}", OutletName = i % 2 == 0 ? $"银川市兴庆区“实名”营业厅{i}号 '引号' \\ 反斜杠" : "", CityCode = "640100", Channel = "自有营业厅",
            NewActivations = long.MaxValue - i, ReaderVerified = i, ManualEntries = 0, MysteryViolations = -i,
        }).ToList();
        var logs = new[]
        {
            new LogSystemRow { SubmissionId = submission.Id, ProvinceId = submission.ProvinceId, BranchId = submission.BranchId, RowNumber = 2001,
                SystemName = "BSS", LogType = "入网日志", RetentionDays = 180, EarliestRecord = new DateOnly(2024, 2, 29), StorageLocation = "银川", SampleCheckPassed = true },
            new LogSystemRow { SubmissionId = submission.Id, ProvinceId = submission.ProvinceId, BranchId = submission.BranchId, RowNumber = 2002,
                SystemName = "CRM", LogType = "操作日志", RetentionDays = 0, EarliestRecord = new DateOnly(1999, 12, 31), StorageLocation = "", SampleCheckPassed = false },
        };
        var checks = new[]
        {
            new SelfCheckRow { SubmissionId = submission.Id, ProvinceId = submission.ProvinceId, BranchId = submission.BranchId, RowNumber = 3001,
                ItemCode = "RN-01", ItemTitle = "标题", Result = "符合", Narrative = null, Remedy = new string('改', 2000) },
        };
        var values = new[]
        {
            new IndicatorValue { ProvinceId = submission.ProvinceId, BranchId = submission.BranchId, Period = "1990-01", Code = "BULK-A",
                Status = IndicatorStatus.NotApplicable, Value = null, Numerator = 0, Denominator = 0, Rollup = false },
            new IndicatorValue { ProvinceId = submission.ProvinceId, BranchId = submission.BranchId, Period = "1990-01", Code = "BULK-B",
                Status = IndicatorStatus.Reported, Value = 0.1 + 0.2, Numerator = 1e-300, Denominator = 3, Rollup = true },
        };

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(130, await BulkInserter.InsertAsync(db, typeof(OutletRow), outlets, default));
            Assert.Equal(2, await BulkInserter.InsertAsync(db, typeof(LogSystemRow), logs, default));
            Assert.Equal(1, await BulkInserter.InsertAsync(db, typeof(SelfCheckRow), checks, default));
            Assert.Equal(2, await BulkInserter.InsertAsync(db, typeof(IndicatorValue), values, default));
            await tx.CommitAsync();
        }

        await using var read = portal.Db();
        var storedOutlets = await read.OutletRows.AsNoTracking().Where(r => r.SubmissionId == submission.Id && r.RowNumber > 1000 && r.RowNumber <= 1130)
            .OrderBy(r => r.RowNumber).ToListAsync();
        Assert.Equal(outlets.Select(Outlet), storedOutlets.Select(Outlet));
        Assert.Equal(130, storedOutlets.Select(r => r.Id).Distinct().Count());
        var storedLogs = await read.LogSystemRows.AsNoTracking().Where(r => r.SubmissionId == submission.Id && r.RowNumber > 2000).OrderBy(r => r.RowNumber).ToListAsync();
        Assert.Equal(logs.Select(Log), storedLogs.Select(Log));
        // The date as the provider stores dates, so EF's own comparisons find it.
        Assert.Equal(1, await read.LogSystemRows.CountAsync(r => r.SubmissionId == submission.Id && r.EarliestRecord == new DateOnly(2024, 2, 29)));
        var storedCheck = await read.SelfCheckRows.AsNoTracking().SingleAsync(r => r.SubmissionId == submission.Id && r.RowNumber == 3001);
        Assert.Equal((null, checks[0].Remedy, "符合"), (storedCheck.Narrative, storedCheck.Remedy, storedCheck.Result));
        var storedValues = await read.Set<IndicatorValue>().AsNoTracking().Where(v => v.Period == "1990-01").OrderBy(v => v.Code).ToListAsync();
        Assert.Equal(values.Select(Value), storedValues.Select(Value));
        Assert.Equal(1, await read.Set<IndicatorValue>().CountAsync(v => v.Period == "1990-01" && v.Status == IndicatorStatus.Reported));
    }

    [Fact]
    public async Task An_announcement_with_instants_a_guid_and_enums_reads_back_and_can_be_changed_through_ef()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.OrderBy(b => b.Id).FirstAsync(b => b.Code == "CMCC-64");
        var at = new DateTimeOffset(2026, 5, 20, 9, 30, 15, TimeSpan.FromHours(8));
        var a = Announcement.Draft(branch.ProvinceId, branch.Id, AnnouncementKind.PenaltyDecision, "BulkTest", "1", "宁夏回族自治区通信管理局",
            new AnnouncementContent("标题", "批量写入测试通讯店", PartyType.IndividualBusiness, null, "李某某", "宁通管罚〔2026〕1号", "事实。", "警告", "第十九条", "警告",
                new DateOnly(2026, 5, 11)), new DateOnly(2026, 5, 25), new EnforcementSettings(), at);
        a.Publish(new DateOnly(2026, 5, 20), Supervision.Tests.Domain.Publicity.Publishing.Terms(), "inspector.nx", at);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await BulkInserter.InsertAsync(db, typeof(Announcement), [a], default);
            await tx.CommitAsync();
        }

        await using var read = portal.Db();
        var stored = await read.Announcements.SingleAsync(x => x.SourceType == "BulkTest" && x.ConcurrencyToken == a.ConcurrencyToken);
        Assert.Equal((AnnouncementStatus.Published, PartyType.IndividualBusiness, new DateOnly(2026, 5, 20), a.PublicUntil, (string?)null),
            (stored.Status, stored.PartyType, stored.PublishedOn!.Value, stored.PublicUntil, stored.CreditCode));
        Assert.Equal(at, stored.PublishedAt);   // the same instant (PostgreSQL returns it in UTC)
        stored.Withdraw("决定已撤销", "inspector.nx", at.AddDays(1));
        await read.SaveChangesAsync();           // the concurrency token written by the bulk insert matches EF's
        Assert.Equal(AnnouncementStatus.Withdrawn, (await portal.Db().Announcements.AsNoTracking().SingleAsync(x => x.Id == stored.Id)).Status);
    }

    [Fact]
    public async Task A_refused_row_fails_the_insert_and_the_transaction_keeps_nothing()
    {
        var submission = await SubmissionAsync("2025-02");
        await using var db = portal.Db();
        var before = await db.OutletRows.CountAsync();
        // The 70th row names a submission that does not exist: the foreign key refuses it, after 64 rows went in.
        var rows = Enumerable.Range(1, 100).Select(i => new OutletRow
        {
            SubmissionId = i == 70 ? -1 : submission.Id, ProvinceId = submission.ProvinceId, BranchId = submission.BranchId, RowNumber = 5000 + i,
            OutletCode = "X", OutletName = "X", CityCode = "640100", Channel = "自有营业厅",
        });

        await using (var tx = await db.Database.BeginTransactionAsync())
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => BulkInserter.InsertAsync(db, typeof(OutletRow), rows, default));

        await using var read = portal.Db();
        Assert.Equal(before, await read.OutletRows.CountAsync());
    }

    /// <summary>A draft return of 中国移动宁夏 for the period, for the rows to belong to.</summary>
    private async Task<Submission> SubmissionAsync(string period)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var children = await db.Branches.Where(b => b.ParentBranchId == branch.Id).Select(b => b.Id).ToListAsync();
        var carrier = AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id, .. children]);
        var result = await portal.ScopeFor(carrier, "carrier.cmcc.nx").ServiceProvider.GetRequiredService<SubmissionService>()
            .StoreAsync(new StoreCommand(branch.Id, "RN-MONTHLY", period, "月报.xlsx", "web", SubmitNow: false), ReturnBuilder.ValidRnMonthly(period), "PK"u8.ToArray(), null);
        return result.Submission!;
    }

    private static object Outlet(OutletRow r) => (r.SubmissionId, r.ProvinceId, r.BranchId, r.RowNumber, r.OutletCode, r.OutletName, r.CityCode, r.Channel,
        r.NewActivations, r.ReaderVerified, r.ManualEntries, r.MysteryViolations);

    private static object Log(LogSystemRow r) => (r.RowNumber, r.SystemName, r.LogType, r.RetentionDays, r.EarliestRecord, r.StorageLocation, r.SampleCheckPassed);

    private static object Value(IndicatorValue v) => (v.ProvinceId, v.BranchId, v.Period, v.Code, v.Status, v.Value, v.Numerator, v.Denominator, v.Rollup);
}
