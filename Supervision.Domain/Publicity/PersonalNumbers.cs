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
/// Finds ID, phone and bank card numbers written the way people really type them: full-width digits (NFKC), Chinese
/// numerals (一三八〇〇…, 壹贰叁…, 幺 for one), digit groups split by spaces, line breaks, invisible fillers, hyphens, dashes,
/// slashes, underscores, commas, dots or brackets of any kind, zero-width characters inside a group, letters or words just
/// before or after.
/// <para>
/// The text is read as runs of digit groups (a group: digits with nothing, or only invisible characters, between them;
/// groups of one run: at most four separators apart, a row of the same separator counting once). A number is one or more
/// whole, consecutive groups of a run — never part of a group — whose digits pass the checks of its kind, so a longer
/// number (an order number, a 文号, a credit code) is never cut into a phone number. The checks: an ID has a real birth
/// date and a known province code or a right GB 11643 check digit (a wrong check digit alone is a typo, still a person's
/// number); a 15-digit ID a known province code and a real 19xx birth date; a mobile 1[3-9] and 11 digits (after 86/0086,
/// or a 0 dialled from a landline); a landline a 0, a real area code pattern and a local number of 7–8 digits not starting
/// with 0 or 1; a card 16–19 digits, a card network's first digit and the Luhn check.
/// </para>
/// <para>
/// What keeps codes, decimals, versions, IP addresses, lists, drawing paths and hashes out: digits inside a run of letters
/// and digits that is a 统一社会信用代码 (18 digits and capitals passing the GB 32100 check: 91640400859974633N), or a
/// digest (32 or more letters and digits, all hexadecimal or letters and digits mixed throughout — not a word followed by a
/// number), are not a number, and an all-digit credit code is no card; a number written in several groups has groups of at
/// least two digits — or of one digit each, for a whole ID or mobile number spaced a digit at a time and not by commas
/// (1 3 8 0 0 1 3 8 0 0 0 is a phone, 1, 2, 3 a list); dots join only groups of three or more digits and only when every
/// gap is the same (138.0013.8000 and 138. 0013. 8000 are phones, 17.52 12.45 and 139.196.12.105 are not); a phone's first
/// group is its area code or has at least three digits (so 2026-05-14 2027-05-13 holds none).
/// </para>
/// </summary>
public static class PersonalNumbers
{
    private const int MaxSeparators = 4;
    private const int MaxDigits = 19;
    private const int LongToken = 32;
    private const int CreditCodeLength = 18;
    /// <summary>A digest has letters and digits mixed throughout: no longer row of letters than this.</summary>
    private const int DigestLetterRow = 8;

