using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Supervision.Domain;
using Supervision.Domain.Access;
using Supervision.Domain.Data;

namespace Supervision.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model; adding a migration needs no server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SupervisionDbContext>
{
    public SupervisionDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SupervisionDbContext>();
        DependencyInjection.ConfigurePostgres(options, "Host=localhost;Database=supervision_design");
        return new SupervisionDbContext(options.Options, AccessContext.System("design"));
    }
}
