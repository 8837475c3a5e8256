using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Audit;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Web.Access;

namespace Supervision.Tests.Web.Operations;

public class SignInRateLimitTests(Portal portal) : IClassFixture<Portal>
{
    private HttpClient Client(WebApplicationFactory<Program> factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The same portal and database with tight limits (added after the fixture's own settings, so they win).</summary>
    private WebApplicationFactory<Program> Limited(int perAddress, int perUser, string? knownProxy = null) => portal.Factory.WithWebHostBuilder(b =>
    {
        b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SignIn:RateLimit:PerAddress"] = perAddress.ToString(),
            ["SignIn:RateLimit:PerUser"] = perUser.ToString(),
            ["SignIn:RateLimit:WindowSeconds"] = "3600",
            ["ForwardedHeaders:KnownProxies"] = knownProxy,
        }));
        // The in-memory server has no socket: a test header stands for the address the connection comes from.
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new PeerAddress()));
    });

    /// <summary>The in-memory server has no socket: the X-Test-Peer header stands for the address the connection comes from.</summary>
    internal sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, following) =>
            {
                if (ctx.Request.Headers.TryGetValue("X-Test-Peer", out var peer))
                    ctx.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return following(ctx);
            });
            next(app);
        };
    }

    /// <summary>A client whose connections come from <paramref name="peer"/>, claiming to forward for <paramref name="forwardedFor"/>.</summary>
    internal static HttpClient From(WebApplicationFactory<Program> factory, string peer, string? forwardedFor = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_per_address_limit_counts_each_client_not_the_proxy()
    {
        // Documentation addresses (RFC 5737): 192.0.2.10 is the reverse proxy the operator configured.
        await using var factory = Limited(perAddress: 3, perUser: 100, knownProxy: "192.0.2.10");
        var first = From(factory, "192.0.2.10", "203.0.113.7");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await Portal.SignInAsync(first, $"proxy.a{i}", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Portal.SignInAsync(first, "proxy.a3", "x")).StatusCode);
        // Another client through the same proxy is not blocked by the first one's attempts.
        var second = From(factory, "192.0.2.10", "203.0.113.8");
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(second, "ministry", "Demo#2026")).StatusCode);
        await using var db = portal.Db();
        Assert.Contains("203.0.113.7", (await db.AuditEntries.Where(e => e.EntityId == "proxy.a0").SingleAsync()).Changes);

        // A connection from anywhere else cannot choose its address by writing the header: it is limited as itself.
        var direct = From(factory, "198.51.100.9", "203.0.113.50");
        for (var i = 0; i < 3; i++)
        {
            direct.DefaultRequestHeaders.Remove("X-Forwarded-For");
            direct.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{60 + i}");
            Assert.Equal(HttpStatusCode.OK, (await Portal.SignInAsync(direct, $"proxy.b{i}", "x")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Portal.SignInAsync(direct, "proxy.b3", "x")).StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_headers_are_ignored()
    {
        await using var factory = Limited(perAddress: 2, perUser: 100);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await Portal.SignInAsync(From(factory, "198.51.100.20", $"203.0.113.{i}"), $"noproxy.{i}", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Portal.SignInAsync(From(factory, "198.51.100.20", "203.0.113.99"), "noproxy.2", "x")).StatusCode);
        await using var db = portal.Db();
        Assert.Contains("198.51.100.20", (await db.AuditEntries.Where(e => e.EntityId == "noproxy.0").SingleAsync()).Changes);
    }

    [Fact]
    public async Task The_second_step_is_limited_per_user_like_the_password()
    {
        var id = await Accounts.CreateAsync(portal, "limit.twofactor", "Copper#Lantern2026");
        await Accounts.EnrolAsync(portal, id);
        await using var factory = Limited(perAddress: 100, perUser: 3);
        var client = Client(factory);
        var password = await Portal.SignInAsync(client, "limit.twofactor", "Copper#Lantern2026");
        Assert.StartsWith("/account/login/two-factor", Accounts.Location(password));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await Accounts.PostFormAsync(client, "/account/login/two-factor", "two-factor", new() { ["Input.Code"] = "000000" })).StatusCode);
        var refused = await Accounts.PostFormAsync(client, "/account/login/two-factor", "two-factor", new() { ["Input.Code"] = "000000" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Posts_naming_one_user_beyond_the_limit_answer_429_with_a_chinese_page_and_never_reach_identity()
    {
        await using var factory = Limited(perAddress: 100, perUser: 3);
        var client = Client(factory);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await Portal.SignInAsync(client, "leader.nx", "wrong")).StatusCode);
        var refused = await Portal.SignInAsync(client, "LEADER.nx ", "Demo#2026"); // the same name, however it is written
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("登录尝试过于频繁，请60分钟后再试。", page);
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("supervision.auth=")));
        // The refused post was not a failed attempt against the account: Identity saw three, not four.
        await using var db = portal.Db();
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.SignInFailed && e.EntityId == "leader.nx"));
        // Another user from the same address still signs in, and the sign-in page itself is never limited.
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(Client(factory), "ministry", "Demo#2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task Posts_from_one_address_beyond_the_limit_answer_429_whatever_the_user_name()
    {
        await using var factory = Limited(perAddress: 4, perUser: 100);
        var client = Client(factory);
        foreach (var user in new[] { "a1", "a2", "a3", "a4" })
            Assert.Equal(HttpStatusCode.OK, (await Portal.SignInAsync(client, user, "x")).StatusCode);
        var refused = await Portal.SignInAsync(client, "admin", "Demo#2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("登录尝试过于频繁", await refused.Content.ReadAsStringAsync());
        // Pages other than the sign-in post are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/public")).StatusCode);
    }

    [Fact]
    public async Task Identity_lockout_still_applies_under_the_limit()
    {
        await using var factory = Limited(perAddress: 100, perUser: 10);
        var client = Client(factory);
        for (var i = 0; i < 5; i++)
            await Portal.SignInAsync(client, "inspector2.nx", "nope");
        var response = await Portal.SignInAsync(client, "inspector2.nx", "Demo#2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账户已锁定", await response.Content.ReadAsStringAsync());
    }
}
