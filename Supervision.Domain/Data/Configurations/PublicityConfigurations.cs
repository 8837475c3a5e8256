using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Publicity;

namespace Supervision.Domain.Data.Configurations;

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> b)
    {
        b.HasIndex(a => new { a.SourceType, a.SourceId, a.Kind }).IsUnique();
        b.HasIndex(a => new { a.ProvinceId, a.Status });
        b.Property(a => a.SourceType).HasMaxLength(60);
        b.Property(a => a.SourceId).HasMaxLength(60);
        b.Property(a => a.WithdrawReason).HasMaxLength(2000);
    }
}
