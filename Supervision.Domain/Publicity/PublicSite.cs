using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Publicity;

/// <summary>
/// Exactly what the public may read of an announcement: the 双公示 fields, nothing internal. Of a withdrawn one only
/// what the withdrawal notice needs: the party, the 文号, the dates and the reason — its title says it was withdrawn and
/// the facts, penalty, legal basis, further text, credit code and representative are empty.
/// </summary>
public sealed record PublicAnnouncement(long Id, AnnouncementKind Kind, string ProvinceCode, string Authority, string Title, string PartyName, PartyType PartyType,
    string? CreditCode, string? LegalRepresentative, string? DocumentNumber, string Facts, string PenaltyTypes, string LegalBasis, string PenaltyContent,
    DateOnly? DecisionDate, string? Body, DateOnly PublishedOn, DateOnly PublicUntil, AnnouncementStatus Status, DateOnly? WithdrawnOn, string? WithdrawReason,
    bool HasPdf, string? CategoryName = null);

/// <summary>An issued 公告 as the public site may serve it: the stored PDF and the data it was rendered from.</summary>
public sealed record PublicPdf(string Title, byte[] Pdf);

public sealed record PublicQuery(AnnouncementKind? Kind = null, string? Province = null, string? Party = null, string? Number = null,
    DateOnly? From = null, DateOnly? To = null, string? PenaltyType = null, int Page = 0, int PageSize = 20)
{
    public int Take => Math.Clamp(PageSize, 1, 100);
    public int Skip => Math.Clamp(Page, 0, 10_000) * Take;
}

/// <summary>
/// The public site's reads, for anyone without signing in: published and withdrawn announcements within their
/// publication period, across provinces (filtered by province code when asked). The one place that reads
/// announcements past the access filter, and it projects to <see cref="PublicAnnouncement"/> only.
/// </summary>
public sealed class PublicSite(IDbContextFactory<SupervisionDbContext> factory, TimeProvider clock, Documents.IDocumentRenderer renderer)
{
    private IQueryable<Announcement> Visible(SupervisionDbContext db, DateOnly today) =>
        db.Announcements.IgnoreQueryFilters().AsNoTracking().Where(Announcement.PublicOn(today));

    public DateOnly Today => BeijingTime.Today(clock);

    /// <summary>
    /// Counting stops past this many matches (the total is then <c>MaxCounted + 1</c>, shown as “1,000 条以上”, 50 pages): with a
    /// million announcements in their period, counting every match of a list page took longer than finding its page.
    /// </summary>
    public const int MaxCounted = 1_000;

    public async Task<PagedResult<PublicAnnouncement>> SearchAsync(PublicQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = await FilterAsync(db, query, Today, ct);
        var total = await q.Take(MaxCounted + 1).CountAsync(ct);
        return new(await NewestAsync(db, q, query.Skip, query.Take, ct), total);
    }

