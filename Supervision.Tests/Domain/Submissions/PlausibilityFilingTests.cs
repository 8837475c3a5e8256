using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Tests.Domain.Rankings;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>
/// A return whose figures trip a plausibility check is not refused, but cannot be filed — at upload or from a draft — until
/// each flagged cell is explained; the explanations are stored with the version and reach the outlier report.
/// </summary>
public class PlausibilityFilingTests(Portal portal) : IClassFixture<Portal>
{
    /// <summary>The month after an accepted one in which 640100 自有营业厅 (汇总 row 4) has twice the subscribers.</summary>
    private async Task<(int Branch, SubmissionService Carrier, ParsedReturn Jump)> HistoryAndJumpAsync(string accepted, string next, RnRow? row = null, long jumpRegistered = 1980)
    {
        row ??= new RnRow();
        await FileAndAcceptAsync(portal, "CMCC-64", accepted, row);
        var (id, _, scope) = await BranchAsync(portal, "CMCC-64");
        var jump = Rn(next, "CMCC-64", row);
        var first = ReturnBuilder.Values(jump, "汇总", 0);
        (first[2], first[3]) = (2000L, jumpRegistered);
        return (id, Service<SubmissionService>(portal, scope, await portal.SignatoryAsync("CMCC-64")), jump);
    }

    [Fact]
    public async Task An_unexplained_flagged_return_is_held_back_and_an_explained_one_is_filed_with_its_explanations()
    {
        var (branch, carrier, jump) = await HistoryAndJumpAsync("2025-01", "2025-02");
        var command = new StoreCommand(branch, "RN-MONTHLY", "2025-02", "二月.xlsx", "web", SubmitNow: true, Attested: true);
        await using var before = portal.Db();
        var versions = await before.Submissions.CountAsync();

        var held = await carrier.StoreAsync(command, jump, [1, 2, 3], null);

        Assert.True(held.Unconfirmed);
        Assert.Empty(held.Errors);
        var finding = Assert.Single(held.Unexplained!);
        Assert.Equal(("汇总!C4", "PLAUS_SUBSCRIBERS_CHANGE", 2000m, "640100/自有营业厅"), (finding.Key, finding.Check, finding.Value, finding.Row));
        Assert.Equal("上期1,000，变化不超过25%（750至1,250）", finding.Expected);
        Assert.Equal([1000m], finding.History);
        // A blank explanation is none.
        Assert.True((await carrier.StoreAsync(command with { Explanations = new Dictionary<string, string> { ["汇总!C4"] = "  " } }, jump, [1, 2, 3], null)).Unconfirmed);
        await using (var db = portal.Db())
            Assert.Equal(versions, await db.Submissions.CountAsync());

        var filed = await carrier.StoreAsync(command with { Explanations = new Dictionary<string, string> { ["汇总!C4"] = " 本月并入两家合作厅的用户 " } }, jump, [1, 2, 3], null);

        Assert.Equal(SubmissionStatus.Submitted, filed.Submission!.Status);
        var stored = Assert.Single(await carrier.ExplanationsAsync(filed.Submission.Id));
        Assert.Equal(("汇总", "C4", "PLAUS_SUBSCRIBERS_CHANGE", 2000m, "本月并入两家合作厅的用户"), (stored.Sheet, stored.Cell, stored.Check, stored.Value, stored.Explanation));
        Assert.Equal([1000m], stored.HistoryValues);
        Assert.DoesNotContain(".", stored.ExplainedBy); // the signatory's name, not the login name

    }

