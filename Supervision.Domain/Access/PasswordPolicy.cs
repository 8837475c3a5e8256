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

    public bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var core = lower.Trim(Around(lower, char.IsLetter));
        var unsymbolled = lower.Trim(Around(lower, char.IsLetterOrDigit));
        return new[] { lower, core, unsymbolled, Plain(lower), Plain(core) }.Any(list.Contains);
    }

    // What surrounds the letters (or letters and digits): "2026#qwerty!!" → "qwerty", "123456789!" → "123456789".
    private static char[] Around(string s, Func<char, bool> kept) => s.Where(c => !kept(c)).Distinct().ToArray();

    private static string Plain(string s) => new(s.Select(c => c switch
    {
        '@' or '4' => 'a',
        '0' => 'o',
        '1' or '!' => 'i',
        '3' => 'e',
        '$' or '5' => 's',
        '7' => 't',
        _ => c,
    }).ToArray());
}

/// <summary>
/// What Identity's length and character rules do not catch: a password holding the user name (or a part of it), a common
/// one, or a published one. Runs on every password set: first administrator, new users, resets and changes.
/// </summary>
public sealed class PasswordPolicy(CommonPasswords common) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);
        var errors = new List<IdentityError>();
        var lower = password.ToLowerInvariant();
        var name = (user.UserName ?? "").ToLowerInvariant();
        var parts = name.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 4);
        if ((name.Length >= 3 && lower.Contains(name)) || parts.Any(lower.Contains))
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "密码不能包含用户名。" });
        if (common.IsPublished(password))
            errors.Add(new IdentityError { Code = "PasswordPublished", Description = "密码不能包含公开的演示密码。" });
        else if (common.IsCommon(password))
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "密码过于常见（常见密码或仅在其前后加数字、符号），容易被猜中，请另设一个。" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
