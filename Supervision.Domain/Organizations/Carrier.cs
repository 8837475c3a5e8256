using Supervision.Domain.Common;

namespace Supervision.Domain.Organizations;

public enum CarrierKind
{
    /// <summary>基础电信企业.</summary>
    Basic,
    /// <summary>移动通信转售企业 (MVNO).</summary>
    Reseller,
}

/// <summary>A carrier group: 中国移动, 中国联通 … or a mobile reseller.</summary>
public class Carrier : ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    public CarrierKind Kind { get; set; }
    /// <summary>Number ranges it serves, e.g. "1705,165"; for resellers with the hosting network.</summary>
    public string NumberRanges { get; set; } = "";
    /// <summary>Codes of the basic carriers whose networks a reseller uses, e.g. "CTCC,CUCC".</summary>
    public string? HostCarriers { get; set; }
    public string? CreditCode { get; set; }
    public int SortOrder { get; set; }

    public static string KindLabel(CarrierKind kind) => kind == CarrierKind.Basic ? "基础电信企业" : "移动通信转售企业";
}
