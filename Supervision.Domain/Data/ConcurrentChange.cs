using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Supervision.Domain.Common;

namespace Supervision.Domain.Data;

/// <summary>How every feature saves a change to a record someone else may have changed meanwhile.</summary>
public static class ConcurrentChange
{
    /// <summary>
    /// Saves; when another user changed the record since it was read (its concurrency token moved), the change is
    /// refused with the feature's code and a message telling the user to look again.
    /// </summary>
    public static async Task SaveOrRefuseAsync(this SupervisionDbContext db, string code, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(code, message);
        }
    }

    /// <summary>
    /// Whether a save lost a race with another writer: a unique index refused the row (SQLite error 19, PostgreSQL 23505)
    /// or a row it changed was changed first (concurrency token). The caller reads again and decides.
    /// </summary>
    public static bool IsLostRace(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException || ex.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
