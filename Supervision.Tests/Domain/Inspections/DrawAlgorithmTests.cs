using Supervision.Domain.Common;
using Supervision.Domain.Inspections;

namespace Supervision.Tests.Domain.Inspections;

public class DrawAlgorithmTests
{
    private static readonly string[] Carriers = ["CMCC", "CUCC", "CTCC", "CBN"];

    public static DrawInputs Inputs(int entities = 20, int inspectors = 6, decimal ratio = 0.3m, int perEntity = 2, params RosterRecusal[] recusals) => new(
        new DrawParameters(ratio, perEntity),
        [.. Enumerable.Range(1, entities).Select(i => new RosterEntity($"B{i:000}", $"分支机构{i}", Carriers[i % Carriers.Length], i))],
        [.. Enumerable.Range(1, inspectors).Select(i => new RosterInspector($"inspector{i}.nx", $"检查员{i}", $"user-{i}"))],
        recusals);

    private const string Seed = "20261128-公开摇号-38-17-05";

    [Fact]
    public void The_same_inputs_and_seed_give_the_same_result_whatever_the_order_of_the_rosters()
    {
        var inputs = Inputs();
        var first = DrawAlgorithm.Run(inputs, Seed);
        var shuffled = inputs with { Entities = [.. inputs.Entities.Reverse()], Inspectors = [.. inputs.Inspectors.Reverse()] };
        var second = DrawAlgorithm.Run(shuffled, Seed);
        Assert.Equal(first.InputDigest, second.InputDigest);
        Assert.Equal(Describe(first), Describe(second));
    }

    [Fact]
    public void Another_seed_gives_another_result()
    {
        var inputs = Inputs();
        Assert.NotEqual(Describe(DrawAlgorithm.Run(inputs, Seed)), Describe(DrawAlgorithm.Run(inputs, Seed + "1")));
        Assert.Equal(DrawAlgorithm.Run(inputs, Seed).InputDigest, DrawAlgorithm.Run(inputs, Seed + "1").InputDigest);
    }

