using System.Diagnostics;
using System.Text.Json.Nodes;
using Supervision.Domain.Common;
using Supervision.Domain.Inspections;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>The risk-weighted draw (weighted-sha256-v1): bound to its weights, re-run by docs/verify_draw.py, and proportional.</summary>
public class WeightedDrawTests
{
    private static readonly RiskFormula Formula = new([
        new(DrawRiskFactors.Base, "基础权重", 1m, 1), new(DrawRiskFactors.Rank, "排名落后位次", 0.5m, 10), new(DrawRiskFactors.OpenFindings, "未办结问题", 1.25m, 5),
    ]);

    private static readonly string[] Carriers = ["CMCC", "CUCC", "CTCC", "CBN"];

    /// <summary>Entities B001… with the risk units <paramref name="units"/> gives (rank, findings) and the weight the formula makes of them.</summary>
    private static DrawInputs Inputs(int entities, decimal ratio, Func<int, (int Rank, int Findings)> units) => new(
        new DrawParameters(ratio, 2, Formula),
        [.. Enumerable.Range(1, entities).Select(i =>
        {
            var (rank, findings) = units(i);
            var risk = new Dictionary<string, int> { [DrawRiskFactors.Base] = 1, [DrawRiskFactors.Rank] = rank, [DrawRiskFactors.OpenFindings] = findings };
            return new RosterEntity($"B{i:000}", $"分支机构{i}", Carriers[i % Carriers.Length], i) { Risk = risk, Weight = Formula.Weight(risk) };
        })],
        [.. Enumerable.Range(1, 5).Select(i => new RosterInspector($"inspector{i}.nx", $"检查员{i}", $"user-{i}"))],
        [new RosterRecusal("inspector2.nx", "CUCC")]);

    private static readonly InspectionPlan Plan = new() { Id = 7, ProvinceId = 1 };

