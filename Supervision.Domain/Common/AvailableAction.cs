namespace Supervision.Domain.Common;

/// <summary>Who looks at a record, as far as what they may do with it goes.</summary>
public enum Acting
{
    /// <summary>A regulator's officer who runs the procedure (inspector, administrator).</summary>
    Officer,
    /// <summary>The party the record concerns (a carrier's user).</summary>
    Party,
    /// <summary>Reads only (leader, ministry).</summary>
    Observer,
}

/// <summary>
/// One thing an actor may do next with a record, as the record itself says: pages list these and never decide the state
/// machine again. <see cref="NotYet"/> says why an action the law foresees at this stage cannot be taken today (shown
/// disabled with that reason); the rule and its text exist once, on the entity.
/// </summary>
/// <param name="Key">Stable name of the action (the page maps it to its form and the service call).</param>
public sealed record AvailableAction(string Key, string Label, bool Primary = false, bool Danger = false, string? NotYet = null)
{
    public bool Allowed => NotYet is null;
}
