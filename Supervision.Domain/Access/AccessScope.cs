using System.Globalization;
using System.Security.Claims;

namespace Supervision.Domain.Access;

public enum ScopeKind
{
    /// <summary>Not signed in: sees no scoped data.</summary>
    None,
    /// <summary>All provinces (system administrator, ministry, background jobs).</summary>
    All,
    /// <summary>One provincial administration.</summary>
    Province,
    /// <summary>One carrier branch (and its sub-branches) in one province.</summary>
    Branch,
}

/// <summary>
/// What the signed-in user may see and change. Built once from the user's claims; the database
/// context filters every scoped query and checks every write against it.
/// </summary>
public sealed record AccessScope(ScopeKind Kind, int ProvinceId, int CarrierId, IReadOnlyList<int> BranchIds, bool ReadOnly, UserRole? Role)
{
    public const string ProvinceClaim = "supervision:province";
    public const string CarrierClaim = "supervision:carrier";
    public const string BranchesClaim = "supervision:branches";

    public static readonly AccessScope None = new(ScopeKind.None, 0, 0, [], true, null);
    public static readonly AccessScope System = new(ScopeKind.All, 0, 0, [], false, null);

    public bool SeesAll => Kind == ScopeKind.All;
    public bool IsCarrier => Kind == ScopeKind.Branch;
    public bool IsAdministrator => Role == UserRole.SystemAdmin || (Kind == ScopeKind.All && Role is null);

    public static AccessScope ForProvince(int provinceId, bool readOnly, UserRole role) =>
        new(ScopeKind.Province, provinceId, 0, [], readOnly, role);

    public static AccessScope ForBranches(int provinceId, int carrierId, IReadOnlyList<int> branchIds) =>
        new(ScopeKind.Branch, provinceId, carrierId, branchIds, false, UserRole.CarrierUser);

    public bool CanSeeProvince(int provinceId) => SeesAll || (Kind != ScopeKind.None && ProvinceId == provinceId);

    public bool CanSeeBranch(int provinceId, int branchId) =>
        SeesAll || (Kind == ScopeKind.Province && ProvinceId == provinceId) || (Kind == ScopeKind.Branch && BranchIds.Contains(branchId));

    /// <summary>Reads the scope from the claims written at sign-in. Anything inconsistent yields <see cref="None"/>.</summary>
    public static AccessScope FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
            return None;
        var roleName = user.FindFirstValue(ClaimTypes.Role);
        if (!Enum.TryParse<UserRole>(roleName, out var role))
            return None;
        var province = ParseInt(user.FindFirstValue(ProvinceClaim));
        return role switch
        {
            UserRole.SystemAdmin => System with { Role = role },
            UserRole.MinistryViewer => new(ScopeKind.All, 0, 0, [], true, role),
            UserRole.Inspector when province > 0 => ForProvince(province, readOnly: false, role),
            UserRole.Leader when province > 0 => ForProvince(province, readOnly: true, role),
            UserRole.CarrierUser when province > 0 => ForBranches(province,
                ParseInt(user.FindFirstValue(CarrierClaim)),
                (user.FindFirstValue(BranchesClaim) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseInt).Where(i => i > 0).ToArray()),
            _ => None,
        };
    }

    private static int ParseInt(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : 0;
}
