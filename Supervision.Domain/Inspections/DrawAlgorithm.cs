using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Supervision.Domain.Common;

namespace Supervision.Domain.Inspections;

/// <summary>One entity that may be inspected, as the roster snapshot records it.</summary>
/// <param name="Key">Unique and stable: the branch code, or branch code + "/" + outlet code.</param>
public sealed record RosterEntity(string Key, string Name, string CarrierCode, int BranchId, string? CityCode = null, string? OutletCode = null)
{
    /// <summary>A weighted draw's risk weight (<see cref="RiskFormula.Weight"/> of <see cref="Risk"/>); null in a uniform draw.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Weight { get; init; }

    /// <summary>The units of each risk factor the weight was computed from (factor code → units); null in a uniform draw.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, int>? Risk { get; init; }
}

/// <summary>One inspector of the province, as the roster snapshot records it.</summary>
public sealed record RosterInspector(string UserName, string DisplayName, string UserId);

/// <summary>An inspector who must never be drawn for a carrier.</summary>
public sealed record RosterRecusal(string UserName, string CarrierCode);

/// <param name="Risk">The weight formula of a weighted draw (<see cref="DrawAlgorithm.WeightedVersion"/>); null for the uniform draw.</param>
public sealed record DrawParameters(decimal SamplingRatio, int InspectorsPerEntity, RiskFormula? Risk = null);

/// <summary>Everything a draw depends on; the same inputs and seed always give the same result.</summary>
public sealed record DrawInputs(DrawParameters Parameters, IReadOnlyList<RosterEntity> Entities, IReadOnlyList<RosterInspector> Inspectors, IReadOnlyList<RosterRecusal> Recusals)
{
    /// <summary>The inputs in canonical order: entities by key, inspectors by user name, recusals by user and carrier (ordinal).</summary>
    public DrawInputs Canonical() => this with
    {
        Parameters = Parameters with { Risk = Parameters.Risk?.Canonical() },
        Entities = [.. Entities.OrderBy(e => e.Key, StringComparer.Ordinal)],
        Inspectors = [.. Inspectors.OrderBy(i => i.UserName, StringComparer.Ordinal)],
        Recusals = [.. Recusals.Distinct().OrderBy(r => r.UserName, StringComparer.Ordinal).ThenBy(r => r.CarrierCode, StringComparer.Ordinal)],
    };
}

/// <summary>One drawn entity with its inspectors, in draw order.</summary>
public sealed record DrawPick(int Order, string EntityKey, IReadOnlyList<string> Inspectors);

public sealed record DrawResult(string InputDigest, IReadOnlyList<DrawPick> Picks);

/// <summary>
/// The 双随机 draw, version <see cref="Version"/>: reproducible by anyone from the published inputs and seed.
/// <list type="number">
/// <item>The inputs are written as canonical text (<see cref="CanonicalText"/>): a header line, the parameters, then one
/// tab-separated line per entity (E key carrier name), inspector (I user name) and recusal (R user carrier), each list
/// sorted ordinally. <c>digest = SHA-256(UTF-8 text)</c>.</item>
/// <item><c>key = SHA-256(UTF-8 seed text) ‖ digest</c> (64 bytes), so the result is bound to the seed and to every input.</item>
/// <item>Random words: block c = SHA-256(key ‖ c as 8-byte big-endian), c = 0, 1, …; each block gives four 64-bit
/// big-endian words. A uniform integer below n takes the next word w and rejects it while w ≥ 2^64 − (2^64 mod n);
/// the value is w mod n.</item>
/// <item>Entities: Fisher–Yates over the sorted roster (for i = N−1 … 1: j = uniform(i+1), swap i and j); the first
/// ⌈ratio × N⌉ are drawn, in that order.</item>
/// <item>Inspectors, for each drawn entity in order: the roster minus those recused for the entity's carrier, shuffled by
/// Fisher–Yates, then stably sorted by how many entities each already has; the first k are assigned. This spreads the
/// work evenly and at random.</item>
/// </list>
/// <see cref="System.Random"/> is deliberately not used: its sequence is not specified and may change between .NET versions.
/// <para>
/// The risk-weighted draw, version <see cref="WeightedVersion"/>, differs in two steps only. The canonical text also holds
/// the weight formula (one F line per factor: code, points, cap) and, on each E line, the entity's weight and the units of
/// each factor; the digest thus binds the weights and where they came from. The entities are drawn one at a time without
/// replacement, each with probability weight ÷ (sum of the weights not yet drawn): weights are whole hundredths u, the
/// next draw takes r = uniform(Σu of those left) and the first entity left in key order whose running sum of u exceeds r.
/// This successive sampling gives the same distribution as Efraimidis–Spirakis keys u^(1/w), but in integers only, so a
/// re-run in any language gives the same result bit for bit.
/// </para>
/// </summary>
public static class DrawAlgorithm
{
    public const string Version = "shuffle-sha256-v1";
    public const string WeightedVersion = "weighted-sha256-v1";

