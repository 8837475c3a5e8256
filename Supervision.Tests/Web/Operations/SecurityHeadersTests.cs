using System.Net;
using System.Text.RegularExpressions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Operations;

public class SecurityHeadersTests(Portal portal) : IClassFixture<Portal>
{
    public static readonly TheoryData<string, string?> Responses = new()
    {
        { "/account/login", null },
        { "/", null }, // a redirect to sign in
        { "/public", null },
        { "/public/feed.json", null },
        { "/no-such-page", null },
        { "/healthz", null },
        { "/readyz", null },
        { "/app.css", null },
        { "/api/v1/templates/RN-MONTHLY", null }, // 401 from the API
        { "/cases", "inspector.nx" },
        { "/openapi/v1.json", null },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string path, string? user)
    {
        var client = user is null ? portal.Anonymous() : await portal.AsAsync(user);
        var response = await client.GetAsync(path);
        string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("same-origin", Header("Referrer-Policy"));
        var csp = Header("Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
    }

    /// <summary>The import map is the page's only inline script; it runs because it carries this response's nonce, and no other does.</summary>
    [Fact]
    public async Task The_inline_import_map_carries_the_nonce_of_its_own_response()
    {
        var client = await portal.AsAsync("inspector.nx");
        var first = await client.GetAsync("/cases");
        var second = await client.GetAsync("/cases");
        string NonceOf(HttpResponseMessage r) => Regex.Match(string.Join("", r.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEqual(NonceOf(first), NonceOf(second));
        var html = await first.Content.ReadAsStringAsync();
        var inline = Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value).ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, tag => Assert.Contains($"nonce=\"{NonceOf(first)}\"", WebUtility.HtmlDecode(tag)));
    }
}
