using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Submissions;
using Supervision.Reports.Enforcement;
using Supervision.Reports.Inspections;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Access;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Web.Access;

/// <summary>
/// A party sees only what was issued to it: a carrier opening every page it can reach never gets an audit record, a value
/// replaced in draft, internal field names or internal notes, and reads each record's history as dated plain Chinese.
/// </summary>
public class PartyViewTests(Portal portal) : IClassFixture<Portal>
{
    private const string Carrier = "carrier.cmcc.nx";
    private const string DraftFacts = "草稿阶段的违法事实：下达前已被检查人员改写";
    private const string IssuedFacts = "合作营业厅存在人工录入身份信息后办理入网的情况，共12笔，下达稿。";
    private const string InternalNote = "内部备注：该企业负责人态度消极，建议从严";
    private const string ReturnReason = "表2第5行网点编码与登记不一致，请核对后重新报送";
    private const string ReviewConclusion = "内部调查结论：证据链完整，建议警告";

    private sealed record Records(long Order, string NoticeNumber, string OpinionNumber, long Submission, int Version, string Receipt, long Case, string PriorNoticeNumber);

    private Records? _records;

    /// <summary>
    /// An order whose facts were rewritten in draft, issued, extended, reported on and failed at re-inspection, with an
    /// inspector's internal note; a return filed and sent back with a note; a case whose prior notice was served. One day per step.
    /// </summary>
    private async Task<Records> RecordsAsync()
    {
        if (_records is { } done) return done;
        portal.Today(new DateOnly(2026, 11, 2)); // a Monday: five working days run to 9 November
        var order = await DraftOrderAsync(portal, "CMCC-64");
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
        {
            var orders = inspector.Get<CorrectiveOrderService>();
            var token = (await OrderAsync(portal, order)).ConcurrencyToken;
            token = await orders.SaveDraftAsync(order, token, DraftFacts, "立即整改。", DeadlineMode.WorkingDays, 5, null);
            await orders.SaveDraftAsync(order, token, IssuedFacts, "立即停止人工录入，全部网点使用二代证读卡器并联网核验。", DeadlineMode.WorkingDays, 5, null);
            await inspector.Get<InternalNoteService>().AddAsync(CorrectiveOrderService.OwnerType, order, InternalNote);
        }
        var notice = await IssueAsync(portal, order);
        portal.Today(new DateOnly(2026, 11, 3));
        using (var carrier = await portal.AsUserAsync(Carrier))
            await carrier.Get<CorrectiveOrderService>().RequestExtensionAsync(order, new DateOnly(2026, 11, 16), "读卡器采购到货需要两周");
        portal.Today(new DateOnly(2026, 11, 4));
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
            await inspector.Get<CorrectiveOrderService>().DecideExtensionAsync(order, (await OrderAsync(portal, order)).ConcurrencyToken, true, new DateOnly(2026, 11, 13), null);
        portal.Today(new DateOnly(2026, 11, 5));
        using (var carrier = await portal.AsUserAsync(Carrier))
            await carrier.Get<CorrectiveOrderService>().ReplyAsync(order, "已更换全部网点读卡器并完成联网核验。", [new UploadedFile("整改照片.png", Png)]);
        portal.Today(new DateOnly(2026, 11, 6));
        string opinion;
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
            opinion = (await inspector.Get<CorrectiveOrderService>().VerifyAsync(order, (await OrderAsync(portal, order)).ConcurrencyToken, false,
                "仍有两个网点未联网核验。", new DateOnly(2026, 11, 6), new DateOnly(2026, 11, 20))).Number!;

        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        long submission;
        // A month the demo data has no return of, so this one is version 1.
        var filedMonths = await db.Submissions.Where(s => s.BranchId == branch.Id && s.TemplateCode == "RN-MONTHLY").Select(s => s.Period).ToListAsync();
        var period = Enumerable.Range(1, 12).Select(m => $"2025-{m:00}").First(p => !filedMonths.Contains(p));
        using (var carrier = await portal.AsUserAsync(Carrier))
        {
            var stored = await carrier.Get<SubmissionService>().StoreAsync(new(branch.Id, "RN-MONTHLY", period, $"{period}.xlsx", "web", SubmitNow: false),
                Supervision.Tests.Domain.Submissions.ReturnBuilder.ValidRnMonthly(period), [1, 2, 3], null);
            submission = stored.Submission!.Id;
            await carrier.Get<SubmissionService>().SubmitAsync(submission, attested: true);
        }
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
        {
            var submissions = inspector.Get<SubmissionService>();
            await submissions.ReturnAsync(submission, (await submissions.GetAsync(submission)).Submission.ConcurrencyToken, ReturnReason);
        }
        var filed = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == submission);

        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToListAsync();
        long caseId;
        string priorNotice;
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
        {
            var cases = inspector.Get<EnforcementService>();
            var documents = inspector.Get<EnforcementService>();
            caseId = await LeaderApproval.FileAsync(portal.ScopeFor, documents, new(branch.Id, basis.Id, "未按规定查验证件", "暗访发现违规入网。", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 10), investigators,
                DifferentActConfirmed: true)); // each test files the records of its own
            var c = await cases.StartInvestigationAsync(caseId, (await cases.GetAsync(caseId)).ConcurrencyToken);
            c = await cases.AddEvidenceAsync(caseId, c.ConcurrencyToken, "暗访记录", new DateOnly(2026, 10, 12), null);
            c = await cases.SubmitForReviewAsync(caseId, c.ConcurrencyToken, ReviewConclusion);
            c = await cases.ProposeAsync(caseId, c.ConcurrencyToken, [Lawful.Correction(basis.Id), new(SanctionKind.Warning, basis.Id, null, "警告")]);
            priorNotice = (await documents.ServePriorNoticeAsync(caseId, c.ConcurrencyToken, new DateOnly(2026, 11, 6))).Number!;
        }
        return _records = new(order, notice.Number!, opinion, submission, filed.Version, filed.ReceiptNo!, caseId, priorNotice);
    }

    [Fact]
    public async Task Each_record_tells_its_party_the_issued_events_in_plain_chinese()
    {
        var r = await RecordsAsync();
        using var carrier = await portal.AsUserAsync(Carrier);
        var order = await carrier.Get<CorrectiveOrderService>().GetAsync(r.Order);
        Assert.Equal([
            $"2026年11月2日 下达整改通知（{r.NoticeNumber}），整改期限至2026年11月9日",
            "2026年11月2日 直接送达责令限期改正通知书",
            "2026年11月3日 申请将整改期限延至2026年11月16日",
            "2026年11月4日 延期申请获批，整改期限延至2026年11月13日",
            "2026年11月5日 提交整改报告",
            $"2026年11月6日 整改复查不合格（{r.OpinionNumber}），须再次整改并报告",
        ], order.Order.PartyTimeline(order.Documents).Select(e => e.ToString()));

        var submission = await carrier.Get<SubmissionService>().GetAsync(r.Submission);
        Assert.Equal([
            $"2026年11月6日 上传第{r.Version}版（网页）",
            $"2026年11月6日 报送第{r.Version}版，回执编号{r.Receipt}（逾期报送）", // a month of 2025 filed in November 2026
            $"2026年11月6日 第{r.Version}版被退回：{ReturnReason}",
        ], submission.PartyTimeline.Select(e => e.ToString()));

        var c = await carrier.Get<EnforcementService>().GetAsync(r.Case);
        var documents = await carrier.Get<Supervision.Domain.Documents.DocumentRegistry>().ForOwnerAsync(EnforcementService.OwnerType, r.Case.ToString());
        Assert.Equal([$"2026年11月6日 送达行政处罚事先告知书（{r.PriorNoticeNumber}），陈述申辩期限至2026年11月11日"],
            c.PartyTimeline(documents).Select(e => e.ToString()));
    }

    [Fact]
    public async Task A_carrier_opening_every_page_it_can_reach_never_sees_the_audit_trail_drafts_or_internal_notes()
    {
        var r = await RecordsAsync();
        await using var db = portal.Db();
        var samples = new Dictionary<string, long>
        {
            ["/rectification/{Id:long}"] = r.Order,
            ["/submissions/{Id:long}"] = r.Submission,
            ["/cases/{Id:long}"] = r.Case,
            ["/org/branches/{Id:int}"] = (await db.Branches.SingleAsync(b => b.Code == "CMCC-64")).Id,
            ["/catalog/legal-bases/{Id:int}"] = (await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06")).Id,
            ["/submissions/drafts/{Id:long}"] = await WebDraftAsync(),
        };
        var carrierUser = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, Carrier), new Claim(ClaimTypes.Role, Roles.CarrierUser)], "test"));
        // Every page a carrier may open but the public site's records (the same for everyone, and no carrier's).
        var routes = portal.Factory.Services.GetRequiredService<RouteCatalog>().Pages.Where(p => p.Allows(carrierUser) && !(p.Anonymous && p.Template.Contains('{')))
            .Select(p => p.Template).ToList();
        Assert.Contains("/rectification/{Id:long}", routes);
        var client = await portal.AsAsync(Carrier);
        var pages = new Dictionary<string, string>();
        // A figure's trace shows the carrier's own accepted return cells (TraceTests: its own only, 404 for another's).
        foreach (var template in routes.Where(t => !t.StartsWith("/rankings/trace/", StringComparison.Ordinal)))
        {
            var url = template.Contains('{')
                ? Regex.Replace(template, @"\{Id:\w+\}", (samples.TryGetValue(template, out var id) ? id : throw new Xunit.Sdk.XunitException($"{template}: a carrier may open it; add a sample record here")).ToString())
                : template;
            var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.Redirect) continue; // the sign-in page sends a signed-in user on
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            pages[url] = Regex.Replace(html, "<[^>]+>", ""); // the text a reader sees
            foreach (var secret in new[] { "变更历史", "audit-changes", DraftFacts, InternalNote, ReviewConclusion, "VisibleToParty", "ResponsibleUserId", "ConcurrencyToken", "\"Facts\"", "开始调查取证", "调查终结",
                         "同意立案", "负责人审批", "报请审批", "审批事项" }) // the leader's approvals and their opinions are internal
                Assert.False(html.Contains(secret, StringComparison.Ordinal), $"{url} shows the carrier “{secret}”");
        }
        Assert.True(pages.Count >= 12, string.Join(", ", pages.Keys));

        var order = pages[$"/rectification/{r.Order}"];
        Assert.Contains(IssuedFacts, order);
        Assert.Contains($"2026年11月2日　下达整改通知（{r.NoticeNumber}），整改期限至2026年11月9日", order);
        Assert.Contains("2026年11月4日　延期申请获批，整改期限延至2026年11月13日", order);
        // Served in person at issue: signing for it in the portal is said to change neither the date of service nor the deadline.
        Assert.Contains("本通知书已于2026年11月2日送达，整改期限自该日起计算；在平台签收只确认你单位已收到", order);
        var submission = pages[$"/submissions/{r.Submission}"];
        Assert.Contains($"第{r.Version}版被退回：{ReturnReason}", submission);
        Assert.DoesNotContain("inspector.nx", submission); // the reviewer is the administration, not a login name
        Assert.Contains($"送达行政处罚事先告知书（{r.PriorNoticeNumber}）", pages[$"/cases/{r.Case}"]);

        // The same pages for the staff still carry the full history: what the carrier misses is really there.
        var staff = await portal.AsAsync("inspector.nx");
        Assert.Contains("变更历史", await staff.GetStringAsync($"/inspections/orders/{r.Order}"));
        Assert.Contains("变更历史", await staff.GetStringAsync($"/submissions/{r.Submission}"));
        var staffCase = await staff.GetStringAsync($"/cases/{r.Case}");
        Assert.Contains("变更历史", staffCase);
        Assert.Contains("同意立案", staffCase); // the approval the carrier does not see is on the staff's page
    }

    /// <summary>The carrier's own web draft (在线填报) of a quarterly log return.</summary>
    private async Task<long> WebDraftAsync()
    {
        using var carrier = await portal.AsUserAsync(Carrier);
        var entries = carrier.Get<ReturnEntryService>();
        var entry = await entries.OpenAsync("LOG-QUARTERLY", "2026-Q2");
        return entry.Draft.Id ?? (await entries.SaveAsync("LOG-QUARTERLY", "2026-Q2", entry.Draft.Values, null)).Id!.Value;
    }

    [Fact]
    public async Task The_audit_service_refuses_a_records_history_to_a_carrier_and_gives_it_to_the_staff()
    {
        var r = await RecordsAsync();
        using var carrier = await portal.AsUserAsync(Carrier);
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrier.Get<AuditService>().HistoryAsync(CorrectiveOrderService.OwnerType, r.Order.ToString()));
        using var leader = await portal.AsUserAsync("leader.nx");
        var history = await leader.Get<AuditService>().HistoryAsync(CorrectiveOrderService.OwnerType, r.Order.ToString());
        Assert.Contains(history, e => e.Changes.Contains(DraftFacts, StringComparison.Ordinal));
    }
}
