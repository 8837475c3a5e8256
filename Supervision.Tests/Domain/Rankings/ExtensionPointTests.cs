using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Domain.Rankings;

/// <summary>
/// How features built later (findings, corrective orders, cases) add their indicators: a source registered in DI,
/// a line in ranking-indicators.json, and one call to the updater inside their own transaction.
/// </summary>
public class ExtensionPointTests(Portal portal) : IClassFixture<Portal>
{
    /// <summary>Stands in for the enforcement feature: cases closed per company and month.</summary>
    private sealed class ClosedCases : IIndicatorSource
    {
        public static readonly ConcurrentDictionary<(int Branch, string Month), int> Store = new();

        public IReadOnlyCollection<string> Codes { get; } = ["CASE-CLOSED"];

        public Task<IReadOnlyList<IndicatorFact>> ComputeAsync(SupervisionDbContext db, IndicatorRequest request, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<IndicatorFact>>(request.Branches.Where(b => b.Level == BranchLevel.Provincial)
                .SelectMany(b => request.Months.Select(m => new IndicatorFact(b.BranchId, m, "CASE-CLOSED", IndicatorStatus.Reported, Store.GetValueOrDefault((b.BranchId, m)), 1, true)))
                .ToList());
    }

    private sealed class FailingSummary : IRankingSummary
    {
        public Task ReturnReviewedAsync(SupervisionDbContext db, Submission submission, CancellationToken ct) => throw new InvalidOperationException("summary store unavailable");
        public Task RecordsChangedAsync(SupervisionDbContext db, int branchId, DateOnly since, CancellationToken ct) => throw new InvalidOperationException("summary store unavailable");
    }

    private async Task AddDefinitionAsync()
    {
        await using var db = portal.Db();
        if (await db.RankingIndicators.AnyAsync(i => i.Code == "CASE-CLOSED")) return;
        db.RankingIndicators.Add(new RankingIndicator
        {
            Code = "CASE-CLOSED", Name = "结案数", Unit = "件", Source = "Enforcement", SourceText = "行政处罚案件：本月结案数", Direction = IndicatorDirection.LowerIsBetter,
            Normalization = IndicatorNormalization.MinMax, Aggregate = IndicatorAggregate.Sum, Weight = 0, SortOrder = 500,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_indicator_without_a_registered_source_is_not_shown()
    {
        await AddDefinitionAsync();
        var codes = (await Service<RankingService>(portal, AccessScope.System).IndicatorsAsync()).Select(i => i.Code).ToList();
        Assert.Contains("RN-RATE", codes);
        Assert.DoesNotContain("CASE-CLOSED", codes);
    }

    [Fact]
    public async Task A_registered_source_is_shown_and_a_closed_case_updates_the_summary_in_its_own_transaction()
    {
        await AddDefinitionAsync();
        await FileAndAcceptAsync(portal, "CMCC-64", "2026-07", new RnRow());   // the province's first filing: the summary starts there
        await using var withCases = portal.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IIndicatorSource, ClosedCases>()));
        var (branch, province, _) = await BranchAsync(portal, "CMCC-64");
        using var scope = withCases.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().Set(Inspector(province), "inspector");
        Assert.Contains(await scope.ServiceProvider.GetRequiredService<RankingService>().IndicatorsAsync(), i => i.Code == "CASE-CLOSED");

        // What the enforcement service will do when it closes a case: change its record and the summary together.
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            ClosedCases.Store[(branch, "2026-07")] = 2;
            await scope.ServiceProvider.GetRequiredService<RankingUpdater>().RecomputeAsync(db, branch, "2026-07", "2026-07");
            await tx.CommitAsync();
        }

        var v = await ValuesAsync(portal, "CMCC-64", "2026-07");
        Assert.Equal((IndicatorStatus.Reported, 2.0), (v["CASE-CLOSED"].Status, v["CASE-CLOSED"].Value!.Value));
        Assert.Equal(IndicatorStatus.Reported, v["RN-RATE"].Status);                       // the other sources' rows are recomputed alongside
        Assert.Equal(2, (await ProvinceValuesAsync(portal, "64", "2026-07"))["CASE-CLOSED"].Value);
    }

    [Fact]
    public async Task When_the_summary_cannot_be_updated_the_acceptance_does_not_happen_either()
    {
        var filed = await FileAsync(portal, "CTCC-64", "RN-MONTHLY", "2026-08", Rn("2026-08", "CTCC-64", new RnRow()));
        await using var failing = portal.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IRankingSummary, FailingSummary>()));
        using var scope = failing.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().Set(Inspector(filed.ProvinceId), "inspector");

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<SubmissionService>().AcceptAsync(filed.Id, filed.ConcurrencyToken, null));

        await using var db = portal.Db();
        Assert.Equal(SubmissionStatus.Submitted, (await db.Submissions.SingleAsync(s => s.Id == filed.Id)).Status);
        Assert.Empty(await ValuesAsync(portal, "CTCC-64", "2026-08"));
    }
}
