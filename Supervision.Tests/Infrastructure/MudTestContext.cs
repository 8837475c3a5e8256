using Bunit;
using MudBlazor.Services;

namespace Supervision.Tests.Infrastructure;

/// <summary>
/// A bUnit context with MudBlazor's services. Some of them are only asynchronously disposable, so the
/// context is disposed through xunit's async lifetime (a plain Dispose would throw).
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