    public async Task<PublicAnnouncement?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(db, Visible(db, Today).Where(a => a.Id == id)).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The issued 公告 of a published (not withdrawn: its facts are no longer public) announcement in its period, or null.
    /// Issued documents are never changed, so a 公告 issued before the current <see cref="PublicText"/> rules may hold what
    /// they now remove: then the public gets a copy rendered from the issued data cleaned by today's rules (same number,
    /// seal and layout); the issued file stays as it was for the record.
    /// </summary>
    public async Task<PublicPdf?> PdfAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var owner = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var doc = await Visible(db, Today).Where(a => a.Id == id && a.Status == AnnouncementStatus.Published)
            .SelectMany(a => db.IssuedDocuments.IgnoreQueryFilters()
                .Where(d => d.OwnerType == Announcement.OwnerType && d.OwnerId == owner && d.Kind == Documents.DocumentKind.PublicAnnouncement),
                (a, d) => new { a.Title, d.FileId, d.DataJson })
            .FirstOrDefaultAsync(ct);
        if (doc is null) return null;
        var data = Documents.DocumentData.FromJson<AnnouncementData>(doc.DataJson);
        var clean = data.Cleaned();
        if (clean == data)
            return new(doc.Title, await db.FileContents.AsNoTracking().Where(c => c.FileId == doc.FileId).Select(c => c.Bytes).SingleAsync(ct));
        var seal = clean.SealFileId is { } sealId
            ? await db.FileContents.AsNoTracking().Where(c => c.FileId == sealId).Select(c => c.Bytes).FirstOrDefaultAsync(ct)
            : null;
        var fonts = await Organizations.OrganizationService.FontsByIdAsync(db, clean.FontFileIds, ct);
        return new(doc.Title, renderer.Render(clean, seal, faces: fonts.Count > 0 ? fonts : null));
    }

    /// <summary>
    /// A validator for caches and conditional requests: changes whenever anything is published, withdrawn or ended after credit repair, each day
    /// (periods end at midnight, Beijing time) and with the <see cref="PublicText"/> rules (the texts were cleaned again
    /// at start-up: a feed reader holding a copy from before must not be told it is still current).
    /// </summary>
    public async Task<string> VersionAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var all = db.Announcements.IgnoreQueryFilters().Where(a => a.Status != AnnouncementStatus.Draft);
        var stats = await all.GroupBy(_ => 1).Select(g => new
            {
                Count = g.Count(), Ids = g.Sum(a => a.Id), Withdrawn = g.Count(a => a.Status == AnnouncementStatus.Withdrawn),
                Ended = g.Count(a => a.Status == AnnouncementStatus.Repaired),
            })
            .FirstOrDefaultAsync(ct);
        return $"{Today:yyyyMMdd}-{stats?.Count ?? 0}-{stats?.Ids ?? 0}-{stats?.Withdrawn ?? 0}-{stats?.Ended ?? 0}-r{PublicText.Version}";
    }

    /// <summary>The provinces that have something public, for the site's province filter.</summary>
    public async Task<IReadOnlyList<(string Code, string Authority)>> AuthoritiesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = Visible(db, Today);
        var rows = await db.Provinces.AsNoTracking().Where(p => visible.Any(a => a.ProvinceId == p.Id)).OrderBy(p => p.SortOrder)
            .Select(p => new { p.Code, p.AuthorityName }).ToListAsync(ct);
        return rows.Select(p => (p.Code, p.AuthorityName)).ToList();
    }

    public async Task<string?> AuthorityAsync(string? provinceCode, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(provinceCode)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Provinces.AsNoTracking().Where(p => p.Code == provinceCode).Select(p => p.AuthorityName).FirstOrDefaultAsync(ct);
    }

    private async Task<IQueryable<Announcement>> FilterAsync(SupervisionDbContext db, PublicQuery query, DateOnly today, CancellationToken ct)
    {
        var q = Visible(db, today);
        if (query.Kind is { } kind) q = q.Where(a => a.Kind == kind);
        if (!string.IsNullOrWhiteSpace(query.Province))
        {
            var code = query.Province.Trim();
            q = q.Where(a => db.Provinces.Any(p => p.Id == a.ProvinceId && p.Code == code));
        }
        // A withdrawn announcement shows neither credit code nor penalty, so neither finds it.
        if (!string.IsNullOrWhiteSpace(query.Party))
        {
            var party = query.Party.Trim();
            q = (await PublicSearchIndex.PartyAsync(db, q, party, ct)).Where(a => a.Status != AnnouncementStatus.Withdrawn || a.PartyName.Contains(party));
        }
        if (!string.IsNullOrWhiteSpace(query.Number)) q = await PublicSearchIndex.NumberAsync(db, q, query.Number.Trim(), ct);
        if (query.From is { } from) q = q.Where(a => a.DecisionDate >= from);
        if (query.To is { } to) q = q.Where(a => a.DecisionDate <= to);
        if (!string.IsNullOrWhiteSpace(query.PenaltyType))
            q = q.Where(a => a.Status != AnnouncementStatus.Withdrawn && a.PenaltyTypes.Contains(query.PenaltyType.Trim()));
        return q;
    }

    /// <summary>Prefix of a withdrawn announcement's public title (the party's name follows).</summary>
    public const string WithdrawnTitle = "撤回公示：";

    /// <summary>
    /// The public fields; of a withdrawn announcement only the notice's (decided in the query: the withdrawn texts are
    /// never read from the database, so no page, feed or export can show them).
    /// </summary>
    /// <summary>A published announcement as the public site shows it (the preview before publishing; the site reads through <see cref="Project"/>).</summary>
    public static PublicAnnouncement AsPublished(Announcement a, string provinceCode) =>
        a.Status == AnnouncementStatus.Published
            ? new(a.Id, a.Kind, provinceCode, a.Authority, a.Title, a.PartyName, a.PartyType, a.CreditCode, a.LegalRepresentative, a.DocumentNumber,
                a.Facts, a.PenaltyTypes, a.LegalBasis, a.PenaltyContent, a.DecisionDate, a.Body, a.PublishedOn!.Value, a.PublicUntil!.Value, a.Status, null, null, true)
            : throw new InvalidOperationException("Only a published announcement has a public page.");

    private static IQueryable<PublicAnnouncement> Project(SupervisionDbContext db, IQueryable<Announcement> q) =>
        q.Select(a => new PublicAnnouncement(a.Id, a.Kind, db.Provinces.Where(p => p.Id == a.ProvinceId).Select(p => p.Code).First(), a.Authority,
            a.Status == AnnouncementStatus.Withdrawn ? WithdrawnTitle + a.PartyName : a.Title, a.PartyName, a.PartyType,
            a.Status == AnnouncementStatus.Withdrawn ? null : a.CreditCode,
            a.Status == AnnouncementStatus.Withdrawn ? null : a.LegalRepresentative,
            a.DocumentNumber,
            a.Status == AnnouncementStatus.Withdrawn ? "" : a.Facts,
            a.Status == AnnouncementStatus.Withdrawn ? "" : a.PenaltyTypes,
            a.Status == AnnouncementStatus.Withdrawn ? "" : a.LegalBasis,
            a.Status == AnnouncementStatus.Withdrawn ? "" : a.PenaltyContent,
            a.DecisionDate,
            a.Status == AnnouncementStatus.Withdrawn ? null : a.Body,
            a.PublishedOn!.Value, a.PublicUntil!.Value, a.Status, a.WithdrawnOn, a.WithdrawReason, a.Status == AnnouncementStatus.Published, // published through the issuer, always with its 公告
            a.CategoryName));

    /// <summary>Everything in the period matching the query, newest first, for the feeds and the export (capped).</summary>
    public async Task<IReadOnlyList<PublicAnnouncement>> FeedAsync(PublicQuery query, int max, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await NewestAsync(db, await FilterAsync(db, query, Today, ct), 0, max, ct);
    }

    /// <summary>
    /// A page of the newest first. The order and the page are found on the ids alone, then only those rows are read:
    /// sorting whole rows (long facts and bodies) of every match made a list page cost tens of milliseconds.
    /// </summary>
    private static async Task<List<PublicAnnouncement>> NewestAsync(SupervisionDbContext db, IQueryable<Announcement> q, int skip, int take, CancellationToken ct)
    {
        var ids = await q.OrderByDescending(a => a.PublishedOn).ThenByDescending(a => a.Id).Skip(skip).Take(take).Select(a => a.Id).ToListAsync(ct);
        var rows = await Project(db, db.Announcements.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.Id))).ToListAsync(ct);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return [.. rows.OrderBy(r => order[r.Id])];
    }
}
