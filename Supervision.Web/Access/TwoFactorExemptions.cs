namespace Supervision.Web.Access;

/// <summary>
/// Users who may sign in without an authenticator although their role requires one: in Development the demo accounts
/// (unless they enrol one), so the documented demo sign-in keeps working; nobody elsewhere.
/// </summary>
public sealed class TwoFactorExemptions(IEnumerable<string> userNames)
{
    private readonly HashSet<string> _names = userNames.ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool Contains(string? userName) => userName is not null && _names.Contains(userName);
}
