namespace Supervision.Domain.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, one writer at a time, one web node.</summary>
    Sqlite,
    /// <summary>The scale-out database: several web nodes share it.</summary>
    Postgres,
}

/// <summary>Which database the portal uses (<c>Database:Provider</c>) and where it is (<c>ConnectionStrings:Supervision</c>).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The assembly holding the PostgreSQL migrations; the SQLite ones live in this assembly.</summary>
    public const string PostgresMigrationsAssembly = "Supervision.Migrations.Postgres";

    public static DatabaseSettings Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    public static DatabaseSettings Postgres(string connectionString) => new(DatabaseProvider.Postgres, connectionString);

    /// <summary>Reads the configured provider name; accepts Sqlite (the default), Postgres and PostgreSQL, in any case.</summary>
    public static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider '{name}' is not supported: use Sqlite (the default) or Postgres."),
    };
}
