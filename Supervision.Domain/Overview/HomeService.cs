using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Notifications;
using Supervision.Domain.Publicity;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Overview;

/// <summary>
/// Each role's home page: the day's work, linked to the records, soonest deadline first. Every query runs through the
/// acting user's scope (a carrier sees only its branches); deadlines come from the rules that own them.
/// </summary>
public sealed class HomeService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, CatalogService catalog,
    SubmissionService submissions, RankingService rankings)
{
    /// <summary>Corrective orders due within this many working days show on the inspector's page.</summary>
    public const int OrderHorizonWorkingDays = 5;

    // Of a case's deadlines (EnforcementService.Deadlines), those its rules count in working days: the statement and
    // hearing-request periods from the prior notice, and service of the decision.
    private static readonly HashSet<string> WorkingDayCaseDeadlines = ["statement", "hearing-request", "service"];

    /// <summary>Whether a case deadline (by its key in <see cref="EnforcementService.Deadlines"/>) is counted in working days.</summary>
    public static bool CountsWorkingDays(string caseDeadlineKey) => WorkingDayCaseDeadlines.Contains(caseDeadlineKey);

    private DateOnly Today => BeijingTime.Today(clock.GetUtcNow());

    public async Task<InspectorHome> InspectorAsync(CancellationToken ct = default)
    {
        if (access.Scope.IsCarrier) throw new AccessDeniedException("工作台内容按角色提供。");
        var today = Today;
        var calendar = await catalog.GetCalendarAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);

        var waiting = await db.Submissions.AsNoTracking().Where(s => s.Status == SubmissionStatus.Submitted)
            .OrderBy(s => s.SubmittedAt).Take(50)
            .Select(s => new { s.Id, Branch = s.Branch!.ShortName, s.TemplateCode, s.Period, s.Version, s.SubmittedAt, s.Late, s.FlagCount }).ToListAsync(ct);
        var templates = (await submissions.TemplatesAsync(ct)).ToDictionary(t => t.Code);
        string Named(string code, string period) => templates.GetValueOrDefault(code) is { } t
            ? $"{t.Name}（{(ReportingPeriod.TryParse(period, t.Frequency, out var p) ? p.Label : period)}）" : "报表";
        // Review has no legal deadline: the item says so and how long the carrier has been waiting (longest first).
        var returns = waiting.Select(s => new WorkItem($"{s.Branch} {Named(s.TemplateCode, s.Period)}第{s.Version}版",
            $"/submissions/{s.Id}", Status: "待审核",
            Detail: $"{(s.SubmittedAt is { } at ? $"{ChineseDate.Format(BeijingTime.Today(at))}报送" : "")}{(s.Late ? "，逾期报送" : "")}{(s.FlagCount > 0 ? $"，关注事项{s.FlagCount}项" : "")}")
        {
            NoDeadline = s.SubmittedAt is { } waited && today.DayNumber - BeijingTime.Today(waited).DayNumber is var days and > 0
                ? $"审核无法定期限，已等待{days}天（自然日）" : "审核无法定期限",
        });

        var me = access.UserId;
        var inspections = me is null ? [] : await db.Inspections.AsNoTracking()
            .Where(i => (i.Status == InspectionStatus.Planned || i.Status == InspectionStatus.InProgress) && i.Inspectors.Any(x => x.UserId == me))
            .Select(i => new { i.Id, i.EntityName, Branch = i.Branch!.ShortName, i.ScheduledOn, i.Status }).ToListAsync(ct);
        var assigned = inspections.Select(i => i.ScheduledOn is { } on
            ? WorkItem.Dated($"{i.Branch} {i.EntityName}", $"/inspections/{i.Id}", on, false, today, calendar, Inspection.StatusLabel(i.Status), "现场检查日期")
            : new WorkItem($"{i.Branch} {i.EntityName}", $"/inspections/{i.Id}", Status: Inspection.StatusLabel(i.Status)) { NoDeadline = "尚未安排检查日期" });

        var horizon = calendar.AddWorkingDays(today, OrderHorizonWorkingDays);
        var orders = await db.CorrectiveOrders.AsNoTracking()
            .Where(o => o.State == OrderState.Replied || ((o.State == OrderState.Issued || o.State == OrderState.Overdue) && o.Deadline <= horizon))
            .Select(o => new { o.Id, Branch = o.Branch!.ShortName, o.NoticeNumber, o.State, o.Deadline, o.DeadlineMode, o.RepliedAt }).ToListAsync(ct);
        var orderItems = orders.Select(o =>
        {
            var title = $"{o.Branch} {o.NoticeNumber ?? "整改通知"}";
            var detail = o.State == OrderState.Replied ? "企业已提交整改报告，待复查" : "整改期限将至";
            return o.Deadline is { } due
                ? WorkItem.Dated(title, $"/inspections/orders/{o.Id}", due, o.DeadlineMode == DeadlineMode.WorkingDays, today, calendar, CorrectiveOrder.StateLabel(o.State), detail)
                : new WorkItem(title, $"/inspections/orders/{o.Id}", Status: CorrectiveOrder.StateLabel(o.State), Detail: detail) { NoDeadline = "未设整改期限" };
        });

        var cases = await CaseStepsAsync(db, mine: me, today, calendar, ct);

        var announcements = await db.Announcements.AsNoTracking().Where(a => a.Status == AnnouncementStatus.Draft)
            .Select(a => new { a.Id, a.Title, a.DueBy }).ToListAsync(ct);
        var publish = announcements.Select(a => WorkItem.Dated(a.Title, $"/publicity/{a.Id}", a.DueBy, true, today, calendar, AnnouncementLabels.Status(AnnouncementStatus.Draft), "发布期限"));

        // Approvals I asked for that still concern me: waiting, approved but not yet acted on, or refused (to revise and ask again).
        var asked = me is null ? [] : await db.ApprovalRequests.AsNoTracking()
            .Where(r => r.RequestedById == me && (r.Status == ApprovalStatus.Pending || r.Status == ApprovalStatus.Approved || r.Status == ApprovalStatus.Refused))
            .OrderByDescending(r => r.RequestedAt).Take(50).ToListAsync(ct);
        var approvals = asked
            .Where(r => r.Status != ApprovalStatus.Refused || !asked.Any(o => o.CaseId == r.CaseId && o.Step == r.Step && o.RequestedAt > r.RequestedAt))
            .Select(r => new WorkItem($"{ApprovalSteps.Label(r.Step)}：{r.Subject}", ApprovalRow.Of(r).Link, Status: ApprovalSteps.Status(r.Status),
                Detail: r.Status == ApprovalStatus.Pending ? $"{ChineseDate.Format(BeijingTime.Today(r.RequestedAt))}报请审批"
                    : $"{r.ApproverName}：{r.Opinion}{(r.Status == ApprovalStatus.Approved ? "（可继续办理）" : "（可修改后重新报请）")}")
            {
                NoDeadline = r.Status switch
                {
                    ApprovalStatus.Pending => "审批无法定期限",
                    ApprovalStatus.Approved => "已批准，期限见案件",
                    _ => "待修改后重新报请",
                },
            });

        var scopeName = access.Scope.Kind == ScopeKind.Province
            ? await db.Provinces.AsNoTracking().Where(p => p.Id == access.Scope.ProvinceId).Select(p => p.Name).SingleAsync(ct) : "全国";
        return new InspectorHome(scopeName, [
            WorkSection.Sorted("returns", "待审核的报表", "没有待审核的报表。", returns),
            WorkSection.Sorted("inspections", "分配给我的现场检查", "没有分配给您的待完成检查。", assigned),
            WorkSection.Sorted("orders", "整改通知：待复查或即将到期", $"没有待复查或{OrderHorizonWorkingDays}个工作日内到期的整改通知。", orderItems),
            WorkSection.Sorted("cases", "有期限待办的案件", "您承办的案件暂无未届满的期限。", cases),
            WorkSection.Sorted("announcements", "待发布的公示", "没有待发布的公示。", publish),
            WorkSection.Sorted("approvals", "我报请的审批", "您没有待审批或待办理的审批事项。", approvals),
        ]);
    }

    public async Task<CarrierHome> CarrierAsync(CancellationToken ct = default)
    {
        if (!access.Scope.IsCarrier) throw new AccessDeniedException("企业工作台仅供企业用户使用。");
        var today = Today;
        var calendar = await catalog.GetCalendarAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var own = await db.Branches.AsNoTracking().Where(b => b.Id == access.Scope.BranchIds[0]).Select(b => b.Name).FirstOrDefaultAsync(ct) ?? "本企业";

        var returns = new List<WorkItem>();
        foreach (var template in await submissions.TemplatesAsync(ct))
        {
            var period = ReportingPeriod.LatestEnded(template.Frequency, today);
            var rows = await submissions.OverviewAsync(template.Code, period.ToString(), ct);
            var returned = rows.Where(r => r.State == FilingState.Returned).Select(r => r.SubmissionId!.Value).ToList();
            var reasons = await db.Submissions.AsNoTracking().Where(s => returned.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ReviewNote, ct);
            foreach (var row in rows)
            {
                var href = row.SubmissionId is { } id ? $"/submissions/{id}" : $"/submissions/upload?template={template.Code}&period={period}";
                var detail = row.State switch
                {
                    FilingState.Returned => $"退回原因：{reasons.GetValueOrDefault(row.SubmissionId!.Value) ?? "未注明"}",
                    // The status chip already says 已报送 / 已受理: the line under the title says what follows, not the same word again.
                    FilingState.Submitted => "等待监管机构审核",
                    FilingState.Accepted => "审核通过，本期无需再报",
                    _ => row.SubmissionId is null ? "尚未上传" : "草稿尚未报送，草稿不视为已报送",
                };
                // Filed returns need nothing more: shown for the record, without a countdown.
                var done = row.State is FilingState.Submitted or FilingState.Accepted;
                returns.Add(done
                    ? new WorkItem($"{row.Branch} {template.Name}（{period.Label}）", href, row.DueDate, null, SubmissionService.StateLabel(row.State), detail)
                    : WorkItem.Dated($"{row.Branch} {template.Name}（{period.Label}）", href, row.DueDate, false, today, calendar, SubmissionService.StateLabel(row.State), detail));
            }
        }

        var orders = await db.CorrectiveOrders.AsNoTracking().Where(o => o.State == OrderState.Issued || o.State == OrderState.Overdue || o.State == OrderState.NotVerified)
            .Select(o => new { o.Id, Branch = o.Branch!.ShortName, o.NoticeNumber, o.State, o.Deadline, o.DeadlineMode }).ToListAsync(ct);
        var orderItems = orders.Select(o =>
        {
            var title = $"{o.Branch} {o.NoticeNumber ?? "整改通知"}";
            return o.Deadline is { } due
                ? WorkItem.Dated(title, $"/rectification/{o.Id}", due, o.DeadlineMode == DeadlineMode.WorkingDays, today, calendar, CorrectiveOrder.StateLabel(o.State), "整改期限，到期前提交整改报告")
                : new WorkItem(title, $"/rectification/{o.Id}", Status: CorrectiveOrder.StateLabel(o.State)) { NoDeadline = "未设整改期限" };
        });

        // What the party may do on a case is the case's own answer (its available actions), not recomputed here.
        var open = await db.EnforcementCases.AsNoTracking().AsSplitQuery().Include(c => c.Branch).Include(c => c.Sanctions).Include(c => c.Statements)
            .Where(c => c.State != CaseState.NoPenalty && c.State != CaseState.Withdrawn && c.State != CaseState.Transferred).ToListAsync(ct);
        var acknowledge = new List<WorkItem>();
        var statements = new List<WorkItem>();
        foreach (var c in open)
        {
            var actions = c.ActionsFor(Acting.Party, today);
            var title = $"{c.Branch!.ShortName} {c.CaseNumber ?? c.Title}";
            if (actions.FirstOrDefault(a => a.Key == "acknowledge") is { } ack)
                acknowledge.Add(new WorkItem(title, $"/cases/{c.Id}", c.ServedOn, null, "待签收", $"{ack.Label}（{(c.ServedOn is { } s ? ChineseDate.Format(s) : "")}送达）"));
            // Any document sent through the portal (事先告知书, 听证通知书, 决定书): its first opening is its service.
            if (actions.FirstOrDefault(a => a.Key is "read-served" or "read-notice" or "read-hearing-notice") is { } read)
                acknowledge.Add(new WorkItem(title, $"/cases/{c.Id}", null, null, "待查阅", $"{read.Label}：首次查阅之日为送达日期") { NoDeadline = "查阅之日起算期限" });
            if (actions.Any(a => a.Key == "statement") && c.StatementDeadline is { } due)
                statements.Add(WorkItem.Dated(title, $"/cases/{c.Id}", due, true, today, calendar, "陈述申辩期", "可提交陈述申辩或书面放弃"
                    + (actions.Any(a => a.Key == "request-hearing") ? "；可申请听证" : "")));
        }

        return new CarrierHome(own, [
            WorkSection.Sorted("returns", "本期报表", "本期没有需要报送的报表。", returns),
            WorkSection.Sorted("orders", "整改通知", "没有待整改的整改通知。", orderItems),
            WorkSection.Sorted("acknowledge", "待签收的文书", "没有待签收的文书。", acknowledge),
            WorkSection.Sorted("statements", "陈述申辩期", "没有处于陈述申辩期的案件。", statements),
        ]);
    }

    public async Task<LeaderHome> LeaderAsync(CancellationToken ct = default)
    {
        if (access.Scope.Kind != ScopeKind.Province) throw new AccessDeniedException("局领导工作台按省份提供。");
        var today = Today;
        var calendar = await catalog.GetCalendarAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = await db.Provinces.AsNoTracking().SingleAsync(p => p.Id == access.Scope.ProvinceId, ct);

        var now = await rankings.ProvinceAsync(province.Id, null, ct: ct);
        var previousMonth = Months.Add(now.Period, -1);
        var before = now.Periods.Contains(previousMonth) ? await rankings.ProvinceAsync(province.Id, previousMonth, ct: ct) : null;
        var headlines = now.Figures.Select(f =>
        {
            var last = before?.Figures.FirstOrDefault(b => b.Indicator.Code == f.Indicator.Code);
            return Headline.Of(f.Indicator, f.Value, last?.Value, f.Expected > 0 ? $"{f.Reporting}/{f.Expected}家" : "—");
        }).ToList();

        var overdueReturns = 0;
        foreach (var template in await submissions.TemplatesAsync(ct))
            overdueReturns += (await submissions.OverviewAsync(template.Code, ReportingPeriod.LatestEnded(template.Frequency, today).ToString(), ct))
                .Count(r => r.State == FilingState.Overdue);
        var overdueOrders = await db.CorrectiveOrders.CountAsync(o => o.State == OrderState.Overdue
            || (o.State == OrderState.Issued && o.Deadline < today), ct);
        var overdueCases = (await CaseStepsAsync(db, mine: null, today, calendar, ct)).Count(i => i.Left is { Overdue: true });
        var overdueAnnouncements = await db.Announcements.CountAsync(a => a.Status == AnnouncementStatus.Draft && a.DueBy < today, ct);
        return new LeaderHome(province.Name, now.Periods.Count == 0 ? null : now.Period, before?.Period, headlines, [
            new("逾期未报的报表", overdueReturns, "/submissions/overview"),
            new("逾期未整改的整改通知", overdueOrders, "/inspections/orders"),
            new("期限已届满的案件", overdueCases, "/cases"),
            new("逾期未发布的公示", overdueAnnouncements, "/publicity"),
        ]);
    }

    /// <summary>Days ahead an API key's expiry shows on the administrator's page, so the carrier can be given a new one in time.</summary>
    public const int KeyExpiryHorizonDays = 30;

    /// <summary>
    /// The administrator's day: this or next year's holiday arrangement not yet entered, deliveries that failed and wait for a
    /// retry, accounts locked, legal bases not yet checked against the published text, API keys about to expire. (How much reference data exists is on 基础数据 › 数据概览.)
    /// </summary>
    public async Task<AdminHome> AdminAsync(CancellationToken ct = default)
    {
        if (!access.Scope.IsAdministrator) throw new AccessDeniedException("系统管理工作台仅供系统管理员使用。");
        var now = clock.GetUtcNow();
        var today = Today;
        var calendar = await catalog.GetCalendarAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);

        var failed = await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Failed).OrderByDescending(m => m.Id).Take(50)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, m.Channel, m.Subject, m.Attempts, m.CreatedAt, u.DisplayName })
            .ToListAsync(ct);
        var deliveries = failed.Select(m => new WorkItem($"发给{m.DisplayName}的{DeliveryChannels.Label(m.Channel)}：{m.Subject ?? "通知"}", "/admin/outbox",
            Status: "投递失败", Detail: $"{ChineseDate.Time(m.CreatedAt)}生成，已尝试{m.Attempts}次，可在“消息投递”中重试"));

        // LockoutEnd is compared here, not in SQL: SQLite stores the offset as text.
        var lockedUsers = (await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null)
            .Select(u => new { u.DisplayName, u.Role, u.LockoutEnd, Branch = u.Branch!.ShortName, Province = u.Province!.ShortName }).ToListAsync(ct))
            .Where(u => u.LockoutEnd > now).ToList();
        var locked = lockedUsers.Select(u => new WorkItem($"{u.DisplayName}（{u.Branch ?? u.Province ?? "全国"}，{Roles.Label(u.Role)}）", "/admin/users",
            Status: "已锁定", Detail: u.LockoutEnd > now.AddYears(100) ? "由管理员锁定，解锁前不能登录" : $"锁定至{ChineseDate.Time(u.LockoutEnd!.Value)}"));

        // By citation and tier (情节严重 is its own entry), as the catalog names them.
        var bases = (await db.LegalBases.AsNoTracking().Where(b => !b.Verified).OrderBy(b => b.Id).ToListAsync(ct))
            .Select(b => new WorkItem(b.Label, $"/catalog/legal-bases/{b.Id}", Status: "待核对"));

        var keys = (await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null && k.ExpiresAt != null)
            .Join(db.Branches, k => k.BranchId, b => b.Id, (k, b) => new { k.Name, k.ExpiresAt, Branch = b.ShortName }).ToListAsync(ct))
            .Where(k => k.ExpiresAt > now && BeijingTime.Today(k.ExpiresAt!.Value) <= today.AddDays(KeyExpiryHorizonDays)).ToList();
        var expiring = keys.Select(k => WorkItem.Dated($"{k.Branch} {k.Name}", "/admin/api-keys", BeijingTime.Today(k.ExpiresAt!.Value), false, today, calendar,
            "即将到期", "到期后企业系统不能再报送，请及时签发新密钥"));

        // Deadlines run into next year from any day (60 days to apply for review, six months to sue): both years' arrangements are needed.
        var holidays = new[] { today.Year, today.Year + 1 }.Where(y => !calendar.Covers(y))
            .Select(y => new WorkItem($"{y}年节假日安排尚未录入", "/catalog/holidays", Status: "待录入",
                Detail: $"落在{y}年的按工作日计算的期限只按周末推算；请按国务院办公厅公布的{y}年节假日安排录入，录入后复核已算出的期限"));

        return new AdminHome([
            WorkSection.Sorted("holidays", "尚未录入的节假日安排", "今明两年的节假日安排均已录入。", holidays),
            WorkSection.Sorted("deliveries", "投递失败的消息", "没有投递失败的消息。", deliveries),
            WorkSection.Sorted("locked", "被锁定的账户", "没有被锁定的账户。", locked),
            WorkSection.Sorted("legal-bases", "待核对的法律依据（对照公布文本核对后方可据以作出处罚决定）", "法律依据均已核对。", bases),
            WorkSection.Sorted("api-keys", $"{KeyExpiryHorizonDays}天内到期的接口密钥", $"没有{KeyExpiryHorizonDays}天内到期的接口密钥。", expiring),
        ]);
    }

    public async Task<MinistryHome> MinistryAsync(CancellationToken ct = default)
    {
        var dashboard = await rankings.MinistryAsync(null, ct: ct);
        var table = dashboard.Provinces;
        return new MinistryHome(dashboard.Periods.Count == 0 ? null : dashboard.Period, table.Participation,
            table.Scored.Select(r => (r.Rank, r.Name, r.Score is { } s ? s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "分" : "—")).ToList(),
            table.Rows.Where(r => !r.IsScored).Select(r => r.Name).ToList());
    }

    /// <summary>
    /// Open cases (the given officer's, or all in scope) with their nearest deadline not yet met, as
    /// <see cref="EnforcementService.Deadlines"/> states them.
    /// </summary>
    private static async Task<List<WorkItem>> CaseStepsAsync(SupervisionDbContext db, string? mine, DateOnly today, WorkingDayCalendar calendar, CancellationToken ct)
    {
        var q = db.EnforcementCases.AsNoTracking().AsSplitQuery().Include(c => c.Branch).Include(c => c.Sanctions)
            .Where(c => c.State != CaseState.Closed && c.State != CaseState.NoPenalty && c.State != CaseState.Withdrawn && c.State != CaseState.Transferred);
        if (mine is not null) q = q.Where(c => c.Investigators.Any(i => i.UserId == mine));
        var items = new List<WorkItem>();
        foreach (var c in await q.ToListAsync(ct))
        {
            var next = EnforcementService.Deadlines(c, today).Where(d => !d.Met).OrderBy(d => d.Due).FirstOrDefault();
            if (next is null) continue;
            items.Add(WorkItem.Dated($"{c.Branch!.ShortName} {c.CaseNumber ?? c.Title}", $"/cases/{c.Id}", next.Due, WorkingDayCaseDeadlines.Contains(next.Key),
                today, calendar, CaseStates.Label(c.State), next.Label));
        }
        return items;
    }
}
