using Supervision.Domain.Access;

namespace Supervision.Tests.Domain.Access;

public class ApiKeyTests
{
    private static readonly DateTimeOffset Noon = new(2026, 9, 1, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_use_is_written_down_the_first_time_and_then_at_most_once_a_minute()
    {
        var key = new ApiKey();
        Assert.True(key.RecordsUseAt(Noon));
        key.LastUsedAt = Noon;
        Assert.False(key.RecordsUseAt(Noon.AddSeconds(59)));
        Assert.True(key.RecordsUseAt(Noon.AddMinutes(1)));
    }

    [Fact]
    public void A_revoked_or_expired_key_is_not_usable()
    {
        Assert.True(new ApiKey { ExpiresAt = Noon.AddDays(1) }.IsUsable(Noon));
        Assert.False(new ApiKey { ExpiresAt = Noon }.IsUsable(Noon));
        Assert.False(new ApiKey { RevokedAt = Noon.AddDays(-1) }.IsUsable(Noon));
    }
}
