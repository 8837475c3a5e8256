using System.Security.Claims;

namespace Supervision.Domain.Access;

/// <summary>
/// Who is acting in this DI scope (an HTTP request, a Blazor circuit, a job). Set once by the web
/// layer from the signed-in user, or by a job as the system. Every database context reads it.
/// </summary>
public sealed class AccessContext
{
    public AccessScope Scope { get; private set; } = AccessScope.None;
    public string Actor { get; private set; } = "anonymous";
    public string? UserId { get; private set; }
    /// <summary>The network address the user acts from (the request's, or the one that opened the circuit), where the web layer knows it.</summary>
    public string? ClientAddress { get; set; }

    public void SetUser(ClaimsPrincipal? user) =>
        Set(AccessScope.FromPrincipal(user),
            user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous",
            user?.FindFirstValue(ClaimTypes.NameIdentifier));

    /// <summary>For background jobs, seeding and command-line tasks: sees and may change everything.</summary>
    public AccessContext AsSystem(string actor) => Set(AccessScope.System, actor, null);

    public AccessContext Set(AccessScope scope, string actor, string? userId = null)
    {
        Scope = scope;
        Actor = actor;
        UserId = userId;
        return this;
    }

    public static AccessContext System(string actor) => new AccessContext().AsSystem(actor);

    public static AccessContext For(AccessScope scope, string actor, string? userId = null) => new AccessContext().Set(scope, actor, userId);
}
