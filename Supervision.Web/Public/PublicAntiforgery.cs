using Microsoft.AspNetCore.Components.Forms;

namespace Supervision.Web.Public;

/// <summary>
/// Blazor's server rendering persists an antiforgery token into every page of an app that has interactive pages, and
/// with it sets the antiforgery cookie and "no-store" — which keeps a response out of the output cache (a response that
/// sets a cookie is never stored) and out of browsers' and proxies' caches, and gives every visitor of the public site a
/// cookie. The public pages are plain HTML whose only forms are GET searches: on /public no token is made, so those
/// pages set no cookie and are cached like the feeds. Everywhere else (and in circuits) the framework's own provider
/// is used unchanged.
/// </summary>
public static class PublicAntiforgery
{
    public static IServiceCollection WithoutAntiforgeryOnPublicPages(this IServiceCollection services)
    {
        var framework = services.LastOrDefault(d => d.ServiceType == typeof(AntiforgeryStateProvider))
            ?? throw new InvalidOperationException("AddRazorComponents must be called before the public site's antiforgery rule.");
        services.Remove(framework);
        services.AddScoped<AntiforgeryStateProvider>(sp =>
            sp.GetService<IHttpContextAccessor>()?.HttpContext?.Request.Path.StartsWithSegments("/public") == true
                ? new NoToken()
                : (AntiforgeryStateProvider)(framework.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, framework.ImplementationType!)));
        return services;
    }

    private sealed class NoToken : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
