using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Publicity;

/// <summary>Exactly what the public may read of an announcement: the 双公示 fields, nothing internal.</summary>
public sealed record PublicAnnouncement(long Id, AnnouncementKind Kind, string ProvinceCode, string Authority, string Title, string PartyName, PartyType PartyType,
    string? CreditCode, string? LegalRepresentative, string? DocumentNumber, string Facts, string PenaltyTypes, string LegalBasis, string PenaltyContent,
    DateOnly? DecisionDate, string? Body, DateOnly PublishedOn, DateOnly PublicUntil, AnnouncementStatus Status, DateOnly? WithdrawnOn, string? WithdrawReason,
    bool HasPdf);

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
public sealed class PublicSite(IDbContextFactory<SupervisionDbContext> factory, TimeProvider clock)
{
    private IQueryable<Announcement> Visible(SupervisionDbContext db, DateOnly today) =>
        db.Announcements.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Status != AnnouncementStatus.Draft && a.PublishedOn <= today && a.PublicUntil >= today);

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

    /// <summary>The 公告 PDF of a published (not withdrawn) announcement in its period, or null.</summary>
    public async Task<(string Title, byte[] Pdf)?> PdfAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var owner = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var doc = await Visible(db, Today).Where(a => a.Id == id && a.Status == AnnouncementStatus.Published)
            .SelectMany(a => db.IssuedDocuments.IgnoreQueryFilters()
                .Where(d => d.OwnerType == Announcement.OwnerType && d.OwnerId == owner && d.Kind == Documents.DocumentKind.PublicAnnouncement), (a, d) => new { a.Title, d.FileId })
            .FirstOrDefaultAsync(ct);
        if (doc is null) return null;
        var bytes = await db.FileContents.AsNoTracking().Where(c => c.FileId == doc.FileId).Select(c => c.Bytes).SingleAsync(ct);
        return (doc.Title, bytes);
    }

    /// <summary>
    /// A validator for caches and conditional requests: changes whenever anything is published or withdrawn, and each
    /// day (periods end at midnight, Beijing time).
    /// </summary>
    public async Task<string> VersionAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var all = db.Announcements.IgnoreQueryFilters().Where(a => a.Status != AnnouncementStatus.Draft);
        var stats = await all.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Ids = g.Sum(a => a.Id), Withdrawn = g.Count(a => a.Status == AnnouncementStatus.Withdrawn) })
            .FirstOrDefaultAsync(ct);
        return $"{Today:yyyyMMdd}-{stats?.Count ?? 0}-{stats?.Ids ?? 0}-{stats?.Withdrawn ?? 0}";
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
        if (!string.IsNullOrWhiteSpace(query.Party)) q = await PublicSearchIndex.PartyAsync(db, q, query.Party.Trim(), ct);
        if (!string.IsNullOrWhiteSpace(query.Number)) q = await PublicSearchIndex.NumberAsync(db, q, query.Number.Trim(), ct);
        if (query.From is { } from) q = q.Where(a => a.DecisionDate >= from);
        if (query.To is { } to) q = q.Where(a => a.DecisionDate <= to);
        if (!string.IsNullOrWhiteSpace(query.PenaltyType)) q = q.Where(a => a.PenaltyTypes.Contains(query.PenaltyType.Trim()));
        return q;
    }

    private static IQueryable<PublicAnnouncement> Project(SupervisionDbContext db, IQueryable<Announcement> q) =>
        q.Select(a => new PublicAnnouncement(a.Id, a.Kind, db.Provinces.Where(p => p.Id == a.ProvinceId).Select(p => p.Code).First(), a.Authority, a.Title, a.PartyName,
            a.PartyType, a.CreditCode, a.LegalRepresentative, a.DocumentNumber, a.Facts, a.PenaltyTypes, a.LegalBasis, a.PenaltyContent, a.DecisionDate, a.Body,
            a.PublishedOn!.Value, a.PublicUntil!.Value, a.Status, a.WithdrawnOn, a.WithdrawReason, a.Status == AnnouncementStatus.Published)); // published through the issuer, always with its 公告

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
