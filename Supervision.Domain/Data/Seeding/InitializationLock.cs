using Npgsql;

namespace Supervision.Domain.Data.Seeding;

/// <summary>
/// One web node at a time migrates and seeds. Nodes started together on an empty PostgreSQL database would otherwise
/// all find the tables empty and insert the same catalogs and accounts (the losers stopping on a unique index).
/// SQLite serves one node, so there it is no lock at all.
/// </summary>
public sealed class InitializationLock : IAsyncDisposable
{
    // Names this lock among the database's advisory locks; any constant the application uses for nothing else.
    private const long Key = 0x53_75_70_65_72_76_31;

    private readonly NpgsqlConnection? _connection;

    private InitializationLock(NpgsqlConnection? connection) => _connection = connection;

    /// <summary>Waits until no other node is initializing the same database.</summary>
    public static async Task<InitializationLock> AcquireAsync(DatabaseSettings database, CancellationToken ct = default)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return new InitializationLock(null);
        // Its own unpooled session: the lock belongs to the session and ends with it, whatever happens in between.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection))
            await command.ExecuteNonQueryAsync(ct);
        return new InitializationLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
