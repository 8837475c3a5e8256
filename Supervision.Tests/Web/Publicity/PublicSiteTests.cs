using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data.Seeding;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Notifications;
using Supervision.Domain.Publicity;
using Supervision.Reports.Enforcement;
using Supervision.Reports.Publicity;
using Supervision.Tests.Domain.Publicity;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Public;
using UglyToad.PdfPig;
using Supervision.Domain.Documents;

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

    /// <summary>
    /// A case against 宁夏移动 decided on 11 May 2026 with a fine and 向社会公告, served on 12 May; returns its id. Another
    /// case of the same class needs another act (<paramref name="actFrom"/>): one act is fined once.
    /// </summary>
    private Task<long> DecidedCaseAsync(string title, DateOnly? actFrom = null, string facts = Facts) =>
        DecidedCase.DecideAsync(portal, title, facts, actFrom ?? new DateOnly(2026, 3, 10), SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine, SanctionKind.PublicAnnouncement);

    private async Task<PublicationChoice> OrdinaryAsync()
    {
        await using var db = portal.Db();
        return new PublicationChoice((await db.PublicationCategories.SingleAsync(c => c.Code == "ordinary")).Id);
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
        var issued = await LeaderApproval.PublishAsync(portal.ScopeFor, As<PublicityService>(inspector), draft.Id, new DateOnly(2026, 5, 14), await OrdinaryAsync());
        Assert.Matches(@"^宁通管公〔2026〕\d+号$", issued.Number);
        var c = await As<EnforcementService>(inspector).GetAsync(caseId);
        Assert.Equal(SanctionStatus.Executed, c.Sanctions.Single(s => s.Kind == SanctionKind.PublicAnnouncement).Status);
        var published = await AnnouncementOfAsync(caseId);
        // 一般失信行为: twelve months counted from the decision (11 May 2026), not from the publication.
        Assert.Equal((AnnouncementStatus.Published, new DateOnly(2027, 5, 10), false), (published.Status, published.PublicUntil, published.PublishedLate));

        var byName = await anonymous.GetStringAsync("/public?kind=penalty&party=" + Uri.EscapeDataString("中国移动通信集团宁夏"));
        Assert.Contains(published.Title, byName);
        Assert.Contains(published.Title, await anonymous.GetStringAsync("/public?number=" + Uri.EscapeDataString(published.DocumentNumber!)));
        Assert.Contains(published.Title, await anonymous.GetStringAsync("/public?type=" + Uri.EscapeDataString("罚款") + "&from=2026-05-11&to=2026-05-11"));
        Assert.DoesNotContain(published.Title, await anonymous.GetStringAsync("/public?from=2026-05-12"));
        // The form shows and takes dates as people write them, whatever the browser's language: 2026年5月11日 (no native date input).
        var chinese = await anonymous.GetStringAsync("/public?from=" + Uri.EscapeDataString("2026年5月11日") + "&to=2026/5/11");
        Assert.Contains(published.Title, chinese);
        Assert.Contains("name=\"from\" value=\"2026年5月11日\"", chinese);
        Assert.DoesNotContain("type=\"date\"", chinese);
        Assert.DoesNotContain(published.Title, await anonymous.GetStringAsync("/public?kind=agent"));

        var detail = await anonymous.GetStringAsync($"/public/announcements/{published.Id}");
        foreach (var field in new[] { "中国移动通信集团宁夏有限公司", "统一社会信用代码", published.DocumentNumber!, "第十九条", "罚款人民币20,000.00元", "2026-05-11", "宁夏回族自治区通信管理局", "2027-05-10" })
            Assert.Contains(field, detail);
        Assert.Contains(PublicText.IdRedacted, detail);
        AssertNothingPrivate(detail, "html detail");
        Assert.DoesNotContain("<script>alert", detail);
        Assert.DoesNotContain("blazor.web.js", detail); // plain pages, nothing runs in the reader's browser

        var pdfResponse = await anonymous.GetAsync($"/public/announcements/{published.Id}/pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        var pdf = PdfText(await pdfResponse.Content.ReadAsByteArrayAsync());
        foreach (var field in new[] { "行政处罚决定书文号", "中国移动通信集团宁夏有限公司", "罚款人民币20,000.00元", "2026年5月11日", "2026年5月14日至2027年5月10日", "特此公告" })
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
    public async Task A_public_pdf_and_the_feeds_are_revalidated_on_every_use_so_no_cache_keeps_a_withdrawn_announcement()
    {
        var id = await ReportAndPublishAgentAsync("固原某某通讯店", PartyType.IndividualBusiness, "固原市原州区文化街2号");
        var anonymous = portal.Anonymous();
        var pdf = await anonymous.GetAsync($"/public/announcements/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        foreach (var response in new[] { pdf, await anonymous.GetAsync("/public/feed.json?probe=revalidate"), await anonymous.GetAsync("/public/export.csv?probe=revalidate") })
        {
            var cache = response.Headers.CacheControl!;
            Assert.True(cache is { NoCache: true, Public: true, MaxAge: null, SharedMaxAge: null }, $"{response.RequestMessage!.RequestUri}: Cache-Control {cache}");
        }
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/public/announcements/{id}/pdf");
        conditional.Headers.IfNoneMatch.Add(pdf.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);

        var publicity = As<PublicityService>(await InspectorAsync());
        var a = await publicity.GetAsync(id);
        a = await publicity.MarkSourceChangedAsync(id, a.ConcurrencyToken, a.PublishedOn!.Value, "经复核，该网点违规事实认定有误");
        await publicity.WithdrawAsync(id, a.ConcurrencyToken, "经复核，原通报事实认定有误，予以撤回");
        var after = new HttpRequestMessage(HttpMethod.Get, $"/public/announcements/{id}/pdf");
        after.Headers.IfNoneMatch.Add(pdf.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(after)).StatusCode); // what a proxy asking again is told
    }

    /// <summary>
    /// U+FFFF, U+FFFE and lone surrogates (which make <see cref="string.Normalize()"/> throw) through every public entry
    /// point: a draft saved by an officer, its publication, and the public search's query strings.
    /// </summary>
    [Fact]
    public async Task Noncharacters_and_lone_surrogates_crash_neither_saving_publishing_nor_the_public_search()
    {
        await AgentListSetup.SetAsync(portal.Factory);
        var inspector = await InspectorAsync();
        await using var db = portal.Db();
        var carrier = await db.Carriers.SingleAsync(c => c.Code == "CMCC");
        portal.Today(new DateOnly(2026, 6, 1));
        var publicity = As<PublicityService>(inspector);
        var id = await publicity.ReportAgentAsync(new("中卫某某\uFFFF通讯店", PartyType.IndividualBusiness, null, "王某", "中卫市沙坡头区\uD800鼓楼街1号", carrier.Id,
            "未核验证件为用户办理入网。", "已责令终止代理协议。", new DateOnly(2026, 6, 1)));
        var draft = await publicity.GetAsync(id);
        draft = await publicity.SaveDraftAsync(id, draft.ConcurrencyToken, new AnnouncementContent(
            "中卫某某\uFFFE通讯店违规\uDC00办理电话入网", "中卫某某\uFFFF通讯店", PartyType.IndividualBusiness, null, "王某\uD800", null,
            "未核验证件为用户（手机139\uFFFF1234\uD8005678）办理入网\uFFFE。", "通报", "《电话用户真实身份信息登记规定》第十一条", "已责令终止代理协议。\uDBFF",
            new DateOnly(2026, 6, 1), "经营地址：中卫市\uFFFF沙坡头区"));
        Assert.Equal(("中卫某某通讯店违规办理电话入网", "中卫某某通讯店", "未核验证件为用户（手机（电话号码已隐去））办理入网。"), (draft.Title, draft.PartyName, draft.Facts));
        await AgentListSetup.NotifiedAsync(publicity, id, new DateOnly(2026, 6, 1));
        await LeaderApproval.PublishAsync(portal.ScopeFor, publicity, id, new DateOnly(2026, 6, 1));

        var anonymous = portal.Anonymous();
        Assert.Contains("中卫某某通讯店", WebUtility.HtmlDecode(await anonymous.GetStringAsync("/public?party=%E4%B8%AD%E5%8D%AB%E6%9F%90%E6%9F%90")));
        foreach (var path in new[] { "/public", "/public/feed.json", "/public/feed.rss", "/public/export.csv" })
            foreach (var query in new[] { "party=%EF%BF%BF", "party=%E4%B8%AD%E5%8D%AB%EF%BF%BE%E6%9F%90", "number=%ED%A0%80%ED%A0%80%ED%A0%80", "party=%EF%BF%BD%EF%BF%BD%EF%BF%BD", "type=%EF%BF%BF", "province=%ED%BF%BF" })
            {
                var response = await anonymous.GetAsync($"{path}?{query}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path}?{query}: {(int)response.StatusCode}");
            }
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
        await Assert.ThrowsAsync<AccessDeniedException>(() => leader.ReportAgentAsync(new("某店", PartyType.IndividualBusiness, null, null, "某地", branch.CarrierId, "事实", "结果",
            new DateOnly(2026, 5, 1))));
        var client = await portal.AsAsync("carrier.cmcc.nx");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/publicity")).StatusCode);
    }

    [Fact]
    public async Task Numbers_typed_every_way_are_masked_in_every_field_on_the_page_feeds_export_and_pdf()
    {
        var masked = ((IEnumerable<object[]>)PersonalNumberCorpus.Masked).Select(r => (Typed: (string)r[0], Shown: PersonalNumberCorpus.Expected((string)r[1]))).ToList();
        var kept = ((IEnumerable<object[]>)PersonalNumberCorpus.Kept).Select(r => (string)r[0]).ToList();
        var typedFacts = string.Join("；", masked.Select(m => m.Typed));
        var inspector = await InspectorAsync();
        int carrierId;
        await using (var db = portal.Db())
            carrierId = (await db.Carriers.SingleAsync(c => c.Code == "CMCC")).Id;
        portal.Today(new DateOnly(2026, 6, 2));
        await AgentListSetup.SetAsync(portal.Factory);
        var publicity = As<PublicityService>(inspector);
        // Reported with numbers in every field, then reviewed (the draft save) with more, typed again.
        var id = await publicity.ReportAgentAsync(new("银川某某通讯店（店主电话0951—6012345）", PartyType.IndividualBusiness, "ID110101199003071234", "王某",
            "银川市兴庆区（联系电话(0951)6012345）", carrierId, typedFacts,
            string.Join("；", kept) + "；联系人１３８００１３８０００", new DateOnly(2026, 6, 1)));
        var draft = await publicity.GetAsync(id);
        var reviewed = await publicity.SaveDraftAsync(id, draft.ConcurrencyToken, new AnnouncementContent(draft.Title + "（举报电话138 0013 8000）", draft.PartyName,
            draft.PartyType, draft.CreditCode, draft.LegalRepresentative, "宁通管通〔2026〕7号（经办人１３８－００１３－８０００）", typedFacts, "通报（0951-6012345）",
            draft.LegalBasis, draft.PenaltyContent, draft.DecisionDate, draft.Body + "\n举报人：张某，身份证号110101 19900307 1234"));
        await AgentListSetup.NotifiedAsync(publicity, id, new DateOnly(2026, 6, 2));
        await LeaderApproval.PublishAsync(portal.ScopeFor, As<PublicityService>(inspector), id, new DateOnly(2026, 6, 2));
        await using (var db = portal.Db())
        {
            var stored = await db.Announcements.AsNoTracking().SingleAsync(a => a.Id == id);
            foreach (var property in typeof(Announcement).GetProperties().Where(p => p.PropertyType == typeof(string)))
                Assert.False(property.GetValue(stored) is string v && PublicText.HasPersonalNumbers(v), $"{property.Name} holds a personal number");
        }

        var anonymous = portal.Anonymous();
        var html = await anonymous.GetStringAsync($"/public/announcements/{id}");
        var json = await anonymous.GetStringAsync("/public/feed.json?kind=agent&probe=numbers");
        var item = JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id.ToString());
        var jsonText = string.Join("\n", item.GetProperty("_announcement").EnumerateObject().Select(f => f.Value.ToString()).Append(item.GetProperty("content_text").GetString()));
        var rss = await anonymous.GetStringAsync("/public/feed.rss?kind=agent&probe=numbers");
        var rssItem = XDocument.Parse(rss).Root!.Element("channel")!.Elements("item").Single(i => i.Element("link")!.Value.EndsWith($"/public/announcements/{id}"));
        var csv = await anonymous.GetStringAsync("/public/export.csv?kind=agent&probe=numbers");
        var pdf = PdfText(await anonymous.GetByteArrayAsync($"/public/announcements/{id}/pdf"));
        foreach (var (where, raw, text) in new[]
        {
            ("html", html, WebUtility.HtmlDecode(html)), ("json", json, jsonText), ("rss", rss, rssItem.Element("title")!.Value + rssItem.Element("description")!.Value),
            ("csv", csv, csv), ("pdf", pdf, pdf),
        })
        {
            AssertNothingPrivate(raw, where);
            Assert.False(PublicText.HasPersonalNumbers(text), $"{where} shows something like a personal number");
            string Squeezed(string t) => where == "pdf" ? t.Replace(" ", "") : t; // the PDF's text comes without spaces
            foreach (var (typed, shown) in masked)
                Assert.True(Squeezed(text).Contains(Squeezed(shown)), $"{where} lacks “{shown}” (typed “{typed}”)");
            foreach (var near in kept)
                Assert.True(Squeezed(text).Contains(Squeezed(near)), $"{where} lacks “{near}”, which is no personal number");
        }
    }

    /// <summary>Characters no text should hold (U+FFFF, U+FFFE, U+FDD0, a lone surrogate) once stopped the decision: its draft announcement is built then.</summary>
    [Fact]
    public async Task A_decision_whose_facts_hold_noncharacters_is_decided_and_its_draft_announcement_is_clean()
    {
        var caseId = await DecidedCaseAsync("未按规定登记入网用户真实身份信息", actFrom: new DateOnly(2026, 1, 5),
            facts: "暗访发现某合作营业厅\uFFFF为用户（手机138\uFFFE0013\uD8008000）办理入网\uFDD0，未核验证件。");
        var draft = await AnnouncementOfAsync(caseId);
        Assert.Equal("暗访发现某合作营业厅为用户（手机（电话号码已隐去））办理入网，未核验证件。", draft.Facts);
        var c = await As<EnforcementService>(await InspectorAsync()).GetAsync(caseId);
        Assert.Equal(CaseState.Served, c.State);
    }

    [Fact]
    public async Task A_withdrawn_decision_keeps_only_the_withdrawal_notice_on_the_page_feeds_and_export()
    {
        var caseId = await DecidedCaseAsync("未按规定登记入网用户真实身份信息", actFrom: new DateOnly(2026, 2, 2));
        var inspector = await InspectorAsync();
        var draft = await AnnouncementOfAsync(caseId);
        portal.Today(new DateOnly(2026, 5, 14));
        await LeaderApproval.PublishAsync(portal.ScopeFor, As<PublicityService>(inspector), draft.Id, new DateOnly(2026, 5, 14), await OrdinaryAsync());
        var publicity = As<PublicityService>(inspector);
        var published = await publicity.GetAsync(draft.Id);
        var a = await publicity.MarkSourceChangedAsync(published.Id, published.ConcurrencyToken, new DateOnly(2026, 5, 14), "经行政复议，原处罚决定被撤销");
        await publicity.WithdrawAsync(a.Id, a.ConcurrencyToken, "经行政复议，原行政处罚决定被撤销，予以撤回");

        var anonymous = portal.Anonymous();
        var number = "number=" + Uri.EscapeDataString(published.DocumentNumber!);
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/public/announcements/{published.Id}"));
        var list = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/public?{number}"));
        var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/public/feed.json?{number}")).RootElement.GetProperty("items").EnumerateArray().Single();
        var jsonText = json.ToString();
        var rss = XDocument.Parse(await anonymous.GetStringAsync($"/public/feed.rss?{number}")).Root!.Element("channel")!.Elements("item").Single().ToString();
        var csv = await anonymous.GetStringAsync($"/public/export.csv?{number}");
        foreach (var (where, text) in new[] { ("html", html), ("list", list), ("json", jsonText), ("rss", WebUtility.HtmlDecode(rss)), ("csv", csv) })
        {
            foreach (var shown in new[] { published.DocumentNumber!, published.PartyName, "已撤回" }.Concat(where == "list" ? [] : ["经行政复议，原行政处罚决定被撤销，予以撤回"]))
                Assert.True(text.Contains(shown), $"{where} lacks “{shown}”");
            // Never the facts, the penalty, its basis, the credit code or the original title (it names the violation).
            foreach (var hidden in new[] { "暗访发现某合作营业厅", published.Facts, published.PenaltyContent, published.LegalBasis, published.CreditCode!, published.Title })
                Assert.False(text.Contains(hidden), $"{where} still shows “{hidden}”");
        }
        Assert.Contains(PublicSite.WithdrawnTitle + published.PartyName, html);
        // Nor can a search for its penalty type find it, and its 公告 PDF is no longer served.
        Assert.Contains("共 1 条", list);
        Assert.Contains("共 0 条", await anonymous.GetStringAsync($"/public?{number}&type=" + Uri.EscapeDataString("罚款")));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/announcements/{published.Id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Feed_links_never_echo_a_forged_host_and_use_the_configured_address()
    {
        var id = await ReportAndPublishAgentAsync("银川某某营业厅", PartyType.Organisation, "银川市金凤区某路3号");
        // Without PublicSite:BaseUrl the links are relative to the site root: nothing of the request is echoed.
        using var forged = portal.Factory.CreateClient(new() { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });
        var json = await forged.GetStringAsync("/public/feed.json?probe=host");
        var rss = await forged.GetStringAsync("/public/feed.rss?probe=host");
        Assert.DoesNotContain("evil.example", json + rss);
        var feed = JsonDocument.Parse(json).RootElement;
        Assert.Equal("/public/feed.json", feed.GetProperty("feed_url").GetString());
        var item = feed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id.ToString());
        Assert.Equal($"/public/announcements/{id}", item.GetProperty("url").GetString());
        Assert.Equal($"/public/announcements/{id}/pdf", item.GetProperty("attachments")[0].GetProperty("url").GetString());
        var link = XDocument.Parse(rss).Root!.Element("channel")!.Elements("item").Select(i => i.Element("link")!.Value).Single(l => l.EndsWith($"/{id}"));
        Assert.Equal($"/public/announcements/{id}", link);

        // With it, every link is made from the configured address, whatever Host the request names.
        await using var configured = new PortalFactory(await TemplateDatabase.CopyAsync())
        {
            ExtraServices = services => services.Configure<PublicSiteOptions>(o => o.BaseUrl = "https://gxt.nx.example.gov.cn/"),
        };
        configured.Clock.SetUtcNow(portal.Clock.GetUtcNow());
        await AgentListSetup.SetAsync(configured);
        using (var scope = configured.ScopeFor(await InspectorAsync(), "inspector.nx"))
        {
            await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>().CreateDbContext();
            var carrier = await db.Carriers.SingleAsync(c => c.Code == "CMCC");
            var publicity = scope.ServiceProvider.GetRequiredService<PublicityService>();
            var other = await publicity.ReportAgentAsync(new("银川某某专营店", PartyType.Organisation, null, "王某", "银川市某路4号", carrier.Id, "未核验证件办理入网。",
                "已责令整改。", BeijingTime.Today(configured.Clock)));
            await AgentListSetup.NotifiedAsync(publicity, other, BeijingTime.Today(configured.Clock));
            await scope.ServiceProvider.GetRequiredService<PublicityService>().PublishAsync(other, (await publicity.GetAsync(other)).ConcurrencyToken, BeijingTime.Today(configured.Clock));
        }
        using var viaForged = configured.CreateClient(new() { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });
        var configuredJson = await viaForged.GetStringAsync("/public/feed.json");
        var configuredRss = await viaForged.GetStringAsync("/public/feed.rss");
        Assert.DoesNotContain("evil.example", configuredJson + configuredRss);
        var configuredFeed = JsonDocument.Parse(configuredJson).RootElement;
        Assert.Equal("https://gxt.nx.example.gov.cn/public/feed.json", configuredFeed.GetProperty("feed_url").GetString());
        Assert.All(configuredFeed.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("https://gxt.nx.example.gov.cn/public/announcements/", i.GetProperty("url").GetString()));
        Assert.NotEmpty(configuredFeed.GetProperty("items").EnumerateArray());
        Assert.All(XDocument.Parse(configuredRss).Descendants("link"), l => Assert.StartsWith("https://gxt.nx.example.gov.cn/public", l.Value));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("https://gxt.nx.gov.cn", true)]
    [InlineData("http://example.gov.cn/portal/", true)]
    [InlineData("gxt.nx.gov.cn", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://gxt.nx.gov.cn", false)]
    [InlineData("https://gxt.nx.gov.cn/?x=1", false)]
    [InlineData("https://user:pw@gxt.nx.gov.cn", false)]
    public void The_configured_address_must_be_an_absolute_web_address(string? baseUrl, bool valid) =>
        Assert.Equal(valid, new PublicSiteOptions { BaseUrl = baseUrl }.IsValid());

    [Fact]
    public async Task Announcements_stored_with_older_rules_are_cleaned_again_at_start_up_and_the_public_pdf_is_clean()
    {
        const string typed = "为用户（身份证号１１０１０１１９９００３０７１２３４，手机138 0013 8000）办理入网";
        var published = await ReportAndPublishAgentAsync("银川某某手机店", PartyType.IndividualBusiness, "银川市西夏区某路2号");
        var inspector = await InspectorAsync();
        int carrierId;
        await using (var db = portal.Db())
            carrierId = (await db.Carriers.SingleAsync(c => c.Code == "CMCC")).Id;
        var draft = await As<PublicityService>(inspector).ReportAgentAsync(new("银川某某数码店", PartyType.IndividualBusiness, null, "赵某", "银川市某路5号", carrierId,
            "未核验证件办理入网。", "已责令整改。", new DateOnly(2026, 6, 1)));
        string issuedJson;
        // As the old rules left them: the text as typed, recorded as cleaned with version 1, and the 公告 issued from it.
        await using (var db = portal.Db())
        {
            foreach (var id in new[] { published, draft })
                await db.Announcements.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Facts, typed).SetProperty(a => a.PublicTextVersion, 1));
            var doc = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.OwnerType == Announcement.OwnerType && d.OwnerId == published.ToString());
            var data = DocumentData.FromJson<AnnouncementData>(doc.DataJson) with { Facts = typed };
            issuedJson = data.ToJson();
            await db.IssuedDocuments.Where(d => d.Id == doc.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DataJson, issuedJson));
            await db.FileContents.Where(c => c.FileId == doc.FileId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Bytes, AnnouncementPdf.Render(data)));
        }
        var anonymous = portal.Anonymous();
        // The issued 公告 is never changed, so the public gets a copy rendered from its data cleaned by today's rules.
        var pdf = PdfText(await anonymous.GetByteArrayAsync($"/public/announcements/{published}/pdf?probe=reclean"));
        AssertNothingPrivate(pdf, "pdf");
        Assert.Contains("为用户（身份证号（身份证号码已隐去），手机（电话号码已隐去））办理入网", pdf);
        Assert.Contains("特此公告", pdf);

        using (var scope = portal.ScopeFor(AccessScope.System, "system"))
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(SeedFiles.DefaultDirectory);

        await using (var db = portal.Db())
        {
            foreach (var id in new[] { published, draft })
            {
                var a = await db.Announcements.AsNoTracking().SingleAsync(x => x.Id == id);
                Assert.Equal(("为用户（身份证号（身份证号码已隐去），手机（电话号码已隐去））办理入网", PublicText.Version), (a.Facts, a.PublicTextVersion));
            }
            Assert.Equal(issuedJson, (await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.OwnerType == Announcement.OwnerType && d.OwnerId == published.ToString())).DataJson);
            Assert.Equal(0, await AnnouncementRecleaning.RunAsync(db)); // a second run finds nothing
        }
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/public/announcements/{published}?probe=reclean"));
        AssertNothingPrivate(page, "html");
        Assert.Contains("为用户（身份证号（身份证号码已隐去），手机（电话号码已隐去））办理入网", page);
    }

    private async Task<long> ReportAndPublishAgentAsync(string name, PartyType type, string address)
    {
        await AgentListSetup.SetAsync(portal.Factory);
        var inspector = await InspectorAsync();
        await using var db = portal.Db();
        var carrier = await db.Carriers.SingleAsync(c => c.Code == "CMCC");
        portal.Today(new DateOnly(2026, 6, 1));
        var publicity = As<PublicityService>(inspector);
        var id = await publicity.ReportAgentAsync(new(name, type, null, type == PartyType.Person ? null : "王某", address, carrier.Id,
            $"未核验证件为用户办理入网，用户手机号{Mobile}。", "已责令终止代理协议。", new DateOnly(2026, 6, 1)));
        await AgentListSetup.NotifiedAsync(publicity, id, new DateOnly(2026, 6, 1));
        await LeaderApproval.PublishAsync(portal.ScopeFor, As<PublicityService>(inspector), id, new DateOnly(2026, 6, 1));
        return id;
    }
}
