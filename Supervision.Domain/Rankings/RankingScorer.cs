namespace Supervision.Domain.Rankings;

public enum RankingOutcome
{
    /// <summary>Scored and ranked.</summary>
    Scored,
    /// <summary>Owed the data the ranking needs and did not have it accepted: listed last with the reason.</summary>
    NotReported,
    /// <summary>Nothing to rank it on (no data for the period at all): listed last.</summary>
    NoData,
}

/// <summary>An indicator of one entity as the summary table holds it.</summary>
public sealed record IndicatorReading(IndicatorStatus Status, double? Value, double Numerator, double Denominator);

/// <summary>Something ranked: a company or a province, with its readings by indicator code (absent: not owed).</summary>
public sealed record ScoringEntity(int Id, string Name, string Group, int SortKey, IReadOnlyDictionary<string, IndicatorReading> Readings, string? Reason = null);

/// <summary>One line of an entity's score breakdown.</summary>
/// <param name="Points">0–100, or null when the indicator does not count for the entity or is reference only (weight 0).</param>
/// <param name="Share">The indicator's share of the total after leaving out what does not apply (0–1).</param>
public sealed record IndicatorScore(RankingIndicator Indicator, IndicatorReading? Reading, double? Points, double Share, string Note)
{
    public double? Contribution => Points is { } p ? p * Share : null;
}

public sealed record RankedEntity(ScoringEntity Entity, RankingOutcome Outcome, int Rank, bool Tied, double? Score, IReadOnlyList<IndicatorScore> Breakdown, string? Reason);

/// <summary>
/// Turns readings into scores and ranks — pure arithmetic over what the summary table holds, so every rule is
/// testable by hand: each indicator normalised to 0–100 (<see cref="RankingIndicator.Points"/>), a weighted
/// mean over the indicators that apply (an owed but missing one scores 0), rounded to two decimals; equal
/// scores share a rank (1, 2, 2, 4); entities without their required data are listed after all others.
/// </summary>
public static class RankingScorer
{
    public const int Decimals = 2;

    public static IReadOnlyList<RankedEntity> Rank(IReadOnlyList<RankingIndicator> indicators, IReadOnlyList<ScoringEntity> entities)
    {
        var required = indicators.Where(i => i.Required).Select(i => i.Code).ToHashSet();
        var outcomes = entities.ToDictionary(e => e, e => Outcome(e, required));
        var scorable = entities.Where(e => outcomes[e] == RankingOutcome.Scored).ToList();
        // Min–max indicators compare within the set being ranked.
        var extremes = indicators.Where(i => i.Normalization == IndicatorNormalization.MinMax).ToDictionary(i => i.Code, i =>
        {
            var values = scorable.Select(e => e.Readings.GetValueOrDefault(i.Code)).Where(r => r is { Status: IndicatorStatus.Reported, Value: not null })
                .Select(r => r!.Value!.Value).ToList();
            if (values.Count == 0) return (0.0, 0.0);
            return i.Direction == IndicatorDirection.HigherIsBetter ? (values.Max(), values.Min()) : (values.Min(), values.Max());
        });

        var scored = new List<(ScoringEntity Entity, double Score, IReadOnlyList<IndicatorScore> Breakdown)>();
        var unscored = new List<(ScoringEntity Entity, RankingOutcome Outcome, IReadOnlyList<IndicatorScore> Breakdown, string Reason)>();
        foreach (var entity in entities)
        {
            var breakdown = Breakdown(indicators, entity, extremes);
            var outcome = outcomes[entity];
            var weight = breakdown.Sum(b => b.Share);
            if (outcome == RankingOutcome.Scored && weight > 0)
                scored.Add((entity, Math.Round(breakdown.Sum(b => b.Contribution ?? 0), Decimals, MidpointRounding.AwayFromZero), breakdown));
            else
            {
                var final = outcome == RankingOutcome.Scored ? RankingOutcome.NoData : outcome;
                unscored.Add((entity, final, breakdown, entity.Reason ?? DefaultReason(final, indicators, entity)));
            }
        }

        var result = new List<RankedEntity>();
        var ordered = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Entity.SortKey).ThenBy(s => s.Entity.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            var rank = i > 0 && ordered[i - 1].Score == s.Score ? result[i - 1].Rank : i + 1;
            var tied = (i > 0 && ordered[i - 1].Score == s.Score) || (i + 1 < ordered.Count && ordered[i + 1].Score == s.Score);
            result.Add(new RankedEntity(s.Entity, RankingOutcome.Scored, rank, tied, s.Score, s.Breakdown, null));
        }
        var last = ordered.Count + 1;
        foreach (var u in unscored.OrderBy(u => u.Outcome).ThenBy(u => u.Entity.SortKey).ThenBy(u => u.Entity.Name, StringComparer.Ordinal))
            result.Add(new RankedEntity(u.Entity, u.Outcome, last, unscored.Count > 1, null, u.Breakdown, u.Reason));
        return result;
    }

    private static RankingOutcome Outcome(ScoringEntity entity, HashSet<string> required)
    {
        if (!entity.Readings.Values.Any(r => r.Status != IndicatorStatus.NotApplicable)) return RankingOutcome.NoData;
        return entity.Readings.Any(r => r.Value.Status == IndicatorStatus.NotReported && required.Contains(r.Key)) ? RankingOutcome.NotReported : RankingOutcome.Scored;
    }

    private static IReadOnlyList<IndicatorScore> Breakdown(IReadOnlyList<RankingIndicator> indicators, ScoringEntity entity, Dictionary<string, (double Best, double Worst)> extremes)
    {
        var counted = indicators.Where(i => i.Weight > 0 && entity.Readings.GetValueOrDefault(i.Code) is { Status: not IndicatorStatus.NotApplicable }).Sum(i => i.Weight);
        return indicators.Select(i =>
        {
            var reading = entity.Readings.GetValueOrDefault(i.Code);
            var (best, worst) = extremes.GetValueOrDefault(i.Code);
            // 仅作参考 (weight 0): shown with its value, never with a score.
            double? points = reading switch
            {
                _ when i.Weight == 0 => null,
                { Status: IndicatorStatus.Reported, Value: { } v } => i.Points(v, best, worst),
                { Status: IndicatorStatus.NotReported } => 0,
                _ => null,
            };
            var counts = i.Weight > 0 && points is not null;
            var note = reading switch
            {
                null => "不适用",
                { Status: IndicatorStatus.NotApplicable } => "无可计算数据，不计入",
                { Status: IndicatorStatus.NotReported } => i.Weight > 0 ? "未报送，按0分计" : "未报送",
                _ when i.Weight == 0 => "仅作参考，不计分",
                _ => "",
            };
            return new IndicatorScore(i, reading, points, counts && counted > 0 ? i.Weight / counted : 0, note);
        }).ToList();
    }

    private static string DefaultReason(RankingOutcome outcome, IReadOnlyList<RankingIndicator> indicators, ScoringEntity entity) => outcome switch
    {
        RankingOutcome.NotReported => "缺少" + string.Join("、", indicators.Where(i => i.Required && entity.Readings.GetValueOrDefault(i.Code)?.Status == IndicatorStatus.NotReported).Select(i => i.Name)) + "所需的已受理报表",
        _ => "本期无数据",
    };
}
