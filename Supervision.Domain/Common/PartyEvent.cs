using Supervision.Domain.Documents;

namespace Supervision.Domain.Common;

/// <summary>
/// One line of what a party (a carrier) was served or did itself, dated and said in plain Chinese: its view of a record's
/// history. The staff read the audit trail; a party reads only these, built from the record's issued facts.
/// </summary>
public sealed record PartyEvent(DateOnly On, string Text)
{
    /// <summary>2026年12月6日 下达整改通知（…）.</summary>
    public override string ToString() => $"{ChineseDate.Format(On)} {Text}";
}

/// <summary>Collects a record's party events and puts them in the order they happened.</summary>
public sealed class PartyTimeline
{
    private readonly List<(DateTimeOffset At, PartyEvent Event)> _events = [];

    /// <summary>An event of a known instant, dated by Beijing time.</summary>
    public PartyTimeline Add(DateTimeOffset at, string text)
    {
        _events.Add((at, new PartyEvent(BeijingTime.Today(at), text)));
        return this;
    }

    /// <summary>An event known only by its date (a service, a payment): it counts from the start of that day, after the events added before it on that day.</summary>
    public PartyTimeline Add(DateOnly on, string text)
    {
        _events.Add((new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset), new PartyEvent(on, text)));
        return this;
    }

    /// <summary>Oldest first; events of the same instant keep the order they were added in.</summary>
    public IReadOnlyList<PartyEvent> ToList() => _events.OrderBy(e => e.At).Select(e => e.Event).ToList();
}
