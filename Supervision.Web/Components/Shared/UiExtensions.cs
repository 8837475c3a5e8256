using MudBlazor;
using Supervision.Domain.Common;

namespace Supervision.Web.Components.Shared;

public static class UiExtensions
{
    /// <summary>
    /// Runs a page action: a refused rule shows its Chinese message, success shows <paramref name="done"/>.
    /// Returns whether the action went through, so the page can close a dialog or reload.
    /// </summary>
    public static async Task<bool> TryAsync(this ISnackbar snackbar, Func<Task> action, string? done = null)
    {
        try
        {
            await action();
            if (done is not null) snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (DomainException ex)
        {
            snackbar.Add(ex.Message, Severity.Error);
            return false;
        }
    }
}
