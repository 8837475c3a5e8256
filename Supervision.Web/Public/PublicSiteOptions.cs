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

/// <summary>
/// Documents' QR codes point at the verify page under the public site's address (<c>PublicSite:BaseUrl</c>), else under the
/// portal's own configured address (<c>Mail:BaseUrl</c>, where the verify page is served too), so a printed code is an absolute
/// address a phone can open; root-relative only where neither is configured (Development).
/// </summary>
public sealed class PublicVerificationLinks(Microsoft.Extensions.Options.IOptions<PublicSiteOptions> options, Microsoft.Extensions.Options.IOptions<Mail.MailOptions> mail)
    : Supervision.Domain.Documents.IVerificationLinks
{
    public string VerifyUrl(string code) => options.Value.Absolute
        ? options.Value.Link($"/public/verify/{code}")
        : mail.Value.Link($"/public/verify/{code}");
}
