using System.Text.Json;
using System.Text.Json.Serialization;
using Supervision.Domain.Common;

namespace Supervision.Domain.Inspections;

public enum SeedSource
{
    /// <summary>Chosen by the system from the cryptographic generator.</summary>
    System,
    /// <summary>Entered by the inspector, e.g. numbers called out at a public ceremony.</summary>
    Ceremony,
}

public sealed record DrawVerification(bool Matches, bool InputsIntact, bool ResultReproduced, string StoredDigest, string ComputedDigest, string Message);

/// <summary>
/// One 双随机 draw: the roster snapshots, parameters, seed, algorithm version and result, stored as drawn.
/// <see cref="Verify"/> runs the algorithm again on the stored snapshots and compares.
/// </summary>
public class InspectionDraw : IProvinceScoped
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public long PlanId { get; set; }
    public InspectionPlan? Plan { get; set; }
    public string AlgorithmVersion { get; set; } = DrawAlgorithm.Version;
    public string Seed { get; set; } = "";
    public SeedSource SeedSource { get; set; }
    public decimal SamplingRatio { get; set; }
    public int InspectorsPerInspection { get; set; }
    public string EntityRosterJson { get; set; } = "[]";
    public string InspectorRosterJson { get; set; } = "[]";
    public string RecusalsJson { get; set; } = "[]";
    public string ResultJson { get; set; } = "[]";
    /// <summary>A weighted draw's formula (factor code, name, points, cap) as drawn; null for the uniform draw.</summary>
    public string? RiskFormulaJson { get; set; }
    /// <summary>SHA-256 of the canonical inputs, published with the result so the snapshots cannot be changed unnoticed.</summary>
    public string InputDigest { get; set; } = "";
    public int RosterSize { get; set; }
    public int DrawnCount { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
    public string DrawnBy { get; set; } = "";
    public string? Witnesses { get; set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTimeOffset? VoidedAt { get; private set; }
    public string? VoidReason { get; private set; }
    /// <summary>For a redraw: the published draw it replaces, and why (both stay public).</summary>
    public long? RedrawOfId { get; private set; }
    public string? RedrawReason { get; private set; }
    /// <summary>When a redraw replaced this published draw; it stays published and visible.</summary>
    public DateTimeOffset? SupersededAt { get; private set; }

    public bool IsPublished => PublishedAt is not null;
    public bool IsVoided => VoidedAt is not null;
    /// <summary>The draw the plan's inspections follow: neither voided nor replaced by a redraw.</summary>
    public bool IsCurrent => VoidedAt is null && SupersededAt is null;

    public IReadOnlyList<RosterEntity> Entities => JsonSerializer.Deserialize<List<RosterEntity>>(EntityRosterJson, Json) ?? [];
    public IReadOnlyList<RosterInspector> Inspectors => JsonSerializer.Deserialize<List<RosterInspector>>(InspectorRosterJson, Json) ?? [];
    public IReadOnlyList<RosterRecusal> Recusals => JsonSerializer.Deserialize<List<RosterRecusal>>(RecusalsJson, Json) ?? [];
    public IReadOnlyList<DrawPick> Result => JsonSerializer.Deserialize<List<DrawPick>>(ResultJson, Json) ?? [];

    public RiskFormula? RiskFormula => RiskFormulaJson is null ? null : JsonSerializer.Deserialize<RiskFormula>(RiskFormulaJson, Json);

    public DrawInputs Inputs => new(new DrawParameters(SamplingRatio, InspectorsPerInspection, RiskFormula), Entities, Inspectors, Recusals);

    /// <summary>Runs the draw and records everything needed to run it again.</summary>
    public static InspectionDraw Perform(InspectionPlan plan, DrawInputs inputs, string seed, SeedSource source, string by, DateTimeOffset at, string? witnesses)
    {
        if (source == SeedSource.Ceremony && seed.Trim().Length < 6)
            throw new DomainException("draw.seed_short", "现场公开抽取的种子至少6个字符（如摇号所得的数字串），以免被猜中。");
        var canonical = inputs.Canonical();
        var result = DrawAlgorithm.Run(canonical, seed.Trim());
        return new InspectionDraw
        {
            ProvinceId = plan.ProvinceId, PlanId = plan.Id, AlgorithmVersion = DrawAlgorithm.VersionOf(canonical.Parameters), Seed = seed.Trim(), SeedSource = source,
            RiskFormulaJson = canonical.Parameters.Risk is { } risk ? JsonSerializer.Serialize(risk, Json) : null,
            SamplingRatio = canonical.Parameters.SamplingRatio, InspectorsPerInspection = canonical.Parameters.InspectorsPerEntity,
            EntityRosterJson = JsonSerializer.Serialize(canonical.Entities, Json),
            InspectorRosterJson = JsonSerializer.Serialize(canonical.Inspectors, Json),
            RecusalsJson = JsonSerializer.Serialize(canonical.Recusals, Json),
            ResultJson = JsonSerializer.Serialize(result.Picks, Json),
            InputDigest = result.InputDigest, RosterSize = canonical.Entities.Count, DrawnCount = result.Picks.Count,
            DrawnAt = at, DrawnBy = by, Witnesses = string.IsNullOrWhiteSpace(witnesses) ? null : witnesses.Trim(),
        };
    }

    /// <summary>Runs the recorded algorithm again on the stored snapshots and seed: the digest and the result must both match.</summary>
    public DrawVerification Verify()
    {
        if (AlgorithmVersion != DrawAlgorithm.VersionOf(Inputs.Parameters))
            return new(false, false, false, InputDigest, "", $"本平台不支持算法版本“{AlgorithmVersion}”，无法复核。");
        DrawResult rerun;
        try
        {
            rerun = DrawAlgorithm.Run(Inputs, Seed);
        }
        catch (DomainException ex)
        {
            return new(false, false, false, InputDigest, "", $"按存档的名录无法重新抽取：{ex.Message}");
        }
        var intact = rerun.InputDigest == InputDigest;
        var reproduced = Same(rerun.Picks, Result);
        var message = (intact, reproduced) switch
        {
            (true, true) => $"复核一致：按存档的名录、参数和种子重新运行{AlgorithmVersion}，得到与存档完全相同的抽取结果。",
            (false, _) => "复核不一致：存档的名录或参数与抽取时的摘要不符，名录可能被改动。",
            (true, false) => "复核不一致：按存档的名录和种子重新运行得到的结果与存档结果不同，结果可能被改动。",
        };
        return new(intact && reproduced, intact, reproduced, InputDigest, rerun.InputDigest, message);
    }

    /// <summary>
    /// 复核数据: everything docs/verify_draw.py needs to run the draw and its replacements again (UTF-8 JSON) — the
    /// page's download and the tests use this one text.
    /// </summary>
    public byte[] Archive(IReadOnlyList<DrawReplacement> replacements) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        algorithm = AlgorithmVersion, seed = Seed, inputDigest = InputDigest,
        parameters = new { samplingRatio = SamplingRatio, inspectorsPerEntity = InspectorsPerInspection },
        riskFormula = RiskFormula?.Terms,
        entities = Entities, inspectors = Inspectors.Select(i => new { i.UserName, i.DisplayName }), recusals = Recusals, result = Result,
        replacements = replacements.Select(r => new
        {
            algorithm = r.AlgorithmVersion, r.EntityKey, replaced = r.ReplacedUserName, replacement = r.ReplacementUserName, r.Reason, r.Seed,
            candidates = r.Candidates, digest = r.Digest,
        }),
    }, new JsonSerializerOptions(Json) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull });

    private static bool Same(IReadOnlyList<DrawPick> a, IReadOnlyList<DrawPick> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Order == p.Second.Order && p.First.EntityKey == p.Second.EntityKey && p.First.Inspectors.SequenceEqual(p.Second.Inspectors));

    /// <summary>
    /// What <paramref name="actor"/> may do with the draw: an inspector publishes or voids a draw not yet published
    /// (voiding only before any inspection starts), and replaces an inspector on the current published draw.
    /// </summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, bool inspectionsStarted)
    {
        if (actor != Acting.Officer || !IsCurrent) return [];
        if (IsPublished) return [new(DrawActions.ReplaceInspector, "更换检查人员")];
        return
        [
            new(DrawActions.Publish, "公开结果", Primary: true),
            new(DrawActions.Void, "作废", Danger: true, NotYet: inspectionsStarted ? Started().Message : null),
        ];
    }

    private static DomainException Started() => new("draw.started", "已有检查开始记录，抽取结果不能作废。");

    /// <summary>A redraw (重新抽取) of the plan's published draw <paramref name="previous"/>: recorded with its reason; the earlier draw stays published.</summary>
    public void Replaces(InspectionDraw previous, string reason, DateTimeOffset at)
    {
        if (!previous.IsPublished || !previous.IsCurrent)
            throw new DomainException("draw.redraw_not_published", "只有已公开的现行抽取结果才能重新抽取。");
        (RedrawOfId, RedrawReason) = (previous.Id, reason.Trim());
        previous.SupersededAt = at;
    }

    /// <summary>一公开: the result becomes public (the publicity pages list published draws).</summary>
    public void Publish(string by, DateTimeOffset at)
    {
        if (IsVoided) throw new DomainException("draw.voided", "已作废的抽取结果不能公开。");
        if (IsPublished) throw new DomainException("draw.published", "抽取结果已公开。");
        (PublishedAt, PublishedBy) = (at, by);
    }

    /// <summary>A draw made in error is voided with its reason, never deleted; only before publication and before any inspection starts.</summary>
    public void Void(string reason, DateTimeOffset at, bool inspectionsStarted)
    {
        if (IsVoided) throw new DomainException("draw.voided", "该抽取结果已作废。");
        if (IsPublished) throw new DomainException("draw.published", "已公开的抽取结果不能作废。");
        if (inspectionsStarted) throw Started();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            throw new DomainException("draw.reason", "作废须说明理由（至少5个字）。");
        (VoidedAt, VoidReason) = (at, reason.Trim());
    }
}

/// <summary>Stable names of what can be done with a draw (<see cref="InspectionDraw.ActionsFor"/>).</summary>
public static class DrawActions
{
    public const string Publish = "publish";
    public const string Void = "void";
    public const string ReplaceInspector = "replace-inspector";
}
