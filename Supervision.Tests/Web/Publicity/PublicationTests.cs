using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Publicity;

/// <summary>
/// Publication as the credit-repair rules and 双公示 want it, end to end on a portal of its own (the 违规代理商 list starts
/// disabled here): every decision queued, not publishing with its reason, the period by category, its end and credit
/// repair on the page, feeds and export, and the agent list only with a legal basis.
/// </summary>
public class PublicationTests(Portal portal) : IClassFixture<Portal>
{
    private T As<T>(AccessScope scope, string actor = "inspector.nx") where T : notnull => portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<T>();

    private async Task<AccessScope> InspectorAsync()
    {
        await using var db = portal.Db();
        return AccessScope.ForProvince((await db.Provinces.SingleAsync(p => p.Code == "64")).Id, false, UserRole.Inspector);
    }

    /// <summary>A page as the inspector sees it, signed in now (the test clock moves months on, past any earlier session).</summary>
    private async Task<string> SignedInPageAsync(string url)
    {
        var client = portal.Anonymous();
        await Portal.SignInAsync(client, "inspector.nx", DemoAccounts.Password);
        return await client.GetStringAsync(url);
    }

    private async Task<PublicationChoice> CategoryAsync(string code, int? months = null)
    {
        await using var db = portal.Db();
        return new PublicationChoice((await db.PublicationCategories.SingleAsync(c => c.Code == code)).Id, months);
    }

    /// <summary>A case against 宁夏移动 decided on Monday 11 May 2026 with a warning and a fine — no 向社会公告 — served on 12 May.</summary>
    private async Task<Announcement> DecidedAsync(string title, DateOnly actFrom)
    {
        var id = await DecidedCase.DecideAsync(portal, title, "合作营业厅未核验证件为用户办理入网。", actFrom, SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine);
        await using var db = portal.Db();
        return await db.Announcements.AsNoTracking().SingleAsync(a => a.SourceType == PenaltyAnnouncement.SourceType && a.SourceId == id.ToString());
    }

    /// <summary>What the public sees of an announcement: on the list, its page, the JSON feed and the CSV export.</summary>
    private async Task<(bool List, bool Page, bool Feed, bool Csv)> ShownAsync(Announcement a, string probe)
    {
        var anonymous = portal.Anonymous();
        var list = await anonymous.GetStringAsync($"/public?probe={probe}");
        var page = await anonymous.GetAsync($"/public/announcements/{a.Id}?probe={probe}");
        var feed = await anonymous.GetStringAsync($"/public/feed.json?probe={probe}");
        var csv = await anonymous.GetStringAsync($"/public/export.csv?probe={probe}");
        return (list.Contains($"/public/announcements/{a.Id}\""), page.StatusCode == HttpStatusCode.OK, feed.Contains($"\"id\": \"{a.Id}\"") || feed.Contains($"\"id\":\"{a.Id}\""),
            csv.Contains(a.Title));
    }

    [Fact]
    public async Task Every_decision_against_an_organisation_is_queued_due_in_seven_working_days_overdue_alerts_and_a_recorded_reason_closes_it()
    {
        var draft = await DecidedAsync("未按规定查验入网用户身份证件（无公告）", new DateOnly(2026, 3, 10));
        // Decided Monday 11 May: 12, 13, 14, 15, 18, 19, 20 May.
        Assert.Equal((AnnouncementStatus.Draft, new DateOnly(2026, 5, 20), false, PartyType.Organisation),
            (draft.Status, draft.DueBy, draft.PublicationOrdered, draft.PartyType));
        var publicity = As<PublicityService>(await InspectorAsync());
        Assert.Contains((await publicity.ListAsync(new AnnouncementQuery(AttentionOnly: true), new PageRequest(0, 100))).Items, r => r.Id == draft.Id);

        portal.Today(new DateOnly(2026, 5, 21));
        var scanner = As<PublicationDeadlineScanner>(AccessScope.System, "system");
        Assert.True((await scanner.RunAsync(portal.Clock.GetUtcNow())).Alerts > 0);
        var row = (await publicity.ListAsync(new AnnouncementQuery(), new PageRequest(0, 100))).Items.Single(r => r.Id == draft.Id);
        Assert.True(row.Late);

        var refused = await Assert.ThrowsAsync<DomainException>(() => publicity.DeclineAsync(draft.Id, draft.ConcurrencyToken, "不公开"));
        Assert.Equal("announcement.reason_required", refused.Code);
        await publicity.DeclineAsync(draft.Id, draft.ConcurrencyToken, "涉及商业秘密，依《政府信息公开条例》第十五条不予公开");
        var closed = await publicity.GetAsync(draft.Id);
        Assert.Equal((AnnouncementStatus.NotPublished, "涉及商业秘密，依《政府信息公开条例》第十五条不予公开"), (closed.Status, closed.NotPublishedReason));
        Assert.DoesNotContain((await publicity.ListAsync(new AnnouncementQuery(AttentionOnly: true), new PageRequest(0, 100))).Items, r => r.Id == draft.Id);
        var page = await SignedInPageAsync($"/publicity/{draft.Id}");
        Assert.Contains("涉及商业秘密，依《政府信息公开条例》第十五条不予公开", page);
        Assert.Contains("不予公示", page);
    }

