using System.Globalization;
using System.Text;

namespace Supervision.Domain.Publicity;

public enum PersonalNumberKind
{
    /// <summary>居民身份证号码: 18 digits (GB 11643) or the old 15.</summary>
    IdNumber,
    /// <summary>手机号码, with or without +86/0086.</summary>
    Mobile,
    /// <summary>固定电话 with its area code (0951-6012345, (0951)6012345, +86 951 6012345).</summary>
    Landline,
    /// <summary>银行卡号: 16–19 digits passing the Luhn check.</summary>
    BankCard,
}

/// <summary>A personal number found in a text: where it stands in the original text (prefix and brackets included).</summary>
public readonly record struct PersonalNumber(int Start, int Length, PersonalNumberKind Kind);

/// <summary>
/// Finds ID, phone and bank card numbers written the way people really type them: full-width digits (NFKC), digit
/// groups split by spaces, hyphens, dashes, dots, brackets or zero-width characters, letters or words just before.
/// <para>
/// The text is read as runs of digit groups (a group: digits with nothing, or only invisible characters, between them;
/// groups of one run: at most three separator characters apart). A number is one or more whole, consecutive groups of
/// a run — never part of a group — whose digits pass the checks of its kind, so a longer number (an order number, a
/// 文号, a credit code) is never cut into a phone number. The checks: an ID has a real birth date and a known province
/// code or a right GB 11643 check digit (a wrong check digit alone is a typo, still a person's number); a 15-digit ID a
/// known province code and a real 19xx birth date; a mobile 1[3-9] and 11 digits; a landline a 0, a real area code
/// pattern and a local number of 7–8 digits not starting with 0 or 1; a card 16–19 digits, a card network's first digit
/// and the Luhn check.
/// </para>
/// <para>
/// What keeps codes, decimals, versions, IP addresses, drawing paths and hashes out: digits followed at once by a letter
/// are part of a code (credit code 91640400859974633N), and an all-digit credit code is no card; a number written in
/// several groups has at most five, each of at least two digits; dots join only groups of three or more digits and never
/// mix with spaces or dashes (138.0013.8000 is a phone, 17.52 12.45 and 139.196.12.105 are not); a phone's first group
/// is its area code or has at least three digits (so 2026-05-14 2027-05-13 holds none); digits inside a run of 32 or more
/// letters and digits (a SHA-256 digest, a random seed, a key) are not a number.
/// </para>
/// </summary>
public static class PersonalNumbers
{
    private const int MaxSeparators = 3;
    private const int MaxGroups = 5;
    private const int MaxDigits = 19;
    private const int LongToken = 32;

    public static IReadOnlyList<PersonalNumber> Find(string? text)
    {
        var found = new List<PersonalNumber>();
        if (string.IsNullOrEmpty(text)) return found;
        var pos = 0;
        while (pos < text.Length)
        {
            var (kind, _, length) = Classify(text, pos);
            if (kind == CharKind.Digit)
            {
                var groups = ReadRun(text, ref pos);
                FindInRun(text, groups, found);
            }
            else pos += length;
        }
        return found;
    }

    /// <summary>The text with every number found replaced by the note for its kind.</summary>
    public static string Mask(string text, Func<PersonalNumberKind, string> note)
    {
        var found = Find(text);
        if (found.Count == 0) return text;
        var b = new StringBuilder(text.Length);
        var at = 0;
        foreach (var n in found)
        {
            b.Append(text, at, n.Start - at).Append(note(n.Kind));
            at = n.Start + n.Length;
        }
        return b.Append(text, at, text.Length - at).ToString();
    }

    [Flags]
    private enum Separators
    {
        None = 0,
        Space = 1,
        Dash = 2,
        Dot = 4,
        Bracket = 8,
    }

    private enum CharKind { Other, Digit, CheckX, Letter, Space, Dash, Dot, Bracket, Invisible }

    /// <summary>Digits (0–9, or X closing an ID) of one group, where each stands in the original text.</summary>
    private sealed class Group
    {
        public readonly StringBuilder Digits = new();
        public int Start = -1;
        public int End;
        /// <summary>The separators between the previous group and this one.</summary>
        public Separators Before;
        public bool InLongToken;
        /// <summary>A letter follows at once: the digits are the start or middle of a code (91640400859974633N), not a number.</summary>
        public bool FollowedByLetter;

