using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;
using Supervision.Domain.Catalog;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;
using Supervision.Domain.Documents;
using Supervision.Domain.Inspections;
using Supervision.Domain.Notifications;
using Supervision.Domain.Organizations;
using Supervision.Domain.Overview;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;

namespace Supervision.Domain;

public static class DependencyInjection
{
    /// <summary>
    /// The database (one context per operation through a scoped factory, so each context knows who acts)
    /// and one service per feature. From <paramref name="config"/>: evidence uploads ("Uploads:EvidenceMaxMegabytes",
    /// default 10) and returns read at once on this node ("Imports:MaxConcurrent", "Imports:QueueSeconds", "Imports:BigReturnKilobytes", "Imports:BigConcurrent", see <see cref="ImportGate"/>).
    /// </summary>
    public static IServiceCollection AddSupervisionDomain(this IServiceCollection services, DatabaseSettings database, IConfiguration? config = null)
    {
        config ??= new ConfigurationBuilder().Build();
        services.TryAddSingleton<TimeProvider>(new Common.BeijingTimeProvider(TimeProvider.System));
        services.AddSingleton(database);
        services.AddScoped<AccessContext>();
        services.AddMemoryCache();
        services.AddSingleton<FilingFigureCache>();
        services.AddDbContextFactory<SupervisionDbContext>((sp, o) =>
        {
            ConfigureDatabase(o, database);
            o.AddInterceptors(sp.GetRequiredService<FilingFigureCache>().Eviction);
        }, ServiceLifetime.Scoped);
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<ServiceAddressService>();
        services.AddScoped<CatalogService>();
        services.AddScoped<DeadlineRecount>();
        services.AddScoped<AuditService>();
        services.AddScoped<AuditReading>();
        services.AddScoped<UserAdministration>();
        services.AddSingleton<SessionSignals>();
        services.AddSingleton<PeopleCache>();
        services.AddScoped<People>();
        services.AddScoped<UserSessions>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountService>();
        services.AddScoped<DemoAccounts>();
        services.AddScoped<OverviewService>();
        services.AddScoped<HomeService>();
        services.AddScoped<NotificationService>();
        services.AddSingleton(config.GetSection(OutboxSettings.Section).Get<OutboxSettings>() ?? new OutboxSettings());
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<DocumentRegistry>();
        services.TryAddSingleton<IVerificationLinks, RelativeVerificationLinks>();
        services.AddScoped<DocumentVerification>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<ReturnEntryService>();
        services.AddScoped<SubmissionReminders>();
        services.AddSingleton(new EvidenceLimits(config.GetValue("Uploads:EvidenceMaxMegabytes", 10) * 1024L * 1024L));
        var lanes = ImportLanes.For(database.Provider);
        services.AddSingleton(new ImportGate(config.GetValue("Imports:MaxConcurrent", ImportGate.DefaultConcurrency(database.Provider)),
            TimeSpan.FromSeconds(config.GetValue("Imports:QueueSeconds", 30)),
            lanes with
            {
                BigBytes = config.GetValue("Imports:BigReturnKilobytes", lanes.BigBytes / 1024) * 1024,
                BigConcurrent = Math.Max(1, config.GetValue("Imports:BigConcurrent", lanes.BigConcurrent)),
            }));
        services.AddScoped<InspectionPlanService>();
        services.AddScoped<DrawService>();
        services.AddScoped<InspectionService>();
        services.AddScoped<FindingService>();
        services.AddScoped<CorrectiveOrderService>();
        services.AddScoped<CorrectiveOrderScanner>();
        services.AddScoped<InternalNoteService>();
        services.AddScoped<IIndicatorSource, ReturnIndicatorSource>();
        services.AddScoped<IIndicatorSource, SupervisionIndicatorSource>();
        services.AddScoped<RankingUpdater>();
        // The features keep the rankings' summary in step through it; sources read the database only, so no service depends back on them.
        services.AddScoped<IRankingSummary>(sp => sp.GetRequiredService<RankingUpdater>());
        services.AddScoped<RankingService>();
        services.AddScoped<RankingTraceService>();
        services.AddSingleton<RankingCache>();
        services.AddScoped<Enforcement.EnforcementService>();
        services.AddScoped<Enforcement.ApprovalService>();
        services.AddScoped<Enforcement.CaseDeadlineScanner>();
        services.AddScoped<Enforcement.CourtEnforcementScanner>();
        services.AddScoped<Publicity.PublicityService>();
        // Enforcement tells publicity of each decision; publicity builds the announcement (one direction: Publicity → Enforcement).
        services.AddScoped<Enforcement.IDecisionPublication, Publicity.PenaltyAnnouncement>();
        services.AddScoped<Publicity.PublicSite>();
        services.AddScoped<Publicity.PublicationDeadlineScanner>();
        return services;
    }

    // Queries that include several collections load one record with its parts: one query, one consistent snapshot (said
    // explicitly, which is also what keeps EF from warning about it on every start).
    public static void ConfigureDatabase(DbContextOptionsBuilder options, DatabaseSettings database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
            ConfigurePostgres(options, database.ConnectionString);
        else
            ConfigureSqlite(options, database.ConnectionString);
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        // The model is the same on both providers; each has its own migrations (see docs/CONVENTIONS.md).
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(DatabaseSettings.PostgresMigrationsAssembly)
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            Directory.CreateDirectory(dir);
        // One timeout for waiting on another writer: SQLite's busy handler and Microsoft.Data.Sqlite's own retry loop
        // (which runs until the command timeout) both use "Default Timeout" — 10 s unless the connection string says otherwise.
        if (!builder.ShouldSerialize("Default Timeout")) builder.DefaultTimeout = 10;
        options.UseSqlite(builder.ToString(), o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .AddInterceptors(new SqliteConnectionSetup(busyTimeoutMs: builder.DefaultTimeout * 1000));
    }
}
