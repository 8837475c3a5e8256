using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Operations;

/// <summary>
/// Every endpoint that accepts a POST, read from the application itself, refuses a cross-site post without the
/// antiforgery token — except the API, which takes no cookies (Bearer keys only), and the circuit's own SignalR hub.
/// </summary>
public class AntiforgeryTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly string[] Users = ["admin", "inspector.nx", "carrier.cmcc.nx"];

    private IReadOnlyList<string> PostRoutes() => portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
        .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
        .Where(p => !p.StartsWith("/api/", StringComparison.Ordinal) && !p.StartsWith("/_blazor", StringComparison.Ordinal))
        .Distinct().Order().ToList();

    [Fact]
    public async Task Every_form_post_without_a_token_is_refused_by_someone_allowed_to_post_it()
    {
        var routes = PostRoutes();
        Assert.Contains("/account/login", routes);
        Assert.Contains("/account/logout", routes);
        Assert.Contains("/cases/new", routes);
        Assert.True(routes.Count > 20, $"only {routes.Count} POST routes found");
        var clients = new List<(string? User, HttpClient Client)> { (null, portal.Anonymous()) };
        foreach (var user in Users) clients.Add((user, await portal.AsAsync(user)));
        var auditBefore = await AuditCountAsync();
        foreach (var route in routes)
        {
            var url = Regex.Replace(route, @"\{\w+(:\w+)?\}", "1");
            var refusedByToken = false;
            foreach (var (user, client) in clients)
            {
                var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "x", ["Input.UserName"] = "admin", ["Input.Password"] = "Demo#2026" }));
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.ToString() ?? "";
                // Anything but a refusal before the page runs would be a hole: 400 (token), or sent to sign in / denied.
                Assert.True(status == 400 || status == 302 && (location.Contains("/account/login") || location.Contains("/account/denied")),
                    $"{user ?? "anonymous"} POST {url}: {status} {location}");
                refusedByToken |= status == 400;
                Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("supervision.auth=") && !v.StartsWith("supervision.auth=;")));
            }
            Assert.True(refusedByToken, $"POST {url} was never refused for its missing token (no caller got past authorization)");
        }
        Assert.Equal(auditBefore, await AuditCountAsync());
    }

    [Fact]
    public async Task The_same_sign_in_post_with_its_token_goes_through()
    {
        var response = await Portal.SignInAsync(portal.Anonymous(), "leader.nx", "Demo#2026");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = portal.Db();
        return await db.AuditEntries.CountAsync();
    }
}
