using Supervision.Domain.Common;

namespace Supervision.Domain.Catalog;

/// <summary>
/// A ground the law gives for not imposing a penalty (行政处罚法第三十三条, 第五十七条第一款第（二）、（三）项): the 不予行政处罚决定
/// records one and its 决定书 cites its article. Data (seed-data/no-penalty-grounds.json), never a constant in code.
/// </summary>
public class NoPenaltyGround : ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    /// <summary>The circumstance as the law words it, e.g. 违法行为轻微并及时改正，没有造成危害后果.</summary>
    public string Text { get; set; } = "";
    /// <summary>The articles the 决定书 cites, e.g. 《中华人民共和国行政处罚法》第三十三条第一款、第五十七条第一款第（二）项.</summary>
    public string Article { get; set; } = "";
    /// <summary>The law says 可以不予 (a choice the administration makes and explains), not 不予.</summary>
    public bool Discretionary { get; set; }
    /// <summary>The unlawful act is established (false: 违法事实不能成立, the 决定书 says so instead of citing a violated duty).</summary>
    public bool ActEstablished { get; set; } = true;
    public string? Source { get; set; }
    public int SortOrder { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Code)) errors.Add("编码不能为空。");
        if (string.IsNullOrWhiteSpace(Text)) errors.Add("情形不能为空。");
        if (string.IsNullOrWhiteSpace(Article) || !Article.Contains('条')) errors.Add("请写明所依据的条款。");
        return errors;
    }

    /// <summary>e.g. 违法行为轻微并及时改正，没有造成危害后果（《中华人民共和国行政处罚法》第三十三条第一款…）.</summary>
    public string Label => $"{Text}（{Article}）";
}
