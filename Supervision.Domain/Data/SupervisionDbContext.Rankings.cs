using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Data;

public partial class SupervisionDbContext
{
    public DbSet<RankingIndicator> RankingIndicators => Set<RankingIndicator>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<ProvinceIndicatorValue> ProvinceIndicatorValues => Set<ProvinceIndicatorValue>();
}
