using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Supervision.Domain.Data;

/// <summary>
/// SQLite: an INSERT of 64 rows prepared once, its values bound and the statement stepped and reset per 64 rows —
/// through SQLite's C API (SQLitePCL, the library under Microsoft.Data.Sqlite), on the caller's connection and
/// transaction. ADO.NET's per-execution work (a data reader per command, parameter objects, type inference) cost as
/// much as SQLite's own, and one statement per row opened the table's, index's and foreign key's cursors per row.
/// </summary>
internal static class SqliteBulkInsert
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<BulkTable, Action<sqlite3_stmt, object, int>> Plans = new();

    /// <summary>Rows per statement: one INSERT of many VALUES rows opens its cursors (table, indexes, foreign keys) once for all of them.</summary>
    private const int RowsPerStatement = 64;

    public static Task<int> InsertAsync(SqliteConnection connection, BulkTable table, IEnumerable<object> rows, CancellationToken ct)
    {
        var bind = Plans.GetOrAdd(table, Plan);
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var perRow = table.Columns.Count;
        Check(raw.sqlite3_prepare_v2(db, Sql(table, RowsPerStatement), out var many), db);
        Check(raw.sqlite3_prepare_v2(db, Sql(table, 1), out var one), db);
        using (many)
        using (one)
        {
            var count = 0;
            var pending = new object[RowsPerStatement];
            var n = 0;
            foreach (var row in rows)
            {
                pending[n++] = row;
                if (n < RowsPerStatement) continue;
                for (var k = 0; k < n; k++) bind(many, pending[k], k * perRow);
                Step(many, db);
                count += n;
                n = 0;
                if (count % 8192 == 0) ct.ThrowIfCancellationRequested();
            }
            for (var k = 0; k < n; k++)
            {
                bind(one, pending[k], 0);
                Step(one, db);
            }
            count += n;
            return Task.FromResult(count);
        }
    }

    private static void Step(sqlite3_stmt statement, sqlite3 db)
    {
        var rc = raw.sqlite3_step(statement);
        try
        {
            if (rc != raw.SQLITE_DONE) Check(rc, db);   // before the reset, while SQLite's message is the step's
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private static string Sql(BulkTable table, int rows)
    {
        var values = "(" + string.Join(", ", table.Columns.Select(_ => "?")) + ")";
        return $"INSERT INTO {BulkTable.Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => BulkTable.Quote(c.Name)))}) VALUES " +
               string.Join(", ", Enumerable.Repeat(values, rows));
    }

    /// <summary>Binds a row's values to the parameters after <c>offset</c> (its place in a many-row statement).</summary>
    private static Action<sqlite3_stmt, object, int> Plan(BulkTable table)
    {
        var statement = Expression.Parameter(typeof(sqlite3_stmt), "statement");
        var row = Expression.Parameter(typeof(object), "row");
        var offset = Expression.Parameter(typeof(int), "offset");
        var binds = table.Columns.Select((c, i) => Bind(statement, Expression.Add(offset, Expression.Constant(i + 1)), c.Value(row)));
        return Expression.Lambda<Action<sqlite3_stmt, object, int>>(Expression.Block(binds), statement, row, offset).Compile();
    }

    /// <summary>A call binding <paramref name="value"/> to parameter <paramref name="index"/>: typed for the common types, else by the value's runtime type.</summary>
    private static MethodCallExpression Bind(ParameterExpression statement, Expression index, Expression value)
    {
        var type = value.Type;
        var (method, argument) = type == typeof(string) ? (nameof(BindText), value)
            : type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) ? (nameof(BindInteger), Expression.Convert(value, typeof(long)))
            : type == typeof(bool) ? (nameof(BindInteger), Expression.Condition(value, Expression.Constant(1L), Expression.Constant(0L)))
            : type == typeof(double) ? (nameof(BindReal), value)
            : (nameof(BindObject), Expression.Convert(value, typeof(object)));
        return Expression.Call(typeof(SqliteBulkInsert).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
            statement, index, argument);
    }

    /// <summary>Text as UTF-8 (the database's encoding, so SQLite stores the bytes as they are).</summary>
    private static void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            Bound(raw.sqlite3_bind_null(statement, index), statement);
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var utf8 = max <= 1024 ? stackalloc byte[max] : new byte[max];
        Bound(raw.sqlite3_bind_text(statement, index, utf8[..Encoding.UTF8.GetBytes(value, utf8)]), statement);
    }

    private static void BindInteger(sqlite3_stmt statement, int index, long value) => Bound(raw.sqlite3_bind_int64(statement, index, value), statement);

    private static void BindReal(sqlite3_stmt statement, int index, double value) => Bound(raw.sqlite3_bind_double(statement, index, value), statement);

    /// <summary>Stores what Microsoft.Data.Sqlite would for the types the model uses (EF's SQLite mappings: dates as yyyy-MM-dd text, GUIDs as upper-case text).</summary>
    private static void BindObject(sqlite3_stmt statement, int index, object? value)
    {
        switch (value)
        {
            case null: Bound(raw.sqlite3_bind_null(statement, index), statement); break;
            case string s: BindText(statement, index, s); break;
            case long or int or short or byte: BindInteger(statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case bool b: BindInteger(statement, index, b ? 1 : 0); break;
            case double or float: BindReal(statement, index, Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case DateOnly d: BindText(statement, index, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case Guid g: BindText(statement, index, g.ToString().ToUpperInvariant()); break;
            case byte[] bytes: Bound(raw.sqlite3_bind_blob(statement, index, bytes), statement); break;
            default: throw new NotSupportedException($"Bulk insert on SQLite does not store {value.GetType().Name} values; map the column through a converter.");
        }
    }

    private static void Bound(int rc, sqlite3_stmt statement)
    {
        if (rc != raw.SQLITE_OK) Check(rc, raw.sqlite3_db_handle(statement));
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }
}
