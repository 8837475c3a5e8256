using Microsoft.AspNetCore.Identity;

namespace Supervision.Domain.Access;

/// <summary>
/// The passwords guessing tries first: the list in <c>seed-data/common-passwords.txt</c>, each also with digits or symbols
/// added around it or with the usual letter substitutions (P@ssw0rd2026!), and passwords that are published (the demo
/// accounts' password, outside Development), refused even inside a longer one.
/// </summary>
public sealed class CommonPasswords(IReadOnlySet<string> list, IReadOnlyList<string> published)
{
    public const string FileName = "common-passwords.txt";

    public int Count => list.Count;

    public static CommonPasswords Load(string seedDirectory, IEnumerable<string> published)
    {
        var path = Path.Combine(seedDirectory, FileName);
        if (!File.Exists(path))
            throw new Common.DomainException("seed.missing", $"基础数据文件不存在：{path}");
        var list = File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return new CommonPasswords(list, published.Select(p => p.ToLowerInvariant()).ToList());
    }

    public bool IsPublished(string password) => published.Any(password.ToLowerInvariant().Contains);

    public bool IsCommon(string password) =>
        Cores(password.ToLowerInvariant()).Any(c => list.Contains(c) || list.Contains(Plain(c, 'i')) || list.Contains(Plain(c, 'l')));

    /// <summary>
    /// The password is a walk over neighbouring keys of a keyboard (qwertyuiop, 1qaz2wsx, asdfghjkl, 1q2w3e4r, !QAZ@WSX),
    /// possibly in several strokes and with digits or symbols added before or after: every character of what is left
    /// belongs to a stroke of at least three neighbouring keys.
    /// </summary>
    public static bool IsKeyboardWalk(string password) => Cores(password.ToLowerInvariant()).Any(Walked);

    /// <summary>Letter shifts a guesser tries (P@ssw0rd, Adm1n, 4dmin): '1' read as i or l.</summary>
    internal static string Plain(string s, char one) => new(s.Select(c => c switch
    {
        '@' or '4' => 'a',
        '0' => 'o',
        '1' or '!' or '|' => one,
        '3' => 'e',
        '$' or '5' => 's',
        '7' => 't',
        '8' => 'b',
        _ => c,
    }).ToArray());

    /// <summary>Decoration a guesser adds, at most this many digits or symbols on a side, is taken off in every way.</summary>
    private const int Decoration = 8;

    /// <summary>
    /// The password without digits or symbols added before or after its letters, in every way (2026#Qwerty!! → qwerty,
    /// qwerty!!, 2026#qwerty…; 4dmin2026! → 4dmin, dmin…), the password itself first; without letters, around its digits.
    /// </summary>
    private static IEnumerable<string> Cores(string s)
    {
        var kept = s.Any(char.IsLetter) ? (Func<char, bool>)char.IsLetter : char.IsLetterOrDigit;
        var first = 0;
        while (first < s.Length && !kept(s[first])) first++;
        if (first == s.Length) yield break;
        var last = s.Length - 1;
        while (!kept(s[last])) last--;
        yield return s;
        for (var i = first; i >= Math.Max(0, first - Decoration); i--)
            for (var j = last + 1; j <= Math.Min(s.Length, last + 1 + Decoration); j++)
                yield return s[i..j];
    }

    private static readonly string[] Rows = ["1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"];
    private static readonly string[] ShiftedRows = ["!@#$%^&*()_+", "QWERTYUIOP{}|", "ASDFGHJKL:\"", "ZXCVBNM<>?"];
    /// <summary>How far each row starts to the right of the one above, in keys (a staggered keyboard).</summary>
    private static readonly double[] RowOffsets = [0, 0.5, 0.75, 1.25];

    private static (int Row, double X)? Key(char c)
    {
        for (var r = 0; r < Rows.Length; r++)
        {
            var x = Rows[r].IndexOf(c);
            if (x < 0) x = ShiftedRows[r].IndexOf(c);
            if (x >= 0) return (r, x + RowOffsets[r]);
        }
        return null;
    }

    private static bool Neighbours((int Row, double X)? a, (int Row, double X)? b) =>
        a is { } p && b is { } q && Math.Abs(p.Row - q.Row) <= 1 && Math.Abs(p.X - q.X) <= 1;

    private static bool Walked(string s)
    {
        if (s.Length < 6) return false;
        var keys = s.Select(Key).ToArray();
        for (var start = 0; start < s.Length;)
        {
            var end = start + 1;
            while (end < s.Length && Neighbours(keys[end - 1], keys[end])) end++;
            if (end - start < 3) return false;
            start = end;
        }
        return true;
    }
}

/// <summary>
/// What Identity's length and character rules do not catch: a password holding the user name (or a part of it), a common
/// one, a keyboard walk, or a published one. Runs on every password set: first administrator, new users, resets and changes.
/// </summary>
public sealed class PasswordPolicy(CommonPasswords common) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);
        var errors = new List<IdentityError>();
        // Compared without regard to case, separators or letter shifts: inspector.nx is refused in 1nSpector#2026 and
        // li.wei in WeiLi#2026!!.
        var lower = password.ToLowerInvariant();
        string[] forms = [lower, CommonPasswords.Plain(lower, 'i'), CommonPasswords.Plain(lower, 'l')];
        var name = (user.UserName ?? "").ToLowerInvariant();
        var parts = name.Split(['.', '_', '-', '@'], StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> names = [name, string.Concat(parts), string.Concat(parts.Reverse()), .. parts.Where(p => p.Length >= 4)];
        if (names.Where(n => n.Length >= 3).Any(n => forms.Any(f => f.Contains(n, StringComparison.Ordinal))))
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "密码不能包含用户名（不区分大小写，也不能拆开、倒序或用数字、符号替换字母）。" });
        if (common.IsPublished(password))
            errors.Add(new IdentityError { Code = "PasswordPublished", Description = "密码不能包含公开的演示密码。" });
        else if (common.IsCommon(password))
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "密码过于常见（常见密码，或仅在其前后加数字、符号，或把字母换成形似的数字、符号，如 P@ssw0rd123!），容易被猜中，请另设一个。" });
        else if (CommonPasswords.IsKeyboardWalk(password))
            errors.Add(new IdentityError { Code = "PasswordKeyboardWalk", Description = "密码是键盘上相邻按键的连续排列（如 qwertyuiop、1qaz2wsx、asdfghjkl），容易被猜中，请另设一个。" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