    [Fact]
    public async Task Publishing_a_decision_waits_for_the_leaders_approval_of_exactly_its_category_and_period()
    {
        var inspector = await InspectorAsync();
        var draft = await DecidedAsync("未按规定查验入网用户身份证件（报请审批发布）", new DateOnly(2026, 2, 4));
        portal.Today(new DateOnly(2026, 5, 14));
        var publicity = As<PublicityService>(inspector);
        var ordinary = await CategoryAsync("ordinary");
        var standing = await publicity.PublicationApprovalAsync(draft.Id);
        Assert.Equal((true, false), (standing.Required, standing.Pending));
        Assert.Contains("行政处罚法第四十八条", standing.Refusal);
        var actions = draft.ActionsFor(Acting.Officer, standing);
        Assert.False(actions.Single(a => a.Key == AnnouncementActions.Publish).Allowed);
        Assert.Contains(actions, a => a.Key == AnnouncementActions.RequestApproval && a.Primary);

        // Not without approval: nothing is published and no 公告 is numbered.
        var refused = await Assert.ThrowsAsync<DomainException>(() => publicity.PublishAsync(draft.Id, draft.ConcurrencyToken, new DateOnly(2026, 5, 14), ordinary));
        Assert.Equal("approval.required", refused.Code);
        Assert.Equal(AnnouncementStatus.Draft, (await publicity.GetAsync(draft.Id)).Status);
        await using (var db = portal.Db())
            Assert.False(await db.IssuedDocuments.AnyAsync(d => d.OwnerType == Announcement.OwnerType && d.OwnerId == draft.Id.ToString()));

        // Asked with the ordinary category for six months: the leader's inbox links to the announcement and states the terms.
        var asked = await publicity.RequestPublicationApprovalAsync(draft.Id, ordinary with { Months = 6 }, "建议按一般失信行为公示六个月。");
        Assert.Equal($"/publicity/{draft.Id}", asked.Link);
        Assert.Equal($"发布行政处罚决定公示：{draft.Title}（{draft.DocumentNumber}）" + "；公示类别：一般失信行为；公示期6个月，自2026年5月11日至2026年11月10日", asked.Content);
        var leader = await LeaderApproval.LeaderAsync(portal.ScopeFor, asked.CaseId);
        Assert.Contains(await leader.PendingAsync(), r => r.Id == asked.Id && r.Link == $"/publicity/{draft.Id}");
        Assert.Equal("approval.pending", (await Assert.ThrowsAsync<DomainException>(() => publicity.PublishAsync(draft.Id, draft.ConcurrencyToken, new DateOnly(2026, 5, 14), ordinary with { Months = 6 }))).Code);
        await leader.DecideAsync(asked.Id, true, "同意按一般失信行为公示六个月。");
        Assert.Equal((6, (string?)null), ((await publicity.PublicationApprovalAsync(draft.Id)).Proposed!.Months, (await publicity.PublicationApprovalAsync(draft.Id)).Refusal));

        // Other terms than approved (twelve months) are refused; the approved ones publish, and the approval is used up.
        Assert.Equal("approval.content_changed", (await Assert.ThrowsAsync<DomainException>(() => publicity.PublishAsync(draft.Id, draft.ConcurrencyToken, new DateOnly(2026, 5, 14), ordinary))).Code);
        await publicity.PublishAsync(draft.Id, draft.ConcurrencyToken, new DateOnly(2026, 5, 14), ordinary with { Months = 6 });
        var published = await publicity.GetAsync(draft.Id);
        Assert.Equal((AnnouncementStatus.Published, 6), (published.Status, published.PeriodMonths));
        await using (var db = portal.Db())
            Assert.Equal(ApprovalStatus.Used, (await db.ApprovalRequests.SingleAsync(r => r.Id == asked.Id)).Status);
    }

