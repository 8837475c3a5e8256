using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Audit;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Operations;

public class SignInRateLimitTests(Portal portal) : IClassFixture<Portal>
{
    private HttpClient Client(WebApplicationFactory<Program> factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The same portal and database with tight limits (added after the fixture's own settings, so they win).</summary>
    private WebApplicationFactory<Program> Limited(int perAddress, int perUser) => portal.Factory.WithWebHostBuilder(b =>
        b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SignIn:RateLimit:PerAddress"] = perAddress.ToString(),
            ["SignIn:RateLimit:PerUser"] = perUser.ToString(),
            ["SignIn:RateLimit:WindowSeconds"] = "3600",
        })));

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
