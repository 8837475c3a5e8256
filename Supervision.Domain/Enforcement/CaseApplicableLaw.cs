using Supervision.Domain.Catalog;
using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// 从旧兼从轻 (行政处罚法第三十七条): a penalty applies the law in force when the act was done; where the law in force at the decision
/// was amended and punishes lighter, the new one. The catalog links the versions (<see cref="LegalBasis.Supersedes"/>); the case
/// refuses the wrong version and records which one the decision applies and why.
/// </summary>
public partial class EnforcementCase
{
    private const string Article37 = "《中华人民共和国行政处罚法》第三十七条";

    /// <summary>Which version of the law the decision applies and why, as the 决定书 states it; null where no other version was in force.</summary>
    public string? AppliedLawNote { get; private set; }

    /// <summary>Checks each sanction against its basis and against the version the law applies to a decision dated <paramref name="on"/>.</summary>
    private void CheckSanctions(IEnumerable<CaseSanction> sanctions, IReadOnlyDictionary<int, LegalBasis> bases, DateOnly on)
    {
        foreach (var s in sanctions)
        {
            var basis = bases[s.LegalBasisId];
            Check(VersionRefusal(basis, bases.Values, on));
            s.CheckAgainst(basis, ViolationDate, asLighterLaterVersion: !basis.IsEffectiveOn(ViolationDate));
        }
    }

    /// <summary>
    /// A basis the decision cannot rest on: a later version not lighter than the one in force at the act, or the version in force at
    /// the act where a lighter later one is in force on <paramref name="on"/>.
    /// </summary>
    private DomainException? VersionRefusal(LegalBasis basis, IEnumerable<LegalBasis> all, DateOnly on)
    {
        if (!basis.IsEffectiveOn(ViolationDate))
        {
            if (ActTimeVersion(basis, all) is not { } old || !basis.IsEffectiveOn(on))
                return new("case.basis_not_effective", $"法律依据{basis.Label}在违法行为发生日（{ChineseDate.Format(ViolationDate)}）不在有效期内。");
            // The later version's tier that fits the case's facts (情节严重, 拒不改正) is the one compared.
            if (LaterVersion(old, all, on) is { } fitting && fitting.Id != basis.Id)
                return new("case.later_version_tier", $"按本案记录的情节，新的规定中适用的是{fitting.Label}，不是{basis.Label}：依照{Article37}，比较的是该档与违法行为发生时的{old.Label}。");
            return basis.LighterThan(old, CorrectiveOrderDisregarded) ? null
                : new("case.later_version_not_lighter",
                    $"违法行为发生于{ChineseDate.Format(ViolationDate)}，当时施行的是{old.Label}；{basis.Label}自{ChineseDate.Format(basis.EffectiveFrom)}起施行，"
                    + $"其处罚不轻于原规定。依照{Article37}，应当适用违法行为发生时的规定：请依据{old.Label}拟定处罚。");
        }
        return LighterLaterVersion(basis, all, on) is { } lighter
            ? new("case.lighter_version_applies",
                $"作出处罚决定时，{lighter.Label}已自{ChineseDate.Format(lighter.EffectiveFrom)}起施行，取代违法行为发生时的{basis.Label}，且处罚较轻"
                + $"（{Range(lighter)}，原为{Range(basis)}）。依照{Article37}，应当适用新的规定：请依据{lighter.Label}拟定处罚。")
            : null;
    }

    /// <summary>The version in force when the act was done that <paramref name="later"/> replaced.</summary>
    private LegalBasis? ActTimeVersion(LegalBasis later, IEnumerable<LegalBasis> all) =>
        later.Supersedes is { } code ? all.FirstOrDefault(b => b.Code == code && b.IsEffectiveOn(ViolationDate)) : null;

    /// <summary>The later version of the same tier in force on <paramref name="on"/> that punishes this case lighter, if any.</summary>
    private LegalBasis? LighterLaterVersion(LegalBasis actVersion, IEnumerable<LegalBasis> all, DateOnly on) =>
        LaterVersion(actVersion, all, on) is { } later && later.LighterThan(actVersion, CorrectiveOrderDisregarded) ? later : null;

    /// <summary>
    /// The version replacing <paramref name="actVersion"/> in force on <paramref name="on"/>, in the tier the case's recorded facts
    /// fall under: a tier whose condition (情节严重, 拒不改正) the case meets before the general one.
    /// </summary>
    private LegalBasis? LaterVersion(LegalBasis actVersion, IEnumerable<LegalBasis> all, DateOnly on) =>
        all.Where(b => b.Supersedes == actVersion.Code && b.IsEffectiveOn(on) && ConditionMet(b.Condition))
            .OrderByDescending(b => b.Condition != TierCondition.None).ThenBy(b => b.Code, StringComparer.Ordinal).FirstOrDefault();

    private bool ConditionMet(TierCondition condition) => condition switch
    {
        TierCondition.None => true,
        TierCondition.Serious => AggravatingFacts is not null,
        _ => CorrectiveOrderDisregarded || AggravatingFacts is not null,
    };

    /// <summary>
    /// What the decision states about the version it applies: where another version was in force at the act or at the decision,
    /// which one applies and why (行政处罚法第三十七条); null where only one version ever applied.
    /// </summary>
    private string? VersionNote(IEnumerable<CaseSanction> sanctions, IReadOnlyDictionary<int, LegalBasis> bases, DateOnly on)
    {
        var notes = new List<string>();
        foreach (var basis in sanctions.Select(s => bases[s.LegalBasisId]).DistinctBy(b => b.Id).OrderBy(b => b.Code, StringComparer.Ordinal))
        {
            if (!basis.IsEffectiveOn(ViolationDate) && ActTimeVersion(basis, bases.Values) is { } old)
                notes.Add($"违法行为发生时施行的是{old.Citation}；作出本决定时施行的{basis.Citation}（{ChineseDate.Format(basis.EffectiveFrom)}起施行）处罚较轻（{Range(basis)}，原为{Range(old)}），"
                          + $"依照{Article37}的规定，适用新的规定。");
            else if (LaterVersion(basis, bases.Values, on) is { } later)
                notes.Add($"作出本决定时施行的是{later.Citation}（{ChineseDate.Format(later.EffectiveFrom)}起施行），其处罚不轻于违法行为发生时施行的{basis.Citation}（{Range(later)}，原为{Range(basis)}），"
                          + $"依照{Article37}的规定，适用违法行为发生时的规定。");
        }
        return notes.Count == 0 ? null : string.Concat(notes);
    }

    /// <summary>The sanctions a version allows this case, in words: 警告、罚款¥10,000.00至¥50,000.00.</summary>
    private string Range(LegalBasis b)
    {
        var kinds = b.AllowedSanctions.Where(k => k != SanctionKind.CorrectiveOrder
                                                  && (k != SanctionKind.Fine || !b.FineOnlyIfNotCorrected || CorrectiveOrderDisregarded)).ToList();
        if (kinds.Count == 0) return "仅责令改正";
        return string.Join("、", kinds.Select(k => k == SanctionKind.Fine ? $"罚款{b.FineRangeText}" : SanctionLabels.Label(k)));
    }
}
