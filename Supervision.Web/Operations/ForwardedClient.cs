using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Supervision.Web.Operations;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy: the client's address (for the sign-in limits and the audit
/// log) and scheme are taken from X-Forwarded-For / X-Forwarded-Proto, but only when the connection comes from a proxy
/// listed in <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges).
/// With neither set the headers are ignored: anyone could write them.
/// </summary>
public static class ForwardedClient
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddForwardedClient(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, config) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Not the defaults (loopback): only what the operator listed. Every listed proxy in a chain is walked through.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var v in Values(config, "KnownProxies"))
                o.KnownProxies.Add(IPAddress.TryParse(v, out var a) ? a : throw Invalid("KnownProxies", v, "IP address"));
            foreach (var v in Values(config, "KnownNetworks"))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(v, out var n) ? n : throw Invalid("KnownNetworks", v, "CIDR range (e.g. 10.0.0.0/8)"));
            o.ForwardLimit = null;
        });
        return services;
    }

    public static IApplicationBuilder UseForwardedClient(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0 ? app.UseForwardedHeaders() : app;
    }

    // A list in configuration (ForwardedHeaders:KnownProxies:0=…) or one comma-separated value (ForwardedHeaders__KnownProxies=a,b).
    private static IEnumerable<string> Values(IConfiguration config, string key)
    {
        var section = config.GetSection($"{Section}:{key}");
        return section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    private static InvalidOperationException Invalid(string key, string value, string what) =>
        new($"{Section}:{key}: \"{value}\" is not a valid {what}.");
}
