using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Supervision.Web;

namespace Supervision.Tests.Infrastructure;

/// <summary>
/// One migrated, seeded database with the demo accounts, built once per test run; every test gets its
/// own copy of the file, so tests never share state and never pay for seeding again.
/// </summary>
public static class TemplateDatabase
{
    private static readonly Lazy<Task<string>> Template = new(BuildAsync);

    public static async Task<string> CopyAsync()
    {
        var template = await Template.Value;
        var path = Path.Combine(Path.GetTempPath(), "supervision-tests", $"{Guid.NewGuid():N}.db");
        File.Copy(template, path);
        return path;
    }

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    private static async Task<string> BuildAsync()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "supervision-tests")).FullName;
        var path = Path.Combine(dir, $"template-{Guid.NewGuid():N}.db");
        await using (var factory = new PortalFactory(path))
        {
            await Startup.InitializeAsync(factory.Services, factory.Services.GetRequiredService<IConfiguration>(),
                factory.Services.GetRequiredService<IHostEnvironment>(), [], NullLogger.Instance);
        }
        // Closing pooled connections checkpoints the WAL into the file before it is copied.
        SqliteConnection.ClearAllPools();
        return path;
    }
}