    [Fact]
    public async Task The_period_counts_from_the_decision_and_its_end_or_credit_repair_takes_it_off_the_page_feeds_and_export()
    {
        var inspector = await InspectorAsync();
        var short1 = await DecidedAsync("未按规定查验入网用户身份证件（轻微）", new DateOnly(2026, 2, 2));
        var ordinary = await DecidedAsync("未按规定查验入网用户身份证件（一般）", new DateOnly(2026, 2, 3));
        portal.Today(new DateOnly(2026, 5, 14));
        var refused = await Assert.ThrowsAsync<DomainException>(() => As<PublicityService>(inspector).PublishAsync(short1.Id, short1.ConcurrencyToken, new DateOnly(2026, 5, 14)));
        Assert.Equal("announcement.category_required", refused.Code);
        await LeaderApproval.PublishAsync(portal.ScopeFor, As<PublicityService>(inspector), short1.Id, new DateOnly(2026, 5, 14), await CategoryAsync("minor", 1));
        await LeaderApproval.PublishAsync(portal.ScopeFor, As<PublicityService>(inspector), ordinary.Id, new DateOnly(2026, 5, 14), await CategoryAsync("ordinary"));
        var publicity = As<PublicityService>(inspector);
        short1 = await publicity.GetAsync(short1.Id);
        ordinary = await publicity.GetAsync(ordinary.Id);
        Assert.Equal((new DateOnly(2026, 6, 10), "轻微失信行为"), (short1.PublicUntil!.Value, short1.CategoryName)); // one month from 11 May, not from 14 May
        Assert.Equal((new DateOnly(2027, 5, 10), new DateOnly(2026, 8, 11)), (ordinary.PublicUntil!.Value, ordinary.RepairableFrom!.Value));

        portal.Today(new DateOnly(2026, 6, 10));
        Assert.Equal((true, true, true, true), await ShownAsync(short1, "last-day"));
        portal.Today(new DateOnly(2026, 6, 11));
        Assert.Equal((false, false, false, false), await ShownAsync(short1, "expired"));
        Assert.Equal((true, true, true, true), await ShownAsync(ordinary, "expired"));

        var early = await Assert.ThrowsAsync<DomainException>(() => publicity.EndAfterRepairAsync(ordinary.Id, ordinary.ConcurrencyToken, new DateOnly(2026, 6, 11), "已完成信用修复"));
        Assert.Equal("announcement.repair_too_early", early.Code);
        portal.Today(new DateOnly(2026, 8, 12));
        await As<PublicityService>(inspector).EndAfterRepairAsync(ordinary.Id, ordinary.ConcurrencyToken, new DateOnly(2026, 8, 11), "信用中国（宁夏）已作出信用修复决定");
        Assert.Equal((false, false, false, false), await ShownAsync(ordinary, "repaired"));
        var record = await publicity.GetAsync(ordinary.Id);
        Assert.Equal((AnnouncementStatus.Repaired, new DateOnly(2026, 8, 11), "信用中国（宁夏）已作出信用修复决定"), (record.Status, record.RepairedOn!.Value, record.RepairReason));
        Assert.Contains("信用中国（宁夏）已作出信用修复决定", await SignedInPageAsync($"/publicity/{ordinary.Id}"));
    }

