using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Catalog;

namespace Supervision.Domain.Data.Configurations;

internal sealed class LegalBasisConfiguration : IEntityTypeConfiguration<LegalBasis>
{
    public void Configure(EntityTypeBuilder<LegalBasis> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Duty).HasMaxLength(2000);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Property(x => x.Source).HasMaxLength(400);
        b.Property(x => x.VerifiedBy).HasMaxLength(100);
        b.Property(x => x.Condition).HasMaxLength(40);
        b.Property(x => x.Rank).HasMaxLength(40);
        // A comma list keeps the column the same on every provider.
        foreach (var list in new[] { b.Property(x => x.AllowedSanctions), b.Property(x => x.MandatorySanctions) })
            list.HasConversion(
                    v => string.Join(',', v),
                    s => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SanctionKind>).ToList(),
                    new ValueComparer<List<SanctionKind>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()))
                .HasMaxLength(200);
    }
}

internal sealed class NoPenaltyGroundConfiguration : IEntityTypeConfiguration<NoPenaltyGround>
{
    public void Configure(EntityTypeBuilder<NoPenaltyGround> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Text).HasMaxLength(400);
        b.Property(x => x.Article).HasMaxLength(400);
        b.Property(x => x.Source).HasMaxLength(400);
        b.Ignore(x => x.Label);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Evidence).HasMaxLength(2000);
        b.Property(x => x.Guidance).HasMaxLength(1000);
        b.HasOne(x => x.LegalBasis).WithMany().HasForeignKey(x => x.LegalBasisId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HolidayYearConfiguration : IEntityTypeConfiguration<HolidayYear>
{
    public void Configure(EntityTypeBuilder<HolidayYear> b)
    {
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.HasMany(x => x.Days).WithOne().HasForeignKey(d => d.Year).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.HasIndex(x => x.Date).IsUnique();
        b.Property(x => x.Name).HasMaxLength(40);
    }
}
