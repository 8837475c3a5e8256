using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;

namespace Supervision.Domain.Data;

public partial class SupervisionDbContext
{
    public DbSet<RolePolicy> RolePolicies => Set<RolePolicy>();
    public DbSet<FailedSignIn> FailedSignIns => Set<FailedSignIn>();
}
