using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Access;

namespace Supervision.Tests.Web.Access;

/// <summary>
/// A link with a bad filter (?branch=abc, a number too large, an id that names nothing the user may see) answers the page
/// with a Chinese notice that the filter was left off, or the not-found page — never a server error — for every role that
/// may open the page.
/// </summary>
public class QueryStringTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly string[] Users = ["admin", "inspector.nx", "leader.nx", "ministry", "carrier.cmcc.nx"];

    public static readonly TheoryData<string> BadLinks = new()
    {
        "/org/branches?carrier=abc",
        "/org/branches?carrier=99999999999",
        "/org/branches?carrier=-3",
        "/org/branches?carrier=999999",
        "/submissions?branch=abc",
        "/submissions?branch=99999999999",
        "/submissions?branch=999999",
        "/submissions?branch=1%00",
        "/rankings?period=abc",
        "/rankings?trend=NO-SUCH",
        "/submissions?template=NO-SUCH",
        "/inspections?plan=x",
        "/inspections?plan=99999999999999999999",
        "/inspections?plan=999999",
        "/cases/new?finding=x",
        "/cases/new?finding=1.5",
        "/cases/new?finding=999999",
        "/rankings?province=zz&period=abc&trend=x",
        "/rankings/mine?period=abc",
        "/rankings/ministry?period=2026-13",
    };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task A_bad_filter_in_a_link_answers_a_notice_or_not_found_for_every_role_that_may_open_the_page(string url)
    {
        var page = portal.Factory.Services.GetRequiredService<RouteCatalog>().Find(url) ?? throw new Xunit.Sdk.XunitException($"{url}: no such page");
        await using var db = portal.Db();
        var opened = 0;
        foreach (var user in Users)
        {
            var role = db.Users.Single(u => u.UserName == user).Role;
            if (!page.Allows(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role.ToString())], "test")))) continue;
            opened++;
            var response = await (await portal.AsAsync(user)).GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{user} {url}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.OK)
                Assert.True(body.Contains("id=\"query-notice\"", StringComparison.Ordinal), $"{user} {url}: the page says nothing about the filter it left off");
        }
        Assert.True(opened > 0, url);
    }

    [Fact]
    public async Task A_bad_month_on_a_branchs_ranking_page_and_a_bad_id_in_a_path_are_no_server_errors()
    {
        await using var db = portal.Db();
        var branch = db.Branches.Single(b => b.Code == "CMCC-64").Id;
        foreach (var user in new[] { "admin", "inspector.nx", "leader.nx", "ministry" })
        {
            var page = await (await portal.AsAsync(user)).GetAsync($"/rankings/branches/{branch}?period=abc");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("id=\"query-notice\"", await page.Content.ReadAsStringAsync());
        }
        var carrier = await portal.AsAsync("carrier.cmcc.nx");
        foreach (var url in new[] { "/submissions/abc", "/submissions/99999999999999999999", "/rectification/x", "/cases/1e3", "/org/branches/99999999999" })
            Assert.Equal(HttpStatusCode.NotFound, (await carrier.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_good_filter_in_a_link_filters_without_a_notice()
    {
        await using var db = portal.Db();
        var carrier = db.Carriers.Single(c => c.Code == "CMCC").Id;
        var branch = db.Branches.Single(b => b.Code == "CMCC-64").Id;
        var inspector = await portal.AsAsync("inspector.nx");
        foreach (var url in new[] { $"/org/branches?carrier={carrier}", $"/submissions?branch={branch}" })
        {
            var body = await inspector.GetStringAsync(url);
            Assert.DoesNotContain("id=\"query-notice\"", body);
        }
        Assert.Contains("宁夏移动", await inspector.GetStringAsync($"/submissions?branch={branch}"));
    }

    /// <summary>
    /// Every page that takes a period in its link treats one it cannot show — not yet ended (2027-05), no month (2026-13), no
    /// period at all (abc) — the same way: the default period and one Chinese notice, 所选期间……，已显示…….
    /// </summary>
    [Fact]
    public async Task A_period_a_page_cannot_show_is_named_and_the_default_period_shown_on_every_page_that_takes_one()
    {
        await using var db = portal.Db();
        var branch = db.Branches.Single(b => b.Code == "CMCC-64").Id;
        var pages = new (string User, string Url)[]
        {
            ("ministry", "/rankings/ministry?period={0}"),
            ("leader.nx", "/rankings?period={0}"),
            ("inspector.nx", $"/rankings/branches/{branch}?period={{0}}"),
            ("carrier.cmcc.nx", "/rankings/mine?period={0}"),
            ("inspector.nx", "/submissions/overview?period={0}"),
            ("inspector.nx", "/submissions/outliers?period={0}"),
            ("inspector.nx", "/submissions?period={0}"),
            ("carrier.cmcc.nx", "/submissions?period={0}"),
        };
        var future = Supervision.Domain.Common.BeijingTime.Today(portal.Clock).AddMonths(5);
        var bad = new[] { ($"{future.Year}-{future.Month:00}", $"所选期间{future.Year}年{future.Month}月尚未结束，已显示"), ("2026-13", "所选期间“2026-13”不是有效的"), ("abc", "所选期间“abc”不是有效的") };
        foreach (var (user, url) in pages)
        {
            var client = await portal.AsAsync(user);
            foreach (var (period, said) in bad)
            {
                var link = string.Format(System.Globalization.CultureInfo.InvariantCulture, url, period);
                var response = await client.GetAsync(link);
                var body = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} {link}: {(int)response.StatusCode}");
                Assert.True(body.Contains("id=\"query-notice\"", StringComparison.Ordinal) && body.Contains(said, StringComparison.Ordinal), $"{user} {link}: no notice “{said}…”");
            }
        }
        // The trace of a figure takes its month in the path: one it cannot show traces the default month's figure (none in this
        // portal without history: not found), never a server error.
        var inspector = await portal.AsAsync("inspector.nx");
        foreach (var (period, _) in bad)
        {
            var response = await inspector.GetAsync($"/rankings/trace/{branch}/{period}/RN_RATE");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"trace {period}: {(int)response.StatusCode}");
        }
    }
}
