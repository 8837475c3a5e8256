using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Inspections;
using Supervision.Domain.Overview;
using Supervision.Domain.Submissions;
using Supervision.Tests.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Domain.Overview;

/// <summary>
/// Each role's home page lists the day's work from the records, in its scope, soonest deadline first; on Monday 2 November
/// 2026 the October returns are due and two orders run to the 9th and the 16th.
/// </summary>
public class HomeServiceTests(Portal portal) : IClassFixture<Portal>
{
    private const string Reason = "表2第5行网点编码与登记不一致，请核对后重新报送";
    private static readonly DateOnly Monday = new(2026, 11, 2);

    private sealed record Arranged(long SoonOrder, long LaterOrder, long OtherCarriersOrder, long Returned, long Submitted);

    // xunit makes a new instance per test; the records are made once per portal (the class fixture).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Portal, Arranged> Made = [];

    private async Task<Arranged> ArrangeAsync()
    {
        if (Made.TryGetValue(portal, out var done)) { portal.Today(Monday); return done; }
        portal.Today(Monday);
        // Created in the opposite order of their deadlines, so sorting is what puts the sooner first.
        var later = await OrderDueAsync("CMCC-64", 10);
        var soon = await OrderDueAsync("CMCC-64", 5);
        var other = await OrderDueAsync("CUCC-64", 3);

        await using var db = portal.Db();
        var cmcc = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var cucc = await db.Branches.SingleAsync(b => b.Code == "CUCC-64");
        long returned, submitted;
        using (var carrier = await portal.AsUserAsync("carrier.cmcc.nx"))
            returned = (await carrier.Get<SubmissionService>().StoreAsync(new(cmcc.Id, "RN-MONTHLY", "2026-10", "2026-10.xlsx", "web", SubmitNow: true, Attested: true),
                ReturnBuilder.ValidRnMonthly("2026-10"), [1, 2, 3], null)).Submission!.Id;
        using (var carrier = await portal.AsUserAsync("carrier.cucc.nx"))
            submitted = (await carrier.Get<SubmissionService>().StoreAsync(new(cucc.Id, "RN-MONTHLY", "2026-10", "2026-10.xlsx", "web", SubmitNow: true, Attested: true),
                ReturnBuilder.ValidRnMonthly("2026-10", "CUCC-64"), [1, 2, 3], null)).Submission!.Id;
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
        {
            var submissions = inspector.Get<SubmissionService>();
            await submissions.ReturnAsync(returned, (await submissions.GetAsync(returned)).Submission.ConcurrencyToken, Reason);
        }
        var arranged = new Arranged(soon, later, other, returned, submitted);
        Made.Add(portal, arranged);
        return arranged;
    }

    private async Task<long> OrderDueAsync(string branch, int workingDays)
    {
        var order = await DraftOrderAsync(portal, branch);
        using (var inspector = await portal.AsUserAsync("inspector.nx"))
            await inspector.Get<CorrectiveOrderService>().SaveDraftAsync(order, (await OrderAsync(portal, order)).ConcurrencyToken,
                "合作营业厅存在人工录入身份信息后办理入网的情况。", "立即整改。", DeadlineMode.WorkingDays, workingDays, null);
        await IssueAsync(portal, order);
        return order;
    }

    private static WorkSection Section(IReadOnlyList<WorkSection> sections, string key) => sections.Single(s => s.Key == key);

