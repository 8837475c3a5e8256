using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Access;

/// <summary>
/// A sign-in cookie is good only while the user's session is: signing out, a lock, a new password, a new role or scope
/// end it at the next request, also for a copy of the cookie kept elsewhere; open circuits end too.
/// </summary>
public class SessionTests(Portal portal) : IClassFixture<Portal>
{
    private const string Password = "Quiet#Harbor2026";

    /// <summary>A new user signed in through the form: the client (which keeps its cookies) and a copy of the sign-in cookie.</summary>
    private async Task<(HttpClient Client, string Cookie, string Id)> SignedInAsync(string userName, UserRole role = UserRole.Leader)
    {
        var id = await Accounts.CreateAsync(portal, userName, Password, role);
        var client = portal.Anonymous();
        var response = await Portal.SignInAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Accounts.AuthCookie(response);
        Assert.Equal(HttpStatusCode.OK, (await Accounts.ReplayAsync(portal.Factory, cookie)).StatusCode); // the copy works until then
        return (client, cookie, id);
    }

    [Fact]
    public async Task A_cookie_replayed_after_signing_out_gets_the_sign_in_page()
    {
        var (client, cookie, _) = await SignedInAsync("session.logout");
        var other = Accounts.AuthCookie(await Portal.SignInAsync(portal.Anonymous(), "session.logout", Password)); // a second browser

        var logout = await Accounts.SignOutAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.True(Accounts.IsSignInRedirect(await Accounts.ReplayAsync(portal.Factory, cookie)));
        Assert.True(Accounts.IsSignInRedirect(await Accounts.ReplayAsync(portal.Factory, other)), "signing out ends the user's other sessions too");
        // The refused cookie is also deleted, and the interactive hub will not open a circuit with it.
        var refused = await Accounts.ReplayAsync(portal.Factory, cookie);
        Assert.Contains(refused.Headers.GetValues("Set-Cookie"), c => c.StartsWith("supervision.auth=;", StringComparison.Ordinal));
        await using var db = portal.Db();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignOut && e.EntityId == "session.logout"));
        // Signing in again works.
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(portal.Anonymous(), "session.logout", Password)).StatusCode);
    }

    [Fact]
    public async Task A_cookie_of_a_user_an_administrator_locks_is_refused_at_the_next_request()
    {
        var (_, cookie, id) = await SignedInAsync("session.locked");
        await Accounts.AsAdminAsync(portal, u => u.SetLockedAsync(id, true));
        Assert.True(Accounts.IsSignInRedirect(await Accounts.ReplayAsync(portal.Factory, cookie)));
        Assert.True(Accounts.IsSignInRedirect(await Accounts.ReplayAsync(portal.Factory, cookie, "/")));
    }

    [Fact]
    public async Task A_cookie_is_refused_after_the_user_changes_the_password_and_after_an_administrator_resets_it()
    {
        var (client, cookie, id) = await SignedInAsync("session.password");
        var changed = await Accounts.PostFormAsync(client, "/account/security", "password", new()
        {
            ["PasswordInput.Current"] = Password, ["PasswordInput.Next"] = "Changed#Pass2026x", ["PasswordInput.Confirm"] = "Changed#Pass2026x",
        });
        Assert.True(changed.StatusCode == HttpStatusCode.OK, $"{(int)changed.StatusCode} {changed.Headers.Location} {string.Join(" | ", changed.Headers.TryGetValues("Set-Cookie", out var sc) ? sc : [])}");
        Assert.StartsWith("密码已修改", Accounts.Message(await changed.Content.ReadAsStringAsync()));
        Assert.True(Accounts.IsSignInRedirect(await Accounts.ReplayAsync(portal.Factory, cookie)));
        // The browser that changed it got a new cookie in the same answer and stays signed in.
        var renewed = Accounts.AuthCookie(changed);
        Assert.Equal(HttpStatusCode.OK, (await Accounts.ReplayAsync(portal.Factory, renewed)).StatusCode);

        await Accounts.AsAdminAsync(portal, u => u.ResetPasswordAsync(id, "Reset#Pass2026yz"));
        Assert.True(Accounts.IsSignInRedirect(await Accounts.ReplayAsync(portal.Factory, renewed)));
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(portal.Anonymous(), "session.password", "Reset#Pass2026yz")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_is_refused_after_a_change_of_role_or_scope()
    {
        var (_, cookie, id) = await SignedInAsync("session.scope");
        int ningxia, guangdong;
        await using (var db = portal.Db()) ningxia = (await db.Provinces.SingleAsync(p => p.Code == "64")).Id;
        // A new display name changes nothing the cookie carries: the session goes on.
        await Accounts.AsAdminAsync(portal, u => u.UpdateAsync(id, new UserInput { UserName = "session.scope", DisplayName = "改名后", Role = UserRole.Leader, ProvinceId = ningxia }));
        Assert.Equal(HttpStatusCode.OK, (await Accounts.ReplayAsync(portal.Factory, cookie)).StatusCode);
        await using (var db = portal.Db()) guangdong = (await db.Provinces.SingleAsync(p => p.Code == "44")).Id;
        await Accounts.AsAdminAsync(portal, u => u.UpdateAsync(id, new UserInput { UserName = "session.scope", DisplayName = "测试用户", Role = UserRole.Leader, ProvinceId = guangdong }));
        Assert.True(Accounts.IsSignInRedirect(await Accounts.ReplayAsync(portal.Factory, cookie)));

        var (_, second, id2) = await SignedInAsync("session.role");
        await Accounts.AsAdminAsync(portal, u => u.UpdateAsync(id2, new UserInput { UserName = "session.role", DisplayName = "测试用户", Role = UserRole.MinistryViewer }));
        Assert.True(Accounts.IsSignInRedirect(await Accounts.ReplayAsync(portal.Factory, second)));
    }

    [Fact]
    public async Task An_open_circuit_of_a_locked_user_ends_at_once_on_this_node()
    {
        var id = await Accounts.CreateAsync(portal, "session.circuit", Password);
        var other = await Accounts.CreateAsync(portal, "session.bystander", Password);
        await using var circuit = await CircuitOfAsync(portal.Factory.Services, id);
        await using var bystander = await CircuitOfAsync(portal.Factory.Services, other);

        await Accounts.AsAdminAsync(portal, u => u.SetLockedAsync(id, true));

        // The in-process signal: no revalidation interval (10 s) has to pass; the deadline only guards a broken signal.
        var state = await circuit.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.False(bystander.Ended.Task.IsCompleted, "another user's circuit goes on");
    }

    [Fact]
    public async Task A_circuit_whose_session_ended_elsewhere_ends_at_its_next_revalidation()
    {
        // A node that did not see the change: the stamp is changed in the database only, and this node's circuits revalidate every second.
        await using var node = portal.Factory.WithWebHostBuilder(b => b.UseSetting("Sessions:RevalidationSeconds", "1"));
        var id = await Accounts.CreateAsync(portal, "session.elsewhere", Password);
        var other = await Accounts.CreateAsync(portal, "session.stays", Password);
        await using var circuit = await CircuitOfAsync(node.Services, id);
        await using var unchanged = await CircuitOfAsync(node.Services, other);

        await using (var db = portal.Db())
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N")));

        var state = await circuit.Ended.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(state.User.Identity?.IsAuthenticated);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two more revalidations of the unchanged session
        Assert.False(unchanged.Ended.Task.IsCompleted, "a current session is not ended by its revalidation");
    }

    /// <summary>A circuit's authentication state as the portal keeps it (its own DI scope, signed in as the user).</summary>
    private static async Task<OpenCircuit> CircuitOfAsync(IServiceProvider services, string userId)
    {
        var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync((await users.FindByIdAsync(userId))!);
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var circuit = new OpenCircuit(scope);
        provider.AuthenticationStateChanged += async task =>
        {
            var state = await task;
            if (state.User.Identity?.IsAuthenticated != true) circuit.Ended.TrySetResult(state);
        };
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        // What Blazor does when the circuit opens: the portal's circuit handlers run (one of them sets up the listening).
        foreach (var handler in scope.ServiceProvider.GetServices<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>())
            await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        Assert.Equal(userId, (await provider.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier));
        return circuit;
    }

    private sealed class OpenCircuit(AsyncServiceScope scope) : IAsyncDisposable
    {
        public TaskCompletionSource<AuthenticationState> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