    private static InspectionDraw Perform(DrawInputs inputs, string seed) =>
        InspectionDraw.Perform(Plan, inputs, seed, SeedSource.Ceremony, "inspector.nx", new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), null);

    [Fact]
    public void The_weight_is_points_times_capped_units_and_the_formula_reads_as_the_plan_shows_it()
    {
        Assert.Equal(1m + 0.5m * 10 + 1.25m * 2, Formula.Weight(new Dictionary<string, int> { ["BASE"] = 1, ["RANK"] = 14, ["FINDINGS"] = 2 }));
        Assert.Equal(1m, Formula.Weight(new Dictionary<string, int> { ["BASE"] = 1 }));
        Assert.Equal("权重 = 1 + 0.5×排名落后位次（至多计10） + 1.25×未办结问题（至多计5）", Formula.Text);
    }

    [Fact]
    public void A_weighted_draw_is_reproducible_from_its_archive_and_verify_draw_py_agrees_with_it()
    {
        // 40 entities, half drawn: enough picks that the portal's Fenwick-tree search and the script's plain walk must agree many times.
        var draw = Perform(Inputs(40, 0.5m, i => (i % 11, i % 4)), "20261201-宁夏局公开摇号-11-42-07");
        Assert.Equal(DrawAlgorithm.WeightedVersion, draw.AlgorithmVersion);
        Assert.Equal(20, draw.Result.Count);
        Assert.True(draw.Verify().Matches, draw.Verify().Message);

        var (code, output) = VerifyDrawPy(draw.Archive([]));
        Assert.True(code == 0, output);
        Assert.Contains("weights match the formula (40 entities)", output);
        Assert.Contains($"input digest matches: {draw.InputDigest}", output);
        Assert.Contains("result matches (20 picks)", output);

        // A weight edited in the archive no longer follows its risk data, nor the digest.
        var archive = JsonNode.Parse(draw.Archive([]))!;
        archive["entities"]![3]!["weight"] = 99;
        (code, output) = VerifyDrawPy(System.Text.Encoding.UTF8.GetBytes(archive.ToJsonString()));
        Assert.Equal(1, code);
        Assert.Contains("weights DIFFER", output);
        Assert.Contains("input digest DIFFERS", output);

        // Risk data and weight changed together still break the digest the draw published.
        archive = JsonNode.Parse(draw.Archive([]))!;
        archive["entities"]![3]!["risk"]!["FINDINGS"] = 5;
        archive["entities"]![3]!["weight"] = Formula.Weight(new Dictionary<string, int> { ["BASE"] = 1, ["RANK"] = 4 % 11, ["FINDINGS"] = 5 });
        (code, output) = VerifyDrawPy(System.Text.Encoding.UTF8.GetBytes(archive.ToJsonString()));
        Assert.Equal(1, code);
        Assert.Contains("weights match", output);
        Assert.Contains("input digest DIFFERS", output);
    }

    [Fact]
    public void The_uniform_archive_still_verifies_with_the_script()
    {
        var draw = Perform(DrawAlgorithmTests.Inputs(30, 5, 0.4m), "20261201-uniform");
        Assert.Equal(DrawAlgorithm.Version, draw.AlgorithmVersion);
        Assert.Null(draw.RiskFormulaJson);
        var (code, output) = VerifyDrawPy(draw.Archive([]));
        Assert.True(code == 0, output);
        Assert.Contains("result matches (12 picks)", output);
        Assert.DoesNotContain("weight", System.Text.Encoding.UTF8.GetString(draw.Archive([])));
    }

    [Fact]
    public void The_weights_and_their_data_are_bound_into_the_digest_and_a_weight_off_the_formula_is_refused()
    {
        var inputs = Inputs(12, 0.25m, i => (i % 9, i % 3));   // ranks below 9: a cap of 9 changes no weight, only the formula
        var before = DrawAlgorithm.Run(inputs, "seed");
        var entity = inputs.Entities[5];
        var moreRisk = new Dictionary<string, int>(entity.Risk!) { [DrawRiskFactors.OpenFindings] = 4 };
        var changed = inputs with { Entities = [.. inputs.Entities.Select(e => e == entity ? e with { Risk = moreRisk, Weight = Formula.Weight(moreRisk) } : e)] };
        Assert.NotEqual(before.InputDigest, DrawAlgorithm.Run(changed, "seed").InputDigest);
        var otherFormula = inputs with { Parameters = inputs.Parameters with { Risk = new RiskFormula([.. Formula.Terms.Select(t => t.Code == "RANK" ? t with { Cap = 9 } : t)]) } };
        Assert.NotEqual(before.InputDigest, DrawAlgorithm.Run(otherFormula, "seed").InputDigest);
        // The uniform draw of the same roster is another algorithm with another digest.
        Assert.NotEqual(before.InputDigest, DrawAlgorithm.Run(inputs with { Parameters = inputs.Parameters with { Risk = null } }, "seed").InputDigest);

        var forged = inputs with { Entities = [.. inputs.Entities.Select(e => e == entity ? e with { Weight = 50m } : e)] };
        var ex = Assert.Throws<DomainException>(() => DrawAlgorithm.Run(forged, "seed"));
        Assert.Equal("draw.risk_weight", ex.Code);
        Assert.Contains("分支机构6", ex.Message);
        var zero = inputs with { Parameters = inputs.Parameters with { Risk = new RiskFormula([new(DrawRiskFactors.Base, "基础权重", 0m, 1)]) } };
        zero = zero with { Entities = [.. zero.Entities.Select(e => e with { Weight = 0m })] };
        Assert.Equal("draw.risk_zero", Assert.Throws<DomainException>(() => DrawAlgorithm.Run(zero, "seed")).Code);
    }

    /// <summary>
    /// One pick from six entities of weights 1, 2, 3, 4, 5, 8.75 (Σ 23.75) over 6,000 fixed seeds: each is drawn in proportion to its
    /// weight. The seeds are fixed, so the counts are too; the tolerance (±0.02, about 3.5 standard deviations) says how close
    /// a proportional draw is, and a draw ignoring the weights (1/6 each) or favouring the light ones lands far outside it.
    /// </summary>
    [Fact]
    public void A_single_pick_falls_on_each_entity_in_proportion_to_its_weight_over_many_seeds()
    {
        int[] findings = [0, 0, 0, 0, 0, 0];
        int[] ranks = [0, 2, 4, 6, 8, 8];
        // weight = 1 + 0.5 × rank + 1.25 × findings → 1, 2, 3, 4, 5, 5; three findings lift the last to 8.75.
        findings[5] = 3;
        var inputs = Inputs(6, 0.1m, i => (ranks[i - 1], findings[i - 1]));
        var weights = inputs.Entities.Select(e => e.Weight!.Value).ToArray();
        Assert.Equal([1m, 2m, 3m, 4m, 5m, 8.75m], weights);
        const int runs = 6000;
        var counts = new int[6];
        for (var s = 0; s < runs; s++)
        {
            var picks = DrawAlgorithm.Run(inputs, $"weighted-{s}").Picks;
            Assert.Single(picks);
            counts[int.Parse(picks[0].EntityKey[1..]) - 1]++;
        }
        var total = weights.Sum();
        for (var i = 0; i < 6; i++)
            Assert.InRange((double)counts[i] / runs, (double)(weights[i] / total) - 0.02, (double)(weights[i] / total) + 0.02);
    }

    /// <summary>
    /// Two picks from five entities without replacement: how often each is in the sample matches the exact inclusion
    /// probability of successive sampling, P(i) = w_i/W + Σ_j≠i (w_j/W)·(w_i/(W − w_j)), over 5,000 fixed seeds (±0.025).
    /// </summary>
    [Fact]
    public void Without_replacement_each_entity_is_included_as_often_as_successive_sampling_predicts()
    {
        int[] ranks = [0, 0, 2, 6, 10];
        var inputs = Inputs(5, 0.4m, i => (ranks[i - 1], 0));
        var w = inputs.Entities.Select(e => (double)e.Weight!.Value).ToArray();
        Assert.Equal([1.0, 1.0, 2.0, 4.0, 6.0], w);
        var total = w.Sum();
        var expected = w.Select((wi, i) => wi / total + w.Select((wj, j) => j == i ? 0 : wj / total * (wi / (total - wj))).Sum()).ToArray();
        const int runs = 5000;
        var counts = new int[5];
        var firsts = new int[5];
        for (var s = 0; s < runs; s++)
        {
            var picks = DrawAlgorithm.Run(inputs, $"pair-{s}").Picks;
            Assert.Equal(2, picks.Select(p => p.EntityKey).Distinct().Count());
            foreach (var p in picks) counts[int.Parse(p.EntityKey[1..]) - 1]++;
            firsts[int.Parse(picks[0].EntityKey[1..]) - 1]++;
        }
        for (var i = 0; i < 5; i++)
        {
            Assert.InRange((double)counts[i] / runs, expected[i] - 0.025, expected[i] + 0.025);
            Assert.InRange((double)firsts[i] / runs, w[i] / total - 0.025, w[i] / total + 0.025);
        }
    }

    /// <summary>Runs docs/verify_draw.py (Python standard library only) on an archive, as a third party would.</summary>
    private static (int Code, string Output) VerifyDrawPy(byte[] archive)
    {
        var script = Path.Combine(RepositoryRoot(), "docs", "verify_draw.py");
        var file = Path.Combine(Path.GetTempPath(), $"draw-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(file, archive);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", [script, file])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        finally { File.Delete(file); }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docs", "verify_draw.py"))) return dir.FullName;
        throw new InvalidOperationException("docs/verify_draw.py not found above the test directory.");
    }
}
