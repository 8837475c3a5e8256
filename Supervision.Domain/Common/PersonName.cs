namespace Supervision.Domain.Common;

/// <summary>A person as a document names them where they sign or act: the name without the department or title the portal adds in
/// brackets (马建国（宁夏局网安处） → 马建国). An account whose display name is only a title (宁夏移动实名制管理员, 承办人) names no
/// person: it cannot sign, confirm or handle a document (<see cref="Require"/>).</summary>
public static class PersonName
{
    /// <summary>The stable code of the refusal of an account without a person's name.</summary>
    public const string MissingCode = "user.person_name_required";

    public static string Short(string name)
    {
        var trimmed = name.Trim();
        return trimmed.IndexOfAny(['（', '(']) is > 0 and var at ? trimmed[..at].Trim() : trimmed;
    }

    /// <summary>The person's name of a display name (<see cref="Short"/>), or null where it names a post, an office or a role
    /// rather than a person.</summary>
    public static string? Of(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName)) return null;
        var name = Short(displayName);
        return IsPersonName(name) ? name : null;
    }

    /// <summary>The person's name of an account that signs, confirms or handles a document; refused (<see cref="MissingCode"/>) where the
    /// display name holds none, telling what the administrator must enter.</summary>
    public static string Require(string? displayName, string act) =>
        Of(displayName) ?? throw Missing(displayName, act);

    public static DomainException Missing(string? displayName, string act) => new(MissingCode,
        $"账号“{displayName?.Trim()}”没有登记本人姓名（显示名称只是职务或岗位），不能{act}：文书上须写明办理人的姓名。"
        + "请管理员在用户管理中编辑该用户，把显示名称填写为“姓名（职务）”，如“杨帆（实名制管理员）”。");

    /// <summary>What the admin's user list says of an account whose display name holds no person's name.</summary>
    public const string MissingNotice = "未登记本人姓名：不能签署、确认或承办文书，请把显示名称填写为“姓名（职务）”";

    // A post, an office or a role, as display names end with them (实名制管理员, 承办人, 网安处, 营业中心).
    private static readonly string[] RoleEndings =
    [
        "管理员", "操作员", "审核员", "联络员", "专员", "办事员", "工作人员", "人员", "承办人", "负责人", "联系人", "经办人", "签报人", "填报人", "审核人", "代理人",
        "主任", "经理", "总监", "局长", "处长", "科长", "部长", "组长", "主管", "领导", "管理局", "办公室", "中心", "公司", "分公司", "营业厅", "部门",
        "账号", "用户", "系统", "平台", "测试", "填报", "签报", "管理", "admin",
    ];

    private static readonly char[] OfficeEndings = ['局', '处', '科', '部', '组', '厅', '室', '司', '队', '站', '所'];

    private static bool IsPersonName(string name)
    {
        if (name.Length < 2) return false;
        if (RoleEndings.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))) return false;
        if (name.All(c => c is >= '\u4e00' and <= '\u9fff' or '·' or '•'))
        {
            // A Chinese name: two to four characters (复姓 included); a name of an ethnic minority with its separating dot may be longer.
            var dotted = name.Contains('·') || name.Contains('•');
            if (!dotted && name.Length > 4) return false;
            if (name.Length >= 3 && OfficeEndings.Contains(name[^1])) return false;
            return !dotted || name.Split('·', '•').All(p => p.Length > 0);
        }
        // A name in Latin letters (a foreign staff member): given name and surname — letters, dots and hyphens, in two parts or more.
        return name.Length <= 60 && name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } parts
            && parts.All(p => p.Any(char.IsLetter) && p.All(c => char.IsLetter(c) || c is '.' or '-' or '\''));
    }
}