        public void Add(char digit, int at, int length)
        {
            if (Start < 0) Start = at;
            Digits.Append(digit);
            End = at + length;
        }
    }

    private static List<Group> ReadRun(string text, ref int pos)
    {
        var groups = new List<Group>();
        var current = new Group();
        groups.Add(current);
        while (pos < text.Length)
        {
            var (kind, ch, length) = Classify(text, pos);
            if (kind == CharKind.Digit)
            {
                current.Add(ch, pos, length);
                pos += length;
            }
            else if (kind == CharKind.Invisible) pos += length; // zero-width characters inside a group are not there
            else if (kind == CharKind.CheckX)
            {
                // An ID's check character closes the run; X followed by more letters or digits is a word.
                if (NextVisible(text, pos + length) is not (CharKind.Letter or CharKind.Digit or CharKind.CheckX))
                {
                    current.Add('X', pos, length);
                    pos += length;
                }
                else current.FollowedByLetter = true;
                break;
            }
            else if (kind is CharKind.Space or CharKind.Dash or CharKind.Dot or CharKind.Bracket)
            {
                var (next, separators) = SkipSeparators(text, pos);
                if (next < 0) break;
                pos = next;
                current = new Group { Before = separators };
                groups.Add(current);
            }
            else
            {
                current.FollowedByLetter = kind == CharKind.Letter;
                break;
            }
        }
        foreach (var g in groups) g.InLongToken = TokenLength(text, g) >= LongToken;
        return groups;
    }

    /// <summary>From a separator: where the next group's first digit is and which separators lie between, or -1.</summary>
    private static (int Next, Separators Separators) SkipSeparators(string text, int pos)
    {
        var count = 0;
        var seen = Separators.None;
        while (pos < text.Length)
        {
            var (kind, _, length) = Classify(text, pos);
            switch (kind)
            {
                case CharKind.Digit:
                    return (pos, seen);
                case CharKind.Invisible:
                    break;
                case CharKind.Space: seen |= Separators.Space; count++; break;
                case CharKind.Dash: seen |= Separators.Dash; count++; break;
                case CharKind.Dot: seen |= Separators.Dot; count++; break;
                case CharKind.Bracket: seen |= Separators.Bracket; count++; break;
                default:
                    return (-1, seen);
            }
            if (count > MaxSeparators) return (-1, seen);
            pos += length;
        }
        return (-1, seen);
    }

    private static CharKind NextVisible(string text, int pos)
    {
        while (pos < text.Length)
        {
            var (kind, _, length) = Classify(text, pos);
            if (kind != CharKind.Invisible) return kind;
            pos += length;
        }
        return CharKind.Other;
    }

    /// <summary>How many letters and digits the run of them holding the group counts (the group's own included).</summary>
    private static int TokenLength(string text, Group g)
    {
        static bool Alphanumeric(CharKind k) => k is CharKind.Digit or CharKind.Letter or CharKind.CheckX or CharKind.Invisible;
        var count = g.Digits.Length;
        for (var p = g.End; p < text.Length;)
        {
            var (kind, _, length) = Classify(text, p);
            if (!Alphanumeric(kind)) break;
            if (kind != CharKind.Invisible) count++;
            p += length;
        }
        for (var p = g.Start - 1; p >= 0; p--)
        {
            var start = p > 0 && char.IsLowSurrogate(text[p]) && char.IsHighSurrogate(text[p - 1]) ? p - 1 : p;
            var (kind, _, _) = Classify(text, start);
            if (!Alphanumeric(kind)) break;
            if (kind != CharKind.Invisible) count++;
            p = start;
        }
        return count;
    }

    private static void FindInRun(string text, List<Group> groups, List<PersonalNumber> found)
    {
        var i = 0;
        while (i < groups.Count)
        {
            var next = i + 1;
            for (var j = Math.Min(groups.Count - 1, i + MaxGroups - 1); j >= i; j--)
            {
                if (!Writable(groups, i, j)) continue;
                var span = groups.Skip(i).Take(j - i + 1).Select(g => g.Digits.ToString()).ToList();
                var digits = string.Concat(span);
                if (digits.Length > MaxDigits) continue;
                var ends = new List<int>();
                foreach (var g in span.SkipLast(1)) ends.Add((ends.Count > 0 ? ends[^1] : 0) + g.Length);
                if (KindOf(digits, ends) is not { } kind) continue;
                found.Add(Extend(text, groups[i].Start, groups[j].End, kind));
                next = j + 1; // the longest number starting here
                break;
            }
            i = next;
        }
    }

