using Microsoft.Extensions.DependencyInjection;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Public;

namespace Supervision.Tests.Web.Publicity;

/// <summary>
/// Every issued document prints the public verification address in its QR code: outside Development the portal does not start with
/// one that is http (anyone on the way could answer for it) or that names the server itself (no reader can open it).
/// </summary>
public class VerificationAddressStartupTests
{
    [Theory]
    [InlineData("http://gxt.nx.example.gov.cn")]
    [InlineData("https://localhost:5001")]
    [InlineData("https://127.0.0.1")]
    public async Task Production_refuses_to_start_with_a_verification_address_readers_cannot_trust_or_open(string baseUrl)
    {
        await using var factory = new PortalFactory(await TemplateDatabase.EmptyAsync(), environment: "Production")
        {
            ExtraServices = services => services.Configure<PublicSiteOptions>(o => o.BaseUrl = baseUrl),
        };
        var error = Record.Exception(() => factory.CreateClient());
        Assert.NotNull(error);
        Assert.Contains("must be an https address that readers can open", error.ToString());
        Assert.Contains("PublicSite:BaseUrl", error.ToString());
    }

    [Fact]
    public async Task Production_starts_with_a_public_https_verification_address()
    {
        await using var factory = new PortalFactory(await TemplateDatabase.EmptyAsync(), environment: "Production")
        {
            ExtraServices = services => services.Configure<PublicSiteOptions>(o => o.BaseUrl = "https://gxt.nx.example.gov.cn"),
        };
        using var client = factory.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
