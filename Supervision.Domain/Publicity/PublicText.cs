using System.Text;
using System.Text.RegularExpressions;

namespace Supervision.Domain.Publicity;

/// <summary>
/// Makes text fit for the public site: markup and control characters removed, resident ID numbers and phone
/// numbers replaced by a note, whitespace tidied. Applied to every text before it is stored for publication, so no
/// page, feed, export or PDF can carry what it removed.
/// </summary>
public static partial class PublicText
{
    public const string IdRedacted = "（身份证号码已隐去）";
    public const string PhoneRedacted = "（电话号码已隐去）";

    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = Markup().Replace(text, " ");
        s = s.Replace("<", "＜").Replace(">", "＞"); // a stray bracket left after tags were removed
        s = ResidentId().Replace(s, IdRedacted);
        s = OldResidentId().Replace(s, IdRedacted);
        s = Mobile().Replace(s, PhoneRedacted);
        s = Landline().Replace(s, PhoneRedacted);
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

    /// <summary>Whether a text still holds something <see cref="Clean"/> would remove (used by tests and checks).</summary>
    public static bool HasPersonalNumbers(string text) =>
        ResidentId().IsMatch(text) || OldResidentId().IsMatch(text) || Mobile().IsMatch(text) || Landline().IsMatch(text);

    [GeneratedRegex(@"<[/!?]?[A-Za-z][^<>]{0,2000}>", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    // 18 digits: region, birth date (19xx/20xx), sequence, check digit — the date part keeps credit codes and order numbers out.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex ResidentId();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex OldResidentId();

    [GeneratedRegex(@"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Landline();

    [GeneratedRegex(@"[ ]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