    [Fact]
    public async Task A_carrier_sees_only_its_own_branches_orders_and_returns_sooner_deadline_first()
    {
        var a = await ArrangeAsync();
        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        var home = await carrier.Get<HomeService>().CarrierAsync();

        var orders = Section(home.Sections, "orders").Items;
        var soon = orders.Single(i => i.Href == $"/rectification/{a.SoonOrder}");
        var later = orders.Single(i => i.Href == $"/rectification/{a.LaterOrder}");
        Assert.DoesNotContain(orders, i => i.Href == $"/rectification/{a.OtherCarriersOrder}");
        Assert.True(orders.ToList().IndexOf(soon) < orders.ToList().IndexOf(later), "the order due sooner is listed first");
        Assert.Equal((new DateOnly(2026, 11, 9), "2026年11月9日", 5, "剩余5个工作日"), (soon.Due!.Value, soon.DueText, soon.Left!.Days, soon.Left.Label));
        Assert.Equal(orders.OrderBy(i => i.Due).Select(i => i.Href), orders.Select(i => i.Href));

        var returns = Section(home.Sections, "returns").Items;
        Assert.NotEmpty(returns);
        Assert.All(returns, r => Assert.StartsWith("中国移动通信集团宁夏有限公司", r.Title));
        Assert.DoesNotContain(returns, r => r.Href == $"/submissions/{a.Submitted}");
    }

    [Fact]
    public async Task A_returned_return_shows_its_reason_on_the_carriers_home_page()
    {
        var a = await ArrangeAsync();
        using var carrier = await portal.AsUserAsync("carrier.cmcc.nx");
        var returned = Section((await carrier.Get<HomeService>().CarrierAsync()).Sections, "returns").Items.Single(i => i.Href == $"/submissions/{a.Returned}");
        Assert.Equal("已退回", returned.Status);
        Assert.Equal($"退回原因：{Reason}", returned.Detail);
        // The monthly return of October is due on the 10th of November (a Tuesday): eight calendar days from Monday the 2nd.
        Assert.Equal((new DateOnly(2026, 11, 10), 8, false), (returned.Due!.Value, returned.Left!.Days, returned.Left.WorkingDays));

        var page = new HtmlParser().ParseDocument(await (await portal.AsAsync("carrier.cmcc.nx")).GetStringAsync("/"));
        var item = page.QuerySelectorAll("#work-returns .work-item").Single(r => r.QuerySelector("a")!.GetAttribute("href") == $"/submissions/{a.Returned}");
        Assert.Contains(Reason, item.TextContent);
        Assert.Contains("截止2026年11月10日", item.TextContent);
    }

    [Fact]
    public async Task An_inspector_sees_returns_to_review_and_orders_due_within_five_working_days()
    {
        var a = await ArrangeAsync();
        using var inspector = await portal.AsUserAsync("inspector.nx");
        var home = await inspector.Get<HomeService>().InspectorAsync();
        Assert.Contains(Section(home.Sections, "returns").Items, i => i.Href == $"/submissions/{a.Submitted}");
        Assert.DoesNotContain(Section(home.Sections, "returns").Items, i => i.Href == $"/submissions/{a.Returned}");
        var orders = Section(home.Sections, "orders").Items;
        Assert.Contains(orders, i => i.Href == $"/inspections/orders/{a.SoonOrder}");
        Assert.Contains(orders, i => i.Href == $"/inspections/orders/{a.OtherCarriersOrder}");
        Assert.DoesNotContain(orders, i => i.Href == $"/inspections/orders/{a.LaterOrder}"); // ten working days away
        // Every item says its deadline, or why it has none: review has no legal deadline, and the page says so.
        var review = Section(home.Sections, "returns").Items.Single(i => i.Href == $"/submissions/{a.Submitted}");
        Assert.Null(review.Due);
        Assert.StartsWith("审核无法定期限", review.DeadlineText, StringComparison.Ordinal);
        Assert.All(home.Sections.SelectMany(s => s.Items), i => Assert.True(i.Due is not null && i.Left is not null || i.NoDeadline is { Length: > 0 }, i.Title));
        Assert.Equal("截止" + ChineseDate.Format(orders.First(i => i.Href == $"/inspections/orders/{a.SoonOrder}").Due!.Value),
            orders.First(i => i.Href == $"/inspections/orders/{a.SoonOrder}").DeadlineText);

        using var other = await portal.AsUserAsync("inspector.gd"); // another province sees none of it
        var theirs = await other.Get<HomeService>().InspectorAsync();
        Assert.DoesNotContain(theirs.Sections.SelectMany(s => s.Items), i => i.Href == $"/submissions/{a.Submitted}" || i.Href == $"/inspections/orders/{a.SoonOrder}");
    }

