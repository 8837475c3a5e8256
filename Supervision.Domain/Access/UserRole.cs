namespace Supervision.Domain.Access;

public enum UserRole
{
    SystemAdmin,
    Inspector,
    Leader,
    MinistryViewer,
    CarrierUser,
}

/// <summary>Role names as used in [Authorize(Roles = ...)]; comma lists mean "any of".</summary>
public static class Roles
{
    public const string SystemAdmin = nameof(UserRole.SystemAdmin);
    public const string Inspector = nameof(UserRole.Inspector);
    public const string Leader = nameof(UserRole.Leader);
    public const string MinistryViewer = nameof(UserRole.MinistryViewer);
    public const string CarrierUser = nameof(UserRole.CarrierUser);

    /// <summary>Everyone on the regulator's side.</summary>
    public const string Regulator = "SystemAdmin,Inspector,Leader,MinistryViewer";

    public static string Label(UserRole role) => role switch
    {
        UserRole.SystemAdmin => "系统管理员",
        UserRole.Inspector => "检查人员",
        UserRole.Leader => "局领导",
        UserRole.MinistryViewer => "部级查看",
        UserRole.CarrierUser => "企业用户",
        _ => role.ToString(),
    };

    /// <summary>Which scope fields a role needs: a province, a branch, or neither.</summary>
    public static bool NeedsProvince(UserRole role) => role is UserRole.Inspector or UserRole.Leader or UserRole.CarrierUser;

    public static bool NeedsBranch(UserRole role) => role is UserRole.CarrierUser;
}
