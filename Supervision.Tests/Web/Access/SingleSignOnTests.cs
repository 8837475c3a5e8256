using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Audit;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Access;

/// <summary>
/// Single sign-on against a real OpenID Connect provider (OpenIddict, authorization code with PKCE): the identity provider says
/// who it is, the portal's own user record says what that person may do — or, without one, a Chinese page says why not.
/// </summary>
public partial class SingleSignOnTests(Portal portal) : IClassFixture<Portal>, IAsyncLifetime
{
    private OidcTestProvider _provider = default!;
    private WebApplicationFactory<Program> _sso = default!;

    public async Task InitializeAsync()
    {
        _provider = await OidcTestProvider.StartAsync("https://localhost/signin-oidc");
        _sso = portal.Factory.WithWebHostBuilder(b => b
            .UseSetting("Oidc:Enabled", "true")
            .UseSetting("Oidc:Authority", _provider.Issuer.ToString())
            .UseSetting("Oidc:ClientId", OidcTestProvider.ClientId)
            .UseSetting("Oidc:ClientSecret", OidcTestProvider.ClientSecret)
            .UseSetting("Oidc:Claim", "preferred_username")
            .UseSetting("Oidc:RequireHttpsMetadata", "false"));
        await using var db = portal.Db();
        (await db.Users.SingleAsync(u => u.UserName == "inspector.nx")).SetExternalId("zhang.wei");
        var disabled = await db.Users.SingleAsync(u => u.UserName == "inspector2.nx");
        disabled.SetExternalId("li.na");
        disabled.LockoutEnd = DateTimeOffset.UtcNow.AddYears(10);
        (await db.Users.SingleAsync(u => u.UserName == "carrier.cucc.nx")).SetExternalId("cucc.admin");
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _sso.DisposeAsync();
        await _provider.DisposeAsync();
    }

    /// <summary>The browser's round trip: the portal sends it to the provider, the provider posts the code back, the portal finishes.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Finished)> SignInAsync(string identity)
    {
        _provider.NextUser = identity;
        var client = _sso.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var login = await client.GetStringAsync("/account/login");
        Assert.Contains("使用统一身份认证登录", login);
        var challenge = await client.GetAsync("/account/sso?returnUrl=%2Fcases");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_provider.Issuer.ToString(), authorize.ToString());
        Assert.Contains("code_challenge_method=S256", authorize.Query);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var form = await (await browser.GetAsync(authorize)).Content.ReadAsStringAsync();
        var fields = Portal.HiddenFields(form);
        Assert.True(fields.ContainsKey("code"), form);
        var back = await client.PostAsync("/signin-oidc", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var next = back.Headers.Location!;
        return (client, await client.GetAsync(next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString));
    }

    [Fact]
    public async Task An_officer_signs_in_with_the_role_and_scope_of_the_portal_user_and_the_sign_in_is_audited()
    {
        var (client, finished) = await SignInAsync("zhang.wei");
        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        Assert.Equal("/cases", finished.Headers.Location!.OriginalString);

        // inspector.nx's scope: the province of Ningxia, not another province.
        await using var db = portal.Db();
        var own = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var foreign = await db.Branches.SingleAsync(b => b.Code == "CMCC-44");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/org/branches/{own.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/org/branches/{foreign.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignIn && e.EntityId == "inspector.nx"));
    }

    [Theory]
    [InlineData("nobody.at.portal", "unknown", "尚未关联本平台用户")]
    [InlineData("li.na", "disabled", "已被锁定或停用")]
    [InlineData("cucc.admin", "carrier", "企业用户请使用平台用户名和密码登录")]
    public async Task An_identity_without_an_active_staff_user_is_refused_in_chinese_and_not_signed_in(string identity, string reason, string message)
    {
        var (client, finished) = await SignInAsync(identity);
        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        Assert.Equal($"/account/sso/refused?reason={reason}", finished.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(finished.Headers.Location.OriginalString);
        Assert.Contains(message, page);
        // Not signed in: a page behind sign-in sends the client to the login page.
        var cases = await client.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, cases.StatusCode);
        Assert.Contains("/account/login", cases.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_login_page_offers_single_sign_on_only_when_it_is_enabled()
    {
        Assert.DoesNotContain("使用统一身份认证登录", await portal.Anonymous().GetStringAsync("/account/login"));
        Assert.Equal(HttpStatusCode.NotFound, (await portal.Anonymous().GetAsync("/account/sso")).StatusCode);
    }
}
