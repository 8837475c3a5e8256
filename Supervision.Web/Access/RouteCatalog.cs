using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Supervision.Web.Access;

/// <summary>One routable page and who may open it, as its own attributes say.</summary>
public sealed record PageRoute(string Template, Type Component, bool Anonymous, IReadOnlyList<string>? Roles)
{
    /// <summary>Null roles with !Anonymous means any signed-in user.</summary>
    public bool Allows(ClaimsPrincipal user)
    {
        if (Anonymous) return true;
        if (user.Identity?.IsAuthenticated != true) return false;
        return Roles is null || Roles.Any(user.IsInRole);
    }
}

/// <summary>
/// Every page of the portal, read from the assembly: the menu shows what a user may open, and the
/// authorization tests walk the same list, so a new page cannot be missed by either.
/// </summary>
public sealed class RouteCatalog(IReadOnlyList<PageRoute> pages)
{
    public IReadOnlyList<PageRoute> Pages { get; } = pages;

    public static RouteCatalog FromAssembly(Assembly assembly) => new(assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => Describe(r.Template, t)))
        .OrderBy(p => p.Template, StringComparer.Ordinal)
        .ToList());

    private static PageRoute Describe(string template, Type component)
    {
        var anonymous = component.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        var roles = component.GetCustomAttributes<AuthorizeAttribute>()
            .Where(a => !string.IsNullOrEmpty(a.Roles))
            .SelectMany(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct().ToList();
        return new PageRoute(template, component, anonymous, roles.Count > 0 ? roles : null);
    }

    public PageRoute? Find(string href)
    {
        var path = "/" + href.Split('?', '#')[0].Trim('/');
        return Pages.FirstOrDefault(p => string.Equals(p.Template, path, StringComparison.OrdinalIgnoreCase));
    }

    public bool CanOpen(string href, ClaimsPrincipal user) => Find(href)?.Allows(user) == true;
}
