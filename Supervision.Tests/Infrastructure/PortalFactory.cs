using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Supervision.Domain.Access;

namespace Supervision.Tests.Infrastructure;

/// <summary>The whole portal in-process on its own copy of the template database.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath;
    private readonly string _environment;
    private readonly string _connectionString;

    /// <param name="connectionOptions">Extra connection-string settings, e.g. "Default Timeout=1" for a short busy timeout.</param>
    public PortalFactory(string databasePath, string environment = "Development", string? connectionOptions = null)
    {
        _databasePath = databasePath;
        _environment = environment;
        _connectionString = TemplateDatabase.ConnectionString(databasePath) + (connectionOptions is null ? "" : ";" + connectionOptions);
    }

    public static async Task<PortalFactory> CreateAsync(string environment = "Development") =>
        new(await TemplateDatabase.CopyAsync(), environment: environment);

    public string DatabasePath => _databasePath;

    /// <summary>The portal's clock: real time until a test sets it (deadlines, surcharges and reminders read it).</summary>
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        builder.UseSetting("ConnectionStrings:Supervision", _connectionString);
        // As a host setting, so Program sees it while registering services (the collection below arrives too late for that).
        builder.UseSetting("Jobs:Enabled", "false");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Supervision"] = _connectionString,
            // Jobs are tested by calling their domain method with a chosen time, not by waiting for a schedule.
            ["Jobs:Enabled"] = "false",
            // The demo history takes a minute of imports: tests that need returns make their own.
            ["Demo:History"] = "false",
            // Every test client signs in from the same (absent) address; SignInRateLimitTests sets tight limits of its own.
            ["SignIn:RateLimit:PerAddress"] = "10000",
            ["SignIn:RateLimit:PerUser"] = "10000",
        }));
    }

    /// <summary>A DI scope acting as the given user (or the system), for calling domain services directly.</summary>
    public IServiceScope ScopeFor(AccessScope scope, string actor = "test")
    {
        var serviceScope = Services.CreateScope();
        serviceScope.ServiceProvider.GetRequiredService<AccessContext>().Set(scope, actor);
        return serviceScope;
    }
}
