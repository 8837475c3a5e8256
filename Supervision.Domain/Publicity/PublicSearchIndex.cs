using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;

namespace Supervision.Domain.Publicity;

/// <summary>
/// Substring search of the public site (party name or exact credit code, 文号) from an index instead of a scan of every
/// announcement: on SQLite an FTS5 table with the trigram tokenizer (substrings of Chinese text, case-sensitive like
/// <c>Contains</c>), kept by triggers on <c>Announcements</c>, so it changes in the transaction that publishes, withdraws
/// or deletes; on PostgreSQL <c>pg_trgm</c> GIN indexes on the columns themselves. It holds only what the public list
/// shows of every announcement, withdrawn ones included (party, credit code, 文号) — never an announcement's content.
/// Expiry needs no change to it: the public query keeps its period filter.
/// </summary>
/// <remarks>
/// Provider-specific SQL that EF's model does not describe, so it is not in the regenerated <c>Initial</c> migrations:
/// <see cref="EnsureAsync"/> creates it idempotently after the migrations on every start (docs/CONVENTIONS.md).
/// </remarks>
public static class PublicSearchIndex
{
    /// <summary>Trigram indexes find substrings of three characters or more; shorter ones are looked for by reading the index's own small table.</summary>
    private const int Trigram = 3;

    private static readonly string[] SqliteObjects = ["AnnouncementSearch", "AnnouncementSearch_insert", "AnnouncementSearch_update", "AnnouncementSearch_delete"];

    public static async Task EnsureAsync(SupervisionDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX IF NOT EXISTS "IX_Announcements_PartyName_trgm" ON "Announcements" USING gin ("PartyName" gin_trgm_ops);
                CREATE INDEX IF NOT EXISTS "IX_Announcements_CreditCode_trgm" ON "Announcements" USING gin ("CreditCode" gin_trgm_ops);
                CREATE INDEX IF NOT EXISTS "IX_Announcements_DocumentNumber_trgm" ON "Announcements" USING gin ("DocumentNumber" gin_trgm_ops);
                """, ct);
            return;
        }
        var present = await db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name IN ({SqliteObjects[0]}, {SqliteObjects[1]}, {SqliteObjects[2]}, {SqliteObjects[3]})")
            .SingleAsync(ct);
        if (present == SqliteObjects.Length) return;
        // Missing or incomplete (a new database, or a migration that rebuilt Announcements and so dropped its triggers): made anew and filled.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("""
            DROP TRIGGER IF EXISTS "AnnouncementSearch_insert";
            DROP TRIGGER IF EXISTS "AnnouncementSearch_update";
            DROP TRIGGER IF EXISTS "AnnouncementSearch_delete";
            DROP TABLE IF EXISTS "AnnouncementSearch";
            CREATE VIRTUAL TABLE "AnnouncementSearch" USING fts5("PartyName", "CreditCode", "DocumentNumber", tokenize = 'trigram case_sensitive 1');
            CREATE TRIGGER "AnnouncementSearch_insert" AFTER INSERT ON "Announcements" WHEN NEW."Status" <> 'Draft' BEGIN
                INSERT INTO "AnnouncementSearch" (rowid, "PartyName", "CreditCode", "DocumentNumber") VALUES (NEW."Id", NEW."PartyName", NEW."CreditCode", NEW."DocumentNumber");
            END;
            CREATE TRIGGER "AnnouncementSearch_update" AFTER UPDATE OF "Status", "PartyName", "CreditCode", "DocumentNumber" ON "Announcements" BEGIN
                DELETE FROM "AnnouncementSearch" WHERE rowid = OLD."Id";
                INSERT INTO "AnnouncementSearch" (rowid, "PartyName", "CreditCode", "DocumentNumber")
                    SELECT NEW."Id", NEW."PartyName", NEW."CreditCode", NEW."DocumentNumber" WHERE NEW."Status" <> 'Draft';
            END;
            CREATE TRIGGER "AnnouncementSearch_delete" AFTER DELETE ON "Announcements" BEGIN
                DELETE FROM "AnnouncementSearch" WHERE rowid = OLD."Id";
            END;
            INSERT INTO "AnnouncementSearch" (rowid, "PartyName", "CreditCode", "DocumentNumber")
                SELECT "Id", "PartyName", "CreditCode", "DocumentNumber" FROM "Announcements" WHERE "Status" <> 'Draft';
            """, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Past this many matches a term is common (a company's name in tens of thousands of announcements): its page is found
    /// by walking the list's index newest first and testing each against the matches, which stops after a page, instead
    /// of reading every match's row to sort them. Below it, reading the matches' rows is the shorter way.
    /// </summary>
    private const int Common = 1000;

    /// <summary>Announcements whose party name contains <paramref name="text"/> or whose credit code is it.</summary>
    public static async Task<IQueryable<Announcement>> PartyAsync(SupervisionDbContext db, IQueryable<Announcement> q, string text, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            return q.Where(a => EF.Functions.Like(a.PartyName, LikePattern(text), "\\") || a.CreditCode == text);
        if (text.Length < Trigram)
        {
            var scanned = db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "AnnouncementSearch" WHERE instr("PartyName", {text}) > 0 OR "CreditCode" = {text}""");
            return q.Where(a => scanned.Contains(a.Id));
        }
        var party = "{PartyName} : " + Phrase(text);
        var ids = db.Database.SqlQuery<long>($"""
            SELECT rowid AS "Value" FROM "AnnouncementSearch" WHERE "AnnouncementSearch" MATCH {party}
            UNION ALL SELECT rowid FROM "AnnouncementSearch" WHERE "AnnouncementSearch" MATCH {"{CreditCode} : " + Phrase(text)} AND "CreditCode" = {text}
            """);
        return await InAsync(db, q, ids, party, ct);
    }

    /// <summary>Announcements whose 文号 contains <paramref name="text"/>.</summary>
    public static async Task<IQueryable<Announcement>> NumberAsync(SupervisionDbContext db, IQueryable<Announcement> q, string text, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            return q.Where(a => EF.Functions.Like(a.DocumentNumber!, LikePattern(text), "\\"));
        if (text.Length < Trigram)
        {
            var scanned = db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "AnnouncementSearch" WHERE instr("DocumentNumber", {text}) > 0""");
            return q.Where(a => scanned.Contains(a.Id));
        }
        var number = "{DocumentNumber} : " + Phrase(text);
        var ids = db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "AnnouncementSearch" WHERE "AnnouncementSearch" MATCH {number}""");
        return await InAsync(db, q, ids, number, ct);
    }

    /// <summary>
    /// The announcements among <paramref name="ids"/>. Whether <paramref name="match"/> has more than <see cref="Common"/>
    /// entries is counted in the index first (a millisecond or two): for a common term the query tests <c>Id + 0</c>,
    /// which SQLite cannot look up by key, so it keeps to the list's order.
    /// </summary>
    private static async Task<IQueryable<Announcement>> InAsync(SupervisionDbContext db, IQueryable<Announcement> q, IQueryable<long> ids, string match, CancellationToken ct)
    {
        var matches = await db.Database.SqlQuery<int>(
            $"""SELECT count(*) AS "Value" FROM (SELECT 1 FROM "AnnouncementSearch" WHERE "AnnouncementSearch" MATCH {match} LIMIT {Common + 1})""").SingleAsync(ct);
        return matches > Common ? q.Where(a => ids.Contains(a.Id + 0)) : q.Where(a => ids.Contains(a.Id));
    }

    /// <summary>An FTS5 phrase: the text as one string (quotes doubled), which the trigram tokenizer matches as a substring.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private static string LikePattern(string text) => "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
