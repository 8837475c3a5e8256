using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Supervision.Domain.Access;

namespace Supervision.Web.Access;

/// <summary>
/// A Blazor circuit has its own DI scope, separate from the HTTP request that opened it; this sets the
/// circuit's <see cref="AccessContext"/> from its authentication state, and again whenever that changes.
/// </summary>
internal sealed class AccessCircuitHandler(AuthenticationStateProvider auth, AccessContext access, IHttpContextAccessor http) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        access.SetUser((await auth.GetAuthenticationStateAsync()).User);
        // The connection that opens the circuit is the user's: its address is where the circuit's acts come from (a receipt records it).
        access.ClientAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        auth.AuthenticationStateChanged += OnChanged;
        (auth as RevalidatingIdentityStateProvider)?.ListenForEndedSessions();
    }

    private void OnChanged(Task<AuthenticationState> task) =>
        _ = task.ContinueWith(t => access.SetUser(t.Result.User), TaskContinuationOptions.OnlyOnRanToCompletion);

    public void Dispose() => auth.AuthenticationStateChanged -= OnChanged;
}
