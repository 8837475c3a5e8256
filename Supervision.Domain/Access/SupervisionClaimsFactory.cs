using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Supervision.Domain.Data;

namespace Supervision.Domain.Access;

/// <summary>Writes role and scope into the sign-in cookie, so every request knows its scope without a query.</summary>
public sealed class SupervisionClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, IDbContextFactory<SupervisionDbContext> factory)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.ProvinceId is { } province)
            identity.AddClaim(new Claim(AccessScope.ProvinceClaim, province.ToString(CultureInfo.InvariantCulture)));
        if (user.Role == UserRole.CarrierUser && user.BranchId is { } branchId)
        {
            await using var db = await factory.CreateDbContextAsync();
            // Sign-in happens before a scope exists, so the lookup bypasses the filters on purpose.
            var branch = await db.Branches.IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == branchId);
            var children = await db.Branches.IgnoreQueryFilters().Where(b => b.ParentBranchId == branchId).Select(b => b.Id).ToListAsync();
            identity.AddClaim(new Claim(AccessScope.CarrierClaim, branch.CarrierId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(AccessScope.BranchesClaim, string.Join(',', children.Prepend(branchId))));
        }
        return identity;
    }
}
