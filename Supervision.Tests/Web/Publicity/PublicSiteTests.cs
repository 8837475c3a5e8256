using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Notifications;
using Supervision.Domain.Publicity;
using Supervision.Reports.Enforcement;
using Supervision.Reports.Publicity;
using Supervision.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Supervision.Tests.Web.Publicity;

/// <summary>
/// The publication workflow from a decided case to the public site, what the public site, its feeds, export and PDFs
/// show (and never show), withdrawal and the end of the period.
/// </summary>
public class PublicSiteTests(Portal portal) : IClassFixture<Portal>
{
    private const string IdNumber = "640102199001011234";
    private const string Mobile = "13912345678";
    private const string Facts = "2026年3月10日，执法人员暗访发现某合作营业厅未核验证件为用户张某（身份证号" + IdNumber + "，联系电话" + Mobile + "）办理入网。<script>alert('x')</script>";

    private T As<T>(AccessScope scope, string actor = "inspector.nx") where T : notnull => portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<T>();

    private async Task<AccessScope> InspectorAsync()
    {
        await using var db = portal.Db();
        return AccessScope.ForProvince((await db.Provinces.SingleAsync(p => p.Code == "64")).Id, false, UserRole.Inspector);
    }

    /// <summary>A case against 宁夏移动 decided on 11 May 2026 with a fine and 向社会公告, served on 12 May; returns its id.</summary>
    private async Task<long> DecidedCaseAsync(string title)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToArrayAsync();
        var inspector = await InspectorAsync();
        var docs = As<CaseDocuments>(inspector);
        var cases = As<EnforcementService>(inspector);
        portal.Today(new DateOnly(2026, 4, 30));
        var id = await docs.FileAsync(new FileCaseInput(branch.Id, basis.Id, title, Facts, new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), investigators));
        var c = await cases.ApplyAsync(id, null, (x, ctx) => x.StartInvestigation(ctx.Actor, ctx.Now));
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访记录", new DateOnly(2026, 4, 22), null);
        c = await cases.ApplyAsync(id, c.ConcurrencyToken, (x, ctx) => x.SubmitForReview("事实清楚", ctx.Actor, ctx.Now));
        SanctionInput[] sanctions = [new(SanctionKind.Fine, basis.Id, 20_000m, "罚款"), new(SanctionKind.PublicAnnouncement, basis.Id, null, "向社会公告")];
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        await docs.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        portal.Today(new DateOnly(2026, 5, 12));
        c = await cases.GetAsync(id);
        await docs.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), sanctions);
        c = await cases.GetAsync(id);
        await docs.ServeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 12), "直接送达");
        return id;
    }

    private async Task<Announcement> AnnouncementOfAsync(long caseId)
    {
        await using var db = portal.Db();
        return await db.Announcements.AsNoTracking().SingleAsync(a => a.SourceType == PenaltyAnnouncement.SourceType && a.SourceId == caseId.ToString());
    }

    private static string PdfText(byte[] pdf)
    {
        using var d = PdfDocument.Open(pdf);
        return string.Concat(d.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    private static void AssertNothingPrivate(string text, string where)
    {
        Assert.False(text.Contains(IdNumber) || text.Contains(Mobile), $"{where} shows a personal number");
        Assert.False(PublicText.HasPersonalNumbers(text), $"{where} shows something like a personal number");
        Assert.False(text.Contains("<script", StringComparison.OrdinalIgnoreCase) && !where.StartsWith("html", StringComparison.Ordinal), $"{where} carries markup");
    }

    [Fact]
    public async Task A_decision_is_reviewed_published_and_readable_everywhere_without_anything_private()
    {
        var caseId = await DecidedCaseAsync("未按规定查验入网用户身份证件");
        var inspector = await InspectorAsync();
        var draft = await AnnouncementOfAsync(caseId);
        Assert.Equal((AnnouncementStatus.Draft, new DateOnly(2026, 5, 20)), (draft.Status, draft.DueBy));
        Assert.Matches(@"^宁通管罚〔2026〕\d+号$", draft.DocumentNumber);
        var anonymous = portal.Anonymous();
        Assert.DoesNotContain(draft.Title, await anonymous.GetStringAsync("/public")); // a draft is not public
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/announcements/{draft.Id}")).StatusCode);

        // The officer reviews the wording and publishes; the 向社会公告 of the served decision is carried out with it.
        var publicity = As<PublicityService>(inspector);
        var reviewed = await publicity.SaveDraftAsync(draft.Id, draft.ConcurrencyToken, new AnnouncementContent(draft.Title, draft.PartyName, draft.PartyType, draft.CreditCode,
            draft.LegalRepresentative, draft.DocumentNumber, draft.Facts + "（联系人电话0951-5012345）", draft.PenaltyTypes, draft.LegalBasis, draft.PenaltyContent, draft.DecisionDate));
        portal.Today(new DateOnly(2026, 5, 14));
        var issued = await As<AnnouncementIssuer>(inspector).PublishAsync(draft.Id, reviewed.ConcurrencyToken, new DateOnly(2026, 5, 14));
        Assert.Matches(@"^宁通管公〔2026〕\d+号$", issued.Number);
        var c = await As<EnforcementService>(inspector).GetAsync(caseId);
        Assert.Equal(SanctionStatus.Executed, c.Sanctions.Single(s => s.Kind == SanctionKind.PublicAnnouncement).Status);
        var published = await AnnouncementOfAsync(caseId);
        Assert.Equal((AnnouncementStatus.Published, new DateOnly(2027, 5, 13), false), (published.Status, published.PublicUntil, published.PublishedLate));

        var byName = await anonymous.GetStringAsync("/public?kind=penalty&party=" + Uri.EscapeDataString("中国移动通信集团宁夏"));
        Assert.Contains(published.Title, byName);
        Assert.Contains(published.Title, await anonymous.GetStringAsync("/public?number=" + Uri.EscapeDataString(published.DocumentNumber!)));
        Assert.Contains(published.Title, await anonymous.GetStringAsync("/public?type=" + Uri.EscapeDataString("罚款") + "&from=2026-05-11&to=2026-05-11"));
        Assert.DoesNotContain(published.Title, await anonymous.GetStringAsync("/public?from=2026-05-12"));
        Assert.DoesNotContain(published.Title, await anonymous.GetStringAsync("/public?kind=agent"));

        var detail = await anonymous.GetStringAsync($"/public/announcements/{published.Id}");
        foreach (var field in new[] { "中国移动通信集团宁夏有限公司", "统一社会信用代码", published.DocumentNumber!, "第十九条", "罚款人民币20,000.00元", "2026-05-11", "宁夏回族自治区通信管理局", "2027-05-13" })
            Assert.Contains(field, detail);
        Assert.Contains(PublicText.IdRedacted, detail);
        AssertNothingPrivate(detail, "html detail");
        Assert.DoesNotContain("<script>alert", detail);
        Assert.DoesNotContain("blazor.web.js", detail); // plain pages, nothing runs in the reader's browser

        var pdfResponse = await anonymous.GetAsync($"/public/announcements/{published.Id}/pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        var pdf = PdfText(await pdfResponse.Content.ReadAsByteArrayAsync());
        foreach (var field in new[] { "行政处罚决定书文号", "中国移动通信集团宁夏有限公司", "罚款人民币20,000.00元", "2026年5月11日", "2026年5月14日至2027年5月13日", "特此公告" })
            Assert.Contains(field, pdf);
        AssertNothingPrivate(pdf, "pdf");

        var json = await anonymous.GetStringAsync("/public/feed.json");
        AssertNothingPrivate(json, "json");
        using var feed = JsonDocument.Parse(json);
        var item = feed.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == published.Id.ToString());
        Assert.Equal(published.DocumentNumber, item.GetProperty("_announcement").GetProperty("documentNumber").GetString());
        Assert.Equal("2026-05-11", item.GetProperty("_announcement").GetProperty("decisionDate").GetString());

        var rss = await anonymous.GetStringAsync("/public/feed.rss");
        AssertNothingPrivate(rss, "rss");
        var channel = XDocument.Parse(rss).Root!.Element("channel")!;
        Assert.Contains(channel.Elements("item"), i => i.Element("title")!.Value == published.Title && i.Element("link")!.Value.EndsWith($"/public/announcements/{published.Id}"));

        var csvResponse = await anonymous.GetAsync("/public/export.csv");
        var csvBytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], csvBytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(csvBytes);
        Assert.StartsWith("\uFEFF编号,类别,标题,当事人名称", csv);
        Assert.Contains(published.DocumentNumber!, csv);
        AssertNothingPrivate(csv, "csv");
    }

    [Fact]
    public async Task Public_pages_set_no_cookie_and_a_second_reader_gets_the_cached_page()
    {
        foreach (var url in new[] { "/public?kind=penalty&probe=cookies", "/public/announcements/1?probe=cookies" })
        {
            var first = await portal.Anonymous().GetAsync(url);
            Assert.False(first.Headers.Contains("Set-Cookie"), $"{url} sets a cookie");
            if (first.StatusCode != HttpStatusCode.OK) continue; // an announcement id that does not exist is a 404, never cached
            Assert.DoesNotContain("no-store", first.Headers.CacheControl?.ToString() ?? "");
            var second = await portal.Anonymous().GetAsync(url); // another reader, without any cookie
            Assert.True(second.Headers.Age is not null, $"{url} is rendered again instead of served from the output cache");
        }
        // The sign-in page is a form that posts: it keeps its antiforgery cookie.
        Assert.True((await portal.Anonymous().GetAsync("/account/login")).Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Feeds_are_cacheable_and_answer_a_known_version_with_304_until_something_changes()
    {
        var anonymous = portal.Anonymous();
        var first = await anonymous.GetAsync("/public/feed.json");
        var etag = first.Headers.ETag!;
        Assert.Contains("public", first.Headers.CacheControl!.ToString());
        var again = new HttpRequestMessage(HttpMethod.Get, "/public/feed.json");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);

        await ReportAndPublishAgentAsync("李某某", PartyType.Person, "银川市金凤区某街道");
        var after = new HttpRequestMessage(HttpMethod.Get, "/public/feed.json");
        after.Headers.IfNoneMatch.Add(etag);
        var changed = await anonymous.SendAsync(after);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("李**", await changed.Content.ReadAsStringAsync()); // a person's name, masked
    }

    [Fact]
    public async Task A_bad_query_is_refused_with_codes_and_the_page_says_what_is_wrong()
    {
        var anonymous = portal.Anonymous();
        var response = await anonymous.GetAsync("/public/feed.json?from=2026-13-01&kind=secret&type=死刑&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var codes = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Equal(["public.query_kind", "public.query_type", "public.query_page", "public.query_date"], codes);
        var page = await anonymous.GetAsync("/public?to=2026-01-01&from=2026-02-01");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("结束日期不能早于开始日期", await page.Content.ReadAsStringAsync());
        var hostile = await anonymous.GetStringAsync("/public?party=" + Uri.EscapeDataString("\"><script>alert(1)</script>"));
        Assert.DoesNotContain("<script>alert(1)", hostile);
    }

    [Fact]
    public async Task A_revoked_decision_is_withdrawn_with_its_reason_and_the_period_end_takes_it_off_the_site_but_not_the_record()
    {
        var id = await ReportAndPublishAgentAsync("银川某某通讯店", PartyType.IndividualBusiness, "银川市兴庆区解放西街1号");
        var inspector = await InspectorAsync();
        var publicity = As<PublicityService>(inspector);
        var a = await publicity.GetAsync(id);
        var scanner = As<PublicationDeadlineScanner>(AccessScope.System, "system");

        a = await publicity.MarkSourceChangedAsync(id, a.ConcurrencyToken, a.PublishedOn!.Value, "经复核，该网点违规事实认定有误");
        var due = a.WithdrawalDueBy!.Value;
        portal.Today(due.AddDays(1));
        var first = await scanner.RunAsync(portal.Clock.GetUtcNow());
        var second = await scanner.RunAsync(portal.Clock.GetUtcNow());
        Assert.True(first.Alerts > 0);
        Assert.Equal(0, second.Alerts + second.Warnings); // idempotent
        await using (var db = portal.Db())
            Assert.Contains(await db.Notifications.AsNoTracking().Select(n => n.Title).ToListAsync(), t => t == "已逾期：撤回公示");

        a = await publicity.WithdrawAsync(id, a.ConcurrencyToken, "经复核，原通报事实认定有误，予以撤回");
        Assert.True(a.WithdrawnLate);
        var anonymous = portal.Anonymous();
        var page = await anonymous.GetStringAsync($"/public/announcements/{id}");
        Assert.Contains("撤回理由：经复核，原通报事实认定有误，予以撤回", page);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/announcements/{id}/pdf")).StatusCode);

        portal.Today(a.PublicUntil!.Value.AddDays(1));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/announcements/{id}")).StatusCode);
        Assert.DoesNotContain(a.Title, await anonymous.GetStringAsync("/public?kind=agent"));
        var row = (await publicity.ListAsync(new AnnouncementQuery(AnnouncementKind.ViolatingAgent), new PageRequest(0, 100))).Items.Single(r => r.Id == id);
        Assert.True(row.Expired);
    }

    [Fact]
    public async Task Carriers_cannot_manage_announcements_and_leaders_only_read()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var carrier = As<PublicityService>(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), "carrier.cmcc.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrier.ListAsync(new AnnouncementQuery(), new PageRequest(0, 10)));
        var leader = As<PublicityService>(AccessScope.ForProvince(branch.ProvinceId, true, UserRole.Leader), "leader.nx");
        await leader.ListAsync(new AnnouncementQuery(), new PageRequest(0, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => leader.ReportAgentAsync(new("某店", PartyType.IndividualBusiness, null, null, "某地", branch.CarrierId, "事实", "依据", "结果",
            new DateOnly(2026, 5, 1))));
        var client = await portal.AsAsync("carrier.cmcc.nx");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/publicity")).StatusCode);
    }

    private async Task<long> ReportAndPublishAgentAsync(string name, PartyType type, string address)
    {
        var inspector = await InspectorAsync();
        await using var db = portal.Db();
        var carrier = await db.Carriers.SingleAsync(c => c.Code == "CMCC");
        portal.Today(new DateOnly(2026, 6, 1));
        var publicity = As<PublicityService>(inspector);
        var id = await publicity.ReportAgentAsync(new(name, type, null, type == PartyType.Person ? null : "王某", address, carrier.Id,
            $"未核验证件为用户办理入网，用户手机号{Mobile}。", "《电话用户真实身份信息登记规定》第十一条", "已责令终止代理协议。", new DateOnly(2026, 6, 1)));
        var draft = await publicity.GetAsync(id);
        await As<AnnouncementIssuer>(inspector).PublishAsync(id, draft.ConcurrencyToken, new DateOnly(2026, 6, 1));
        return id;
    }
}
