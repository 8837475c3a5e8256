using System.Text;
using System.Text.RegularExpressions;

namespace Supervision.Domain.Publicity;

/// <summary>
/// Makes text fit for the public site: markup and control characters removed, resident ID, phone and bank card numbers
/// (however typed, see <see cref="PersonalNumbers"/>) replaced by a note, whitespace tidied. Applied to every text
/// before it is stored for publication and again when it is published, so no page, feed, export or PDF can carry what
/// it removed.
/// </summary>
public static partial class PublicText
{
    public const string IdRedacted = "（身份证号码已隐去）";
    public const string PhoneRedacted = "（电话号码已隐去）";
    public const string CardRedacted = "（银行卡号已隐去）";

    /// <summary>
    /// The version of these rules. Each announcement records the version it was cleaned with; at start-up the ones
    /// cleaned with an older version are cleaned again (<see cref="AnnouncementRecleaning"/>). Raise it whenever
    /// <see cref="Clean"/> removes more than before. 1: the first rules (plain digits only); 2: numbers however typed.
    /// </summary>
    public const int Version = 2;

    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = Markup().Replace(text, " ");
        s = s.Replace("<", "＜").Replace(">", "＞"); // a stray bracket left after tags were removed
        s = PersonalNumbers.Mask(s, Note);
        var b = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (ch == '\n') b.Append('\n');
            else if (char.IsControl(ch) || char.IsWhiteSpace(ch)) b.Append(' ');
            else if (char.GetUnicodeCategory(ch) is System.Globalization.UnicodeCategory.Format) continue; // zero-width and bidi controls
            else b.Append(ch);
        }
        return Spaces().Replace(b.ToString(), " ").Replace(" \n", "\n").Replace("\n ", "\n").Trim();
    }

    public static string? CleanOrNull(string? text) => Clean(text) is { Length: > 0 } s ? s : null;

    /// <summary>张三 → 张*, 欧阳娜娜 → 欧***: the family name's first character stays.</summary>
    public static string MaskName(string name)
    {
        var n = Clean(name);
        return n.Length switch
        {
            0 => "",
            1 => "*",
            _ => n[0] + new string('*', n.Length - 1),
        };
    }

    /// <summary>Whether a text still holds a number <see cref="Clean"/> would replace (used by tests and checks).</summary>
    public static bool HasPersonalNumbers(string text) => PersonalNumbers.Find(text).Count > 0;

    private static string Note(PersonalNumberKind kind) => kind switch
    {
        PersonalNumberKind.IdNumber => IdRedacted,
        PersonalNumberKind.BankCard => CardRedacted,
        _ => PhoneRedacted,
    };

    [GeneratedRegex(@"<[/!?]?[A-Za-z][^<>]{0,2000}>", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    [GeneratedRegex(@"[ ]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
