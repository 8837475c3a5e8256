using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Supervision.Domain.Data;
using Supervision.Web;

namespace Supervision.Tests.Infrastructure;

/// <summary>
/// One migrated, seeded database with the demo accounts, built once per test run; every test gets its
/// own copy, so tests never share state and never pay for seeding again.
/// </summary>
/// <remarks>
/// SQLite by default: the copy is a file. With <c>SUPERVISION_TEST_DB=postgres</c> the suite runs on the PostgreSQL
/// server named by <c>SUPERVISION_TEST_PG</c> (a connection string of a user who may create databases; test.sh
/// starts a throwaway one): the template is a database and each copy is <c>CREATE DATABASE … TEMPLATE</c>.
/// </remarks>
public static class TemplateDatabase
{
    public const string ProviderVariable = "SUPERVISION_TEST_DB";
    public const string ServerVariable = "SUPERVISION_TEST_PG";

    public static DatabaseProvider Provider { get; } = DatabaseSettings.ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));

    private static readonly Lazy<Task<DatabaseSettings>> Template = new(BuildAsync);

    public static async Task<DatabaseSettings> CopyAsync()
    {
        var template = await Template.Value;
        if (Provider == DatabaseProvider.Postgres)
            return await CreatePostgresAsync(template: new NpgsqlConnectionStringBuilder(template.ConnectionString).Database!);
        var path = NewSqlitePath("");
        File.Copy(new SqliteConnectionStringBuilder(template.ConnectionString).DataSource, path);
        return SqliteAt(path);
    }

    /// <summary>The file of a fresh copy, for the tests of SQLite itself (run in the SQLite pass only).</summary>
    public static async Task<string> SqliteCopyPathAsync()
    {
        var copy = await CopyAsync();
        return copy.Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(copy.ConnectionString).DataSource
            : throw new InvalidOperationException("This test is about SQLite's file; test.sh runs it in the SQLite pass only.");
    }

    public static string ConnectionString(string path) => SqliteAt(path).ConnectionString;

    /// <summary>A database that does not exist yet (SQLite) or has no tables (PostgreSQL): the portal migrates it on start.</summary>
    public static async Task<DatabaseSettings> EmptyAsync() =>
        Provider == DatabaseProvider.Postgres ? await CreatePostgresAsync(template: "template0") : SqliteAt(NewSqlitePath("empty-"));

    /// <summary>Removes a PostgreSQL copy once its portal is gone (the SQLite files stay in the temp folder, as before).</summary>
    public static async Task DropAsync(DatabaseSettings database)
    {
        if (database.Provider != DatabaseProvider.Postgres) return;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
            NpgsqlConnection.ClearPool(connection);
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<DatabaseSettings> BuildAsync()
    {
        var template = Provider == DatabaseProvider.Postgres ? await CreatePostgresAsync(template: "template0") : SqliteAt(NewSqlitePath("template-"));
        await using (var factory = new PortalFactory(template) { KeepsDatabase = true })
        {
            await Startup.InitializeAsync(factory.Services, factory.Services.GetRequiredService<IConfiguration>(),
                factory.Services.GetRequiredService<IHostEnvironment>(), [], NullLogger.Instance);
            // The tests decide under Order 25 Art. 6 (ORD25-A06), confirmed here as an administrator would confirm it; the demo confirms
            // only the entry its own cases rest on (the checklist item's, Art. 9).
            using var scope = factory.Services.CreateScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>().CreateDbContextAsync();
            var order25 = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.LegalBases, b => b.Code == "ORD25-A06");
            scope.ServiceProvider.GetRequiredService<Supervision.Domain.Access.AccessContext>().AsSystem("system:tests");
            if (!order25.Verified) await scope.ServiceProvider.GetRequiredService<Supervision.Domain.Catalog.CatalogService>().ConfirmLegalBasisAsync(order25.Id);
            // The thresholds of every settings row are marked verified (test data, said so in their source) as an administrator
            // marks them: the tests decide below them without 法制审核 or a hearing; the tests of the unverified rule unmark them.
            var enforcement = scope.ServiceProvider.GetRequiredService<Supervision.Domain.Enforcement.EnforcementService>();
            foreach (var settings in await enforcement.AllSettingsAsync())
                await enforcement.SaveSettingsAsync(Supervision.Tests.Domain.Enforcement.CaseFixture.VerifyThresholds(settings));
        }
        if (Provider == DatabaseProvider.Postgres)
        {
            // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
            await using var connection = new NpgsqlConnection(template.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
            // The copies are dropped with their portals; the template when the test run ends (on a server that outlives it).
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAsync(template).Wait(TimeSpan.FromSeconds(5));
        }
        else
        {
            // Closing pooled connections checkpoints the WAL into the file before it is copied.
            SqliteConnection.ClearAllPools();
        }
        return template;
    }

    private static DatabaseSettings SqliteAt(string path) => DatabaseSettings.Sqlite(new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    private static string NewSqlitePath(string prefix) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "supervision-tests")).FullName, $"{prefix}{Guid.NewGuid():N}.db");

    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            $"{ProviderVariable}=postgres needs {ServerVariable}, a connection string to a PostgreSQL server where the user may create databases; ./test.sh starts one.");

    private static async Task<DatabaseSettings> CreatePostgresAsync(string template)
    {
        var name = $"supervision_test_{Guid.NewGuid():N}";
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return DatabaseSettings.Postgres(new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString());
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
