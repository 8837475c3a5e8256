using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Catalog;

/// <summary>
/// Legal bases, checklist items, holiday calendars and publication categories. Anyone signed in may read them; only a system
/// administrator may change them (the database context refuses anyone else), and every change is audited.
/// </summary>
public sealed class CatalogService(IDbContextFactory<SupervisionDbContext> factory, Access.AccessContext access, TimeProvider clock, DeadlineRecount recount)
{
    public async Task<IReadOnlyList<LegalBasis>> ListLegalBasesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.LegalBases.AsNoTracking().OrderBy(b => b.Code).ToListAsync(ct);
    }

    /// <summary>The grounds for not imposing a penalty, in the catalog's order.</summary>
    public async Task<IReadOnlyList<NoPenaltyGround>> ListNoPenaltyGroundsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.NoPenaltyGrounds.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(ct);
    }

    public async Task<LegalBasis> GetLegalBasisAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.LegalBases.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("法律依据");
    }

    /// <summary>Creates (Id 0) or updates a legal basis after checking it; returns its id.</summary>
    public async Task<int> SaveLegalBasisAsync(LegalBasis input, CancellationToken ct = default)
    {
        Throw(input.Validate());
        await using var db = await factory.CreateDbContextAsync(ct);
        var code = input.Code.Trim();
        if (await db.LegalBases.AnyAsync(b => b.Code == code && b.Id != input.Id, ct))
            throw new DomainException("catalog.duplicate_code", $"编码“{code}”已被其他法律依据使用。");
        var basis = input.Id == 0 ? db.LegalBases.Add(new LegalBasis()).Entity
            : await db.LegalBases.FirstOrDefaultAsync(b => b.Id == input.Id, ct) ?? throw new NotFoundException("法律依据");
        var before = basis.Substance;
        basis.Code = code;
        basis.Statute = input.Statute.Trim();
        basis.DutyArticle = input.DutyArticle.Trim();
        basis.PenaltyArticle = input.PenaltyArticle.Trim();
        basis.Duty = input.Duty.Trim();
        basis.AllowedSanctions = input.AllowedSanctions.Distinct().Order().ToList();
        basis.MandatorySanctions = input.MandatorySanctions.Distinct().Order().ToList();
        basis.FineOnlyIfNotCorrected = input.FineOnlyIfNotCorrected;
        basis.Condition = input.Condition;
        basis.Rank = input.Rank;
        basis.FineMin = input.FineMin;
        basis.FineMax = input.FineMax;
        basis.EffectiveFrom = input.EffectiveFrom;
        basis.EffectiveTo = input.EffectiveTo;
        basis.Supersedes = string.IsNullOrWhiteSpace(input.Supersedes) ? null : input.Supersedes.Trim();
        if (basis.Supersedes is { } earlier && !await db.LegalBases.AnyAsync(b => b.Code == earlier && b.Id != input.Id, ct))
            throw new DomainException("catalog.unknown_version", $"所取代的旧版本“{earlier}”不在法律依据目录中。");
        basis.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        basis.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        // What an article says and allows, once changed, has to be checked against the published text again.
        if (basis.Substance != before) basis.MarkUnverified();
        await db.SaveChangesAsync(ct);
        return basis.Id;
    }

    /// <summary>An administrator confirms an entry against the published text: from now on decisions may rest on it.</summary>
    public async Task ConfirmLegalBasisAsync(int id, CancellationToken ct = default)
    {
        if (!access.Scope.IsAdministrator) throw new AccessDeniedException("只有系统管理员可以确认法律依据已核对。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var basis = await db.LegalBases.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("法律依据");
        var name = await db.Users.Where(u => u.UserName == access.Actor).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? access.Actor;
        basis.MarkVerified(name, BeijingTime.Today(clock));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The categories a penalty decision is published under (轻微、一般、严重), in catalog order.</summary>
    public async Task<IReadOnlyList<Publicity.PublicationCategory>> ListPublicationCategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PublicationCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
    }

    /// <summary>Changes a category's name, period bounds and source (administrators only: the context refuses anyone else); periods already published keep theirs.</summary>
    public async Task SavePublicationCategoryAsync(Publicity.PublicationCategory input, CancellationToken ct = default)
    {
        Throw(input.Validate());
        await using var db = await factory.CreateDbContextAsync(ct);
        var category = await db.PublicationCategories.FirstOrDefaultAsync(c => c.Id == input.Id, ct) ?? throw new NotFoundException("公示类别");
        (category.Name, category.MinMonths, category.MaxMonths) = (input.Name.Trim(), input.MinMonths, input.MaxMonths);
        category.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ChecklistItem>> ListChecklistAsync(bool activeOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ChecklistItems.AsNoTracking().Include(i => i.LegalBasis).AsQueryable();
        if (activeOnly) q = q.Where(i => i.IsActive);
        return await q.OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
    }

    public async Task<int> SaveChecklistItemAsync(ChecklistItem input, CancellationToken ct = default)
    {
        Throw(input.Validate());
        await using var db = await factory.CreateDbContextAsync(ct);
        var code = input.Code.Trim().ToUpperInvariant();
        if (await db.ChecklistItems.AnyAsync(i => i.Code == code && i.Id != input.Id, ct))
            throw new DomainException("catalog.duplicate_code", $"编码“{code}”已被其他检查项使用。");
        if (input.LegalBasisId is { } basisId && !await db.LegalBases.AnyAsync(b => b.Id == basisId, ct))
            throw new DomainException("catalog.unknown_basis", "所选法律依据不存在。");
        var item = input.Id == 0 ? db.ChecklistItems.Add(new ChecklistItem()).Entity
            : await db.ChecklistItems.FirstOrDefaultAsync(i => i.Id == input.Id, ct) ?? throw new NotFoundException("检查项");
        item.Code = code;
        item.Category = input.Category.Trim();
        item.Title = input.Title.Trim();
        item.Description = input.Description.Trim();
        item.Evidence = input.Evidence.Trim();
        item.LegalBasisId = input.LegalBasisId;
        item.SortOrder = input.Id == 0 && input.SortOrder == 0 ? (await db.ChecklistItems.MaxAsync(i => (int?)i.SortOrder, ct) ?? 0) + 10 : input.SortOrder;
        item.IsActive = input.IsActive;
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    public async Task<IReadOnlyList<HolidayYear>> ListHolidayYearsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.HolidayYears.AsNoTracking().Include(y => y.Days).OrderBy(y => y.Year).ToListAsync(ct);
    }

    public async Task SaveHolidayYearAsync(int year, string source, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100) throw new DomainException("calendar.year", "年份应在2000至2100之间。");
        if (string.IsNullOrWhiteSpace(source)) throw new DomainException("calendar.source", "请填写节假日安排的发布文件（来源）。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.HolidayYears.FirstOrDefaultAsync(y => y.Year == year, ct);
        if (entity is null) db.HolidayYears.Add(new HolidayYear { Year = year, Source = source.Trim() });
        else entity.Source = source.Trim();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Enters a holiday or make-up workday of a year's arrangement. The open deadlines counted on the calendar as it was are counted
    /// again in the same transaction (<see cref="DeadlineRecount"/>); returns what changed or awaits review.
    /// </summary>
    public async Task<IReadOnlyList<RecountedDeadline>> AddCalendarDayAsync(DateOnly date, CalendarDayKind kind, string name, CancellationToken ct = default)
    {
        var day = new CalendarDay { Year = date.Year, Date = date, Kind = kind, Name = name.Trim() };
        Throw(day.Validate());
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.HolidayYears.AnyAsync(y => y.Year == date.Year, ct))
            throw new DomainException("calendar.no_year", $"请先登记{date.Year}年的节假日安排来源。");
        if (await db.CalendarDays.AnyAsync(d => d.Date == date, ct))
            throw new DomainException("calendar.duplicate", $"{ChineseDate.Format(date)}已登记，请先删除原记录。");
        return await ChangeCalendarAsync(db, () => db.CalendarDays.Add(day), ct);
    }

    public async Task<IReadOnlyList<RecountedDeadline>> RemoveCalendarDayAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("日历记录");
        return await ChangeCalendarAsync(db, () => db.CalendarDays.Remove(day), ct);
    }

    private async Task<IReadOnlyList<RecountedDeadline>> ChangeCalendarAsync(SupervisionDbContext db, Action change, CancellationToken ct)
    {
        var before = await CalendarOfAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        change();
        await db.SaveChangesAsync(ct);
        var recounted = await recount.RecountAsync(db, before, await CalendarOfAsync(db, ct), access.Actor, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return recounted;
    }

    private static async Task<WorkingDayCalendar> CalendarOfAsync(SupervisionDbContext db, CancellationToken ct) =>
        new(await db.CalendarDays.AsNoTracking().ToListAsync(ct), await db.HolidayYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct));

    /// <summary>The working-day calendar every deadline rule uses.</summary>
    public async Task<WorkingDayCalendar> GetCalendarAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        var years = await db.HolidayYears.Select(y => y.Year).ToListAsync(ct);
        return new WorkingDayCalendar(days, years);
    }

    private static void Throw(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0) throw new DomainException("catalog.invalid", string.Join(" ", errors));
    }
}
