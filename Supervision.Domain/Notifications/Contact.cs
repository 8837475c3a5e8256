using System.Text.RegularExpressions;
using Supervision.Domain.Common;

namespace Supervision.Domain.Notifications;

/// <summary>
/// E-mail addresses and mainland mobile numbers: the one check for every form that takes them, and the one way they are
/// shown where the full value is not needed (lists, logs, the audit trail).
/// </summary>
public static partial class Contact
{
    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobilePattern();

    /// <summary>The address trimmed, or null when empty; refuses one that is not an address.</summary>
    public static string? Email(string? value, string field = "电子邮箱")
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (v.Length > 200 || !EmailPattern().IsMatch(v))
            throw new DomainException("contact.email_invalid", $"{field}格式不正确，应如 zhangsan@example.com。");
        return v;
    }

    /// <summary>The 11-digit mainland mobile number (spaces, hyphens and a +86 prefix dropped), or null when empty.</summary>
    public static string? Mobile(string? value, string field = "手机号码")
    {
        var v = value?.Trim().Replace(" ", "").Replace("-", "");
        if (string.IsNullOrEmpty(v)) return null;
        if (v.StartsWith("+86", StringComparison.Ordinal)) v = v[3..];
        if (!MobilePattern().IsMatch(v))
            throw new DomainException("contact.mobile_invalid", $"{field}应为11位手机号码，以1开头，如 13800138000。");
        return v;
    }

    /// <summary>z***@example.com: the first character and the domain.</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email)) return "";
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    /// <summary>138****8000: the network prefix and the last four digits.</summary>
    public static string MaskMobile(string? mobile) =>
        string.IsNullOrEmpty(mobile) ? "" : mobile.Length < 8 ? "****" : mobile[..3] + "****" + mobile[^4..];
}
