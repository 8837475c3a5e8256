using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Domain.Catalog;

/// <summary>Loads legal bases, checklist items, holiday calendars, no-penalty grounds, publication categories and message kinds from seed-data into empty tables.</summary>
internal static class CatalogSeed
{
    private sealed record LegalBasisRow(string Code, string Statute, string DutyArticle, string PenaltyArticle, string Duty,
        List<SanctionKind> AllowedSanctions, decimal? FineMin, decimal? FineMax, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string? Note,
        List<SanctionKind>? MandatorySanctions, bool FineOnlyIfNotCorrected, string? Source, bool Verified, string? VerifiedBy, DateOnly? VerifiedOn,
        LegalRank Rank, TierCondition? Condition, string? Supersedes = null);
    private sealed record ChecklistRow(string Code, string Category, string Title, string Description, string Evidence, string? LegalBasis, string? Guidance = null);
    private sealed record DayGroup(string Name, List<DateOnly> Dates);
    private sealed record YearRow(int Year, string Source, List<DayGroup> Holidays, List<DayGroup> Workdays);
    private sealed record GroundRow(string Code, string Text, string Article, bool Discretionary, bool ActEstablished, string? Source);
    private sealed record CategoryRow(string Code, string Name, int MinMonths, int MaxMonths, string? Source);
    private sealed record MessageKindRow(string Code, string Name, string KeyPrefixes, Notifications.DeliveryChannel DefaultChannel, string? SmsTemplate,
        Notifications.MessageAudience Audience);

    public static async Task SeedAsync(SupervisionDbContext db, string dir, CancellationToken ct)
    {
        if (!await db.LegalBases.AnyAsync(ct))
        {
            foreach (var r in SeedFiles.Read<LegalBasisRow>(dir, "legal-bases.json"))
            {
                var basis = new LegalBasis
                {
                    Code = r.Code, Statute = r.Statute, DutyArticle = r.DutyArticle, PenaltyArticle = r.PenaltyArticle, Duty = r.Duty,
                    AllowedSanctions = r.AllowedSanctions, FineMin = r.FineMin, FineMax = r.FineMax,
                    EffectiveFrom = r.EffectiveFrom, EffectiveTo = r.EffectiveTo, Note = r.Note,
                    MandatorySanctions = r.MandatorySanctions ?? [], FineOnlyIfNotCorrected = r.FineOnlyIfNotCorrected, Source = r.Source,
                    Rank = r.Rank, Condition = r.Condition ?? TierCondition.None, Supersedes = r.Supersedes,
                };
                // Checked against the published text when the seed was written (its source names the text); the rest waits for an administrator.
                if (r.Verified) basis.MarkVerified(r.VerifiedBy ?? "基础数据", r.VerifiedOn ?? r.EffectiveFrom);
                Reject("legal-bases.json", r.Code, basis.Validate());
                db.LegalBases.Add(basis);
            }
            await db.SaveChangesAsync(ct);
        }

        if (!await db.ChecklistItems.AnyAsync(ct))
        {
            var bases = await db.LegalBases.ToDictionaryAsync(b => b.Code, ct);
            var order = 0;
            foreach (var r in SeedFiles.Read<ChecklistRow>(dir, "checklist.json"))
            {
                if (r.LegalBasis is not null && !bases.ContainsKey(r.LegalBasis))
                    throw new DomainException("seed.reference", $"checklist.json 的 {r.Code} 引用了不存在的法律依据“{r.LegalBasis}”。");
                var item = new ChecklistItem
                {
                    Code = r.Code, Category = r.Category, Title = r.Title, Description = r.Description, Evidence = r.Evidence,
                    LegalBasis = r.LegalBasis is null ? null : bases[r.LegalBasis], Guidance = r.Guidance, SortOrder = ++order * 10,
                };
                Reject("checklist.json", r.Code, item.Validate());
                db.ChecklistItems.Add(item);
            }
            await db.SaveChangesAsync(ct);
        }

        if (!await db.HolidayYears.AnyAsync(ct))
        {
            foreach (var y in SeedFiles.Read<YearRow>(dir, "holidays.json"))
            {
                var year = new HolidayYear { Year = y.Year, Source = y.Source };
                foreach (var (groups, kind) in new[] { (y.Holidays, CalendarDayKind.Holiday), (y.Workdays, CalendarDayKind.Workday) })
                    foreach (var g in groups)
                        foreach (var date in g.Dates)
                        {
                            var day = new CalendarDay { Year = y.Year, Date = date, Kind = kind, Name = g.Name };
                            Reject("holidays.json", date.ToString("yyyy-MM-dd"), day.Validate());
                            year.Days.Add(day);
                        }
                db.HolidayYears.Add(year);
            }
            await db.SaveChangesAsync(ct);
        }

        if (!await db.NoPenaltyGrounds.AnyAsync(ct))
        {
            var order = 0;
            foreach (var r in SeedFiles.Read<GroundRow>(dir, "no-penalty-grounds.json"))
            {
                var ground = new NoPenaltyGround
                {
                    Code = r.Code, Text = r.Text, Article = r.Article, Discretionary = r.Discretionary, ActEstablished = r.ActEstablished, Source = r.Source,
                    SortOrder = ++order * 10,
                };
                Reject("no-penalty-grounds.json", r.Code, ground.Validate());
                db.NoPenaltyGrounds.Add(ground);
            }
            await db.SaveChangesAsync(ct);
        }

        if (!await db.PublicationCategories.AnyAsync(ct))
        {
            var order = 0;
            foreach (var r in SeedFiles.Read<CategoryRow>(dir, "publication-categories.json"))
            {
                var category = new Publicity.PublicationCategory
                {
                    Code = r.Code, Name = r.Name, MinMonths = r.MinMonths, MaxMonths = r.MaxMonths, Source = r.Source, SortOrder = ++order * 10,
                };
                Reject("publication-categories.json", r.Code, category.Validate());
                db.PublicationCategories.Add(category);
            }
            await db.SaveChangesAsync(ct);
        }

        if (!await db.MessageKinds.AnyAsync(ct))
        {
            SeedMessageKinds(db, dir);
            await db.SaveChangesAsync(ct);
        }
    }

    private static void SeedMessageKinds(SupervisionDbContext db, string dir)
    {
        var order = 0;
        foreach (var r in SeedFiles.Read<MessageKindRow>(dir, "message-kinds.json"))
            db.MessageKinds.Add(new Notifications.MessageKind
            {
                Code = r.Code, Name = r.Name, KeyPrefixes = r.KeyPrefixes, DefaultChannel = r.DefaultChannel, SmsTemplate = r.SmsTemplate, Audience = r.Audience, SortOrder = ++order * 10,
            });
    }

    private static void Reject(string file, string key, IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
            throw new DomainException("seed.invalid", $"{file} 中 {key} 有误：{string.Join(" ", errors)}");
    }
}
