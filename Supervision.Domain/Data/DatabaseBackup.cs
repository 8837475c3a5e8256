using Microsoft.Data.Sqlite;
using Supervision.Domain.Common;

namespace Supervision.Domain.Data;

/// <summary>What a backup wrote: the file, its size, and the tables it holds with their row counts.</summary>
public sealed record BackupResult(string Path, long Bytes, IReadOnlyDictionary<string, long> Tables);

/// <summary>
/// An online backup of the SQLite database: <c>VACUUM INTO</c> copies one read transaction's snapshot into a new file while
/// the portal goes on serving (WAL readers never block the writer), so the copy is consistent without stopping anything.
/// The copy is then opened and checked (<c>PRAGMA integrity_check</c>) before it is reported as done.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<BackupResult> RunAsync(string connectionString, string target, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(target))
            throw new DomainException("backup.target_required", "请指定备份文件路径。");
        var path = System.IO.Path.GetFullPath(target);
        if (File.Exists(path))
            throw new DomainException("backup.target_exists", $"备份文件“{path}”已存在；请指定新的文件名，备份不会覆盖已有文件。");
        if (System.IO.Path.GetDirectoryName(path) is { } dir && !Directory.Exists(dir))
            throw new DomainException("backup.directory_missing", $"目录“{dir}”不存在。");

        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        if (!File.Exists(source.DataSource))
            throw new DomainException("backup.source_missing", $"数据库文件“{source.DataSource}”不存在。");
        // Read-write only so an idle WAL database opens (VACUUM INTO never writes to the source); never creates a file.
        await using (var connection = new SqliteConnection(source.ToString()))
        {
            await connection.OpenAsync(ct);
            await using var busy = connection.CreateCommand();
            busy.CommandText = "PRAGMA busy_timeout = 10000;";
            await busy.ExecuteNonQueryAsync(ct);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path;";
            vacuum.Parameters.AddWithValue("$path", path);
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(ct);
        await using (var check = copy.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check;";
            if (await check.ExecuteScalarAsync(ct) is not "ok")
                throw new DomainException("backup.corrupt", $"备份文件“{path}”未通过完整性检查。");
        }
        var tables = new List<string>();
        await using (var list = copy.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = copy.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"")}\";";
            counts[table] = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return new BackupResult(path, new FileInfo(path).Length, counts);
    }
}