    [Fact]
    public async Task The_agent_list_is_refused_while_disabled_enabled_only_with_a_checked_basis_and_each_entry_cites_it()
    {
        var inspector = await InspectorAsync();
        int carrier;
        await using (var db = portal.Db())
            carrier = (await db.Carriers.SingleAsync(c => c.Code == "CMCC")).Id;
        portal.Today(new DateOnly(2026, 6, 1));
        AgentReport Report(string name) => new(name, PartyType.IndividualBusiness, null, "王某", "银川市兴庆区解放西街1号", carrier, "未核验证件为用户办理入网。",
            "已责令终止代理协议。", new DateOnly(2026, 6, 1));

        var disabled = await Assert.ThrowsAsync<DomainException>(() => As<PublicityService>(inspector).ReportAgentAsync(Report("银川某某通讯店")));
        Assert.Equal("agent_list.disabled", disabled.Code);
        var page = await SignedInPageAsync("/publicity/agents/new");
        Assert.Contains("本省未开启违规代理商公示", page);

        foreach (var (code, expected) in new[] { ((string?)"ORD25-A11", "agent_list.basis_unverified"), ("CSL2016-21", "agent_list.basis_no_criticism") })
            Assert.Equal(expected, (await Assert.ThrowsAsync<DomainException>(() => AgentListSetup.SetAsync(portal.Factory, code))).Code);
        var admin = portal.ScopeFor(AgentListSetup.Admin, "admin").ServiceProvider.GetRequiredService<EnforcementService>();
        int province;
        await using (var db = portal.Db())
            province = (await db.Provinces.SingleAsync(p => p.Code == "64")).Id;
        var noBasis = await Assert.ThrowsAsync<DomainException>(() => admin.SaveSettingsAsync(new EnforcementSettings { ProvinceId = province, AgentListEnabled = true, ApprovalSteps = ApprovalSteps.WithLawful("") }));
        Assert.Equal("agent_list.basis_required", noBasis.Code);
        Assert.False((await As<PublicityService>(inspector).AgentListAsync()).Enabled);

        var basis = (await AgentListSetup.SetAsync(portal.Factory))!;
        var id = await As<PublicityService>(inspector).ReportAgentAsync(Report("银川某某通讯店"));
        var queued = await As<PublicityService>(inspector).ReportAgentAsync(Report("银川某某手机店"));
        await AgentListSetup.NotifiedAsync(As<PublicityService>(inspector), id, new DateOnly(2026, 6, 1));
        await LeaderApproval.PublishAsync(portal.ScopeFor, As<PublicityService>(inspector), id, new DateOnly(2026, 6, 1));
        var published = await As<PublicityService>(inspector).GetAsync(id);
        Assert.Equal((basis.Id, basis.Citation), (published.LegalBasisId!.Value, published.LegalBasis));
        var anonymous = portal.Anonymous();
        Assert.Contains(basis.Citation, WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/public/announcements/{id}")));
        Assert.Contains(basis.Citation, await anonymous.GetStringAsync("/public/export.csv?kind=agent"));
        Assert.Equal((true, true, true, true), await ShownAsync(published, "agent"));

        // Disabled again: nothing new is published; an entry published earlier without a basis is not shown.
        await AgentListSetup.SetAsync(portal.Factory, null);
        var again = await Assert.ThrowsAsync<DomainException>(async () =>
            await LeaderApproval.PublishAsync(portal.ScopeFor, As<PublicityService>(inspector), queued, new DateOnly(2026, 6, 1)));
        Assert.Equal("agent_list.disabled", again.Code);
        Assert.Equal(AnnouncementStatus.Draft, (await As<PublicityService>(inspector).GetAsync(queued)).Status);
        await using (var db = portal.Db())
            await db.Announcements.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.LegalBasisId, (int?)null)); // as published before the list needed a basis
        await As<PublicityService>(inspector).PublicChangedAsync();
        Assert.Equal((false, false, false, false), await ShownAsync(published, "no-basis"));
    }

    /// <summary>
    /// An entry on the 违规代理商 list is 通报批评: published only after the agent was told the facts, the basis and its right to state its
    /// case (行政处罚法第四十四条) and the period lapsed or its statement was reviewed and not found to hold (第四十五条).
    /// </summary>
    [Fact]
    public async Task An_agent_is_published_only_after_it_was_told_and_its_period_lapsed_or_its_statement_was_reviewed()
    {
        var inspector = await InspectorAsync();
        int carrier;
        await using (var db = portal.Db())
            carrier = (await db.Carriers.SingleAsync(c => c.Code == "CMCC")).Id;
        portal.Today(new DateOnly(2026, 6, 1));
        await AgentListSetup.SetAsync(portal.Factory);
        try
        {
            var publicity = As<PublicityService>(inspector);
            AgentReport Report(string name) => new(name, PartyType.IndividualBusiness, null, "王某", "银川市金凤区某路8号", carrier, "未核验证件为用户办理入网。",
                "已责令终止代理协议。", new DateOnly(2026, 5, 20));
            var id = await publicity.ReportAgentAsync(Report("银川某某通信器材店"));
            async Task<Announcement> PublishNowAsync(DateOnly on) { await publicity.PublishAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, on); return await publicity.GetAsync(id); }

            var untold = await Assert.ThrowsAsync<DomainException>(() => PublishNowAsync(new DateOnly(2026, 6, 1)));
            Assert.Equal("agent.not_notified", untold.Code);
            Assert.Contains("行政处罚法第四十四条", untold.Message);
            Assert.Contains("agent-notice", (await publicity.GetAsync(id)).ActionsFor(Acting.Officer, today: new DateOnly(2026, 6, 1)).Select(a => a.Key));

            var electronic = await Assert.ThrowsAsync<DomainException>(async () =>
                await publicity.RecordAgentNoticeAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 5, 25), ServiceMethods.Electronic));
            Assert.Equal("agent.notice_electronic", electronic.Code);
            var told = await publicity.RecordAgentNoticeAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 5, 25), ServiceMethods.InPerson);
            Assert.Equal(new DateOnly(2026, 5, 28), told.AgentStatementDeadline); // three working days
            Assert.Contains("未核验证件为用户办理入网", told.AgentNoticeText);
            Assert.Contains(told.LegalBasis, told.AgentNoticeText);
            var running = await Assert.ThrowsAsync<DomainException>(() => PublishNowAsync(new DateOnly(2026, 5, 27)));
            Assert.Equal("agent.statement_period_running", running.Code);
            Assert.Contains("行政处罚法第四十四条、第四十五条", running.Message);

            await publicity.RecordAgentStatementAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, new DateOnly(2026, 5, 27), "涉事店员已离职，本店此前未发生类似问题，请求不予公示。");
            var unreviewed = await Assert.ThrowsAsync<DomainException>(() => PublishNowAsync(new DateOnly(2026, 6, 1)));
            Assert.Equal("agent.statement_not_reviewed", unreviewed.Code);
            Assert.Contains("第四十五条", unreviewed.Message);
            await publicity.ReviewAgentStatementAsync(id, (await publicity.GetAsync(id)).ConcurrencyToken, founded: false, "经复核，店员离职不影响代理商未核验证件办理入网的事实，申辩理由不成立。");
            Assert.Equal(AnnouncementStatus.Published, (await PublishNowAsync(new DateOnly(2026, 6, 1))).Status);

            // A statement found to hold is adopted: the entry is not published.
            var heard = await publicity.ReportAgentAsync(Report("银川某某手机卖场"));
            await publicity.RecordAgentNoticeAsync(heard, (await publicity.GetAsync(heard)).ConcurrencyToken, new DateOnly(2026, 5, 25), ServiceMethods.Post);
            await publicity.RecordAgentStatementAsync(heard, (await publicity.GetAsync(heard)).ConcurrencyToken, new DateOnly(2026, 5, 26), "涉事入网工单系其他代理点办理，附工单和监控截图。");
            await publicity.ReviewAgentStatementAsync(heard, (await publicity.GetAsync(heard)).ConcurrencyToken, founded: true, "经复核，工单确系其他代理点办理，申辩成立。");
            var founded = await Assert.ThrowsAsync<DomainException>(async () =>
                await publicity.PublishAsync(heard, (await publicity.GetAsync(heard)).ConcurrencyToken, new DateOnly(2026, 6, 1)));
            Assert.Equal("agent.statement_founded", founded.Code);
            Assert.Equal(AnnouncementStatus.Draft, (await publicity.GetAsync(heard)).Status);
        }
        finally
        {
            await AgentListSetup.SetAsync(portal.Factory, null); // the list is off by default: the class's other tests start from that
        }
    }

    [Fact]
    public async Task The_categories_come_from_the_seed_and_only_an_administrator_changes_them()
    {
        var inspector = As<CatalogService>(await InspectorAsync());
        var categories = await inspector.ListPublicationCategoriesAsync();
        Assert.Equal([("minor", "轻微失信行为", 0, 3), ("ordinary", "一般失信行为", 3, 12), ("serious", "严重失信行为", 12, 36)],
            categories.Select(c => (c.Code, c.Name, c.MinMonths, c.MaxMonths)).ToList());
        var serious = categories.Single(c => c.Code == "serious");
        await Assert.ThrowsAsync<AccessDeniedException>(() => inspector.SavePublicationCategoryAsync(
            new PublicationCategory { Id = serious.Id, Code = serious.Code, Name = serious.Name, MinMonths = 6, MaxMonths = 36 }));
        var invalid = await Assert.ThrowsAsync<DomainException>(() => As<CatalogService>(AgentListSetup.Admin, "admin").SavePublicationCategoryAsync(
            new PublicationCategory { Id = serious.Id, Code = serious.Code, Name = serious.Name, MinMonths = 40, MaxMonths = 36 }));
        Assert.Equal("catalog.invalid", invalid.Code);
        await As<CatalogService>(AgentListSetup.Admin, "admin").SavePublicationCategoryAsync(
            new PublicationCategory { Id = serious.Id, Code = serious.Code, Name = serious.Name, MinMonths = 12, MaxMonths = 24, Source = serious.Source });
        Assert.Equal(24, (await inspector.ListPublicationCategoriesAsync()).Single(c => c.Code == "serious").MaxMonths);
    }
}
