using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
using Supervision.Domain.Organizations;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Organizations;

public class SeedDataTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task All_provinces_with_their_document_prefixes()
    {
        await using var db = portal.Db();
        var provinces = await db.Provinces.ToListAsync();
        Assert.Equal(31, provinces.Count);
        Assert.Equal("宁通管", provinces.Single(p => p.Code == "64").DocPrefix);
        Assert.Equal(provinces.Count, provinces.Select(p => p.DocPrefix).Distinct().Count());
        Assert.All(provinces, p => Assert.EndsWith("通信管理局", p.AuthorityName));
    }

    [Fact]
    public async Task Demo_provinces_have_their_cities_and_a_branch_per_carrier_and_city()
    {
        await using var db = portal.Db();
        Assert.Equal(5, await db.Cities.CountAsync(c => c.Province!.Code == "64"));
        Assert.Equal(21, await db.Cities.CountAsync(c => c.Province!.Code == "44"));
        foreach (var basic in await db.Carriers.Where(c => c.Kind == CarrierKind.Basic).ToListAsync())
        foreach (var province in new[] { "64", "44" })
        {
            var provincial = await db.Branches.SingleAsync(b => b.CarrierId == basic.Id && b.Province!.Code == province && b.Level == BranchLevel.Provincial);
            var cities = await db.Cities.CountAsync(c => c.Province!.Code == province);
            Assert.Equal(cities, await db.Branches.CountAsync(b => b.ParentBranchId == provincial.Id && b.CityId != null));
        }
        Assert.True(await db.Carriers.CountAsync(c => c.Kind == CarrierKind.Reseller) >= 5);
        Assert.All(await db.Branches.ToListAsync(), b => Assert.True(CreditCode.IsValid(b.CreditCode), b.Code));
    }

    [Fact]
    public async Task Catalogs_hold_the_order_25_range_and_the_full_checklist()
    {
        await using var db = portal.Db();
        var order25 = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        Assert.Equal((10_000m, 30_000m), (order25.FineMin!.Value, order25.FineMax!.Value));
        Assert.True(order25.Allows(SanctionKind.PublicAnnouncement));
        var codes = await db.ChecklistItems.Select(i => i.Code).ToListAsync();
        Assert.All(Enumerable.Range(1, 12), i => Assert.Contains($"SEC-{i:00}", codes));
        Assert.Contains(codes, c => c.StartsWith("RN-"));
        Assert.Equal([2024, 2025, 2026], await db.HolidayYears.OrderBy(y => y.Year).Select(y => y.Year).ToListAsync());
    }
}
