using Npgsql;

namespace Supervision.Domain.Data.Seeding;

/// <summary>
/// Work that one web node at a time does on a shared PostgreSQL database, held as a session advisory lock. Nodes started
/// together on an empty database would otherwise all find the tables empty and insert the same catalogs and accounts (the
/// losers stopping on a unique index), or all generate the demo history. SQLite serves one node, so there it is no lock at all.
/// </summary>
public sealed class NodeLock : IAsyncDisposable
{
    /// <summary>Migrating and seeding: every node waits for it, then finds the work done.</summary>
    public const long Initialization = 0x53_75_70_65_72_76_31;
    /// <summary>Generating the demo history: one node does it, the others leave it to that node.</summary>
    public const long DemoHistory = 0x53_75_70_65_72_76_32;

    private readonly NpgsqlConnection? _connection;

    private NodeLock(NpgsqlConnection? connection) => _connection = connection;

    /// <summary>Waits until no other node holds the lock.</summary>
    public static async Task<NodeLock> AcquireAsync(DatabaseSettings database, long key, CancellationToken ct = default) =>
        await TakeAsync(database, $"SELECT pg_advisory_lock({key})", ct) ?? throw new InvalidOperationException("pg_advisory_lock returned no lock");

    /// <summary>The lock if no other node holds it; null when another node is doing the work.</summary>
    public static Task<NodeLock?> TryAcquireAsync(DatabaseSettings database, long key, CancellationToken ct = default) =>
        TakeAsync(database, $"SELECT pg_try_advisory_lock({key})", ct);

    private static async Task<NodeLock?> TakeAsync(DatabaseSettings database, string sql, CancellationToken ct)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return new NodeLock(null);
        // Its own unpooled session: the lock belongs to the session and ends with it, whatever happens in between.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand(sql, connection))
            if (await command.ExecuteScalarAsync(ct) is false)
            {
                await connection.DisposeAsync();
                return null;
            }
        return new NodeLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