    /// <summary>Whether groups i..j are a way people write one number (see the class comment).</summary>
    private static bool Writable(List<Group> groups, int i, int j)
    {
        var separators = Separators.None;
        var shortest = int.MaxValue;
        for (var k = i; k <= j; k++)
        {
            if (groups[k].InLongToken) return false;
            if (k > i) separators |= groups[k].Before;
            shortest = Math.Min(shortest, groups[k].Digits.Length);
        }
        if (groups[j].FollowedByLetter) return false;
        if (i == j) return true;
        if (shortest < 2) return false;
        if (separators.HasFlag(Separators.Dot))
            return (separators & (Separators.Space | Separators.Dash)) == 0 && shortest >= 3;
        return true;
    }

    /// <summary>The number found, widened over a "+" before an international prefix and brackets it opened or closed.</summary>
    private static PersonalNumber Extend(string text, int start, int end, PersonalNumberKind kind)
    {
        int open = 0, unclosed = 0;
        for (var p = start; p < end; p++)
        {
            if (Opening.Contains(text[p])) unclosed++;
            else if (Closing.Contains(text[p]))
            {
                if (unclosed > 0) unclosed--;
                else open++;
            }
        }
        var phone = kind is PersonalNumberKind.Mobile or PersonalNumberKind.Landline;
        while (start > 0)
        {
            if (phone && text[start - 1] is '+' or '＋') start--;
            else if (open > 0 && Opening.Contains(text[start - 1])) { start--; open--; }
            else break;
        }
        while (unclosed > 0 && end < text.Length && Closing.Contains(text[end])) { end++; unclosed--; }
        return new(start, end - start, kind);
    }

    /// <param name="d">The digits (and an ID's X).</param>
    /// <param name="ends">Where groups end inside <paramref name="d"/> (digit counts), empty for a number in one group.</param>
    private static PersonalNumberKind? KindOf(string d, List<int> ends)
    {
        if (d.Length == 18 && IsId18(d)) return PersonalNumberKind.IdNumber;
        if (d.Contains('X')) return null;
        if (d.Length == 15 && IsId15(d)) return PersonalNumberKind.IdNumber;
        if (IsMobile(d, ends)) return PersonalNumberKind.Mobile;
        if (IsLandline(d, ends)) return PersonalNumberKind.Landline;
        if (d.Length is >= 16 and <= 19 && d[0] is '3' or '4' or '5' or '6' or '9' && Luhn(d) && !(d.Length == 18 && Organizations.CreditCode.IsValid(d)))
            return PersonalNumberKind.BankCard; // an all-digit unified social credit code (914416004597208612) is a company's
        return null;
    }

