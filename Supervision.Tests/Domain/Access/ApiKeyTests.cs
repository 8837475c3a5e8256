using Supervision.Domain.Access;
using Supervision.Domain.Common;
using static Supervision.Tests.Domain.Common.Offered;

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
        var revoked = new ApiKey();
        revoked.Revoke("admin", Noon.AddDays(-1));
        Assert.False(revoked.IsUsable(Noon));
    }

    [Fact]
    public void An_administrator_revokes_a_key_once_whether_it_is_valid_or_expired_and_the_state_says_which()
    {
        var valid = new ApiKey { ExpiresAt = Noon.AddDays(1) };
        var expired = new ApiKey { ExpiresAt = Noon };
        Assert.Equal((ApiKeyState.Active, ApiKeyState.Expired), (valid.StateAt(Noon), expired.StateAt(Noon)));
        Assert.Equal("revoke", Keys(valid.ActionsFor(Acting.Officer)));
        Assert.Equal("revoke", Keys(expired.ActionsFor(Acting.Officer)));
        Assert.Empty(valid.ActionsFor(Acting.Observer));
        valid.Revoke("admin", Noon);
        Assert.Equal((ApiKeyState.Revoked, "已吊销"), (valid.StateAt(Noon), ApiKey.StateLabel(valid.StateAt(Noon))));
        Assert.Empty(valid.ActionsFor(Acting.Officer));
        Assert.Equal("apikey.revoked", Assert.Throws<DomainException>(() => valid.Revoke("admin", Noon)).Code);
    }
}
