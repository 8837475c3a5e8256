using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Enforcement;

namespace Supervision.Domain.Data.Configurations;

/// <summary>After the decision: the case's reviews and suits, and its application for court enforcement.</summary>
internal sealed class EnforcementRemedyConfigurations : IEntityTypeConfiguration<CaseRemedy>, IEntityTypeConfiguration<EnforcementCase>
{
    public void Configure(EntityTypeBuilder<CaseRemedy> b)
    {
        b.HasOne<EnforcementCase>().WithMany(c => c.Remedies).HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Body).HasMaxLength(200);
        b.Property(r => r.CaseNumber).HasMaxLength(100);
        b.Property(r => r.LateReason).HasMaxLength(2000);
        b.Property(r => r.SuspensionNote).HasMaxLength(2000);
        b.Property(r => r.OutcomeNote).HasMaxLength(4000);
        b.Property(r => r.RecordedBy).HasMaxLength(100);
        b.HasOne(r => r.File).WithMany().HasForeignKey(r => r.FileId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.Pending);
    }

    public void Configure(EntityTypeBuilder<EnforcementCase> b)
    {
        b.Property(c => c.EnforcementCourt).HasMaxLength(200);
        b.Property(c => c.EnforcementRuling).HasMaxLength(2000);
        b.Ignore(c => c.LastDayToSue);
        b.Ignore(c => c.RevokedAs);
        b.Ignore(c => c.EnforcementWindow);
        b.Ignore(c => c.AwaitsCourtEnforcement);
        b.Ignore(c => c.RankedAs);
        b.Ignore(c => c.PendingRemedy);
    }
}
