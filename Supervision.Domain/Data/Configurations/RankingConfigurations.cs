using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Data.Configurations;

internal sealed class RankingIndicatorConfiguration : IEntityTypeConfiguration<RankingIndicator>
{
    public void Configure(EntityTypeBuilder<RankingIndicator> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(2000);
    }
}

internal sealed class IndicatorValueConfigurations : IEntityTypeConfiguration<IndicatorValue>, IEntityTypeConfiguration<ProvinceIndicatorValue>
{
    // The key is the dashboards' access path: a province's month (rankings), a province's months (trends).
    public void Configure(EntityTypeBuilder<IndicatorValue> b)
    {
        b.HasKey(v => new { v.ProvinceId, v.Period, v.BranchId, v.Code });
        b.Property(v => v.Period).HasMaxLength(7);
        b.Property(v => v.Code).HasMaxLength(40);
        b.Property(v => v.Status).HasMaxLength(16);
    }

    // The ministry reads all provinces of a month or a span of months.
    public void Configure(EntityTypeBuilder<ProvinceIndicatorValue> b)
    {
        b.HasKey(v => new { v.Period, v.ProvinceId, v.Code });
        b.Property(v => v.Period).HasMaxLength(7);
        b.Property(v => v.Code).HasMaxLength(40);
        b.Property(v => v.Status).HasMaxLength(16);
    }
}
