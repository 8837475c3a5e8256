using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;

namespace Supervision.Domain.Access;

/// <summary>The portal's name book, shared by every request of one host and re-read at most once a minute.</summary>
public sealed class PeopleCache
{
    internal sealed record Book(IReadOnlyDictionary<string, string> ByLogin, IReadOnlyDictionary<string, string> ById,
        IReadOnlyDictionary<string, string> ByKeyPrefix, DateTimeOffset ReadAt);

    internal Book? Current;

    /// <summary>After a user is created or renamed, so the next page shows the new name at once.</summary>
    public void Invalidate() => Current = null;
}

/// <summary>
/// Who a recorded actor is, in the words a person reads: rows keep who acted as the sign-in name (inspector.nx, an API key's
/// caller, a scheduled job) — stable for the audit chain — and pages show 马建国（宁夏局网安处）, 宁夏移动（接口）, 系统（定时任务）.
/// </summary>
public sealed class People(IDbContextFactory<SupervisionDbContext> factory, PeopleCache cache, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>The name to show for an actor recorded on a row (a login name, "api:…", "job:…", "system:…"); "—" for none.</summary>
    public string Name(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor)) return "—";
        if (actor.StartsWith("job:", StringComparison.Ordinal)) return "系统（定时任务）";
        if (actor == "system:seed") return "系统（初始数据）";
        if (actor == "system:demo") return "系统（演示数据）";
        if (actor.StartsWith("system:", StringComparison.Ordinal) || actor == "system") return "系统";
        var book = Read();
        if (actor.StartsWith("api:", StringComparison.Ordinal))
            return book.ByKeyPrefix.TryGetValue(actor[4..], out var caller) ? $"{caller}（接口）" : "企业接口";
        return book.ByLogin.TryGetValue(actor, out var name) ? name : actor;
    }

    /// <summary>
    /// The recorded actors (sign-in names, "api:…" callers) whose shown name contains <paramref name="text"/>, so a filter
    /// typed as a person reads it (马建国, 宁夏移动) finds their rows.
    /// </summary>
    public IReadOnlyList<string> ActorsNamed(string text)
    {
        var book = Read();
        return book.ByLogin.Where(p => p.Value.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key)
            .Concat(book.ByKeyPrefix.Where(p => $"{p.Value}（接口）".Contains(text, StringComparison.OrdinalIgnoreCase)).Select(p => "api:" + p.Key))
            .ToList();
    }

    /// <summary>The name of a user by id (as rows that point at a user store it).</summary>
    public string NameOfId(string? userId) =>
        string.IsNullOrEmpty(userId) ? "—" : Read().ById.TryGetValue(userId, out var name) ? name : "（已删除的用户）";

    private PeopleCache.Book Read()
    {
        var book = cache.Current;
        if (book is not null && clock.GetUtcNow() - book.ReadAt < MaxAge) return book;
        using var db = factory.CreateDbContext();
        // Names only, looked up by what a row recorded; the users table is not listed to anyone here.
        var users = db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.DisplayName }).ToList();
        // Every key's company, whoever reads: a row filed through the API names the company that filed it.
        var keys = (from k in db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
                    join b in db.Branches.IgnoreQueryFilters() on k.BranchId equals b.Id
                    select new { k.Prefix, Branch = b.ShortName }).ToList();
        book = new PeopleCache.Book(
            users.Where(u => u.UserName != null).ToDictionary(u => u.UserName!, u => Shown(u.DisplayName, u.UserName!)),
            users.ToDictionary(u => u.Id, u => Shown(u.DisplayName, u.UserName ?? "")),
            keys.GroupBy(k => k.Prefix).ToDictionary(g => g.Key, g => g.First().Branch),
            clock.GetUtcNow());
        cache.Current = book;
        return book;
    }

    private static string Shown(string displayName, string userName) => string.IsNullOrWhiteSpace(displayName) ? userName : displayName;
}
