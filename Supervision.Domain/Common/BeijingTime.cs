namespace Supervision.Domain.Common;

/// <summary>
/// The portal's calendar is Beijing time (UTC+8, no daylight saving): deadlines, "today" and document dates are all
/// read in it, whatever the server's own time zone.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now).DateTime);

    public static DateOnly Today(TimeProvider clock) => Today(clock.GetUtcNow());
}
