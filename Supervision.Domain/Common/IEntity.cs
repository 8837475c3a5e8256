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

/// <summary>
/// Data of a carrier branch that the carrier may see only once it is addressed to it (a served document,
/// a published decision); before that it is the administration's internal record.
/// </summary>
public interface IPartyVisible : IBranchScoped
{
    bool VisibleToParty { get; }
}

/// <summary>Bookkeeping that is not a record of supervision (notification read marks); left out of the audit trail.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>
/// A province's record the responsible person decides on (an approval request): a 局领导, read-only elsewhere, may change
/// one of his province's (never add or delete one).
/// </summary>
public interface IApproverWritable : IProvinceScoped;
