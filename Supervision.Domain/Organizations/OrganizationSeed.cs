using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Domain.Organizations;

/// <summary>Loads provinces, cities, carriers and branches from seed-data into empty tables.</summary>
internal static class OrganizationSeed
{
    private sealed record ProvinceRow(string Code, string Name, string ShortName, string AuthorityName, string DocPrefix, int SortOrder,
        string? PostalAddress = null, string? PostalCode = null, string? Phone = null);
    private sealed record CityRow(string Province, string Code, string Name);
    private sealed record CarrierRow(string Code, string Name, string ShortName, CarrierKind Kind, string NumberRanges, string? HostCarriers, string? CreditCode, int SortOrder);
    private sealed record BranchRow(string Code, string Carrier, string Province, string? City, string? Parent, BranchLevel Level,
        string Name, string ShortName, string? CreditCode, string? Address, string? LegalRepresentative = null);

    public static async Task SeedAsync(SupervisionDbContext db, string dir, CancellationToken ct)
    {
        if (!await db.Provinces.AnyAsync(ct))
        {
            db.Provinces.AddRange(SeedFiles.Read<ProvinceRow>(dir, "provinces.json").Select(r => new Province
            {
                Code = r.Code, Name = r.Name, ShortName = r.ShortName, AuthorityName = r.AuthorityName, DocPrefix = r.DocPrefix, SortOrder = r.SortOrder,
                PostalAddress = r.PostalAddress, PostalCode = r.PostalCode, Phone = r.Phone,
            }));
            await db.SaveChangesAsync(ct);
        }
        var provinces = await db.Provinces.ToDictionaryAsync(p => p.Code, ct);

        if (!await db.Cities.AnyAsync(ct))
        {
            db.Cities.AddRange(SeedFiles.Read<CityRow>(dir, "cities.json").Select(r => new City
            {
                ProvinceId = Lookup(provinces, r.Province, "cities.json").Id, Code = r.Code, Name = r.Name,
            }));
            await db.SaveChangesAsync(ct);
        }

        if (!await db.Carriers.AnyAsync(ct))
        {
            db.Carriers.AddRange(SeedFiles.Read<CarrierRow>(dir, "carriers.json").Select(r => new Carrier
            {
                Code = r.Code, Name = r.Name, ShortName = r.ShortName, Kind = r.Kind, NumberRanges = r.NumberRanges,
                HostCarriers = r.HostCarriers, CreditCode = r.CreditCode, SortOrder = r.SortOrder,
            }));
            await db.SaveChangesAsync(ct);
        }

        if (!await db.Branches.IgnoreQueryFilters().AnyAsync(ct))
        {
            var carriers = await db.Carriers.ToDictionaryAsync(c => c.Code, ct);
            var cities = await db.Cities.ToDictionaryAsync(c => c.Code, ct);
            var byCode = new Dictionary<string, Branch>();
            // Parents come before their children in the file; each row may name an earlier row as parent.
            foreach (var r in SeedFiles.Read<BranchRow>(dir, "branches.json"))
            {
                var branch = new Branch
                {
                    Code = r.Code, Name = r.Name, ShortName = r.ShortName, Level = r.Level, CreditCode = r.CreditCode, Address = r.Address,
                    LegalRepresentative = r.LegalRepresentative,
                    Carrier = Lookup(carriers, r.Carrier, "branches.json"),
                    ProvinceId = Lookup(provinces, r.Province, "branches.json").Id,
                    City = r.City is null ? null : Lookup(cities, r.City, "branches.json"),
                    ParentBranch = r.Parent is null ? null : Lookup(byCode, r.Parent, "branches.json"),
                };
                byCode[r.Code] = branch;
                db.Branches.Add(branch);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private static T Lookup<T>(Dictionary<string, T> map, string code, string file) =>
        map.TryGetValue(code, out var value) ? value : throw new DomainException("seed.reference", $"{file} 引用了不存在的编码“{code}”。");
}
