using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Submissions.ReturnBuilder;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>Accepting several returns from the overview, and the exchange between reviewer and carrier that stays across versions.</summary>
public class BulkReviewTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly byte[] File = "PK fake workbook bytes"u8.ToArray();

    private async Task<(int Branch, AccessScope Carrier)> BranchAsync(string code)
    {
        await using var db = portal.Db();
        var b = await db.Branches.SingleAsync(x => x.Code == code);
        var children = await db.Branches.Where(x => x.ParentBranchId == b.Id).Select(x => x.Id).ToListAsync();
        return (b.Id, AccessScope.ForBranches(b.ProvinceId, b.CarrierId, [b.Id, .. children]));
    }

    private async Task<AccessScope> InspectorAsync()
    {
        await using var db = portal.Db();
        return AccessScope.ForProvince((await db.Provinces.SingleAsync(p => p.Code == "64")).Id, false, UserRole.Inspector);
    }

    private SubmissionService Service(AccessScope scope, string actor) => portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<SubmissionService>();

    private async Task<Submission> FileAsync(string code, string user, string period, ParsedReturn? parsed = null)
    {
        var (branch, carrier) = await BranchAsync(code);
        return (await Service(carrier, user).StoreAsync(new StoreCommand(branch, "RN-MONTHLY", period, "月报.xlsx", "web", SubmitNow: true, Attested: true),
            parsed ?? ValidRnMonthly(period, code), File, null)).Submission!;
    }

    [Fact]
    public async Task Several_returns_are_accepted_one_by_one_and_a_changed_or_flagged_one_is_left_for_review()
    {
        var cmcc = await FileAsync("CMCC-64", "carrier.cmcc.nx", "2026-07");
        var cucc = await FileAsync("CUCC-64", "carrier.cucc.nx", "2026-07");
        var flaggedReturn = ValidRnMonthly("2026-08");
        Values(flaggedReturn, "汇总", 0)[Col(flaggedReturn, "汇总", "ReaderVerified")] = 39L;
        Values(flaggedReturn, "汇总", 0)[Col(flaggedReturn, "汇总", "ManualEntries")] = 1L;
        Values(flaggedReturn, "网点明细", 0)[Col(flaggedReturn, "网点明细", "ReaderVerified")] = 24L;
        Values(flaggedReturn, "网点明细", 0)[Col(flaggedReturn, "网点明细", "ManualEntries")] = 1L;
        var flagged = await FileAsync("CMCC-64", "carrier.cmcc.nx", "2026-08", flaggedReturn);
        Assert.Equal((0, 0), (cmcc.FlagCount, cucc.FlagCount));
        Assert.True(flagged.FlagCount > 0);

        var inspector = Service(await InspectorAsync(), "inspector.nx");
        // The overview offers the two clean filed returns for bulk acceptance, not the flagged one.
        var overview = await inspector.OverviewAsync("RN-MONTHLY", "2026-07");
        Assert.Equal(["CMCC-64", "CUCC-64"], overview.Where(r => r.AcceptableInBulk).Select(r => r.BranchCode).Order());
        Assert.DoesNotContain(await inspector.OverviewAsync("RN-MONTHLY", "2026-08"), r => r.AcceptableInBulk);

        // Someone returned the Unicom return after the overview was read: its token is stale.
        var stale = overview.Single(r => r.BranchCode == "CUCC-64");
        await inspector.ReturnAsync(cucc.Id, cucc.ConcurrencyToken, "网点数量与上期差异较大，请核实");
        long before;
        await using (var db = portal.Db()) before = await db.AuditEntries.CountAsync(a => a.EntityType == "Submission");
        var result = await inspector.AcceptManyAsync([
            new(cmcc.Id, overview.Single(r => r.BranchCode == "CMCC-64").Token!.Value, "宁夏移动"),
            new(stale.SubmissionId!.Value, stale.Token!.Value, "宁夏联通"),
            new(flagged.Id, flagged.ConcurrencyToken, "宁夏移动8月"),
        ], "数据完整，予以受理。");

        Assert.Equal(["宁夏移动"], result.Accepted.Select(a => a.Branch));
        Assert.Equal([("宁夏联通", "该报表刚被他人处理，请刷新后查看最新状态。"), ("宁夏移动8月", $"有{flagged.FlagCount}项关注事项，请打开该报表逐项查看后再受理。")],
            result.Refused.Select(r => (r.Pick.Branch, r.Reason)));
        await using (var db = portal.Db())
        {
            var accepted = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == cmcc.Id);
            Assert.Equal((SubmissionStatus.Accepted, "数据完整，予以受理。", "inspector.nx"), (accepted.Status, accepted.ReviewNote, accepted.ReviewedBy));
            Assert.Equal(SubmissionStatus.Submitted, (await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == flagged.Id)).Status);
            // Recorded one by one: one audit entry for the one return accepted, none for those left.
            var entries = await db.AuditEntries.Where(a => a.EntityType == "Submission").OrderBy(a => a.Id).Skip((int)before).ToListAsync();
            Assert.Equal([cmcc.Id.ToString()], entries.Select(e => e.EntityId));
        }
        // A carrier cannot accept, and a leader only looks.
        var (_, carrierScope) = await BranchAsync("CMCC-64");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service(carrierScope, "carrier.cmcc.nx").AcceptManyAsync([new(flagged.Id, flagged.ConcurrencyToken, "x")], null));
    }

    [Fact]
    public async Task The_exchange_about_a_return_stays_with_it_across_versions_and_only_its_carrier_reads_it()
    {
        var v1 = await FileAsync("CUCC-64", "carrier.cucc.nx", "2026-06");
        var inspectorScope = await InspectorAsync();
        var inspector = Service(inspectorScope, "inspector.nx");
        await inspector.ReturnAsync(v1.Id, v1.ConcurrencyToken, "第3行网点的人工录入数与工单不符，请核实后重报");
        var (branch, carrierScope) = await BranchAsync("CUCC-64");
        var carrier = Service(carrierScope, "carrier.cucc.nx");
        Assert.Equal("comment.text_required", (await Assert.ThrowsAsync<DomainException>(() => carrier.CommentAsync(v1.Id, " "))).Code);
        await carrier.CommentAsync(v1.Id, "已核实，系网点录入错误，已更正并将重新上传。");

        var v2 = (await carrier.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-06", "v2.xlsx", "web", true, Attested: true), ValidRnMonthly("2026-06", "CUCC-64"), File, null)).Submission!;
        await inspector.CommentAsync(v2.Id, "收到，第2版已核对。");
        var thread = await carrier.ThreadAsync(v2.Id);
        Assert.Equal([(true, true, 1, "第3行网点的人工录入数与工单不符，请核实后重报"), (false, false, 1, "已核实，系网点录入错误，已更正并将重新上传。"), (true, false, 2, "收到，第2版已核对。")],
            thread.Select(c => (c.FromRegulator, c.IsReturnReason, c.Version, c.Text)));
        Assert.DoesNotContain(thread, c => c.AuthorName.Contains(".nx")); // display names, not login names
        Assert.Equal(thread.Select(c => c.Id), (await inspector.ThreadAsync(v1.Id)).Select(c => c.Id));

        // The inspectors heard of the carrier's answer, the carrier of the reply.
        await using (var db = portal.Db())
        {
            var inspectorId = await db.Users.Where(u => u.UserName == "inspector.nx").Select(u => u.Id).SingleAsync();
            Assert.True(await db.Notifications.IgnoreQueryFilters().AnyAsync(n => n.UserId == inspectorId && n.Title == "企业对报表审核意见作了答复" && n.Link == $"/submissions/{v1.Id}#comments"));
        }
        // Another carrier reads nothing of it; a leader reads but does not write.
        var (_, other) = await BranchAsync("CMCC-64");
        await Assert.ThrowsAsync<NotFoundException>(() => Service(other, "carrier.cmcc.nx").ThreadAsync(v1.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Service(other, "carrier.cmcc.nx").CommentAsync(v1.Id, "不应能写入"));
        await using (var db = portal.Db())
        {
            var leader = AccessScope.ForProvince((await db.Provinces.SingleAsync(p => p.Code == "64")).Id, true, UserRole.Leader);
            Assert.Equal(3, (await Service(leader, "leader.nx").ThreadAsync(v1.Id)).Count);
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service(leader, "leader.nx").CommentAsync(v1.Id, "领导意见"));
        }
    }
}
