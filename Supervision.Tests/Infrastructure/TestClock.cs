namespace Supervision.Tests.Infrastructure;

/// <summary>
/// A clock tests set to any instant, backwards too (a fake clock that only moves forward cannot replay a case that
/// happened in May after one that happened in June). Real time until set.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _now;

    public override DateTimeOffset GetUtcNow() => _now ?? DateTimeOffset.UtcNow;

    public void SetUtcNow(DateTimeOffset now) => _now = now.ToUniversalTime();

    /// <summary>Back to real time.</summary>
    public void Reset() => _now = null;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
