using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Supervision.Domain.Access;
using Supervision.Domain.Data;

namespace Supervision.Tests.Infrastructure;

/// <summary>The whole portal in-process on its own copy of the template database.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _environment;

    /// <param name="connectionOptions">Extra connection-string settings, e.g. "Default Timeout=1" for a short busy timeout.</param>
    public PortalFactory(DatabaseSettings database, string environment = "Development", string? connectionOptions = null)
    {
        Database = connectionOptions is null ? database : database with { ConnectionString = database.ConnectionString + ";" + connectionOptions };
        _environment = environment;
    }

    /// <summary>The database file, for the tests of SQLite itself (backup, busy, readiness, a killed import); they run on SQLite only.</summary>
    public string DatabasePath => Database.Provider == DatabaseProvider.Sqlite
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Database.ConnectionString).DataSource
        : throw new InvalidOperationException("This test is about SQLite's file; test.sh runs it in the SQLite pass only.");

    public static async Task<PortalFactory> CreateAsync(string environment = "Development") =>
        new(await TemplateDatabase.CopyAsync(), environment: environment);

    /// <summary>This portal's own database (a copy of the template on the provider the run uses).</summary>
    public DatabaseSettings Database { get; }

    /// <summary>The portal's clock: real time until a test sets it (deadlines, surcharges and reminders read it).</summary>
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        if (ExtraServices is { } extra)
            builder.ConfigureServices(extra);
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Supervision", Database.ConnectionString);
        // As a host setting, so Program sees it while registering services (the collection below arrives too late for that).
        builder.UseSetting("Jobs:Enabled", JobsEnabled ? "true" : "false");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Provider.ToString(),
            ["ConnectionStrings:Supervision"] = Database.ConnectionString,
            // Jobs are tested by calling their domain method with a chosen time, not by waiting for a schedule.
            ["Jobs:Enabled"] = JobsEnabled ? "true" : "false",
            // The demo history takes a minute of imports: tests that need returns make their own.
            ["Demo:History"] = "false",
            // The demo's seal and 宁夏移动's consent to electronic service: tests that need them record their own.
            ["Demo:ElectronicService"] = "false",
            // Every test client signs in from the same (absent) address; SignInRateLimitTests sets tight limits of its own.
            ["SignIn:RateLimit:PerAddress"] = "10000",
            ["SignIn:RateLimit:PerUser"] = "10000",
            ["PublicVerify:RateLimit:Lookups"] = "10000",
            ["PublicVerify:RateLimit:Uploads"] = "10000",
        }));
    }

    /// <summary>Runs the scheduler (off by default: jobs are tested through their domain method; on for the scale-out tests).</summary>
    public bool JobsEnabled { get; init; }

    /// <summary>Services a test adds or replaces (after the portal's own).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    /// <summary>Set for the template itself, which outlives the portal that seeded it.</summary>
    public bool KeepsDatabase { get; init; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!KeepsDatabase)
            await TemplateDatabase.DropAsync(Database);
    }

    /// <summary>A DI scope acting as the given user (or the system), for calling domain services directly.</summary>
    public IServiceScope ScopeFor(AccessScope scope, string actor = "test")
    {
        var serviceScope = Services.CreateScope();
        serviceScope.ServiceProvider.GetRequiredService<AccessContext>().Set(scope, actor);
        return serviceScope;
    }
}