    [Fact]
    public async Task An_administrator_sees_failed_deliveries_locked_accounts_and_unchecked_legal_bases_not_reference_counts()
    {
        await ArrangeAsync();
        string preparerId, preparerName;
        await using (var db = portal.Db())
        {
            var preparer = await db.Users.SingleAsync(u => u.UserName == "preparer.cmcc.nx");
            (preparerId, preparerName) = (preparer.Id, preparer.DisplayName);
            var message = new Supervision.Domain.Notifications.OutboxMessage { UserId = preparer.Id, Channel = Supervision.Domain.Notifications.DeliveryChannel.Email,
                KindCode = "submission.returned", Subject = "报表已退回", CreatedAt = new DateTimeOffset(2026, 11, 1, 1, 5, 0, TimeSpan.Zero), NextAttemptAt = DateTimeOffset.UnixEpoch };
            var settings = new Supervision.Domain.Notifications.OutboxSettings();
            for (var i = 0; i < settings.MaxAttempts; i++) message.Failed("smtp: 550 mailbox unavailable", DateTimeOffset.UnixEpoch, settings);
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
        }
        using var admin = await portal.AsUserAsync("admin");
        await admin.Get<UserAdministration>().SetLockedAsync(preparerId, true);
        try
        {
            var home = await admin.Get<HomeService>().AdminAsync();
            var delivery = Section(home.Sections, "deliveries").Items.Single(i => i.Title.Contains("报表已退回"));
            Assert.Equal(("投递失败", "/admin/outbox"), (delivery.Status, delivery.Href));
            Assert.StartsWith("发给", delivery.Title);
            Assert.Contains("2026年11月1日 09:05生成，已尝试8次", delivery.Detail); // Beijing time, Chinese style
            var locked = Section(home.Sections, "locked").Items;
            // The person by name, with where they work and their role; not the sign-in name.
            Assert.Contains(locked, i => i.Status == "已锁定" && i.Title.StartsWith(preparerName + "（", StringComparison.Ordinal) && !i.Title.Contains("preparer.cmcc.nx"));
            await using (var db = portal.Db())
            {
                var unchecked_ = await db.LegalBases.Where(b => !b.Verified).Select(b => b.Id).ToListAsync();
                Assert.Equal(unchecked_.Select(id => $"/catalog/legal-bases/{id}").Order(), Section(home.Sections, "legal-bases").Items.Select(i => i.Href).Order());
            }
            Assert.DoesNotContain(home.Sections, s => s.Title.Contains("法律依据") && s.Items.Any(i => i.Title.All(char.IsDigit)));

            // The page: the administrator's work, the reference counts one link away on 基础数据.
            var page = new HtmlParser().ParseDocument(await (await portal.AsAsync("admin")).GetStringAsync("/"));
            Assert.NotNull(page.QuerySelector("#work-deliveries"));
            Assert.Empty(page.QuerySelectorAll(".count-card"));
            Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/catalog");
            using var inspector = await portal.AsUserAsync("inspector.nx");
            await Assert.ThrowsAsync<AccessDeniedException>(() => inspector.Get<HomeService>().AdminAsync());
        }
        finally
        {
            await admin.Get<UserAdministration>().SetLockedAsync(preparerId, false);
        }
    }

    [Fact]
    public void An_indicator_without_figures_either_month_is_marked_no_data_not_shown_as_dashes()
    {
        var rate = Supervision.Tests.Domain.Rankings.ScoringTests.Rate();
        Assert.True(Headline.Of(rate, null, null, "—").NoData);
        Assert.False(Headline.Of(rate, 99.5, null, "6/6家").NoData);
        Assert.False(Headline.Of(rate, null, 99.1, "0/6家").NoData);
    }

