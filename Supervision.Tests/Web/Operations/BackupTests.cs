using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;
using Supervision.Web;

namespace Supervision.Tests.Web.Operations;

public class BackupTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];

    private static string NewTarget() => Path.Combine(Path.GetTempPath(), "supervision-tests", $"backup-{Guid.NewGuid():N}.db");

    private Task<int?> RunCommandAsync(params string[] args) => Startup.InitializeAsync(portal.Factory.Services,
        portal.Factory.Services.GetRequiredService<IConfiguration>(), portal.Factory.Services.GetRequiredService<IHostEnvironment>(), args, NullLogger.Instance);

    /// <summary>
    /// Returns are filed through the API while the backup runs; whatever snapshot the copy took, every submission in it
    /// has its original file and exactly its parsed rows (a torn copy would show a submission without them).
    /// </summary>
    [Fact]
    public async Task The_backup_command_writes_a_consistent_openable_copy_while_the_portal_serves()
    {
        var client = portal.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "spk_demoCMCC64_NingxiaMobile_2026");
        var uploads = Task.Run(async () =>
        {
            foreach (var month in new[] { "2025-01", "2025-02", "2025-03", "2025-04" })
            {
                using var form = new MultipartFormDataContent
                {
                    { new ByteArrayContent(ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", month, Ningxia, 3))), "file", "月报.xlsx" },
                    { new StringContent("RN-MONTHLY"), "template" },
                    { new StringContent(month), "period" },
                    { new StringContent("true"), "attestation" },
                };
                Assert.Equal(System.Net.HttpStatusCode.Created, (await client.PostAsync("/api/v1/submissions", form)).StatusCode);
            }
        });
        var target = NewTarget();
        Assert.Equal(0, await RunCommandAsync("--backup", target));
        await uploads;

        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check;"));
        Assert.Equal(0L, await ScalarAsync(copy, "SELECT COUNT(*) FROM pragma_foreign_key_check;"));
        Assert.Equal(0L, await ScalarAsync(copy, """
            SELECT COUNT(*) FROM Submissions s
            WHERE NOT EXISTS (SELECT 1 FROM StoredFiles f WHERE f.Id = s.FileId)
               OR s.RowCount <> (SELECT COUNT(*) FROM OutletRows o WHERE o.SubmissionId = s.Id) + (SELECT COUNT(*) FROM RnSummaryRows r WHERE r.SubmissionId = s.Id)
                  + (SELECT COUNT(*) FROM LogSystemRows l WHERE l.SubmissionId = s.Id) + (SELECT COUNT(*) FROM SelfCheckRows c WHERE c.SubmissionId = s.Id)
            """));
        await using var db = portal.Db();
        Assert.Equal((long)await db.Users.CountAsync(), await ScalarAsync(copy, "SELECT COUNT(*) FROM AspNetUsers;"));
        Assert.Equal((long)await db.Branches.CountAsync(), await ScalarAsync(copy, "SELECT COUNT(*) FROM Branches;"));
        Assert.True(await ScalarAsync(copy, "SELECT COUNT(*) FROM __EFMigrationsHistory;") is > 0L);
    }

    [Fact]
    public async Task An_existing_file_is_never_overwritten_and_a_missing_path_is_a_usage_error()
    {
        var target = NewTarget();
        await File.WriteAllTextAsync(target, "keep me");
        Assert.Equal(1, await RunCommandAsync("--backup", target));
        Assert.Equal("keep me", await File.ReadAllTextAsync(target));
        Assert.Equal(2, await RunCommandAsync("--backup"));
        Assert.Equal(1, await RunCommandAsync("--backup", Path.Combine(Path.GetTempPath(), $"no-dir-{Guid.NewGuid():N}", "b.db")));
    }

    /// <summary>
    /// A relative database path names the file in the portal's own folder, wherever the command is started from: run
    /// from another directory, the backup finds the portal's database instead of creating an empty one there.
    /// </summary>
    [Fact]
    public async Task The_default_database_is_found_from_any_working_directory()
    {
        var name = $"backup-test-{Guid.NewGuid():N}.db";
        var database = Path.Combine(ChildPortal.WebProjectDirectory(), "App_Data", name);
        var elsewhere = Directory.CreateTempSubdirectory("supervision-cwd-").FullName;
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        File.Copy(await TemplateDatabase.SqliteCopyPathAsync(), database);
        try
        {
            var target = NewTarget();
            var (exit, output) = await ChildPortal.RunCommandAsync(elsewhere,
                new Dictionary<string, string> { ["ConnectionStrings:Supervision"] = $"Data Source=App_Data/{name}" }, "--backup", target);
            Assert.True(exit == 0, output);
            Assert.False(Directory.Exists(Path.Combine(elsewhere, "App_Data")), "no database may be created in the working directory");
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await copy.OpenAsync();
            Assert.True(await ScalarAsync(copy, "SELECT COUNT(*) FROM Branches;") is > 0L);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, name + "*")) File.Delete(file);
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
