using System.Linq.Expressions;
using Npgsql;

namespace Supervision.Domain.Data;

/// <summary>
/// PostgreSQL: binary <c>COPY … FROM STDIN</c> on the caller's connection, so the rows are part of its transaction —
/// one stream instead of a round trip per row.
/// </summary>
internal static class PostgresBulkInsert
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<BulkTable, (string Copy, Func<NpgsqlBinaryImporter, object, CancellationToken, Task>[] Writes)> Plans = new();

    public static async Task<int> InsertAsync(NpgsqlConnection connection, BulkTable table, IEnumerable<object> rows, CancellationToken ct)
    {
        var (copy, writes) = Plans.GetOrAdd(table, Plan);
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        var count = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var write in writes)
                await write(importer, row, ct);
            count++;
        }
        await importer.CompleteAsync(ct);
        return count;
    }

    private static (string, Func<NpgsqlBinaryImporter, object, CancellationToken, Task>[]) Plan(BulkTable table)
    {
        var copy = $"COPY {BulkTable.Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => BulkTable.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var writes = table.Columns.Select(c =>
        {
            var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
            var row = Expression.Parameter(typeof(object), "row");
            var ct = Expression.Parameter(typeof(CancellationToken), "ct");
            var value = c.Value(row);
            var method = value.Type == typeof(object) ? Method(nameof(WriteObjectAsync))
                : Nullable.GetUnderlyingType(value.Type) is { } underlying ? Method(nameof(WriteNullableAsync)).MakeGenericMethod(underlying)
                : Method(nameof(WriteAsync)).MakeGenericMethod(value.Type);
            return Expression.Lambda<Func<NpgsqlBinaryImporter, object, CancellationToken, Task>>(Expression.Call(method, importer, value, ct), importer, row, ct).Compile();
        }).ToArray();
        return (copy, writes);
    }

    private static System.Reflection.MethodInfo Method(string name) =>
        typeof(PostgresBulkInsert).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    /// <summary>A value typed as its CLR type (Npgsql infers the PostgreSQL type: text, bigint, integer, boolean, date, double precision), a null reference as NULL.</summary>
    private static Task WriteAsync<T>(NpgsqlBinaryImporter importer, T value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, ct);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, CancellationToken ct) where T : struct =>
        value is { } v ? importer.WriteAsync(v, ct) : importer.WriteNullAsync(ct);

    /// <summary>A converter's provider value (enums as text, instants as UTC), written as its runtime type.</summary>
    private static Task WriteObjectAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        string s => importer.WriteAsync(s, ct),
        DateTimeOffset instant => importer.WriteAsync(instant, ct),
        long l => importer.WriteAsync(l, ct),
        int i => importer.WriteAsync(i, ct),
        double d => importer.WriteAsync(d, ct),
        bool b => importer.WriteAsync(b, ct),
        _ => throw new NotSupportedException($"Bulk insert on PostgreSQL does not write {value.GetType().Name} values."),
    };
}