    public static TheoryData<string> Changes => ["entity added", "entity removed", "entity renamed", "inspector added", "inspector removed", "recusal added", "ratio changed"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_in_the_rosters_changes_the_digest_and_the_result(string change)
    {
        var inputs = Inputs();
        var changed = change switch
        {
            "entity added" => inputs with { Entities = [.. inputs.Entities, new RosterEntity("B999", "新增分支机构", "CMCC", 999)] },
            "entity removed" => inputs with { Entities = [.. inputs.Entities.Skip(1)] },
            "entity renamed" => inputs with { Entities = [inputs.Entities[0] with { Name = "改名" }, .. inputs.Entities.Skip(1)] },
            "inspector added" => inputs with { Inspectors = [.. inputs.Inspectors, new RosterInspector("inspector9.nx", "检查员9", "user-9")] },
            "inspector removed" => inputs with { Inspectors = [.. inputs.Inspectors.Skip(1)] },
            "recusal added" => inputs with { Recusals = [new RosterRecusal("inspector1.nx", "CUCC")] },
            _ => inputs with { Parameters = inputs.Parameters with { SamplingRatio = 0.35m } },
        };
        var before = DrawAlgorithm.Run(inputs, Seed);
        var after = DrawAlgorithm.Run(changed, Seed);
        Assert.NotEqual(before.InputDigest, after.InputDigest);
        Assert.NotEqual(Describe(before), Describe(after));
    }

    [Theory]
    [InlineData(10, 0.3, 3)]
    [InlineData(12, 0.25, 3)]
    [InlineData(10, 0.31, 4)]
    [InlineData(7, 1.0, 7)]
    [InlineData(1, 0.01, 1)]
    public void The_draw_takes_the_sampling_ratio_rounded_up(int roster, double ratio, int expected)
    {
        var result = DrawAlgorithm.Run(Inputs(roster, ratio: (decimal)ratio), Seed);
        Assert.Equal(expected, result.Picks.Count);
        Assert.Equal(expected, result.Picks.Select(p => p.EntityKey).Distinct().Count());
    }

    [Fact]
    public void Each_drawn_entity_gets_distinct_inspectors_spread_evenly()
    {
        var result = DrawAlgorithm.Run(Inputs(30, 6, 1m, 2), Seed);
        Assert.All(result.Picks, p => Assert.Equal(2, p.Inspectors.Distinct().Count()));
        var load = result.Picks.SelectMany(p => p.Inspectors).GroupBy(u => u).Select(g => g.Count()).ToList();
        Assert.Equal(6, load.Count);
        Assert.True(load.Max() - load.Min() <= 1, $"loads {string.Join(",", load)}");
    }

    [Fact]
    public void A_recused_inspector_is_never_drawn_for_that_carrier()
    {
        var recusals = new[] { new RosterRecusal("inspector1.nx", "CUCC"), new RosterRecusal("inspector2.nx", "CUCC"), new RosterRecusal("inspector3.nx", "CMCC") };
        var inputs = Inputs(40, 4, 1m, 2, recusals);
        foreach (var seed in Enumerable.Range(0, 50).Select(i => $"seed-{i}"))
        {
            var entities = inputs.Entities.ToDictionary(e => e.Key);
            foreach (var pick in DrawAlgorithm.Run(inputs, seed).Picks)
            {
                var carrier = entities[pick.EntityKey].CarrierCode;
                Assert.DoesNotContain(pick.Inspectors, u => recusals.Contains(new RosterRecusal(u, carrier)));
            }
        }
        // CUCC entities can only get inspector3 and inspector4.
        var cucc = DrawAlgorithm.Run(inputs, Seed).Picks.Where(p => inputs.Entities.Single(e => e.Key == p.EntityKey).CarrierCode == "CUCC");
        Assert.All(cucc, p => Assert.Equal(["inspector3.nx", "inspector4.nx"], p.Inspectors.Order()));
    }

    [Fact]
    public void Recusals_that_leave_fewer_than_two_inspectors_for_a_carrier_refuse_the_draw_whatever_the_seed()
    {
        var inputs = Inputs(20, 3, 0.1m, 2, new RosterRecusal("inspector1.nx", "CBN"), new RosterRecusal("inspector2.nx", "CBN"));
        foreach (var seed in new[] { "a", "b", "c" })
        {
            var ex = Assert.Throws<DomainException>(() => DrawAlgorithm.Run(inputs, seed));
            Assert.Equal("draw.recusals", ex.Code);
            Assert.Contains("CBN只有1名检查人员无需回避", ex.Message);
        }
    }

    [Fact]
    public void Fewer_than_two_inspectors_per_entity_or_an_empty_roster_is_refused()
    {
        Assert.Equal("draw.two_inspectors", Assert.Throws<DomainException>(() => DrawAlgorithm.Run(Inputs(perEntity: 1), Seed)).Code);
        Assert.Equal("draw.no_entities", Assert.Throws<DomainException>(() => DrawAlgorithm.Run(Inputs(0), Seed)).Code);
        Assert.Equal("draw.too_few_inspectors", Assert.Throws<DomainException>(() => DrawAlgorithm.Run(Inputs(inspectors: 1), Seed)).Code);
        Assert.Equal("draw.ratio", Assert.Throws<DomainException>(() => DrawAlgorithm.Run(Inputs(ratio: 0m), Seed)).Code);
    }

    [Fact]
    public void Every_entity_is_drawn_about_equally_often_over_many_seeds()
    {
        var inputs = Inputs(10, 4, 0.3m);
        var counts = new int[10];
        const int runs = 3000;
        for (var i = 0; i < runs; i++)
            foreach (var pick in DrawAlgorithm.Run(inputs, $"s{i}").Picks)
                counts[int.Parse(pick.EntityKey[1..]) - 1]++;
        // Expected 900 each (3000 × 3 / 10); a fair draw stays well within ±15 %.
        Assert.All(counts, c => Assert.InRange(c, 765, 1035));
    }

    /// <summary>
    /// Pinned result of shuffle-sha256-v1 for fixed inputs, computed independently by the reference implementation in
    /// docs/inspections-draw.md (Python): a change to the algorithm must come with a new version string.
    /// </summary>
    [Fact]
    public void The_algorithm_gives_the_published_known_answer()
    {
        var result = DrawAlgorithm.Run(Inputs(12, 4, 0.25m, 2, new RosterRecusal("inspector2.nx", "CUCC")), "20260901-宁夏局公开摇号-38-17-05-92");
        Assert.Equal(KnownDigest, result.InputDigest);
        Assert.Equal(KnownAnswer, Describe(result));
    }

    private const string KnownDigest = "5e3ec5efff81cf40b2027aab4e675e1f6c13f2073c3cfecb2d26721eaa3f6655";
    private const string KnownAnswer = "1:B012:inspector4.nx,inspector2.nx;2:B010:inspector3.nx,inspector1.nx;3:B009:inspector1.nx,inspector3.nx";

    private static string Describe(DrawResult result) => string.Join(";", result.Picks.Select(p => $"{p.Order}:{p.EntityKey}:{string.Join(",", p.Inspectors)}"));

    [Fact]
    public void A_replacement_is_a_uniform_reproducible_pick_bound_to_the_draw_the_entity_and_the_candidates()
    {
        string[] candidates = ["inspector5.nx", "inspector3.nx", "inspector4.nx"];
        var (digest, chosen) = DrawAlgorithm.Replace("ab12", "B007", "inspector1.nx", candidates, Seed);
        Assert.Equal((digest, chosen), DrawAlgorithm.Replace("ab12", "B007", "inspector1.nx", [.. candidates.Reverse()], Seed));
        Assert.Contains(chosen, candidates);
        // The digest covers the draw, the entity, the person replaced and every candidate.
        Assert.NotEqual(digest, DrawAlgorithm.Replace("ab13", "B007", "inspector1.nx", candidates, Seed).Digest);
        Assert.NotEqual(digest, DrawAlgorithm.Replace("ab12", "B008", "inspector1.nx", candidates, Seed).Digest);
        Assert.NotEqual(digest, DrawAlgorithm.Replace("ab12", "B007", "inspector2.nx", candidates, Seed).Digest);
        Assert.NotEqual(digest, DrawAlgorithm.Replace("ab12", "B007", "inspector1.nx", candidates[..2], Seed).Digest);
        // Every candidate can be picked: over 300 seeds each of the three comes up at least 60 times (expected 100).
        var counts = Enumerable.Range(0, 300).Select(i => DrawAlgorithm.Replace("ab12", "B007", "inspector1.nx", candidates, $"seed-{i}").Chosen)
            .CountBy(c => c).ToDictionary();
        Assert.Equal(candidates.Order(), counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.InRange(n, 60, 140));
        Assert.Equal("draw.no_replacement", Assert.Throws<DomainException>(() => DrawAlgorithm.Replace("ab12", "B007", "inspector1.nx", [], Seed)).Code);
    }
}
