using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Faults;

/// <summary>
/// The portal process is killed (SIGKILL) while it stores a 100,000-row return. After a restart the database must be as
/// if the upload had never begun: the earlier return with its file and every row intact, no submission, file or row of
/// the interrupted one, and PRAGMA integrity_check "ok". The kill is triggered by an event, not a clock: once the
/// write-ahead log has grown by more than the uploaded file, the import is inside its transaction writing rows.
/// </summary>
public sealed class KillDuringImportTests
{
    private const string Key = "spk_demoCMCC64_NingxiaMobile_2026";
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];

    private static MultipartFormDataContent Upload(byte[] file, string period) => new()
    {
        { new ByteArrayContent(file), "file", "月报.xlsx" },
        { new StringContent("RN-MONTHLY"), "template" },
        { new StringContent(period), "period" },
        { new StringContent("true"), "attestation" },
    };

    [Fact]
    public async Task A_kill_during_a_large_import_leaves_no_partial_submission_and_loses_no_earlier_data()
    {
        var db = await TemplateDatabase.SqliteCopyPathAsync();
        long earlierId;
        Snapshot before;
        var large = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2025-04", Ningxia, Seed: 100, OutletsPerCityAndChannel: 3334));
        await using (var portal = await ChildPortal.StartAsync(db))
        {
            using var client = portal.Client(Key);
            var earlier = await client.PostAsync("/api/v1/submissions", Upload(ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2025-03", Ningxia, 1)), "2025-03"));
            Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);
            earlierId = JsonDocument.Parse(await earlier.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            before = await SnapshotAsync(db, earlierId);
            Assert.Equal(120, before.EarlierRows);

            // An empty log to start from, so its growth measures the import alone.
            await using (var connection = Open(db))
                Assert.Equal(0L, await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);"));
            var upload = client.PostAsync("/api/v1/submissions", Upload(large, "2025-04"));
            var wal = new FileInfo(db + "-wal");
            while (!upload.IsCompleted)
            {
                wal.Refresh();
                if (wal.Exists && wal.Length > large.Length + 2 * 1024 * 1024) break;
                await Task.Delay(5);
            }
            Assert.False(upload.IsCompleted, "the import finished before the portal could be killed in the middle of it");
            await portal.KillAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => upload);
        }

        await using (var restarted = await ChildPortal.StartAsync(db))
        {
            var after = await SnapshotAsync(db, earlierId);
            Assert.Equal(before, after);
            await using (var connection = Open(db))
            {
                Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check;"));
                Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM Submissions WHERE Period = '2025-04';"));
                Assert.Equal(0L, await ScalarAsync(connection, $"SELECT COUNT(*) FROM StoredFiles WHERE Sha256 = '{StoredFileHash(large)}';"));
            }
            // The period is free again: nothing half-stored claims it.
            using var client = restarted.Client(Key);
            var again = await client.PostAsync("/api/v1/submissions", Upload(ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2025-04", Ningxia, 2)), "2025-04"));
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32());
        }
    }

    /// <summary>What must survive: counts of everything a return stores, and the earlier return's own file and rows.</summary>
    private sealed record Snapshot(long Submissions, long Files, long OutletRows, long SummaryRows, long EarlierRows, string EarlierSha, string EarlierFileSha);

    private static async Task<Snapshot> SnapshotAsync(string db, long earlierId)
    {
        await using var c = Open(db);
        return new Snapshot(
            (long)(await ScalarAsync(c, "SELECT COUNT(*) FROM Submissions;"))!,
            (long)(await ScalarAsync(c, "SELECT COUNT(*) FROM StoredFiles;"))!,
            (long)(await ScalarAsync(c, "SELECT COUNT(*) FROM OutletRows;"))!,
            (long)(await ScalarAsync(c, "SELECT COUNT(*) FROM RnSummaryRows;"))!,
            (long)(await ScalarAsync(c, $"SELECT (SELECT COUNT(*) FROM OutletRows WHERE SubmissionId = {earlierId}) + (SELECT COUNT(*) FROM RnSummaryRows WHERE SubmissionId = {earlierId});"))!,
            (string)(await ScalarAsync(c, $"SELECT Sha256 FROM Submissions WHERE Id = {earlierId};"))!,
            (string)(await ScalarAsync(c, $"SELECT f.Sha256 FROM StoredFiles f JOIN Submissions s ON s.FileId = f.Id WHERE s.Id = {earlierId};"))!);
    }

    private static string StoredFileHash(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false, DefaultTimeout = 60 }.ToString());
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 60000;";
        busy.ExecuteNonQuery();
        return connection;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