    public static IReadOnlyList<PersonalNumber> Find(string? text)
    {
        var found = new List<PersonalNumber>();
        if (string.IsNullOrEmpty(text)) return found;
        var pos = 0;
        Token? token = null;
        while (pos < text.Length)
        {
            var (kind, _, length) = Classify(text, pos);
            if (kind == CharKind.Digit)
            {
                var groups = ReadRun(text, ref pos);
                foreach (var g in groups)
                {
                    if (token is null || g.Start < token.Start || g.Start >= token.End) token = Token.Around(text, g.Start);
                    g.InCode = token.IsCode(g.Start, g.End);
                }
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

    /// <summary>
    /// Characters that show nothing yet are not whitespace to .NET (Hangul fillers, the braille blank…): a reader takes
    /// them for spaces, so does this class, and <see cref="PublicText"/> turns them into spaces.
    /// </summary>
    public static bool IsBlank(int codePoint) => codePoint is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E or 0x1D159
        or (>= 0x1D173 and <= 0x1D17A);

    /// <summary>
    /// Code points no text should hold: noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF), which also make
    /// <see cref="string.Normalize()"/> throw, and U+FFFD, what a lone surrogate becomes once stored. <see cref="PublicText"/>
    /// removes them, and lone surrogates, before anything else; this class reads them as invisible.
    /// </summary>
    public static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF or 0xFFFD || (codePoint & 0xFFFE) == 0xFFFE;

    [Flags]
    private enum Separators
    {
        None = 0,
        Space = 1,
        Dash = 2,
        Dot = 4,
        Bracket = 8,
        Comma = 16,
    }

    private enum CharKind { Other, Digit, CheckX, Letter, Space, Dash, Dot, Bracket, Comma, Invisible }

    /// <summary>Digits (0–9, or X closing an ID) of one group, where each stands in the original text.</summary>
    private sealed class Group
    {
        public readonly StringBuilder Digits = new();
        public int Start = -1;
        public int End;
        /// <summary>Where the group ends without its check character X (the same as <see cref="End"/> without one).</summary>
        public int EndBeforeCheck;
        /// <summary>The separators between the previous group and this one (None: Chinese numerals meet Arabic digits).</summary>
        public Separators Before;
        /// <summary>The digits are part of a credit code or a digest.</summary>
        public bool InCode;
        public bool HasCheck => Digits.Length > 0 && Digits[^1] == 'X';

        public void Add(char digit, int at, int length)
        {
            if (Start < 0) Start = at;
            Digits.Append(digit);
            End = at + length;
            if (digit != 'X') EndBeforeCheck = End;
        }
    }

    private static List<Group> ReadRun(string text, ref int pos)
    {
        var groups = new List<Group>();
        var current = new Group();
        groups.Add(current);
        bool? chinese = null;
        while (pos < text.Length)
        {
            var (kind, ch, length) = Classify(text, pos);
            if (kind == CharKind.Digit)
            {
                // Chinese numerals and Arabic digits side by side (第一13800138000) are two groups that may still be one number.
                var isChinese = ChineseDigits.ContainsKey(text[pos]);
                if (chinese is { } was && was != isChinese && current.Digits.Length > 0)
                {
                    current = new Group { Before = Separators.None };
                    groups.Add(current);
                }
                chinese = isChinese;
                current.Add(ch, pos, length);
                pos += length;
            }
            else if (kind == CharKind.Invisible) pos += length; // zero-width characters inside a group are not there
            else if (kind == CharKind.CheckX)
            {
                // An ID's check character closes the run; before a digit it is a letter of a code.
                if (NextVisible(text, pos + length) != CharKind.Digit)
                {
                    current.Add('X', pos, length);
                    pos += length;
                }
                break;
            }
            else if (SeparatorOf(kind) is not null)
            {
                var (next, separators) = SkipSeparators(text, pos);
                if (next < 0) break;
                pos = next;
                current = new Group { Before = separators };
                groups.Add(current);
                chinese = null;
            }
            else break;
        }
        return groups;
    }

    /// <summary>From a separator: where the next group's first digit is and which separators lie between, or -1.</summary>
    private static (int Next, Separators Separators) SkipSeparators(string text, int pos)
    {
        var count = 0;
        var seen = Separators.None;
        var last = '\0';
        while (pos < text.Length)
        {
            var (kind, ch, length) = Classify(text, pos);
            if (kind == CharKind.Digit) return (pos, seen);
            if (kind != CharKind.Invisible)
            {
                if (SeparatorOf(kind) is not { } separator) return (-1, seen);
                seen |= separator;
                if (ch != last) count++; // "——" or "---" is one dash
                last = ch;
                if (count > MaxSeparators) return (-1, seen);
            }
            pos += length;
        }
        return (-1, seen);
    }

    private static Separators? SeparatorOf(CharKind kind) => kind switch
    {
        CharKind.Space => Separators.Space,
        CharKind.Dash => Separators.Dash,
        CharKind.Dot => Separators.Dot,
        CharKind.Bracket => Separators.Bracket,
        CharKind.Comma => Separators.Comma,
        _ => null,
    };

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

    /// <summary>
    /// A run of letters and digits (invisible characters inside it skipped) and which of its characters belong to a credit
    /// code or, all of them, to a digest.
    /// </summary>
    private sealed class Token
    {
        public int Start;
        public int End;
        private readonly List<int> _at = [];
        private readonly StringBuilder _chars = new();
        private bool[] _code = [];

        public static Token Around(string text, int at)
        {
            var t = new Token();
            var start = at;
            for (var p = at - 1; p >= 0; p--)
            {
                var from = p > 0 && char.IsLowSurrogate(text[p]) && char.IsHighSurrogate(text[p - 1]) ? p - 1 : p;
                if (!Alphanumeric(Classify(text, from).Kind)) break;
                start = p = from;
            }
            t.Start = start;
            var pos = start;
            while (pos < text.Length)
            {
                var (kind, ch, length) = Classify(text, pos);
                if (!Alphanumeric(kind)) break;
                if (kind != CharKind.Invisible)
                {
                    t._at.Add(pos);
                    t._chars.Append(ch);
                }
                pos += length;
            }
            t.End = pos;
            t.Mark();
            return t;
        }

        private static bool Alphanumeric(CharKind k) => k is CharKind.Digit or CharKind.Letter or CharKind.CheckX or CharKind.Invisible;

        private void Mark()
        {
            var s = _chars.ToString();
            _code = new bool[s.Length];
            if (!s.Any(char.IsAsciiLetter)) return; // all digits: whole groups decide (an all-digit credit code is no card)
            if (s.Length >= LongToken && IsDigest(s))
            {
                Array.Fill(_code, true);
                return;
            }
            for (var k = 0; k + CreditCodeLength <= s.Length; k++)
            {
                var window = s.AsSpan(k, CreditCodeLength);
                if (window.ContainsAnyInRange('a', 'z') || !window.ContainsAnyInRange('A', 'Z') || !Organizations.CreditCode.IsValid(window.ToString())) continue;
                Array.Fill(_code, true, k, CreditCodeLength);
            }
        }

        /// <summary>Hexadecimal throughout, or letters and digits mixed throughout (no long row of letters: not a word and a number).</summary>
        private static bool IsDigest(string s)
        {
            if (s.All(char.IsAsciiHexDigit)) return true;
            var row = 0;
            foreach (var c in s)
            {
                row = char.IsAsciiLetter(c) ? row + 1 : 0;
                if (row > DigestLetterRow) return false;
            }
            return true;
        }

        /// <summary>Whether any character of the text between the two positions is part of a credit code or digest.</summary>
        public bool IsCode(int start, int end)
        {
            var k = _at.BinarySearch(start);
            for (k = k < 0 ? ~k : k; k < _at.Count && _at[k] < end; k++)
                if (_code[k]) return true;
            return false;
        }
    }

    private static void FindInRun(string text, List<Group> groups, List<PersonalNumber> found)
    {
        var i = 0;
        while (i < groups.Count)
        {
            var next = i + 1;
            var last = i;
            for (var digits = groups[i].Digits.Length; last + 1 < groups.Count && digits + groups[last + 1].Digits.Length <= MaxDigits + 1; last++)
                digits += groups[last + 1].Digits.Length;
            for (var j = last; j >= i; j--)
            {
                if (Number(text, groups, i, j) is not { } number) continue;
                found.Add(number);
                next = j + 1; // the longest number starting here
                break;
            }
            i = next;
        }
    }

    /// <summary>The number groups i..j are, if any: with the last group's check character X, or else without it.</summary>
    private static PersonalNumber? Number(string text, List<Group> groups, int i, int j)
    {
        if (Writable(groups, i, j) is not { } spacing) return null;
        var digits = string.Concat(groups.Skip(i).Take(j - i + 1).Select(g => g.Digits.ToString()));
        // The group ends a reader sees: not where Chinese numerals meet Arabic digits.
        var ends = new List<int>();
        var at = 0;
        for (var k = i; k < j; k++)
        {
            at += groups[k].Digits.Length;
            if (groups[k + 1].Before != Separators.None) ends.Add(at);
        }
        if (digits.Length <= MaxDigits && KindOf(digits, ends, spacing) is { } kind)
            return Extend(text, groups[i].Start, groups[j].End, kind);
        if (groups[j].HasCheck && digits.Length - 1 <= MaxDigits && KindOf(digits[..^1], ends, spacing) is { } without)
            return Extend(text, groups[i].Start, groups[j].EndBeforeCheck, without);
        return null;
    }

    private enum Spacing { Groups, DigitByDigit }

    /// <summary>Whether groups i..j are a way people write one number, and how (see the class comment).</summary>
    private static Spacing? Writable(List<Group> groups, int i, int j)
    {
        var separators = Separators.None;
        var uniform = true;
        int shortest = int.MaxValue, longest = 0, length = 0;
        for (var k = i; k <= j; k++)
        {
            if (groups[k].InCode) return null;
            if (k > i)
            {
                separators |= groups[k].Before;
                if (k > i + 1 && groups[k].Before != groups[i + 1].Before) uniform = false;
            }
            // As a reader sees them: a group ends at a separator (not where Chinese numerals meet Arabic digits).
            length += groups[k].Digits.Length - (k == j && groups[k].HasCheck && groups[k].Digits.Length > 1 ? 1 : 0);
            if (k == j || groups[k + 1].Before != Separators.None)
            {
                shortest = Math.Min(shortest, length);
                longest = Math.Max(longest, length);
                length = 0;
            }
        }
        if (separators == Separators.None) return Spacing.Groups;
        if (longest == 1) return separators.HasFlag(Separators.Comma) ? null : Spacing.DigitByDigit;
        if (shortest < 2) return null;
        if (separators.HasFlag(Separators.Dot) && !(uniform && shortest >= 3)) return null;
        return Spacing.Groups;
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
    /// <param name="spacing">Spaced a digit at a time: only a whole ID or mobile number, without a prefix, is one.</param>
    private static PersonalNumberKind? KindOf(string d, List<int> ends, Spacing spacing)
    {
        if (d.Length == 18 && IsId18(d)) return PersonalNumberKind.IdNumber;
        if (d.Contains('X')) return null;
        if (d.Length == 15 && IsId15(d)) return PersonalNumberKind.IdNumber;
        if (spacing == Spacing.DigitByDigit)
            return d.Length == 11 && IsMobile(d, []) ? PersonalNumberKind.Mobile : null;
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

    /// <summary>
    /// 11 digits 1[3-9]…, after 86/0086 or a 0 (dialled from a landline); written in groups, the first has at least three
    /// digits (138 0013 8000, not 13 800 138 000).
    /// </summary>
    private static bool IsMobile(string d, List<int> ends)
    {
        var n = National(d, out var country);
        if (country == 0 && n.Length == 12 && n[0] == '0')
        {
            n = n[1..];
            country = 1;
        }
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

    private const string Opening = "([{<（［｛＜【〔〖「『《〈｟⦅〘〚︵︷︹︻︽︿﹁﹃";
    private const string Closing = ")]}>）］｝＞】〕〗」』》〉｠⦆〙〛︶︸︺︼︾﹀﹂﹄";
    private const string Dashes = "‐‑‒–—―−﹘﹣－ー─━⁃╌╍┄┅";
    private const string Dots = "·•‧・･．";
    /// <summary>An ID's check character as people type it: ×, Greek and Cyrillic look-alikes, crosses.</summary>
    private const string CheckXs = "×ΧχХх✕✖✗✘╳";

    /// <summary>Chinese numerals (〇/零 and 壹贰…, 幺 as one is spoken in phone numbers) and the digit each stands for.</summary>
    private static readonly Dictionary<char, char> ChineseDigits = new()
    {
        ['〇'] = '0', ['零'] = '0', ['一'] = '1', ['二'] = '2', ['三'] = '3', ['四'] = '4', ['五'] = '5', ['六'] = '6', ['七'] = '7', ['八'] = '8', ['九'] = '9',
        ['壹'] = '1', ['贰'] = '2', ['貳'] = '2', ['叁'] = '3', ['叄'] = '3', ['參'] = '3', ['肆'] = '4', ['伍'] = '5', ['陆'] = '6', ['陸'] = '6',
        ['柒'] = '7', ['捌'] = '8', ['玖'] = '9', ['幺'] = '1',
    };

    /// <summary>
    /// What a character is to the reader of numbers, and the ASCII character it reads as (NFKC: full-width digits are
    /// digits). Never throws: noncharacters, lone surrogates and unassigned code points are never normalised.
    /// </summary>
    private static (CharKind Kind, char Char, int Length) Classify(string text, int pos)
    {
        var c = text[pos];
        if (c < 128) return (Ascii(c), c, 1);
        if (ChineseDigits.TryGetValue(c, out var digit)) return (CharKind.Digit, digit, 1);
        if (!Rune.TryGetRuneAt(text, pos, out var rune)) return (CharKind.Invisible, c, 1); // a lone surrogate (removed by PublicText)
        var length = rune.Utf16SequenceLength;
        if (c is >= '\u4E00' and <= '\u9FFF') return (CharKind.Other, c, length); // the common case in Chinese text, and nothing NFKC changes
        if (IsNoncharacter(rune.Value)) return (CharKind.Invisible, c, length);
        if (IsBlank(rune.Value)) return (CharKind.Space, ' ', length);
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                return (CharKind.Invisible, c, length);
            case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control:
                return (CharKind.Space, ' ', length);
            case UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse:
                return (CharKind.Other, c, length);
        }
        if (Dashes.Contains(c)) return (CharKind.Dash, '-', length);
        if (Dots.Contains(c)) return (CharKind.Dot, '.', length);
        if (Opening.Contains(c) || Closing.Contains(c)) return (CharKind.Bracket, c, length);
        if (CheckXs.Contains(c)) return (CharKind.CheckX, 'X', length);
        var normal = rune.ToString().Normalize(NormalizationForm.FormKC);
        if (normal.Length == 1 && normal[0] < 128) return (Ascii(normal[0]), normal[0], length);
        return (CharKind.Other, c, length);
    }

    private static CharKind Ascii(char c) => c switch
    {
        >= '0' and <= '9' => CharKind.Digit,
        'X' or 'x' => CharKind.CheckX,
        _ when char.IsAsciiLetter(c) => CharKind.Letter,
        ' ' or '\t' or '\n' or '\r' or '\v' or '\f' => CharKind.Space,
        '-' or '/' or '_' => CharKind.Dash,
        '.' => CharKind.Dot,
        ',' => CharKind.Comma,
        '(' or ')' or '[' or ']' or '{' or '}' or '<' or '>' => CharKind.Bracket,
        _ when char.IsControl(c) => CharKind.Space, // PublicText turns control characters into spaces
        _ => CharKind.Other,
    };
}
