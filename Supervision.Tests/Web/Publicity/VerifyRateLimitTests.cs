using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Web.Operations;

namespace Supervision.Tests.Web.Publicity;

/// <summary>The public verify page limits look-ups and PDF uploads per client address and answers a refused one in Chinese.</summary>
public class VerifyRateLimitTests(Portal portal) : IClassFixture<Portal>
{
    /// <summary>The same portal and database with tight limits (added after the fixture's own settings, so they win).</summary>
    private WebApplicationFactory<Program> Limited(int lookups, int uploads) => portal.Factory.WithWebHostBuilder(b =>
    {
        b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PublicVerify:RateLimit:Lookups"] = lookups.ToString(),
            ["PublicVerify:RateLimit:Uploads"] = uploads.ToString(),
            ["PublicVerify:RateLimit:WindowSeconds"] = "3600",
        }));
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new SignInRateLimitTests.PeerAddress()));
    });

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("verify-file"), "_handler" },
            { new ByteArrayContent("%PDF-1.7 nothing"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "pdf", "文书.pdf" },
        };
        return client.PostAsync("/public/verify/ABCDEFGHJKMN", form);
    }

    [Fact]
    public async Task Lookups_and_uploads_beyond_the_limit_of_one_address_get_a_Chinese_429_and_other_addresses_go_on()
    {
        // Documentation addresses (RFC 5737).
        await using var factory = Limited(lookups: 3, uploads: 2);
        var client = SignInRateLimitTests.From(factory, "198.51.100.21");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/public/verify/ABCDEFGHJK{i}M")).StatusCode);
        var refused = await client.GetAsync("/public/verify?code=ABCD-EFGH-JKMN");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("核验请求过于频繁，请", page);
        Assert.Contains("lang=\"zh-CN\"", page);

        // Uploads are counted apart from look-ups, and more tightly.
        for (var i = 0; i < 2; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await UploadAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await UploadAsync(client)).StatusCode);

        // Another client is not held back by the first one; other public pages are not limited by this policy.
        var other = SignInRateLimitTests.From(factory, "198.51.100.22");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/public/verify/ABCDEFGHJKMN")).StatusCode);
        for (var i = 0; i < 5; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/public")).StatusCode);
    }
}
