using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Faults;

/// <summary>
/// Another process holds SQLite's one write lock for longer than the portal's busy timeout (one second here, set with
/// "Default Timeout=1" in the connection string). A write request must then get a clean 503 with a stable code and a
/// Chinese message — not a 500 — store nothing, and succeed when sent again after the lock is released; reads go on.
/// The lock is held until the answer arrives, so the test waits for events, not for a clock.
/// </summary>
public sealed class DatabaseBusyTests : IAsyncLifetime
{
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];
    private PortalFactory _portal = default!;

    public async Task InitializeAsync() => _portal = new PortalFactory(await TemplateDatabase.CopyAsync(), connectionOptions: "Default Timeout=1");

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static MultipartFormDataContent Upload(string period) => new()
    {
        { new ByteArrayContent(ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", period, Ningxia, 5))), "file", "月报.xlsx" },
        { new StringContent("RN-MONTHLY"), "template" },
        { new StringContent(period), "period" },
        { new StringContent("true"), "attestation" },
    };

    private HttpClient Carrier()
    {
        var client = _portal.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", "spk_demoCMCC64_NingxiaMobile_2026");
        client.DefaultRequestHeaders.Add("Idempotency-Key", "busy-test-2025-06");
        return client;
    }

    [Fact]
    public async Task A_write_blocked_past_the_busy_timeout_answers_503_stores_nothing_and_succeeds_when_repeated()
    {
        var client = Carrier();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode); // started, migrated

        await using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _portal.DatabasePath, Pooling = false }.ToString()))
        {
            await holder.OpenAsync();
            await using var tx = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock, until rolled back
            await using (var touch = holder.CreateCommand())
            {
                touch.CommandText = "UPDATE Provinces SET Name = Name WHERE Code = '64';";
                await touch.ExecuteNonQueryAsync();
            }

            var blocked = await client.PostAsync("/api/v1/submissions", Upload("2025-06"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.StatusCode);
            Assert.True(blocked.Headers.RetryAfter is not null, "a busy answer says when to retry");
            var error = JsonDocument.Parse(await blocked.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
            Assert.Equal("database.busy", error.GetProperty("code").GetString());
            Assert.Contains("请稍后重试", error.GetProperty("message").GetString());

            // Readers are not held up by a writer (WAL): the public site still answers while the lock is held.
            Assert.Equal(HttpStatusCode.OK, (await _portal.CreateClient().GetAsync("/public")).StatusCode);
            Assert.Equal(0, await CountAsync("2025-06"));
            await tx.RollbackAsync();
        }

        var repeated = await client.PostAsync("/api/v1/submissions", Upload("2025-06"));
        Assert.Equal(HttpStatusCode.Created, repeated.StatusCode);
        Assert.Equal(1, await CountAsync("2025-06"));

        await using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _portal.DatabasePath, Pooling = false }.ToString());
        await check.OpenAsync();
        await using var cmd = check.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await cmd.ExecuteScalarAsync());
    }

    private async Task<int> CountAsync(string period)
    {
        await using var db = _portal.ScopeFor(Supervision.Domain.Access.AccessScope.System).ServiceProvider
            .GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>().CreateDbContext();
        return await db.Submissions.CountAsync(s => s.Period == period && s.TemplateCode == "RN-MONTHLY" && s.Branch!.Code == "CMCC-64");
    }
}
