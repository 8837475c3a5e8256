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
    /// <summary>Where the text comes from and whether it was checked against the published statute.</summary>
    public string? Note { get; set; }

    public bool IsEffectiveOn(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    public bool Allows(SanctionKind kind) => AllowedSanctions.Contains(kind);

    public string Citation => $"{Statute}{DutyArticle}" + (PenaltyArticle.Length > 0 && PenaltyArticle != DutyArticle ? $"、{PenaltyArticle}" : "");

    public string FineRangeText => FineMin is null && FineMax is null
        ? "不设罚款"
        : $"{ChineseMoney.Yuan(FineMin ?? 0)}至{ChineseMoney.Yuan(FineMax ?? 0)}";

    /// <summary>Refuses a fine this basis does not allow or one outside its range.</summary>
    public void CheckFine(decimal amount)
    {
        if (!Allows(SanctionKind.Fine) || FineMax is null)
            throw new DomainException("fine.not_allowed", $"依据“{Code}”不设罚款，不能处以罚款。");
        if (amount != decimal.Round(amount, 2))
            throw new DomainException("fine.precision", "罚款金额最多保留两位小数（分）。");
        var min = FineMin ?? 0m;
        if (amount < min || amount > FineMax)
            throw new DomainException("fine.out_of_range",
                $"罚款金额{ChineseMoney.Yuan(amount)}超出依据“{Code}”规定的范围（{ChineseMoney.Yuan(min)}至{ChineseMoney.Yuan(FineMax.Value)}）。");
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
        return errors;
    }

}
