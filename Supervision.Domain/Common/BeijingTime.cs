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

/// <summary>
/// A clock whose local time is Beijing time: what a component that asks for "local now" (MudBlazor's calendar marks today with
/// <see cref="TimeProvider.GetLocalNow"/>) reads in China's day, not the server's (a UTC server is still on yesterday until 08:00).
/// The moments themselves come from <paramref name="inner"/>.
/// </summary>
public sealed class BeijingTimeProvider(TimeProvider inner) : TimeProvider
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", BeijingTime.Offset, "北京时间", "北京时间");

    public override TimeZoneInfo LocalTimeZone => Zone;
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
    public override long GetTimestamp() => inner.GetTimestamp();
    public override long TimestampFrequency => inner.TimestampFrequency;
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => inner.CreateTimer(callback, state, dueTime, period);
}
