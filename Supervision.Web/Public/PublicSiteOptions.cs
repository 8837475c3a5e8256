using Microsoft.Extensions.DependencyInjection.Extensions;
namespace Supervision.Web.Public;

/// <summary>
/// The public site's own address (<c>PublicSite:BaseUrl</c>), which the feeds' links are made from — never the request's
/// Host header, which anyone can forge and which a cache in front would then hand to every reader. Unset, the links are
/// relative to the site's root (<c>/public/announcements/7</c>): nothing from the request is echoed, and a reader resolves
/// them against the address it fetched the feed from. Production sets it.
/// </summary>
public sealed class PublicSiteOptions
{
    public const string Section = "PublicSite";

    /// <summary>An absolute http(s) address without query, e.g. https://gxt.nx.gov.cn or https://example.gov.cn/portal.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Whether links are absolute (an address is configured).</summary>
    public bool Absolute => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>The link to a path of the site ("/public/…"): absolute with the configured address, else root-relative.</summary>
    public string Link(string path) => Absolute ? BaseUrl!.Trim().TrimEnd('/') + path : path;

    /// <summary>Whether the configured address is usable (unset counts as usable).</summary>
    public bool IsValid() =>
        string.IsNullOrWhiteSpace(BaseUrl)
        || (Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo));
}

/// <summary>Registers <see cref="PublicVerificationLinks"/> from a configuration: the portal's, and the demo history's own services.</summary>
public static class VerificationLinksSetup
{
    /// <param name="demo">The services make the demo's data (the demo history, the benchmarks): the demo's example.gov.cn addresses may be printed.</param>
    public static IServiceCollection AddVerificationLinks(this IServiceCollection services, IConfiguration configuration, bool demo = false)
    {
        services.Configure<PublicSiteOptions>(configuration.GetSection(PublicSiteOptions.Section));
        services.Configure<Mail.MailOptions>(configuration.GetSection(Mail.MailOptions.Section));
        services.Replace(ServiceDescriptor.Singleton<Supervision.Domain.Documents.IVerificationLinks>(sp => new PublicVerificationLinks(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PublicSiteOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Mail.MailOptions>>(),
            sp.GetService<IHostEnvironment>()) { Demo = demo }));
        return services;
    }

    /// <summary>
    /// Outside Development, a verification address that is not https or that names this machine (localhost) stops the start: every
    /// document printed with it would carry a link no reader can trust or open. Unset, documents are refused until it is set.
    /// </summary>
    public static void CheckAtStartup(IServiceProvider services)
    {
        var env = services.GetRequiredService<IHostEnvironment>();
        if (env.IsDevelopment()) return;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VerificationLinksSetup));
        var url = services.GetRequiredService<Supervision.Domain.Documents.IVerificationLinks>().VerifyUrl("CODE");
        // Unset, the link is root-relative ("/public/verify/…"), which .NET on Linux reads as an absolute file:// path.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            log.LogWarning("PublicSite:BaseUrl (or Mail:BaseUrl) is not set: documents cannot be issued until the public verification address is configured");
            return;
        }
        if (uri.Scheme == Uri.UriSchemeHttps && !Supervision.Domain.Documents.IssueReadiness.IsLocal(uri) && Supervision.Domain.Documents.IssueReadiness.IsPlaceholderHost(uri.Host))
        {
            // A placeholder domain (example.gov.cn, *.test) starts, as an unset one does: the documents of a province without its own
            // public site address are refused, naming the setting, until a real one is set.
            log.LogWarning("The public verification address {Address} (PublicSite:BaseUrl, else Mail:BaseUrl) is a placeholder domain: documents of provinces "
                           + "without their own public site address are refused until a real one is set", uri.GetLeftPart(UriPartial.Authority));
            return;
        }
        if (uri.Scheme != Uri.UriSchemeHttps || Supervision.Domain.Documents.IssueReadiness.IsLocal(uri))
        {
            var message = $"The public verification address {uri.GetLeftPart(UriPartial.Authority)} (PublicSite:BaseUrl, else Mail:BaseUrl) must be an https address "
                          + "that readers can open, not http or localhost: every issued document prints it in its QR code. Set PublicSite:BaseUrl to the public site's https address.";
            log.LogCritical("{Message}", message);
            throw new InvalidOperationException(message);
        }
    }
}

/// <summary>
/// Documents' QR codes point at the verify page under the public site's address (<c>PublicSite:BaseUrl</c>), else under the
/// portal's own configured address (<c>Mail:BaseUrl</c>, where the verify page is served too), so a printed code is an absolute
/// address a phone can open; root-relative only where neither is configured (Development).
/// </summary>
public sealed class PublicVerificationLinks(Microsoft.Extensions.Options.IOptions<PublicSiteOptions> options, Microsoft.Extensions.Options.IOptions<Mail.MailOptions> mail,
    IHostEnvironment? environment = null)
    : Supervision.Domain.Documents.IVerificationLinks
{
    public string VerifyUrl(string code) => options.Value.Absolute
        ? options.Value.Link($"/public/verify/{code}")
        : mail.Value.Link($"/public/verify/{code}");

    /// <summary>Made for the demo's data outside the portal (the demo history, the benchmarks).</summary>
    public bool Demo { get; init; }

    /// <summary>Development is the demo: its configuration and the demo administrations' addresses (example.gov.cn) may be printed.</summary>
    public bool DemoRun => Demo || environment?.IsDevelopment() == true;
}
