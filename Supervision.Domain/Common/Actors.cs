using Supervision.Domain.Access;

namespace Supervision.Domain.Common;

public static class Actors
{
    /// <summary>
    /// How a scope takes part in a record where any officer who may write acts for the regulator: a carrier is the party,
    /// read-only roles observe. Features whose work belongs to one role say so themselves (inspections: inspectors only).
    /// </summary>
    public static Acting Of(AccessScope scope) => scope switch
    {
        { IsCarrier: true } => Acting.Party,
        { ReadOnly: true } => Acting.Observer,
        _ => Acting.Officer,
    };
}
