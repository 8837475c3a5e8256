using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Data;

public partial class SupervisionDbContext
{
    /// <summary>Cases; their sanctions, evidence, statements, payments, approvals and steps are reached through the case only.</summary>
    public DbSet<EnforcementCase> EnforcementCases => Set<EnforcementCase>();
    public DbSet<EnforcementSettings> EnforcementSettings => Set<EnforcementSettings>();
    public DbSet<ElectronicService> ElectronicServices => Set<ElectronicService>();
    public DbSet<Organizations.ServiceAddressConfirmation> ServiceAddressConfirmations => Set<Organizations.ServiceAddressConfirmation>();
}
