using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;

namespace Supervision.Domain.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.HasOne(u => u.Province).WithMany().HasForeignKey(u => u.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Branch).WithMany().HasForeignKey(u => u.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => new { u.Role, u.ProvinceId });
        // Single sign-on finds the user by it; NULLs are distinct in a unique index on both databases.
        b.HasIndex(u => u.ExternalId).IsUnique();
        b.Property(u => u.ExternalId).HasMaxLength(200);
    }
}

internal sealed class RolePolicyConfiguration : IEntityTypeConfiguration<RolePolicy>
{
    public void Configure(EntityTypeBuilder<RolePolicy> b) => b.HasKey(p => p.Role);
}

internal sealed class FailedSignInConfiguration : IEntityTypeConfiguration<FailedSignIn>
{
    public void Configure(EntityTypeBuilder<FailedSignIn> b)
    {
        b.HasKey(f => f.NameHash);
        b.Property(f => f.NameHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(f => f.LastFailureAt);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    // A key's XML is about 1 KB; the 400-character default for strings would refuse it on PostgreSQL.
    public void Configure(EntityTypeBuilder<DataProtectionKey> b) => b.Property(k => k.Xml).HasMaxLength(100_000);
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => e.Sequence).IsUnique();
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => e.Actor);
        b.Property(e => e.Changes).HasMaxLength(100_000);
        b.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(100);
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.LastHash).HasMaxLength(64).IsFixedLength();
        b.HasData(new AuditHead { Id = 1, LastSequence = 0, LastHash = AuditChain.Genesis, Version = 0 });
    }
}