    /// <summary>A headline's change is formatted like its figures: money in yuan or 万元, counts with separators, rates in percentage points.</summary>
    [Fact]
    public void A_headlines_change_reads_as_money_counts_or_points_never_a_bare_number()
    {
        var money = new Supervision.Domain.Rankings.RankingIndicator { Code = "FINES", Name = "罚没款", Unit = "元" };
        Assert.Equal("↓2.0万元", Headline.Of(money, 10_000, 30_000, "—").ChangeText);
        Assert.Equal("↑¥8,500", Headline.Of(money, 10_000, 1_500, "—").ChangeText);
        var count = new Supervision.Domain.Rankings.RankingIndicator { Code = "USERS", Name = "用户数", Unit = "户" };
        Assert.Equal("↓27,200户", Headline.Of(count, 100_000, 127_200, "—").ChangeText);
        var rate = Supervision.Tests.Domain.Rankings.ScoringTests.Rate();
        Assert.Equal("↑0.17个百分点", Headline.Of(rate, 99.5, 99.33, "—").ChangeText);
        Assert.Equal("持平", Headline.Of(rate, 99.5, 99.5, "—").ChangeText);
    }

    /// <summary>How long an approval has waited, in words: never 已等待0小时.</summary>
    [Theory]
    [InlineData(0, "不足1小时")]
    [InlineData(59, "不足1小时")]
    [InlineData(60, "1小时")]
    [InlineData(23 * 60 + 59, "23小时")]
    [InlineData(48 * 60 + 5, "2天")]
    public void A_waiting_time_reads_in_words(int minutes, string shown) =>
        Assert.Equal(shown, Supervision.Domain.Common.ChineseDate.Elapsed(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public async Task A_leader_sees_overdue_items_by_kind_and_the_ministry_the_provinces_without_data()
    {
        await ArrangeAsync();
        portal.Today(new DateOnly(2026, 11, 18)); // after the 16th: both Ningxia orders of this test are overdue
        try
        {
            using var leader = await portal.AsUserAsync("leader.nx");
            var home = await leader.Get<HomeService>().LeaderAsync();
            Assert.Equal("宁夏回族自治区", home.ProvinceName);
            Assert.True(home.Overdue.Single(o => o.Kind == "逾期未整改的整改通知").Count >= 3);
            Assert.True(home.Overdue.Single(o => o.Kind == "逾期未报的报表").Count >= 1); // nine Ningxia companies never filed October

            using var ministry = await portal.AsUserAsync("ministry");
            var national = await ministry.Get<HomeService>().MinistryAsync();
            Assert.Contains("北京", national.NotReported);
            Assert.DoesNotContain(national.Ranked, r => national.NotReported.Contains(r.Name));
            // Scores to two places, as the ranking prints them (76.90, not 76.9).
            Assert.All(national.Ranked, r => Assert.Matches(@"^(\d+\.\d{2}分|—)$", r.Score));
            await Assert.ThrowsAsync<AccessDeniedException>(() => leader.Get<HomeService>().CarrierAsync());
        }
        finally { portal.Today(Monday); }
    }

    [Fact]
    public void Days_left_count_working_days_for_rules_in_working_days_and_calendar_days_otherwise()
    {
        // 2026: 1 October (Thursday) to 8 October is the National Day holiday, 10 October (Saturday) a working day.
        var calendar = new WorkingDayCalendar(
            Enumerable.Range(1, 8).Select(d => new CalendarDay { Date = new DateOnly(2026, 10, d), Kind = CalendarDayKind.Holiday, Name = "国庆节" })
                .Append(new CalendarDay { Date = new DateOnly(2026, 10, 10), Kind = CalendarDayKind.Workday, Name = "国庆节调休" }), [2026]);
        var today = new DateOnly(2026, 9, 30);
        Assert.Equal("剩余2个工作日", DaysLeft.Of(today, new DateOnly(2026, 10, 10), true, calendar).Label); // the 9th and the 10th
        Assert.Equal("剩余10天（自然日）", DaysLeft.Of(today, new DateOnly(2026, 10, 10), false, calendar).Label);
        Assert.Equal("已逾期1个工作日", DaysLeft.Of(new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 10), true, calendar).Label);
        Assert.Equal("今日到期", DaysLeft.Of(today, today, true, calendar).Label);
    }
}
