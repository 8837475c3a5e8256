using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Demo;

/// <summary>
/// The demo treats 公告 as the law does: each demo decision against an organisation has its penalty announcement (双公示) in the
/// state its stage calls for — published once approved, or put to the 局领导 and waiting — and a case without a decision has none;
/// the public site shows only the published ones, with no personal data.
/// </summary>
public class DemoAnnouncementTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task Each_demo_decision_has_its_announcement_in_the_state_of_its_stage_and_the_public_site_shows_only_the_published()
    {
        await using var db = portal.Db();
        var cases = await db.EnforcementCases.IgnoreQueryFilters().AsNoTracking().Include(c => c.Sanctions).Where(c => c.ProvinceId == db.Provinces.Single(p => p.Code == "64").Id).ToListAsync();
        var announcements = await db.Announcements.IgnoreQueryFilters().AsNoTracking().Where(a => a.SourceType == PenaltyAnnouncement.SourceType).ToListAsync();
        var decided = cases.Where(c => c.DecidedOn is not null).ToList();
        Assert.True(decided.Count >= 2, $"the demo has {decided.Count} decided cases");

        using var inspector = await portal.AsUserAsync("inspector.nx");
        var publicity = inspector.Get<PublicityService>();
        var published = new List<long>();
        foreach (var c in cases)
        {
            var own = announcements.Where(a => a.SourceId == c.Id.ToString(CultureInfo.InvariantCulture)).ToList();
            if (c.DecidedOn is null)
            {
                Assert.True(own.Count == 0, $"{c.Title}: no decision, yet an announcement");
                continue;
            }
            var a = Assert.Single(own);
            Assert.True(c.Sanctions.Any(s => s.Kind == SanctionKind.PublicAnnouncement), $"{c.Title}: the demo decisions order 向社会公告");
            var approval = await publicity.PublicationApprovalAsync(a.Id);
            if (a.Status == AnnouncementStatus.Published)
            {
                Assert.False(approval.Pending, $"{c.Title}: published and still pending approval");
                published.Add(a.Id);
            }
            else
            {
                // Not yet published: within its publication period and put to the 局领导.
                Assert.Equal(AnnouncementStatus.Draft, a.Status);
                Assert.True(approval.Pending, $"{c.Title}: the announcement waits for nobody's approval");
                Assert.False(a.IsLateOn(Supervision.Domain.Common.BeijingTime.Today(portal.Clock)), $"{c.Title}: the announcement is past its publication period");
            }
        }
        Assert.Contains(cases, c => c.State == CaseState.Closed && announcements.Any(a => a.SourceId == c.Id.ToString(CultureInfo.InvariantCulture) && a.Status == AnnouncementStatus.Published));
        Assert.Contains(announcements, a => a.Status == AnnouncementStatus.Draft);

        var json = await portal.Anonymous().GetStringAsync("/public/feed.json");
        using var feed = JsonDocument.Parse(json);
        var onSite = feed.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToHashSet();
        foreach (var a in announcements.Where(a => a.ProvinceId == cases[0].ProvinceId))
            Assert.Equal(published.Contains(a.Id), onSite.Contains(a.Id.ToString(CultureInfo.InvariantCulture)));
        // No mobile number or ID-card number on the public site.
        Assert.DoesNotMatch(new Regex(@"(?<!\d)1[3-9]\d{9}(?!\d)"), json);
        Assert.DoesNotMatch(new Regex(@"(?<![0-9A-Z])\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Z])"), json);
    }
}
