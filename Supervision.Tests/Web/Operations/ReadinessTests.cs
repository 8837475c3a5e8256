using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Operations;

public class ReadinessTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task A_migrated_reachable_database_is_ready()
    {
        var response = await portal.Anonymous().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("数据库可用，结构为最新。", body.GetProperty("checks")[0].GetProperty("description").GetString());
    }

    /// <summary>The portal migrates at start; a database restored from an older backup underneath it is caught here.</summary>
    [Fact]
    public async Task A_pending_migration_is_503_while_the_process_stays_alive()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        await using (var connection = new SqliteConnection(TemplateDatabase.ConnectionString(factory.DatabasePath)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT MAX(MigrationId) FROM __EFMigrationsHistory);";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var response = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("迁移尚未应用", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks")[0].GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>The database file disappears under a running portal (a lost volume): not ready, and the answer names no path.</summary>
    [Fact]
    public async Task An_unreachable_database_is_503_without_saying_where_it_is()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(factory.DatabasePath + suffix);
        Directory.CreateDirectory(factory.DatabasePath); // a directory where the file was: SQLite cannot open it
        var response = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("数据库", text);
        Assert.DoesNotContain(Path.GetFileName(factory.DatabasePath), text);
    }
}
