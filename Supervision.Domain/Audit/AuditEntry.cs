namespace Supervision.Domain.Audit;

/// <summary>
/// One append-only line of the audit trail. Each carries the SHA-256 of its predecessor, so a changed
/// or deleted line breaks the chain from there on.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>Compact JSON: {"property":[before, after]}.</summary>
    public string Changes { get; set; } = "";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>The chain's current end; updating it first serialises concurrent writers on every provider.</summary>
public class AuditHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = AuditChain.Genesis;
    public long Version { get; set; }
}

public static class AuditActions
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignOut = "SignOut";
    public const string Verify = "Verify";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string TwoFactorDisabled = "TwoFactorDisabled";
    public const string RecoveryCodesRenewed = "RecoveryCodesRenewed";
    public const string RecoveryCodeUsed = "RecoveryCodeUsed";

    public static string Label(string action) => action switch
    {
        Create => "新增",
        Update => "修改",
        Delete => "删除",
        SignIn => "登录",
        SignInFailed => "登录失败",
        LockedOut => "账户锁定",
        SignOut => "退出",
        Verify => "复核",
        TwoFactorEnabled => "启用双因素认证",
        TwoFactorDisabled => "停用双因素认证",
        RecoveryCodesRenewed => "重新生成恢复码",
        RecoveryCodeUsed => "使用恢复码登录",
        _ => action,
    };

    public static readonly string[] All = [Create, Update, Delete, SignIn, SignInFailed, LockedOut, SignOut, TwoFactorEnabled, TwoFactorDisabled, RecoveryCodesRenewed, RecoveryCodeUsed];
}
