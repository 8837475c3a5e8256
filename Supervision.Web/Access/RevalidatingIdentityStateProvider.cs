using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Supervision.Domain.Access;

namespace Supervision.Web.Access;

/// <summary>
/// An open circuit ends when its user's sessions end: at once when that happens on this node (<see cref="SessionSignals"/>),
/// and otherwise at the next revalidation (<c>Sessions:RevalidationSeconds</c>, 10 by default), which checks the security
/// stamp in the database as every request does. The circuit's user then becomes anonymous and the page goes to sign-in.
/// </summary>
internal sealed class RevalidatingIdentityStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<IdentityOptions> _identity;
    private readonly SessionSignals _signals;

    public RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity,
        SessionSignals signals, IConfiguration config) : base(loggerFactory)
    {
        (_scopes, _identity, _signals) = (scopes, identity, signals);
        RevalidationInterval = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Sessions:RevalidationSeconds", 10)));
    }

    private bool _listening;

    /// <summary>
    /// Called when a circuit opens (<see cref="AccessCircuitHandler"/>). Only circuits listen: a plain request that ends its
    /// user's other sessions (账户安全) signs its own browser in again and must not end itself.
    /// </summary>
    public void ListenForEndedSessions()
    {
        if (_listening) return;
        _listening = true;
        _signals.Ended += OnEnded;
    }

    protected override TimeSpan RevalidationInterval { get; }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var user = authenticationState.User;
        return await scope.ServiceProvider.GetRequiredService<UserSessions>().IsCurrentAsync(
            user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue(_identity.Value.ClaimsIdentity.SecurityStampClaimType), cancellationToken);
    }

    private void OnEnded(string userId) => _ = EndIfMineAsync(userId);

    private async Task EndIfMineAsync(string userId)
    {
        AuthenticationState state;
        try
        {
            state = await GetAuthenticationStateAsync();
        }
        catch (InvalidOperationException)
        {
            return; // a request scope whose user was never set (no circuit)
        }
        if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) == userId)
            SetAuthenticationState(Task.FromResult(Anonymous));
    }

    protected override void Dispose(bool disposing)
    {
        if (_listening) _signals.Ended -= OnEnded;
        base.Dispose(disposing);
    }
}