    /// <summary>Province codes (GB/T 2260, and 71/81/82/83 for Taiwan, Hong Kong, Macao and residence permits).</summary>
    private static readonly HashSet<string> Provinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83",
    ];

    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The GB 11643 check character of an 18-digit ID's first 17 digits.</summary>
    public static char IdCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var k = 0; k < 17; k++) sum += (first17[k] - '0') * IdWeights[k];
        return "10X98765432"[sum % 11];
    }

    private static bool IsId18(string d)
    {
        for (var k = 0; k < 17; k++) if (!char.IsAsciiDigit(d[k])) return false;
        if (!char.IsAsciiDigit(d[17]) && d[17] != 'X') return false;
        if (!IsDate(Number(d, 6, 4), Number(d, 10, 2), Number(d, 12, 2))) return false;
        return Provinces.Contains(d[..2]) || IdCheckCharacter(d) == d[17];
    }

    private static bool IsId15(string d) => Provinces.Contains(d[..2]) && IsDate(1900 + Number(d, 6, 2), Number(d, 8, 2), Number(d, 10, 2));

    private static bool IsDate(int year, int month, int day) =>
        year is >= 1900 and <= 2099 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static int Number(string d, int start, int length) => int.Parse(d.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The national number: without 0086 or 86 before it (<paramref name="country"/>: how many digits that was).</summary>
    private static string National(string d, out int country)
    {
        country = d.StartsWith("0086", StringComparison.Ordinal) ? 4 : d.StartsWith("86", StringComparison.Ordinal) && d.Length >= 12 ? 2 : 0;
        return d[country..];
    }

    /// <summary>The group ends inside the national number.</summary>
    private static IEnumerable<int> NationalEnds(List<int> ends, int country) => ends.Where(e => e > country).Select(e => e - country);

    /// <summary>11 digits 1[3-9]…; written in groups, the first has at least three digits (138 0013 8000, not 13 800 138 000).</summary>
    private static bool IsMobile(string d, List<int> ends)
    {
        var n = National(d, out var country);
        return n.Length == 11 && n[0] == '1' && n[1] is >= '3' and <= '9' && NationalEnds(ends, country).All(e => e >= 3);
    }

    /// <summary>
    /// 0, an area code (10, 2x or three digits from 3) and a local number of 8 digits (7 or 8 after a three-digit code)
    /// not starting with 0 or 1; after 86/0086 the 0 may be left out. Written in groups, the area code is the first of
    /// them (0951-601-2345, +86 951 6012345), so dates in a row (2026-05-14 2027-05-13) are not a number in 0514.
    /// </summary>
    private static bool IsLandline(string d, List<int> ends)
    {
        var n = National(d, out var country);
        var zero = n.StartsWith('0') ? 1 : 0;
        if (zero == 0 && country == 0) return false;
        var rest = n[zero..];
        if (rest.Length < 9) return false;
        var area = rest[0] == '2' || rest.StartsWith("10", StringComparison.Ordinal) ? 2 : rest[0] is >= '3' and <= '9' ? 3 : 0;
        if (area == 0) return false;
        var local = rest[area..];
        if (!((local.Length == 8 || (area == 3 && local.Length == 7)) && local[0] is >= '2' and <= '9')) return false;
        var inner = NationalEnds(ends, country).ToList();
        return inner.Count == 0 || inner[0] == zero + area;
    }

    private static bool Luhn(string d)
    {
        var sum = 0;
        for (var k = 0; k < d.Length; k++)
        {
            var v = d[d.Length - 1 - k] - '0';
            if (k % 2 == 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
            sum += v;
        }
        return sum % 10 == 0;
    }

    private const string Opening = "([（［【〔〖";
    private const string Closing = ")]）］】〕〗";
    private const string Dashes = "‐‑‒–—―−﹘﹣－ー─";
    private const string Dots = "·•‧・･．";

    /// <summary>What a character is to the reader of numbers, after NFKC (full-width digits are digits).</summary>
    private static (CharKind Kind, char Char, int Length) Classify(string text, int pos)
    {
        var c = text[pos];
        if (c < 128) return (Ascii(c), c is 'x' ? 'X' : c, 1);
        if (!Rune.TryGetRuneAt(text, pos, out var rune)) return (CharKind.Other, c, 1); // a lone surrogate
        var length = rune.Utf16SequenceLength;
        if (c is >= '\u4E00' and <= '\u9FFF') return (CharKind.Other, c, length); // the common case in Chinese text, and nothing NFKC changes
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                return (CharKind.Invisible, c, length);
            case UnicodeCategory.SpaceSeparator:
                return (CharKind.Space, ' ', length);
        }
        if (Dashes.Contains(c)) return (CharKind.Dash, '-', length);
        if (Dots.Contains(c)) return (CharKind.Dot, '.', length);
        if (Opening.Contains(c) || Closing.Contains(c)) return (CharKind.Bracket, c, length);
        var normal = rune.ToString().Normalize(NormalizationForm.FormKC);
        if (normal.Length == 1 && normal[0] < 128)
        {
            var kind = Ascii(normal[0]);
            return (kind, normal[0] is 'x' ? 'X' : normal[0], length);
        }
        return (CharKind.Other, c, length);
    }

    private static CharKind Ascii(char c) => c switch
    {
        >= '0' and <= '9' => CharKind.Digit,
        'X' or 'x' => CharKind.CheckX,
        _ when char.IsAsciiLetter(c) => CharKind.Letter,
        ' ' or '\t' => CharKind.Space,
        '-' => CharKind.Dash,
        '.' => CharKind.Dot,
        '(' or ')' or '[' or ']' => CharKind.Bracket,
        _ => CharKind.Other,
    };
}
