using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;
using Supervision.Domain.Common;
using Supervision.Tests.Infrastructure;
using ZXing;
using ZXing.Common;

namespace Supervision.Tests.Web.Access;

/// <summary>
/// Two-factor sign-in with an authenticator app: enrolment on 账户安全 (QR code and key), sign-in with a code or a
/// recovery code, roles that require it, and an administrator's reset for a lost phone.
/// </summary>
public partial class TwoFactorTests(Portal portal) : IClassFixture<Portal>
{
    private const string Password = "Silver#Meadow2026";

    private static async Task<HttpResponseMessage> CodeAsync(HttpClient client, string code) =>
        await Accounts.PostFormAsync(client, "/account/login/two-factor", "two-factor", new() { ["Input.Code"] = code });

    /// <summary>Password, then the code: the signed-in client.</summary>
    private async Task<(HttpResponseMessage Password, HttpResponseMessage Code, HttpClient Client)> SignInAsync(string userName, string code)
    {
        var client = portal.Anonymous();
        var password = await Portal.SignInAsync(client, userName, Password);
        return (password, await CodeAsync(client, code), client);
    }

    [Fact]
    public async Task A_user_enrols_on_the_security_page_and_then_signs_in_with_a_code_or_a_recovery_code()
    {
        await Accounts.CreateAsync(portal, "factor.user", Password, UserRole.Inspector);
        var client = portal.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(client, "factor.user", Password)).StatusCode);

        var page = await client.GetStringAsync("/account/security");
        Assert.Contains("未启用", page);
        var key = Accounts.Key(page);
        Assert.Matches("^[A-Z2-7]{32}$", key);
        // The QR code drawn on the page carries the same key, for the app to scan.
        var uri = DecodeQr(page);
        Assert.StartsWith("otpauth://totp/", uri);
        Assert.Contains($"secret={key}", uri);

        var wrong = await Accounts.PostFormAsync(client, "/account/security", "enable", new() { ["CodeInput.Code"] = "123456" });
        Assert.Contains("验证码不正确", Accounts.Message(await wrong.Content.ReadAsStringAsync()));
        var enabled = await Accounts.PostFormAsync(client, "/account/security", "enable", new() { ["CodeInput.Code"] = Accounts.Totp(key) });
        var enabledPage = await enabled.Content.ReadAsStringAsync();
        var codes = Accounts.RecoveryCodes(enabledPage);
        Assert.Equal(AccountService.RecoveryCodeCount, codes.Count);
        Assert.Contains("剩余恢复码 10 个", enabledPage);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/notifications")).StatusCode); // this browser got a new cookie

        // From now on the password alone is not enough. (The code the app shows next: the one just used is refused.)
        var (password, code, signedIn) = await SignInAsync("factor.user", Accounts.Totp(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        Assert.Equal("/account/login/two-factor?ReturnUrl=%2F", Accounts.Location(password));
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/", Accounts.Location(code));
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/notifications")).StatusCode);

        var between = portal.Anonymous();
        await Portal.SignInAsync(between, "factor.user", Password);
        Assert.True(Accounts.IsSignInRedirect(await between.GetAsync("/notifications")), "between the two steps nobody is signed in");
        Assert.Equal("验证码或恢复码不正确，请重新输入（验证码每30秒更新一次，用过的验证码不能再用）。", Accounts.Message(await (await CodeAsync(between, "000000")).Content.ReadAsStringAsync()));

        // A recovery code works once, in any letter case.
        var (_, recovered, _) = await SignInAsync("factor.user", codes[0].ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        var (_, reused, _) = await SignInAsync("factor.user", codes[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);

        await using var db = portal.Db();
        var trail = await db.AuditEntries.Where(e => e.EntityId == "factor.user").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.TwoFactorEnabled, trail);
        Assert.Contains(AuditActions.RecoveryCodeUsed, trail);
        Assert.Contains(AuditActions.SignInFailed, trail);
    }

    [Fact]
    public async Task A_role_that_requires_two_factor_sends_users_without_an_authenticator_to_enrol_at_sign_in()
    {
        await Accounts.AsAdminAsync(portal, u => u.SetTwoFactorRequiredAsync(UserRole.MinistryViewer, true));
        try
        {
            await Accounts.CreateAsync(portal, "factor.ministry", Password, UserRole.MinistryViewer);
            var client = portal.Anonymous();
            var password = await Portal.SignInAsync(client, "factor.ministry", Password);
            Assert.Equal("/account/login/enrol?ReturnUrl=%2F", Accounts.Location(password));
            Assert.True(Accounts.IsSignInRedirect(await client.GetAsync("/notifications")), "not signed in before enrolling");

            var page = await client.GetStringAsync("/account/login/enrol");
            Assert.Contains("部级查看登录须使用双因素认证", page);
            var key = Accounts.Key(page);
            var enrolled = await Accounts.PostFormAsync(client, "/account/login/enrol", "enrol", new() { ["Input.Code"] = Accounts.Totp(key) });
            Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
            Assert.Equal(AccountService.RecoveryCodeCount, Accounts.RecoveryCodes(await enrolled.Content.ReadAsStringAsync()).Count);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/notifications")).StatusCode);

            // The next sign-in asks for the code; the role's users may not switch it off.
            Assert.StartsWith("/account/login/two-factor", Accounts.Location(await Portal.SignInAsync(portal.Anonymous(), "factor.ministry", Password)));
            var security = await client.GetStringAsync("/account/security");
            Assert.Contains("本角色要求使用双因素认证", security);
            Assert.DoesNotContain("disable-two-factor", security);

            // The demo account of the same role is exempt in Development (it has not enrolled).
            Assert.Equal("/", Accounts.Location(await Portal.SignInAsync(portal.Anonymous(), "ministry", "Demo#2026")));
        }
        finally
        {
            await Accounts.AsAdminAsync(portal, u => u.SetTwoFactorRequiredAsync(UserRole.MinistryViewer, false));
        }
    }

    [Fact]
    public async Task An_administrator_resets_a_lost_authenticator_and_the_user_signs_in_with_the_password_again()
    {
        var id = await Accounts.CreateAsync(portal, "factor.lost", Password, UserRole.Inspector);
        var (key, codes) = await Accounts.EnrolAsync(portal, id);
        var (_, code, signedIn) = await SignInAsync("factor.lost", Accounts.Totp(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);

        await Accounts.AsAdminAsync(portal, u => u.ResetTwoFactorAsync(id));

        Assert.True(Accounts.IsSignInRedirect(await signedIn.GetAsync("/notifications")), "the reset ends the user's sessions");
        Assert.Equal("/", Accounts.Location(await Portal.SignInAsync(portal.Anonymous(), "factor.lost", Password)));
        var row = (await Accounts.AsAdminAsync(portal, u => u.ListAsync(new PageRequest(Search: "factor.lost")))).Items.Single();
        Assert.False(row.TwoFactor);
        await using var db = portal.Db();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TwoFactorDisabled && e.EntityId == "factor.lost" && e.Actor == "admin"));
        Assert.NotEmpty(codes);
    }

    /// <summary>
    /// A code works once: not again within its 30 seconds, nor an earlier one still within the clock drift allowed; the
    /// last used step is in the database every node shares, claimed in one statement (of simultaneous uses, one wins).
    /// </summary>
    [Fact]
    public async Task A_used_code_is_refused_again_and_of_simultaneous_uses_only_one_signs_in()
    {
        var at = new DateTimeOffset(2026, 12, 7, 1, 0, 15, TimeSpan.Zero); // mid-step
        portal.Clock.SetUtcNow(at);
        try
        {
            var id = await Accounts.CreateAsync(portal, "factor.replay", Password, UserRole.Inspector);
            var (key, _) = await Accounts.EnrolAsync(portal, id); // uses the code of this step
            async Task<(HttpStatusCode Status, string? Message)> UseAsync(DateTimeOffset codeAt)
            {
                var (_, response, _) = await SignInAsync("factor.replay", Accounts.Totp(key, codeAt));
                return (response.StatusCode, Accounts.Message(await response.Content.ReadAsStringAsync()));
            }
            var refused = (HttpStatusCode.OK, "验证码或恢复码不正确，请重新输入（验证码每30秒更新一次，用过的验证码不能再用）。");
            Assert.Equal(refused, await UseAsync(at)); // the enrolment's code
            Assert.Equal(HttpStatusCode.Redirect, (await UseAsync(at.AddSeconds(30))).Status);
            Assert.Equal(refused, await UseAsync(at.AddSeconds(30)));
            Assert.Equal(refused, await UseAsync(at.AddSeconds(-30))); // earlier, though within the drift allowed

            await using (var db = portal.Db())
                Assert.Equal((at.ToUnixTimeSeconds() / 30 + 1).ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
                    await db.UserTokens.Where(t => t.UserId == id && t.LoginProvider == OneTimeAuthenticatorTokenProvider.LoginProvider)
                        .Select(t => t.Value).SingleAsync());

            var simultaneous = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => UseAsync(at.AddSeconds(60))));
            Assert.Single(simultaneous, r => r.Status == HttpStatusCode.Redirect);
        }
        finally
        {
            portal.Clock.Reset();
        }
    }

    /// <summary>Reads the QR code of the page's SVG back into text, as a phone's camera would.</summary>
    private static string DecodeQr(string page)
    {
        var svg = QrSvg().Match(page);
        var size = int.Parse(svg.Groups["size"].Value, System.Globalization.CultureInfo.InvariantCulture);
        const int scale = 4;
        var pixels = Enumerable.Repeat((byte)255, size * scale * size * scale).ToArray();
        foreach (Match m in QrModule().Matches(svg.Groups["path"].Value))
        {
            var (x, y) = (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            for (var dy = 0; dy < scale; dy++)
                for (var dx = 0; dx < scale; dx++)
                    pixels[((y * scale) + dy) * size * scale + (x * scale) + dx] = 0;
        }
        var source = new RGBLuminanceSource(pixels, size * scale, size * scale, RGBLuminanceSource.BitmapFormat.Gray8);
        // The image is the page's own, module for module (a pure code): read as such. Searching it for finder patterns, as for a
        // photograph, missed about 3 % of random keys (42 of 1,500 tried), which made this test fail by chance.
        var pure = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
        var result = new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), pure);
        return result?.Text ?? throw new InvalidOperationException("the page's QR code does not decode");
    }

    [GeneratedRegex("""<svg[^>]*viewBox="0 0 (?<size>\d+) \d+"[^>]*id="authenticator-qr"[^>]*>.*?<path d="(?<path>[^"]*)""")]
    private static partial Regex QrSvg();

    [GeneratedRegex(@"M(\d+),(\d+)h1v1h-1z")]
    private static partial Regex QrModule();
}
