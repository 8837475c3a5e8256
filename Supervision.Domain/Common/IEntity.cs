namespace Supervision.Domain.Common;

/// <summary>Data that belongs to one provincial administration (a tenant).</summary>
public interface IProvinceScoped
{
    int ProvinceId { get; }
}

/// <summary>Data that also belongs to one carrier branch; carrier users see only their own.</summary>
public interface IBranchScoped : IProvinceScoped
{
    int BranchId { get; }
}

/// <summary>Reference data that only a system administrator may change.</summary>
public interface ICatalogEntity;
