using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Data;

namespace Supervision.Tests.Infrastructure;

/// <summary>
/// A running portal shared by the tests of one class (xunit class fixture), with signed-in HTTP
/// clients per demo user.
/// </summary>
public sealed partial class Portal : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = default!;
    private readonly Dictionary<string, HttpClient> _clients = [];

    public async Task InitializeAsync() => Factory = await PortalFactory.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var c in _clients.Values) c.Dispose();
        foreach (var s in _scopes) s.Dispose();
        await Factory.DisposeAsync();
    }

    public TestClock Clock => Factory.Clock;

    /// <summary>Sets the portal's clock to a Beijing date (10:00 local time).</summary>
    public void Today(DateOnly date) => Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in through the real login form, as a browser would.</summary>
    public async Task<HttpClient> AsAsync(string userName, string password = DemoAccounts.Password)
    {
        if (_clients.TryGetValue(userName, out var cached)) return cached;
        var client = Anonymous();
        var response = await SignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode}");
        return _clients[userName] = client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var fields = await HiddenFieldsAsync(client, "/account/login");
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>The hidden fields of a page's forms (antiforgery token, form name), to post one as a browser would.</summary>
    public static async Task<Dictionary<string, string>> HiddenFieldsAsync(HttpClient client, string url) =>
        HiddenFields(await client.GetStringAsync(url));

    public static Dictionary<string, string> HiddenFields(string page)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match m in HiddenInput().Matches(page))
            fields[m.Groups["name"].Value] = WebUtility.HtmlDecode(m.Groups["value"].Value);
        return fields;
    }

    /// <summary>A database context acting with the given scope (the system when none); its DI scope lives as long as the fixture.</summary>
    public SupervisionDbContext Db(AccessScope? scope = null)
    {
        var services = ScopeFor(scope ?? AccessScope.System);
        _scopes.Add(services);
        return services.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContext();
    }

    private readonly List<IServiceScope> _scopes = [];

    public IServiceScope ScopeFor(AccessScope scope, string actor = "test") => Factory.ScopeFor(scope, actor);

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
