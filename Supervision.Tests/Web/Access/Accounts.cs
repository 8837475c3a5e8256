using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Access;

/// <summary>What the session and sign-in tests do to accounts: make one, act as an administrator, replay a cookie, compute a code.</summary>
public static partial class Accounts
{
    public static readonly AccessScope Admin = AccessScope.System with { Role = UserRole.SystemAdmin };

    /// <summary>A new user of 宁夏 (or of a ministry role), created by an administrator; returns the user's id.</summary>
    public static async Task<string> CreateAsync(IServicePortal portal, string userName, string password, UserRole role = UserRole.Leader)
    {
        int? ningxia;
        await using (var db = portal.Db()) ningxia = (await db.Provinces.SingleAsync(p => p.Code == "64")).Id;
        return await AsAdminAsync(portal, u => u.CreateAsync(new UserInput
        {
            UserName = userName, DisplayName = "测试用户", Role = role, Password = password,
            ProvinceId = Roles.NeedsProvince(role) ? ningxia : null,
        }));
    }

    public static async Task<T> AsAdminAsync<T>(IServicePortal portal, Func<UserAdministration, Task<T>> action)
    {
        using var scope = portal.ScopeFor(Admin, "admin");
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    public static Task AsAdminAsync(IServicePortal portal, Func<UserAdministration, Task> action) =>
        AsAdminAsync(portal, async u => { await action(u); return 0; });

    /// <summary>Enrols an authenticator for the user (as the user would on 账户安全); returns its key and recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(IServicePortal portal, string userId)
    {
        using var scope = portal.ScopeFor(AccessScope.None, "anonymous");
        var user = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByIdAsync(userId))!;
        var account = scope.ServiceProvider.GetRequiredService<AccountService>();
        var setup = await account.AuthenticatorSetupAsync(user);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(); // the portal's clock, as its check reads it
        return (setup.Key, await account.EnableAuthenticatorAsync(user, Totp(setup.Key, now), null));
    }

    /// <summary>The sign-in cookie a response set ("supervision.auth=…"), as a browser would send it back.</summary>
    public static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("supervision.auth=", StringComparison.Ordinal));

    /// <summary>A request carrying only the given cookie, from a client that keeps none: a stolen or kept copy replayed.</summary>
    public static async Task<HttpResponseMessage> ReplayAsync(WebApplicationFactory<Program> factory, string cookie, string path = "/notifications")
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>Where a redirect goes, as path and query on this site.</summary>
    public static string Location(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect ? new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery : $"(no redirect: {(int)response.StatusCode})";

    /// <summary>Whether the response is the way to the sign-in page.</summary>
    public static bool IsSignInRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal);

    /// <summary>Posts one of a page's forms (its antiforgery token and form name included), as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> values)
    {
        var fields = await Portal.HiddenFieldsAsync(client, url);
        fields["_handler"] = formName;
        foreach (var (k, v) in values) fields[k] = v;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs out through the layout's 退出 form.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var fields = await Portal.HiddenFieldsAsync(client, "/notifications");
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = fields["__RequestVerificationToken"],
        }));
    }

    /// <summary>The error or notice a sign-in page shows.</summary>
    public static string? Message(string page) => LoginError().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>The authenticator key a page shows (grouped for typing, as people read it).</summary>
    public static string Key(string page) => AuthenticatorKey().Match(page).Groups[1].Value.Replace(" ", "").ToUpperInvariant();

    /// <summary>The recovery codes a page shows once.</summary>
    public static IReadOnlyList<string> RecoveryCodes(string page) => RecoveryCode().Matches(page).Select(m => m.Groups[1].Value).ToList();

    /// <summary>RFC 6238: the six digits an authenticator app shows for the Base32 key now (30-second steps, HMAC-SHA1).</summary>
    public static string Totp(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32(base32Key);
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    [GeneratedRegex("""id="(?:login-error|security-error|security-message)"[^>]*>([^<]*)<""")]
    private static partial Regex LoginError();

    [GeneratedRegex("""id="authenticator-key"[^>]*>([^<]*)<""")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("""<li><code>([^<]+)</code></li>""")]
    private static partial Regex RecoveryCode();
}
