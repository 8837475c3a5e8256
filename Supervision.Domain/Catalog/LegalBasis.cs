using System.Globalization;
using Supervision.Domain.Common;

namespace Supervision.Domain.Catalog;

/// <summary>
/// One article the administration enforces: the duty it sets and what may be imposed when it is broken.
/// Every number here is data an administrator maintains, never a constant in code.
/// </summary>
public class LegalBasis : ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    /// <summary>e.g. 《电话用户真实身份信息登记规定》（工业和信息化部令第25号）.</summary>
    public string Statute { get; set; } = "";
    /// <summary>The article that sets the duty, e.g. 第六条.</summary>
    public string DutyArticle { get; set; } = "";
    /// <summary>The article that sets the sanction, e.g. 第十九条.</summary>
    public string PenaltyArticle { get; set; } = "";
    public string Duty { get; set; } = "";
    public List<SanctionKind> AllowedSanctions { get; set; } = [];
    public decimal? FineMin { get; set; }
    public decimal? FineMax { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>Remarks: what the penalty article says in full, tiers, what is still to check.</summary>
    public string? Note { get; set; }
    /// <summary>The published text the entry was taken from (e.g. 国家法律法规数据库 2016年11月7日公布文本).</summary>
    public string? Source { get; set; }

    /// <summary>
    /// Whether an administrator checked the article numbers and the wording against the published text. An unchecked entry
    /// is shown as 待核对 and cannot be used for a decision: a decision on a wrong article is overturned on review.
    /// </summary>
    public bool Verified { get; set; }
    public string? VerifiedBy { get; set; }
    public DateOnly? VerifiedOn { get; set; }

    /// <summary>
    /// What every penalty decision under this basis includes (Order 25 Art. 19, Order 24 Arts. 22–23 "责令限期改正，予以警告，可以并处……罚款":
    /// the corrective order with its deadline and the warning; a fine comes with them, never alone).
    /// </summary>
    public List<SanctionKind> MandatorySanctions { get; set; } = [];

    /// <summary>
    /// The article allows a fine only when the party refused to correct (反恐怖主义法 Art. 86, 网络安全法 2016 Arts. 59 and 61
    /// "拒不改正"): the case must rest on a corrective order that was not complied with.
    /// </summary>
    public bool FineOnlyIfNotCorrected { get; set; }

    /// <summary>
    /// The condition of the tier this entry describes (情节严重; 拒不改正或者导致危害后果): its sanctions beyond a corrective order
    /// rest on the condition being recorded in the case (反电信网络诈骗法第三十九条 情节严重的; 网络安全法 serious tier).
    /// </summary>
    public TierCondition Condition { get; set; }

    /// <summary>法律, 行政法规 or 部门规章: a statute covering the same act as a departmental rule applies instead of it.</summary>
    public LegalRank Rank { get; set; }

    /// <summary>
    /// The code of the earlier version this entry replaces (the same duty and tier under the amended text, e.g. CSL2025-23 for
    /// CSL2016-21): a case decides under the version in force at the act unless this later one is lighter (行政处罚法第三十七条).
    /// </summary>
    public string? Supersedes { get; set; }

    public bool IsEffectiveOn(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    /// <summary>
    /// Whether this version punishes the act lighter than <paramref name="other"/> for a case where the party did (or did not)
    /// disregard a corrective order: its heaviest sanction available is lighter, or with the same heaviest sanction it has no fine where
    /// the other has one, or a lower maximum (then minimum) fine. A fine an article allows only on a refusal to correct is not available
    /// without one.
    /// </summary>
    public bool LighterThan(LegalBasis other, bool correctiveOrderDisregarded)
    {
        var (mine, theirs) = (Heaviest(correctiveOrderDisregarded), other.Heaviest(correctiveOrderDisregarded));
        if (mine != theirs) return mine < theirs;
        var (myFine, theirFine) = (FineAvailable(correctiveOrderDisregarded), other.FineAvailable(correctiveOrderDisregarded));
        if (myFine != theirFine) return !myFine;
        if (!myFine) return false;
        if (FineMax != other.FineMax) return FineMax < other.FineMax;
        return (FineMin ?? 0) < (other.FineMin ?? 0);
    }

    private bool FineAvailable(bool correctiveOrderDisregarded) => Allows(SanctionKind.Fine) && (!FineOnlyIfNotCorrected || correctiveOrderDisregarded);

    private int Heaviest(bool correctiveOrderDisregarded) =>
        AllowedSanctions.Where(k => k != SanctionKind.Fine || FineAvailable(correctiveOrderDisregarded)).Select(SanctionLabels.Severity).DefaultIfEmpty(0).Max();

    public bool Allows(SanctionKind kind) => AllowedSanctions.Contains(kind);

    /// <summary>
    /// Whether this entry and <paramref name="other"/> cite the same duty: the same statute and duty article (tiers of one article, e.g.
    /// 情节严重), or one version of it replacing the other (<see cref="Supersedes"/>). A finding, its corrective order and the case on
    /// the same facts cite one duty (the checklist item's catalog entry), never 第六条 in one and 第九条 in another.
    /// </summary>
    public bool SameDutyAs(LegalBasis other) =>
        Id == other.Id || (Statute == other.Statute && DutyArticle == other.DutyArticle) || Supersedes == other.Code || other.Supersedes == Code;

    public string Citation => $"{Statute}{DutyArticle}" + (PenaltyArticle.Length > 0 && PenaltyArticle != DutyArticle ? $"、{PenaltyArticle}" : "");

    /// <summary>
    /// How a person tells this entry from the others on a page and in a message: the citation, and the tier's condition where
    /// two entries cite the same articles ("……第三十九条（情节严重）"). The catalog <see cref="Code"/> stays for the API and imports.
    /// </summary>
    public string Label => Citation + (Condition == TierCondition.None ? "" : $"（{TierConditions.Label(Condition)}）");

    public string FineRangeText => FineMin is null && FineMax is null
        ? "不设罚款"
        : $"{ChineseMoney.Yuan(FineMin ?? 0)}至{ChineseMoney.Yuan(FineMax ?? 0)}";

    /// <summary>Refuses a fine this basis does not allow or one outside its range.</summary>
    public void CheckFine(decimal amount)
    {
        if (!Allows(SanctionKind.Fine) || FineMax is null)
            throw new DomainException("fine.not_allowed", $"依据{Label}不设罚款，不能处以罚款。");
        if (amount != decimal.Round(amount, 2))
            throw new DomainException("fine.precision", "罚款金额最多保留两位小数（分）。");
        var min = FineMin ?? 0m;
        if (amount < min || amount > FineMax)
            throw new DomainException("fine.out_of_range",
                $"罚款金额{ChineseMoney.Yuan(amount)}超出依据{Label}规定的范围（{ChineseMoney.Yuan(min)}至{ChineseMoney.Yuan(FineMax.Value)}）。");
    }

    /// <summary>What the entry says the law is (everything but remarks and its check): a change of it needs a new check.</summary>
    public string Substance => string.Join("|", Code, Statute, DutyArticle, PenaltyArticle, Duty, string.Join(",", AllowedSanctions),
        string.Join(",", MandatorySanctions), FineOnlyIfNotCorrected, Condition, Rank, FineMin, FineMax, EffectiveFrom, EffectiveTo, Supersedes);

    public void MarkVerified(string by, DateOnly on) => (Verified, VerifiedBy, VerifiedOn) = (true, by, on);

    public void MarkUnverified() => (Verified, VerifiedBy, VerifiedOn) = (false, null, null);

    /// <summary>Refuses a decision under an entry nobody has checked against the published text yet.</summary>
    public void CheckUsableForDecision()
    {
        if (UnverifiedRefusal() is { } refusal) throw refusal;
    }

    /// <summary>Why a decision cannot rest on this entry yet (nobody checked it against the published text), or null.</summary>
    public DomainException? UnverifiedRefusal() => Verified ? null
        : new("legal_basis.unverified",
            $"法律依据{Label}尚待核对：须由系统管理员在“法律依据”目录中对照公布文本确认条款和文字后，方可据以作出处罚决定。");

    /// <summary>
    /// Checks the sanctions a decision imposes under this basis together: the ones the article makes mandatory are all there
    /// (a fine is never alone where the article says 予以警告，可以并处罚款), and a fine under a 拒不改正 article rests on a
    /// corrective order that was not complied with.
    /// </summary>
    public void CheckTogether(IReadOnlyCollection<SanctionKind> kinds, bool correctiveOrderDisregarded, bool circumstancesRecorded = false)
    {
        if (TogetherRefusal(kinds, correctiveOrderDisregarded, circumstancesRecorded) is { } refusal) throw refusal;
    }

    /// <summary>
    /// What <see cref="CheckTogether"/> refuses, as the refusal (null: nothing). <paramref name="circumstancesRecorded"/>: the case
    /// records the facts of 情节严重 or of the harm caused, which a tier with a <see cref="Condition"/> rests on.
    /// </summary>
    public DomainException? TogetherRefusal(IReadOnlyCollection<SanctionKind> kinds, bool correctiveOrderDisregarded, bool circumstancesRecorded = false)
    {
        if (ConditionRefusal(kinds, correctiveOrderDisregarded, circumstancesRecorded) is { } unmet) return unmet;
        if (kinds.Any(k => k != SanctionKind.CorrectiveOrder) && MandatorySanctions.Except(kinds).ToList() is { Count: > 0 } missing)
            return new("case.mandatory_sanction",
                $"依据{Statute}{PenaltyArticle}，{string.Join("、", MandatorySanctions.Select(SanctionLabels.Label))}必须一并作出，"
                + $"本决定缺少{string.Join("、", missing.Select(SanctionLabels.Label))}"
                + (missing.Contains(SanctionKind.CorrectiveOrder) ? "（责令改正须写明改正期限）" : "")
                + (kinds.Contains(SanctionKind.Fine) && missing.Contains(SanctionKind.Warning) ? "，不能单处罚款。" : "。"));
        if (FineOnlyIfNotCorrected && kinds.Contains(SanctionKind.Fine) && !correctiveOrderDisregarded)
            return new("case.fine_requires_refusal",
                $"依据{Label}，只有当事人拒不改正的，才可以处以罚款：请先责令改正，逾期未改正的，由该整改通知移交立案后再处罚款。");
        return null;
    }

    /// <summary>A sanction of this tier beyond the corrective order while the tier's condition is not on record in the case.</summary>
    private DomainException? ConditionRefusal(IReadOnlyCollection<SanctionKind> kinds, bool correctiveOrderDisregarded, bool circumstancesRecorded)
    {
        if (Condition == TierCondition.None || kinds.All(k => k == SanctionKind.CorrectiveOrder)) return null;
        var met = Condition == TierCondition.Serious ? circumstancesRecorded : circumstancesRecorded || correctiveOrderDisregarded;
        if (met) return null;
        return new("case.condition_not_recorded", Condition switch
        {
            TierCondition.Serious =>
                $"依据{Label}的处罚只适用于情节严重的情形：请先在案件中认定情节严重并写明事实，否则只能适用情节较轻一档的处罚。",
            TierCondition.RefusedOrHarm =>
                $"依据{Label}的处罚只适用于拒不改正或者导致危害后果的情形：请关联当事人逾期未改正的整改通知，或在案件中写明危害后果的事实。",
            _ =>
                $"依据{Label}的处罚只适用于拒不改正或者情节严重的情形：请关联当事人逾期未改正的整改通知，或在案件中认定情节严重并写明事实。",
        });
    }

    /// <summary>Checks the entry itself; used by the catalog editor and the seed loader alike.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Code)) errors.Add("编码不能为空。");
        if (string.IsNullOrWhiteSpace(Statute)) errors.Add("法规名称不能为空。");
        if (string.IsNullOrWhiteSpace(DutyArticle)) errors.Add("义务条款不能为空。");
        if (string.IsNullOrWhiteSpace(Duty)) errors.Add("义务内容不能为空。");
        if (AllowedSanctions.Count == 0) errors.Add("至少选择一种处理方式。");
        if (FineMin < 0 || FineMax < 0) errors.Add("罚款金额不能为负数。");
        if (FineMin is not null && FineMax is not null && FineMin > FineMax) errors.Add("罚款下限不能高于上限。");
        if (Allows(SanctionKind.Fine) && FineMax is null) errors.Add("允许罚款时必须填写罚款上限。");
        if (!Allows(SanctionKind.Fine) && (FineMin is not null || FineMax is not null)) errors.Add("未选择“罚款”时不应填写罚款金额。");
        if (EffectiveTo is not null && EffectiveTo < EffectiveFrom) errors.Add("失效日期不能早于生效日期。");
        if (MandatorySanctions.Except(AllowedSanctions).Any()) errors.Add("必须给予的处罚须在允许的处理方式之内。");
        if (FineOnlyIfNotCorrected && !Allows(SanctionKind.Fine)) errors.Add("“拒不改正方可罚款”只适用于允许罚款的依据。");
        if (Condition != TierCondition.None && AllowedSanctions.All(k => k == SanctionKind.CorrectiveOrder)) errors.Add("适用条件只适用于设有处罚的依据。");
        if (Supersedes is { } earlier && earlier.Trim() == Code.Trim()) errors.Add("所取代的旧版本不能是本条目自身。");
        return errors;
    }

}
