using Supervision.Domain.Common;

namespace Supervision.Tests.Domain.Common;

/// <summary>A record's actions as one line: allowed ones by key, those not possible yet in brackets.</summary>
internal static class Offered
{
    public static string Keys(IReadOnlyList<AvailableAction> actions) => string.Join(" ", actions.Select(a => a.Allowed ? a.Key : $"({a.Key})"));

    public static string NotYet(IReadOnlyList<AvailableAction> actions, string key) =>
        actions.Single(a => a.Key == key).NotYet ?? throw new InvalidOperationException($"“{key}” is allowed.");
}
