using Supervision.Domain.Common;

namespace Supervision.Domain.Catalog;

/// <summary>One item an inspector checks on a visit (SEC-01…SEC-12, RN-xx).</summary>
public class ChecklistItem : ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    /// <summary>网络与信息安全 or 电话用户实名制.</summary>
    public string Category { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>What evidence the inspector records for this item.</summary>
    public string Evidence { get; set; } = "";
    public int? LegalBasisId { get; set; }
    public LegalBasis? LegalBasis { get; set; }
    /// <summary>
    /// The normative document that sets the item's concrete requirement (e.g. 工信部网安〔2016〕182号: 二代身份证识别设备 and 联网核验,
    /// no manual entry). It binds only through <see cref="LegalBasis"/>, the regulation's article, which a notice cites as the basis;
    /// the document is named as the requirement that article is applied by, never as a basis of its own.
    /// </summary>
    public string? Guidance { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Code)) errors.Add("编码不能为空。");
        if (string.IsNullOrWhiteSpace(Title)) errors.Add("检查项名称不能为空。");
        if (string.IsNullOrWhiteSpace(Category)) errors.Add("类别不能为空。");
        return errors;
    }
}
