using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Data.Configurations;

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> b)
    {
        b.HasIndex(a => new { a.ProvinceId, a.Status, a.RequestedAt });
        b.HasOne<EnforcementCase>().WithMany(c => c.ApprovalRequests).HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Subject).HasMaxLength(300);
        b.Property(a => a.Content).HasMaxLength(10000);
        b.Property(a => a.Proposal).HasMaxLength(10000);
        b.Property(a => a.Note).HasMaxLength(2000);
        b.Property(a => a.RequestedById).HasMaxLength(450);
        b.Property(a => a.RequestedByName).HasMaxLength(100);
        b.Property(a => a.ApproverId).HasMaxLength(450);
        b.Property(a => a.ApproverName).HasMaxLength(100);
        b.Property(a => a.Opinion).HasMaxLength(2000);
        b.Ignore(a => a.ProposalValue);
        b.Ignore(a => a.Signed);
        b.Property(a => a.ConcurrencyToken).IsConcurrencyToken();
    }
}