    public static string VersionOf(DrawParameters parameters) => parameters.Risk is null ? Version : WeightedVersion;

    /// <summary>An algorithm version as people read it (均匀随机抽取（SHA-256，第1版）); the identifier stays in the published record.</summary>
    public static string NameOf(string version) => version switch
    {
        Version => "均匀随机抽取（SHA-256，第1版）",
        WeightedVersion => "风险加权随机抽取（SHA-256，第1版）",
        ReplacementVersion => "随机更换检查人员（SHA-256，第1版）",
        _ => "其他版本",
    };

    public static DrawResult Run(DrawInputs inputs, string seed)
    {
        if (string.IsNullOrWhiteSpace(seed))
            throw new DomainException("draw.seed_required", "抽取种子不能为空。");
        var canonical = inputs.Canonical();
        Check(canonical);
        var text = CanonicalText(canonical);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var stream = new WordStream([.. SHA256.HashData(Encoding.UTF8.GetBytes(seed)), .. digest]);

        var count = DrawCount(canonical.Parameters.SamplingRatio, canonical.Entities.Count);
        var order = canonical.Entities.ToArray();
        if (canonical.Parameters.Risk is null) Shuffle(order, stream);
        else order = Weighted(order, count, stream);

        var k = canonical.Parameters.InspectorsPerEntity;
        var load = canonical.Inspectors.ToDictionary(i => i.UserName, _ => 0, StringComparer.Ordinal);
        var recused = canonical.Recusals.ToLookup(r => r.CarrierCode, r => r.UserName, StringComparer.Ordinal);
        var picks = new List<DrawPick>(count);
        for (var n = 0; n < count; n++)
        {
            var entity = order[n];
            var excluded = recused[entity.CarrierCode].ToHashSet(StringComparer.Ordinal);
            var eligible = canonical.Inspectors.Select(i => i.UserName).Where(u => !excluded.Contains(u)).ToArray();
            Shuffle(eligible, stream);
            // OrderBy is stable: among equally loaded inspectors the shuffled order decides.
            var chosen = eligible.OrderBy(u => load[u]).Take(k).ToList();
            foreach (var u in chosen) load[u]++;
            picks.Add(new DrawPick(n + 1, entity.Key, chosen));
        }
        return new DrawResult(Convert.ToHexStringLower(digest), picks);
    }

    public const string ReplacementVersion = "replace-sha256-v1";

