using Supervision.Domain.Common;

namespace Supervision.Domain.Organizations;

public enum BranchLevel
{
    /// <summary>省级公司.</summary>
    Provincial,
    /// <summary>地市分公司.</summary>
    City,
}

/// <summary>
/// A carrier's company in one province: the provincial company, or a city company under it.
/// The party that reports returns, is inspected and may be penalised.
/// </summary>
public class Branch : IProvinceScoped, ICatalogEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    public int CarrierId { get; set; }
    public Carrier? Carrier { get; set; }
    public int ProvinceId { get; set; }
    public Province? Province { get; set; }
    public int? CityId { get; set; }
    public City? City { get; set; }
    public int? ParentBranchId { get; set; }
    public Branch? ParentBranch { get; set; }
    public BranchLevel Level { get; set; }
    public string? CreditCode { get; set; }
    public string? Address { get; set; }
    public string? LegalRepresentative { get; set; }
    /// <summary>合规联系人: who the administration reaches about the branch's compliance (name, e-mail, mobile).</summary>
    public string? ComplianceContact { get; set; }
    public string? ComplianceEmail { get; set; }
    public string? ComplianceMobile { get; set; }

    public static string LevelLabel(BranchLevel level) => level == BranchLevel.Provincial ? "省级公司" : "地市分公司";
}