    [Fact]
    public async Task A_return_with_explained_figures_is_left_out_of_bulk_acceptance_for_the_reviewer_to_read()
    {
        // Fully registered (no 关注事项): only the doubled subscribers of 640100 自有营业厅 make it unusual.
        var (branch, carrier, jump) = await HistoryAndJumpAsync("2025-09", "2025-10", new RnRow(Registered: 1000, Legacy: 0), jumpRegistered: 2000);
        var filed = (await carrier.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2025-10", "十月.xlsx", "web", SubmitNow: true, Attested: true,
            Explanations: new Dictionary<string, string> { ["汇总!C4"] = "本月并入两家合作厅的用户" }), jump, [1, 2, 3], null)).Submission!;
        Assert.Equal((0, 1), (filed.FlagCount, filed.ExplainedCount));

        var (_, province, _) = await BranchAsync(portal, "CMCC-64");
        var inspector = Service<SubmissionService>(portal, Inspector(province), "inspector.nx");
        var row = (await inspector.OverviewAsync("RN-MONTHLY", "2025-10")).Single(r => r.SubmissionId == filed.Id);
        Assert.Equal((1, false), (row.ExplainedCount, row.AcceptableInBulk));
        var bulk = await inspector.AcceptManyAsync([new(filed.Id, filed.ConcurrencyToken, "宁夏移动10月")], null);
        Assert.Empty(bulk.Accepted);
        Assert.Equal("有1项异常数据说明，请打开该报表阅读说明后再受理。", Assert.Single(bulk.Refused).Reason);
    }

    [Fact]
    public async Task A_draft_with_flagged_figures_is_filed_only_with_an_explanation_of_each_and_the_report_lists_them()
    {
        var (branch, carrier, jump) = await HistoryAndJumpAsync("2025-03", "2025-04");
        var draft = await carrier.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2025-04", "四月.xlsx", "web", SubmitNow: false), jump, [1, 2, 3], null);
        Assert.Equal(SubmissionStatus.Draft, draft.Submission!.Status);
        Assert.Equal("汇总!C4", Assert.Single(draft.Findings!).Key);
        Assert.Equal("汇总!C4", Assert.Single(await carrier.FindingsOfAsync(draft.Submission.Id)).Key);

        var refused = await Assert.ThrowsAsync<PlausibilityUnconfirmedException>(() => carrier.SubmitAsync(draft.Submission.Id, attested: true));
        Assert.Equal("plausibility.unconfirmed", refused.Code);
        Assert.Contains("汇总!C4（在网用户数）", refused.Message);

        var filed = await carrier.SubmitAsync(draft.Submission.Id, attested: true, explanations: new Dictionary<string, string> { ["汇总!C4"] = "营业厅合并" });
        Assert.Equal(SubmissionStatus.Submitted, filed.Status);

        var (_, province, _) = await BranchAsync(portal, "CMCC-64");
        var report = await Service<SubmissionService>(portal, Inspector(province), "inspector.nx").OutliersAsync("RN-MONTHLY", "2025-04");
        var row = Assert.Single(report);
        Assert.Equal((filed.Id, "营业厅合并", "C4"), (row.SubmissionId, row.Explanation.Explanation, row.Explanation.Cell));
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrier.OutliersAsync("RN-MONTHLY", "2025-04"));
    }

    [Fact]
    public async Task Peers_flag_a_manual_entry_rate_far_above_the_province_and_a_carrier_with_too_few_peers_is_not_judged()
    {
        // Two peers filed: too few to judge against.
        await FileAsync(portal, "CUCC-64", "RN-MONTHLY", "2025-05", Rn("2025-05", "CUCC-64", new RnRow()));
        await FileAsync(portal, "CTCC-64", "RN-MONTHLY", "2025-05", Rn("2025-05", "CTCC-64", new RnRow()));
        var (branch, _, scope) = await BranchAsync(portal, "CMCC-64");
        var carrier = Service<SubmissionService>(portal, scope, await portal.SignatoryAsync("CMCC-64"));
        var manual = Rn("2025-05", "CMCC-64", new RnRow(Reader: 36, Manual: 4)); // 10 % by hand where the peers have none
        var command = new StoreCommand(branch, "RN-MONTHLY", "2025-05", "五月.xlsx", "web", SubmitNow: false);
        Assert.Empty((await carrier.StoreAsync(command, manual, [1, 2, 3], null)).Findings!);

        var third = await ThirdPeerAsync();
        await FileAsync(portal, third, "RN-MONTHLY", "2025-05", Rn("2025-05", third, new RnRow()));
        var findings = (await carrier.StoreAsync(command, manual, [1, 2, 3], null)).Findings!;

        Assert.Equal(30, findings.Count);
        Assert.All(findings, f => Assert.Equal(("PLAUS_MANUAL_RATE_PEERS", 10m), (f.Check, f.Value)));
        Assert.Equal("全省3家同类单位的合理范围不高于5%", findings[0].Expected);
        Assert.StartsWith("汇总!J", findings[0].Key);
    }

    /// <summary>A third provincial branch in 宁夏 besides 移动、联通、电信 that files RN-MONTHLY.</summary>
    private async Task<string> ThirdPeerAsync()
    {
        await using var db = portal.Db();
        return await db.Branches.Where(b => b.Province!.Code == "64" && b.Level == Supervision.Domain.Organizations.BranchLevel.Provincial
                                            && b.Code != "CMCC-64" && b.Code != "CUCC-64" && b.Code != "CTCC-64")
            .OrderBy(b => b.Code).Select(b => b.Code).FirstAsync();
    }
}
