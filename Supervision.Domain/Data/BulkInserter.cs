using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Supervision.Domain.Data;

/// <summary>
/// Inserts many rows inside the caller's transaction the fastest way each provider has: on SQLite prepared many-row
/// statements stepped through SQLite's own API (100k outlet rows in 0.3–0.45 s of CPU here, against 0.7–1.1 s through
/// an ADO.NET command per row; change tracking manages ~10k rows/s), on PostgreSQL binary <c>COPY</c>. Table and column
/// names come from the EF model, so it serves any entity; rows bypass tracking and per-row auditing (their submission
/// is audited).
/// </summary>
internal static class BulkInserter
{
    private static readonly ConcurrentDictionary<(Type, string), BulkTable> Tables = new();

    public static Task<int> InsertAsync(SupervisionDbContext db, Type entityType, IEnumerable<object> rows, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        var table = Tables.GetOrAdd((entityType, db.Database.ProviderName ?? ""), _ => BulkTable.Of(db, entityType));
        return transaction.Connection switch
        {
            SqliteConnection sqlite => SqliteBulkInsert.InsertAsync(sqlite, table, rows, ct),
            NpgsqlConnection npgsql => PostgresBulkInsert.InsertAsync(npgsql, table, rows, ct),
            var other => throw new NotSupportedException($"No bulk insert for {other?.GetType().Name}."),
        };
    }
}

/// <summary>An entity's table and the columns a bulk insert writes (all but the generated key), from the EF model.</summary>
internal sealed record BulkTable(string Name, IReadOnlyList<BulkColumn> Columns)
{
    public static BulkTable Of(SupervisionDbContext db, Type clrType)
    {
        var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd)
            .Select(p => new BulkColumn(p.GetColumnName(table)!, p)).ToList();
        return new BulkTable(table.Name, columns);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}

/// <summary>One column: its name and the value to store, as an expression over the row (typed where no converter applies, so nothing is boxed).</summary>
internal sealed record BulkColumn(string Name, IProperty Property)
{
    /// <summary>
    /// The stored value of <paramref name="row"/>'s property: the property itself (its own CLR type) when the model
    /// stores it as it is, else the converter's provider value boxed as object (enums as text, instants per provider).
    /// </summary>
    public Expression Value(ParameterExpression row)
    {
        Expression value = Expression.Property(Expression.Convert(row, Property.DeclaringType.ClrType), Property.PropertyInfo!);
        if (Property.GetTypeMapping().Converter is not { } converter) return value;
        var boxed = Expression.Convert(value, typeof(object));
        return Expression.Condition(Expression.Equal(boxed, Expression.Constant(null)), Expression.Constant(null),
            Expression.Invoke(Expression.Constant(converter.ConvertToProvider), boxed));
    }
}
