using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Audit;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Access;

public class SignInTests(Portal portal) : IClassFixture<Portal>
{
    /// <summary>A forged Host header never reaches a Location: the way to sign in (and to "access denied") is a path on this site.</summary>
    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8443")]
    public async Task Redirects_to_sign_in_are_relative_whatever_the_host_header_says(string host)
    {
        var anonymous = portal.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/notifications?x=1");
        request.Headers.Host = host;
        var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login?ReturnUrl=", location);
        Assert.DoesNotContain("evil", location);

        var leader = await portal.AsAsync("leader.nx");
        var denied = new HttpRequestMessage(HttpMethod.Get, "/admin/users");
        denied.Headers.Host = host;
        var refused = await leader.SendAsync(denied);
        if (refused.StatusCode == HttpStatusCode.Redirect) Assert.DoesNotContain("evil", refused.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Every_demo_account_signs_in_with_the_documented_password()
    {
        foreach (var user in new[] { "admin", "inspector.nx", "leader.nx", "ministry", "carrier.cmcc.nx", "carrier.cucc.nx", "carrier.reseller" })
        {
            var client = portal.Anonymous();
            var response = await Portal.SignInAsync(client, user, "Demo#2026");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        }
    }

    [Fact]
    public async Task A_wrong_password_shows_a_chinese_error_and_is_audited()
    {
        var response = await Portal.SignInAsync(portal.Anonymous(), "leader.nx", "wrong-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync());
        await using var db = portal.Db();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignInFailed && e.EntityId == "leader.nx"));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var client = portal.Anonymous();
        for (var i = 0; i < 5; i++)
            await Portal.SignInAsync(client, "inspector2.nx", "nope");
        var response = await Portal.SignInAsync(client, "inspector2.nx", "Demo#2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账户已锁定", await response.Content.ReadAsStringAsync());
        await using var db = portal.Db();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.LockedOut && e.EntityId == "inspector2.nx"));
    }

    [Theory]
    [InlineData("/org/branches", "/org/branches")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/。x", "/%E3%80%82x")]                 // non-ASCII: the page answers, and the redirect carries it encoded
    [InlineData("/cases?q=宁夏", "/cases?q=%E5%AE%81%E5%A4%8F")]
    public async Task The_return_address_stays_on_this_site(string returnUrl, string expected)
    {
        var client = portal.Anonymous();
        var page = await client.GetStringAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Contains("用户登录", page);
        var response = await SignInWithReturnAsync(client, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        Assert.Equal(("localhost", expected), (location.Host, location.PathAndQuery));
    }

    private static async Task<HttpResponseMessage> SignInWithReturnAsync(HttpClient client, string returnUrl)
    {
        var page = await client.GetStringAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = "inspector.nx", ["Input.Password"] = "Demo#2026",
        }));
    }
}

/// <summary>Outside Development there is no demo account; the first administrator comes from the command line.</summary>
public class ProductionModeTests : IAsyncLifetime
{
    private PortalFactory _factory = default!;

    public async Task InitializeAsync()
    {
        _factory = new PortalFactory(await TemplateDatabase.EmptyAsync(), environment: "Production");
        await Supervision.Web.Startup.InitializeAsync(_factory.Services,
            _factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(),
            _factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>(), [],
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task No_demo_account_exists_and_the_first_administrator_is_created_by_command()
    {
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var demo = await Portal.SignInAsync(client, "admin", "Demo#2026");
        Assert.Contains("用户名或密码错误", await demo.Content.ReadAsStringAsync());

        Assert.Equal(2, await Supervision.Web.Startup.CreateAdministratorAsync(_factory.Services, "root", null));
        Assert.Equal(1, await Supervision.Web.Startup.CreateAdministratorAsync(_factory.Services, "root", "short"));
        // The password policy applies to the first administrator too: common ones, and the published demo password outside Development.
        Assert.Equal(1, await Supervision.Web.Startup.CreateAdministratorAsync(_factory.Services, "root", "Password123!"));
        Assert.Equal(1, await Supervision.Web.Startup.CreateAdministratorAsync(_factory.Services, "root", "Demo#2026-Root"));
        Assert.Equal(0, await Supervision.Web.Startup.CreateAdministratorAsync(_factory.Services, "root", "Str0ng#Passw0rd"));

        // Administrators must use an authenticator (seed-data/role-policies.json): the first sign-in enrols one.
        var signedIn = await Portal.SignInAsync(client, "root", "Str0ng#Passw0rd");
        Assert.Equal("/account/login/enrol?ReturnUrl=%2F", Accounts.Location(signedIn));
        Assert.True(Accounts.IsSignInRedirect(await client.GetAsync("/admin/users")));
        var key = Accounts.Key(await client.GetStringAsync("/account/login/enrol"));
        var enrolled = await Accounts.PostFormAsync(client, "/account/login/enrol", "enrol", new() { ["Input.Code"] = Accounts.Totp(key) });
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
    }
}
