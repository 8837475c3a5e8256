using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Data;

public partial class SupervisionDbContext
{
    /// <summary>Requests for the responsible person's approval (a case's are also reached through the case).</summary>
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
}
