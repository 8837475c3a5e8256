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
    /// <see cref="Clean"/> removes more than before. 1: the first rules (plain digits only); 2: numbers however typed;
    /// 3: letters after a number, words before it, Chinese numerals, a digit at a time, more separators, brackets and fillers;
    /// noncharacters and lone surrogates removed.
    /// </summary>
    public const int Version = 3;

    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // The characters first: what cannot be shown goes before anything reads the text (and before anything normalises it).
        var s = Characters(text);
        s = Markup().Replace(s, " ");
        s = s.Replace("<", "＜").Replace(">", "＞"); // a stray bracket left after tags were removed
        s = PersonalNumbers.Mask(s, Note);
        return Spaces().Replace(s, " ").Replace(" \n", "\n").Replace("\n ", "\n").Trim();
    }

    /// <summary>
    /// Line breaks kept; other control characters, whitespace and blank fillers (U+3164, U+2800…) become spaces; format
    /// characters (zero-width, bidi controls), noncharacters (U+FFFF…) and lone surrogates are removed.
    /// </summary>
    private static string Characters(string text)
    {
        var b = new StringBuilder(text.Length);
        for (var k = 0; k < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(k), out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                k += Math.Max(length, 1); // a lone surrogate
                continue;
            }
            var at = k;
            k += length;
            if (rune.Value == '\n') b.Append('\n');
            else if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || PersonalNumbers.IsBlank(rune.Value)) b.Append(' ');
            else if (Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format || PersonalNumbers.IsNoncharacter(rune.Value)) continue;
            else b.Append(text, at, length);
        }
        return b.ToString();
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
