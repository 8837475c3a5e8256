using System.Security.Claims;
using Supervision.Domain.Access;

namespace Supervision.Tests.Domain.Access;

public class AccessScopeTests
{
    private static ClaimsPrincipal User(string role, params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)).Append(new Claim(ClaimTypes.Role, role)).Append(new Claim(ClaimTypes.Name, "u")), "test"));

    [Fact]
    public void Anonymous_sees_nothing() => Assert.Equal(ScopeKind.None, AccessScope.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())).Kind);

    [Fact]
    public void Inspector_gets_a_writable_province_scope()
    {
        var scope = AccessScope.FromPrincipal(User("Inspector", (AccessScope.ProvinceClaim, "30")));
        Assert.Equal((ScopeKind.Province, 30, false), (scope.Kind, scope.ProvinceId, scope.ReadOnly));
        Assert.True(scope.CanSeeProvince(30));
        Assert.False(scope.CanSeeProvince(19));
    }

    [Fact]
    public void Leader_is_read_only_and_ministry_sees_everything_read_only()
    {
        Assert.True(AccessScope.FromPrincipal(User("Leader", (AccessScope.ProvinceClaim, "30"))).ReadOnly);
        var ministry = AccessScope.FromPrincipal(User("MinistryViewer"));
        Assert.True(ministry.SeesAll);
        Assert.True(ministry.ReadOnly);
        Assert.False(ministry.IsAdministrator);
    }

    [Fact]
    public void Carrier_user_sees_only_its_branches()
    {
        var scope = AccessScope.FromPrincipal(User("CarrierUser", (AccessScope.ProvinceClaim, "30"), (AccessScope.CarrierClaim, "1"), (AccessScope.BranchesClaim, "5,6,7")));
        Assert.True(scope.IsCarrier);
        Assert.Equal([5, 6, 7], scope.BranchIds);
        Assert.True(scope.CanSeeBranch(30, 6));
        Assert.False(scope.CanSeeBranch(30, 8));
    }

    [Theory]
    [InlineData("Inspector")] // no province claim
    [InlineData("CarrierUser")]
    [InlineData("Hacker")]    // unknown role
    public void Inconsistent_claims_give_no_access(string role) => Assert.Equal(ScopeKind.None, AccessScope.FromPrincipal(User(role)).Kind);

    [Fact]
    public void A_role_without_its_scope_is_refused_when_assigned()
    {
        var user = new AppUser();
        Assert.Equal("user.province_required", Assert.Throws<Supervision.Domain.Common.DomainException>(() => user.AssignRole(UserRole.Inspector, null, null)).Code);
        Assert.Equal("user.branch_required", Assert.Throws<Supervision.Domain.Common.DomainException>(() => user.AssignRole(UserRole.CarrierUser, 30, null)).Code);
        user.AssignRole(UserRole.MinistryViewer, 30, null);
        Assert.Null(user.ProvinceId);
    }
}
