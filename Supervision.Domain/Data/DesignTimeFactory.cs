using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Supervision.Domain.Access;

namespace Supervision.Domain.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SupervisionDbContext>
{
    public SupervisionDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SupervisionDbContext>().UseSqlite("Data Source=design.db").Options, AccessContext.System("design"));
}
