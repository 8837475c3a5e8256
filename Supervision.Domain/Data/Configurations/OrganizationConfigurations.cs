using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Data.Configurations;

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Code).HasMaxLength(2);
        b.Property(p => p.DocPrefix).HasMaxLength(20);
        b.Property(p => p.PostalAddress).HasMaxLength(200);
        b.Property(p => p.PostalCode).HasMaxLength(6);
        b.Property(p => p.PublicSiteUrl).HasMaxLength(200);
        b.Property(p => p.Phone).HasMaxLength(30);
        b.HasMany(p => p.Cities).WithOne(c => c.Province).HasForeignKey(c => c.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Seal).WithMany().HasForeignKey(p => p.SealFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProvinceFontConfiguration : IEntityTypeConfiguration<ProvinceFont>
{
    public void Configure(EntityTypeBuilder<ProvinceFont> b)
    {
        b.HasIndex(f => new { f.ProvinceId, f.Role }).IsUnique();
        b.HasOne(f => f.Province).WithMany().HasForeignKey(f => f.ProvinceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.File).WithMany().HasForeignKey(f => f.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> b)
    {
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Code).HasMaxLength(6);
    }
}

internal sealed class CarrierConfiguration : IEntityTypeConfiguration<Carrier>
{
    public void Configure(EntityTypeBuilder<Carrier> b)
    {
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.CreditCode).HasMaxLength(18);
    }
}

internal sealed class BranchConfiguration : IEntityTypeConfiguration<Branch>
{
    public void Configure(EntityTypeBuilder<Branch> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => new { x.ProvinceId, x.CarrierId });
        b.Property(x => x.Code).HasMaxLength(60);
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.HasOne(x => x.Carrier).WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Province).WithMany().HasForeignKey(x => x.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.City).WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ParentBranch).WithMany().HasForeignKey(x => x.ParentBranchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceAddressConfirmationConfiguration : IEntityTypeConfiguration<ServiceAddressConfirmation>
{
    public void Configure(EntityTypeBuilder<ServiceAddressConfirmation> b)
    {
        // The question enforcement asks: the branch's latest version signed by a day.
        b.HasIndex(c => new { c.BranchId, c.SignedOn });
        b.HasOne(c => c.Branch).WithMany().HasForeignKey(c => c.BranchId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.RecipientName).HasMaxLength(50);
        b.Property(c => c.RecipientPhone).HasMaxLength(20);
        b.Property(c => c.Email).HasMaxLength(200);
        b.Property(c => c.ResponsiblePerson).HasMaxLength(50);
        b.Property(c => c.AttestedBy).HasMaxLength(100);
        b.Property(c => c.AttestedByUserId).HasMaxLength(450);
        b.HasOne(c => c.Original).WithMany().HasForeignKey(c => c.OriginalFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
