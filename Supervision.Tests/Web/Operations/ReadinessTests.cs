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

    [Fact]
    public async Task A_pending_migration_is_503_while_the_process_stays_alive()
    {
        var path = await TemplateDatabase.CopyAsync();
        await using (var connection = new SqliteConnection(TemplateDatabase.ConnectionString(path)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT MAX(MigrationId) FROM __EFMigrationsHistory);";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        SqliteConnection.ClearAllPools();
        await using var factory = new PortalFactory(path);
        var client = factory.CreateClient();
        var response = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("迁移尚未应用", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks")[0].GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task An_unreachable_database_is_503_without_saying_where_it_is()
    {
        var missing = Path.Combine(Path.GetTempPath(), "supervision-tests", $"no-such-dir-{Guid.NewGuid():N}", "x.db");
        await using var factory = new PortalFactory(missing);
        var response = await factory.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("数据库", text);
        Assert.DoesNotContain("no-such-dir", text);
    }
}
