using Supervision.Domain.Common;

namespace Supervision.Web.Components.Shared;

/// <summary>A page's questions to the list a record gives (ActionsFor): never to the record's state.</summary>
public static class AvailableActions
{
    /// <summary>Whether the action is offered and possible now.</summary>
    public static bool Offers(this IEnumerable<AvailableAction> actions, string key) => actions.Any(a => a.Key == key && a.Allowed);

    /// <summary>The action if it is offered at all (possible or not yet).</summary>
    public static AvailableAction? Find(this IEnumerable<AvailableAction> actions, string key) => actions.FirstOrDefault(a => a.Key == key);

    /// <summary>The list without the actions the page shows in a form of their own rather than as buttons.</summary>
    public static IReadOnlyList<AvailableAction> Without(this IEnumerable<AvailableAction> actions, params string[] keys) =>
        actions.Where(a => !keys.Contains(a.Key)).ToList();
}
