using System.Text.Json;
using Supervision.Domain.Common;

namespace Supervision.Domain.Inspections;

/// <summary>
/// 更换检查人员 after a published draw (illness, a conflict found later): who was replaced and why, and the draw that chose
/// the replacement — candidates, seed and digest — so anyone can run it again (<see cref="DrawAlgorithm.Replace"/>).
/// </summary>
public class DrawReplacement : IProvinceScoped
{
    public long Id { get; private set; }
    public int ProvinceId { get; private set; }
    public long DrawId { get; private set; }
    public long InspectionId { get; private set; }
    public string EntityKey { get; private set; } = "";
    public string ReplacedUserName { get; private set; } = "";
    public string ReplacedDisplayName { get; private set; } = "";
    public string ReplacementUserName { get; private set; } = "";
    public string ReplacementDisplayName { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string AlgorithmVersion { get; private set; } = DrawAlgorithm.ReplacementVersion;
    public string Seed { get; private set; } = "";
    /// <summary>The candidates' user names, sorted ordinally, as the algorithm read them.</summary>
    public string CandidatesJson { get; private set; } = "[]";
    public string Digest { get; private set; } = "";
    public DateTimeOffset ReplacedAt { get; private set; }
    public string ReplacedBy { get; private set; } = "";

    public IReadOnlyList<string> Candidates => JsonSerializer.Deserialize<List<string>>(CandidatesJson) ?? [];

    /// <summary>
    /// Replaces <paramref name="replaced"/> on the inspection of a published, current draw by a random pick among
    /// <paramref name="candidates"/> (the province's inspectors not on the inspection and not recused for the carrier).
    /// </summary>
    public static DrawReplacement Perform(InspectionDraw draw, Inspection inspection, string replaced, IReadOnlyList<RosterInspector> candidates,
        string seed, string reason, string by, DateTimeOffset at)
    {
        if (!draw.IsPublished || !draw.IsCurrent)
            throw new DomainException("draw.replace_not_published", "只有已公开的现行抽取结果可以更换检查人员；尚未公开的结果可以作废后重新抽取。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
            throw new DomainException("draw.replace_reason", "更换检查人员须说明理由（至少5个字），如因病不能参加、发现须回避的情形。");
        var leaving = inspection.Inspectors.FirstOrDefault(i => i.UserName == replaced)
            ?? throw new DomainException("draw.replace_not_assigned", "该人员不是本次检查的检查人员。");
        var (digest, chosen) = DrawAlgorithm.Replace(draw.InputDigest, inspection.EntityKey, replaced, [.. candidates.Select(c => c.UserName)], seed);
        var joining = candidates.First(c => c.UserName == chosen);
        inspection.ReplaceInspector(leaving, joining);
        return new DrawReplacement
        {
            ProvinceId = draw.ProvinceId, DrawId = draw.Id, InspectionId = inspection.Id, EntityKey = inspection.EntityKey,
            ReplacedUserName = leaving.UserName, ReplacedDisplayName = leaving.DisplayName,
            ReplacementUserName = joining.UserName, ReplacementDisplayName = joining.DisplayName,
            Reason = reason.Trim(), Seed = seed, Digest = digest, ReplacedAt = at, ReplacedBy = by,
            CandidatesJson = JsonSerializer.Serialize(candidates.Select(c => c.UserName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        };
    }

    /// <summary>Runs the replacement draw again from the stored candidates and seed: digest and pick must both match.</summary>
    public bool Verify(InspectionDraw draw)
    {
        if (AlgorithmVersion != DrawAlgorithm.ReplacementVersion) return false;
        var (digest, chosen) = DrawAlgorithm.Replace(draw.InputDigest, EntityKey, ReplacedUserName, Candidates, Seed);
        return digest == Digest && chosen == ReplacementUserName;
    }
}