    /// <summary>
    /// 更换检查人员, version <see cref="ReplacementVersion"/>: one inspector of a drawn entity is replaced by the same kind
    /// of verifiable draw. The candidates (sorted ordinally) are written as canonical text with the draw's input digest,
    /// the entity key and the replaced inspector (<see cref="ReplacementText"/>); <c>key = SHA-256(seed) ‖ SHA-256(text)</c>
    /// and the replacement is <c>candidates[uniform(n)]</c> from the same word stream as the draw.
    /// </summary>
    public static (string Digest, string Chosen) Replace(string drawDigest, string entityKey, string replaced, IReadOnlyList<string> candidates, string seed)
    {
        if (string.IsNullOrWhiteSpace(seed))
            throw new DomainException("draw.seed_required", "抽取种子不能为空。");
        var sorted = candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
            throw new DomainException("draw.no_replacement", "没有可以替换的检查人员（其他检查人员均已参加本次检查或须回避）。");
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(ReplacementText(drawDigest, entityKey, replaced, sorted)));
        var stream = new WordStream([.. SHA256.HashData(Encoding.UTF8.GetBytes(seed)), .. digest]);
        return (Convert.ToHexStringLower(digest), sorted[(int)stream.Below((ulong)sorted.Length)]);
    }

    public static string ReplacementText(string drawDigest, string entityKey, string replaced, IReadOnlyList<string> sortedCandidates)
    {
        var text = new StringBuilder();
        text.Append(ReplacementVersion).Append('\n');
        text.Append("draw=").Append(drawDigest).Append('\n');
        text.Append("E\t").Append(Clean(entityKey)).Append('\n');
        text.Append("X\t").Append(Clean(replaced)).Append('\n');
        foreach (var c in sortedCandidates) text.Append("I\t").Append(Clean(c)).Append('\n');
        return text.ToString();
    }

    /// <summary>⌈ratio × N⌉, computed in decimal so that 0.3 × 10 is exactly 3.</summary>
    public static int DrawCount(decimal ratio, int rosterSize) => (int)Math.Ceiling(ratio * rosterSize);

    /// <summary>A seed for a draw nobody attends: 32 bytes from the operating system's cryptographic generator, as hex.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string CanonicalText(DrawInputs canonical)
    {
        var text = new StringBuilder();
        var risk = canonical.Parameters.Risk;
        text.Append(VersionOf(canonical.Parameters)).Append('\n');
        text.Append("ratio=").Append(canonical.Parameters.SamplingRatio.ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("inspectors-per-entity=").Append(canonical.Parameters.InspectorsPerEntity.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var t in risk?.Terms ?? [])
            text.Append("F\t").Append(Clean(t.Code)).Append('\t').Append(RiskFormula.Num(t.Points)).Append('\t').Append(t.Cap.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var e in canonical.Entities)
        {
            text.Append("E\t").Append(Clean(e.Key)).Append('\t').Append(Clean(e.CarrierCode)).Append('\t').Append(Clean(e.Name));
            if (risk is not null)
                text.Append('\t').Append(RiskFormula.Num(e.Weight ?? 0)).Append('\t')
                    .Append(string.Join(",", risk.Terms.Select(t => $"{Clean(t.Code)}={(e.Risk?.GetValueOrDefault(t.Code) ?? 0).ToString(CultureInfo.InvariantCulture)}")));
            text.Append('\n');
        }
        foreach (var i in canonical.Inspectors) text.Append("I\t").Append(Clean(i.UserName)).Append('\n');
        foreach (var r in canonical.Recusals) text.Append("R\t").Append(Clean(r.UserName)).Append('\t').Append(Clean(r.CarrierCode)).Append('\n');
        return text.ToString();
    }

    /// <summary>Refuses inputs that cannot give a valid draw, before anything is drawn, naming what is wrong.</summary>
    private static void Check(DrawInputs inputs)
    {
        var p = inputs.Parameters;
        if (p.SamplingRatio is <= 0 or > 1)
            throw new DomainException("draw.ratio", "抽取比例应大于0且不超过100%。");
        if (p.InspectorsPerEntity < 2)
            throw new DomainException("draw.two_inspectors", "每个检查对象至少应抽取两名检查人员。");
        if (inputs.Entities.Count == 0)
            throw new DomainException("draw.no_entities", "检查范围内没有可抽取的检查对象，请先调整计划的检查范围。");
        if (inputs.Entities.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count() != inputs.Entities.Count)
            throw new DomainException("draw.duplicate_entity", "检查对象名录中有重复的对象。");
        if (inputs.Inspectors.Select(i => i.UserName).Distinct(StringComparer.Ordinal).Count() != inputs.Inspectors.Count)
            throw new DomainException("draw.duplicate_inspector", "检查人员名录中有重复的人员。");
        if (p.Risk is { } risk)
        {
            if (risk.Terms.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count() != risk.Terms.Count || risk.Terms.Any(t => t.Points < 0 || t.Cap < 1 || decimal.Round(t.Points, 2) != t.Points))
                throw new DomainException("draw.risk_formula", "风险权重公式有误（因素重复、分值为负或超过两位小数、上限小于1），请系统管理员核对“抽查风险权重”。");
            if (inputs.Entities.FirstOrDefault(e => e.Weight is not { } w || e.Risk is null || w != risk.Weight(e.Risk)) is { } wrong)
                throw new DomainException("draw.risk_weight", $"检查对象“{wrong.Name}”的权重与其风险数据按公式计算的结果不符。");
            if (inputs.Entities.FirstOrDefault(e => e.Weight <= 0) is { } zero)
                throw new DomainException("draw.risk_zero", $"检查对象“{zero.Name}”的权重为0，按风险加权抽取时永远不会被抽中；请系统管理员设置大于0的基础权重。");
        }
        if (inputs.Inspectors.Count < p.InspectorsPerEntity)
            throw new DomainException("draw.too_few_inspectors", $"本局检查人员只有{inputs.Inspectors.Count}名，每个检查对象需要{p.InspectorsPerEntity}名，无法抽取。");
        // Checked for the whole roster, not only for what happens to be drawn, so that whether a draw succeeds never depends on the seed.
        var short_ = inputs.Entities.Select(e => e.CarrierCode).Distinct(StringComparer.Ordinal)
            .Select(c => (Carrier: c, Eligible: inputs.Inspectors.Count(i => !inputs.Recusals.Contains(new RosterRecusal(i.UserName, c)))))
            .Where(x => x.Eligible < p.InspectorsPerEntity).ToList();
        if (short_.Count > 0)
            throw new DomainException("draw.recusals", "回避后可抽取的检查人员不足：" +
                string.Join("；", short_.Select(s => $"{s.Carrier}只有{s.Eligible}名检查人员无需回避，每个检查对象需要{p.InspectorsPerEntity}名")) +
                "。请增加检查人员或核实回避登记后再抽取。");
    }

    private static string Clean(string value) => value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static void Shuffle<T>(T[] items, WordStream stream)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)stream.Below((ulong)i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Successive proportional sampling without replacement: <paramref name="count"/> picks, each r = uniform(Σ hundredths
    /// left) choosing the first entity left (key order) whose running sum exceeds r. A Fenwick tree finds it in log N steps;
    /// drawn entities count 0, so the answer is the one a plain walk over the entities left would give.
    /// </summary>
    private static RosterEntity[] Weighted(RosterEntity[] sorted, int count, WordStream stream)
    {
        var n = sorted.Length;
        var tree = new ulong[n + 1];
        ulong total = 0;
        for (var i = 0; i < n; i++)
        {
            var u = Hundredths(sorted[i].Weight!.Value);
            total += u;
            for (var j = i + 1; j <= n; j += j & -j) tree[j] += u;
        }
        var top = 1;
        while (top * 2 <= n) top *= 2;
        var picks = new RosterEntity[count];
        for (var k = 0; k < count; k++)
        {
            var r = stream.Below(total);
            var pos = 0;
            for (var step = top; step > 0; step >>= 1)
                if (pos + step <= n && tree[pos + step] <= r) { pos += step; r -= tree[pos]; }
            // pos is the 0-based index of the entity chosen.
            picks[k] = sorted[pos];
            var units = Hundredths(sorted[pos].Weight!.Value);
            total -= units;
            for (var j = pos + 1; j <= n; j += j & -j) tree[j] -= units;
        }
        return picks;
    }

    private static ulong Hundredths(decimal weight) => (ulong)(weight * 100);

    /// <summary>SHA-256 in counter mode: deterministic, documented, the same on every platform and runtime.</summary>
    private sealed class WordStream(byte[] key)
    {
        private readonly byte[] _input = [.. key, 0, 0, 0, 0, 0, 0, 0, 0];
        private readonly byte[] _block = new byte[32];
        private ulong _counter;
        private int _next = 4;

        public ulong Below(ulong n)
        {
            // 2^64 mod n; words at or above 2^64 − rem would make small values more likely.
            var rem = (ulong.MaxValue % n + 1) % n;
            while (true)
            {
                var w = Next();
                if (rem == 0 || w <= ulong.MaxValue - rem) return w % n;
            }
        }

        private ulong Next()
        {
            if (_next == 4)
            {
                BinaryPrimitives.WriteUInt64BigEndian(_input.AsSpan(_input.Length - 8), _counter++);
                SHA256.HashData(_input, _block);
                _next = 0;
            }
            return BinaryPrimitives.ReadUInt64BigEndian(_block.AsSpan(8 * _next++, 8));
        }
    }
}
