using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Inspections;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>A risk-weighted plan through the services: weights come from the records and the administrators' formula, and the draw keeps them.</summary>
public class WeightedDrawFlowTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly string[] CityBranches = ["CMCC-640100", "CMCC-640200", "CMCC-640300", "CUCC-640100", "CUCC-640200", "CUCC-640300", "CTCC-640100", "CTCC-640200"];

    [Fact]
    public async Task Open_findings_and_the_administrators_points_set_the_weight_and_the_draw_keeps_and_verifies_it()
    {
        var planId = await ActivePlanAsync(portal, PlanScope.Branches, CityBranches, ["RN-01"], ratio: 0.25m, method: DrawMethod.RiskWeighted);
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var draws = inspector.Get<DrawService>();
        RosterEntity Of(DrawInputs inputs) => inputs.Entities.Single(e => e.Key == "CTCC-640200");
        var before = Of(await draws.CurrentInputsAsync(planId));
        Assert.Equal(before.Weight, new RiskFormula([.. (await draws.RiskFactorsAsync()).Select(f => f.Term)]).Weight(before.Risk!));

        await using (var db = portal.Db())
        {
            var branch = await db.Branches.SingleAsync(b => b.Code == "CTCC-640200");
            foreach (var title in new[] { "RN-01 未按规定登记", "RN-05 人工录入" })
                db.Findings.Add(new Finding
                {
                    ProvinceId = branch.ProvinceId, BranchId = branch.Id, Source = FindingSource.Inspection, Title = title, Facts = "测试", FoundOn = new DateOnly(2026, 10, 1),
                    CreatedBy = "test",
                });
            await db.SaveChangesAsync();
        }
        var findings = await draws.RiskFactorsAsync();
        var points = findings.Single(f => f.Code == DrawRiskFactors.OpenFindings).Points;
        var after = Of(await draws.CurrentInputsAsync(planId));
        Assert.Equal(before.Risk![DrawRiskFactors.OpenFindings] + 2, after.Risk![DrawRiskFactors.OpenFindings]);
        Assert.Equal(before.Weight + 2 * points, after.Weight);

        // Only an administrator changes the formula; the next weights follow it.
        var factor = findings.Single(f => f.Code == DrawRiskFactors.OpenFindings);
        await Assert.ThrowsAsync<Supervision.Domain.Common.AccessDeniedException>(() => draws.SaveRiskFactorAsync(factor.Id, 3m, factor.Cap, null));
        using (var admin = await portal.AsUserAsync("admin"))
        {
            Assert.Equal("draw.risk_factor_invalid", (await Assert.ThrowsAsync<Supervision.Domain.Common.DomainException>(
                () => admin.Get<DrawService>().SaveRiskFactorAsync(factor.Id, 1.255m, factor.Cap, null))).Code);
            await admin.Get<DrawService>().SaveRiskFactorAsync(factor.Id, 3m, factor.Cap, null);
        }
        var reweighed = Of(await draws.CurrentInputsAsync(planId));
        Assert.Equal(after.Weight + (3m - points) * Math.Min(after.Risk[DrawRiskFactors.OpenFindings], factor.Cap), reweighed.Weight);

        var draw = await draws.DrawAsync(new DrawCommand(planId, "20261201-加权摇号-31-08", "纪检组王某"));
        Assert.Equal(DrawAlgorithm.WeightedVersion, draw.AlgorithmVersion);
        Assert.Equal(2, draw.DrawnCount);
        Assert.Equal(reweighed.Weight, draw.Entities.Single(e => e.Key == "CTCC-640200").Weight);
        Assert.Contains("3×未办结问题", draw.RiskFormula!.Text);
        var check = await draws.VerifyAsync(draw.Id);
        Assert.True(check.Verification.Matches, check.Verification.Message);

        // A weight edited in the stored snapshot is caught.
        await using (var db = portal.Db())
        {
            var stored = await db.InspectionDraws.SingleAsync(d => d.Id == draw.Id);
            stored.EntityRosterJson = System.Text.Json.JsonSerializer.Serialize(
                stored.Entities.Select(e => e.Key == "CTCC-640200" ? e with { Weight = 500m } : e).ToList(), InspectionDraw.Json);
            await db.SaveChangesAsync();
        }
        Assert.False((await draws.VerifyAsync(draw.Id)).Verification.Matches);
    }
}
