using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Submissions;

public sealed record SubmissionRow(long Id, string Branch, int BranchId, string TemplateCode, string TemplateName, string Period, int Version,
    SubmissionStatus Status, DateOnly DueDate, DateTimeOffset UploadedAt, DateTimeOffset? SubmittedAt, bool Late, int RowCount, int FlagCount, string? ReceiptNo);

public sealed record SubmissionQuery(string? TemplateCode = null, string? Period = null, SubmissionStatus? Status = null, int? BranchId = null, bool IncludeSuperseded = false);

/// <param name="PartyTimeline">The return's history as its carrier sees it (<see cref="Submission.PartyTimeline"/>).</param>
public sealed record SubmissionDetails(Submission Submission, TemplateDefinition Template, IReadOnlyList<SubmissionRow> Versions, IReadOnlyList<SubmissionAttempt> Attempts,
    IReadOnlyList<PartyEvent> PartyTimeline)
{
    /// <summary>What <paramref name="actor"/> may do with this version, given the newest version of its return.</summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, string? cannotFile = null) => Submission.ActionsFor(actor, Versions.MaxBy(v => v.Version)!.Status, cannotFile);
}

/// <summary>A sheet's stored rows shown back in the template's own columns.</summary>
/// <param name="CityNames">What the province's city codes are called (银川市 for 640100), for showing a city column.</param>
public sealed record SheetRows(SheetDefinition Sheet, IReadOnlyList<(int RowNumber, object?[] Values)> Rows, int Total, IReadOnlyDictionary<string, string>? CityNames = null);

public sealed record CellChange(string Key, string Header, string? Before, string? After);

public sealed record VersionDiff(SubmissionRow From, SubmissionRow To, string Sheet, IReadOnlyList<CellChange> Changes, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

/// <summary>Where one branch stands with one return for one period, as the regulator's overview shows it.</summary>
public enum FilingState
{
    NotFiled,
    Draft,
    Submitted,
    Overdue,
    Accepted,
    Returned,
}

public sealed record OverviewRow(int BranchId, string BranchCode, string Branch, string Carrier, FilingState State, long? SubmissionId, int? Version,
    DateTimeOffset? SubmittedAt, bool Late, int FlagCount, DateOnly DueDate, Guid? Token = null, int ExplainedCount = 0)
{
    /// <summary>Filed, without 关注事项 and without explained unusual figures: the reviewer may accept it with others from the overview.</summary>
    public bool AcceptableInBulk => State == FilingState.Submitted && FlagCount == 0 && ExplainedCount == 0 && SubmissionId is not null;
}

public sealed partial class SubmissionService
{
    public async Task<PagedResult<SubmissionRow>> ListAsync(SubmissionQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Submissions.AsNoTracking().AsQueryable();
        if (!query.IncludeSuperseded) q = q.Where(s => s.Status != SubmissionStatus.Superseded);
        if (query.TemplateCode is { Length: > 0 } code) q = q.Where(s => s.TemplateCode == code);
        if (query.Period is { Length: > 0 } period) q = q.Where(s => s.Period == period);
        if (query.Status is { } status) q = q.Where(s => s.Status == status);
        if (query.BranchId is { } branch) q = q.Where(s => s.BranchId == branch);
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(s => s.Branch!.Name.Contains(page.Search) || s.Branch.ShortName.Contains(page.Search) || s.ReceiptNo!.Contains(page.Search));
        // The count is the same for everyone of this scope asking the same question, and read on every page turn.
        var total = await figures.GetOrLoadAsync(access.Scope, $"submissions.count|{query}|{page.Search}", () => q.CountAsync(CancellationToken.None));
        q = page.SortBy switch
        {
            "Branch" => page.Descending ? q.OrderByDescending(s => s.Branch!.Code) : q.OrderBy(s => s.Branch!.Code),
            "Period" => page.Descending ? q.OrderByDescending(s => s.Period).ThenByDescending(s => s.Version) : q.OrderBy(s => s.Period).ThenBy(s => s.Version),
            _ => q.OrderByDescending(s => s.UploadedAt),
        };
        var rows = await q.Skip(page.Skip).Take(page.Take).Select(RowProjection).ToListAsync(ct);
        return new(await NamedAsync(rows, ct), total);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Submission, SubmissionRow>> RowProjection = s => new SubmissionRow(
        s.Id, s.Branch!.ShortName, s.BranchId, s.TemplateCode, "", s.Period, s.Version, s.Status, s.DueDate, s.UploadedAt, s.SubmittedAt, s.Late, s.RowCount, s.FlagCount, s.ReceiptNo);

    private async Task<List<SubmissionRow>> NamedAsync(List<SubmissionRow> rows, CancellationToken ct)
    {
        var names = (await TemplatesAsync(ct)).ToDictionary(t => t.Code, t => t.Name);
        return rows.Select(r => r with { TemplateName = names.GetValueOrDefault(r.TemplateCode, r.TemplateCode) }).ToList();
    }

    public async Task<SubmissionDetails> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.Submissions.AsNoTracking().Include(x => x.Branch).ThenInclude(b => b!.Carrier).Include(x => x.Template).Include(x => x.Flags.OrderBy(f => f.Sheet).ThenBy(f => f.Row))
            .Include(x => x.File).Include(x => x.AttachmentFile)
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("报表");
        var sameReturn = db.Submissions.AsNoTracking().Where(x => x.BranchId == s.BranchId && x.TemplateCode == s.TemplateCode && x.Period == s.Period);
        var versions = await sameReturn.OrderByDescending(x => x.Version).Select(RowProjection).ToListAsync(ct);
        var timeline = Submission.PartyTimeline(await sameReturn.OrderBy(x => x.Version).ToListAsync(ct));
        var attempts = await db.SubmissionAttempts.AsNoTracking().Where(a => a.BranchId == s.BranchId && a.TemplateCode == s.TemplateCode && a.Period == s.Period)
            .OrderByDescending(a => a.At).Take(20).ToListAsync(ct);
        return new(s, s.Template!.Definition, await NamedAsync(versions, ct), attempts, timeline);
    }

    /// <summary>The rows of one sheet of a stored return, in the template's columns (paged: a province has tens of thousands of outlets).</summary>
    public async Task<SheetRows> RowsAsync(long id, string sheetName, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.Submissions.AsNoTracking().Include(x => x.Template).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("报表");
        var sheet = s.Template!.Definition.Sheet(sheetName);
        var method = typeof(SubmissionService).GetMethod(nameof(TypedRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(RowMapper.ClrType(sheet.Target));
        var rows = await (Task<SheetRows>)method.Invoke(null, [db, id, sheet, page, ct])!;
        if (sheet.Columns.All(c => c.Type != FieldType.City)) return rows;
        return rows with { CityNames = await db.Cities.AsNoTracking().Where(c => c.ProvinceId == s.ProvinceId).Select(c => new { c.Code, c.Name }).ToDictionaryAsync(c => c.Code, c => c.Name, ct) };
    }

    /// <summary>How many rows of a sheet a version stored.</summary>
    private static Task<int> RowCountAsync(SupervisionDbContext db, long id, SheetDefinition sheet, CancellationToken ct) =>
        (Task<int>)typeof(SubmissionService).GetMethod(nameof(TypedRowCountAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(RowMapper.ClrType(sheet.Target)).Invoke(null, [db, id, ct])!;

    private static Task<int> TypedRowCountAsync<T>(SupervisionDbContext db, long id, CancellationToken ct) where T : ReturnRow =>
        db.Set<T>().CountAsync(r => r.SubmissionId == id, ct);

    private static async Task<SheetRows> TypedRowsAsync<T>(SupervisionDbContext db, long id, SheetDefinition sheet, PageRequest page, CancellationToken ct) where T : ReturnRow
    {
        var q = db.Set<T>().AsNoTracking().Where(r => r.SubmissionId == id);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(r => r.RowNumber).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new(sheet, rows.Select(r =>
        {
            var extra = ExtraColumns.Parse(r.ExtraValues);
            return (r.RowNumber, sheet.Columns.Select(c => RowMapper.Value(r, c, extra)).ToArray());
        }).ToList(), total);
    }

    /// <summary>
    /// What changed between two versions of a return, cell by cell in the first sheet, matching rows by the
    /// sheet's unique key (e.g. city × channel) so inserted rows do not shift everything.
    /// </summary>
    public async Task<VersionDiff> DiffAsync(long fromId, long toId, CancellationToken ct = default)
    {
        var from = await GetAsync(fromId, ct);
        var to = await GetAsync(toId, ct);
        if (from.Submission.BranchId != to.Submission.BranchId || from.Submission.TemplateCode != to.Submission.TemplateCode || from.Submission.Period != to.Submission.Period)
            throw new DomainException("submission.diff_mismatch", "只能比较同一单位、同一报表、同一期间的不同版本。");
        var sheet = to.Template.Sheets[0];
        var keyFields = to.Template.Rules.FirstOrDefault(r => r.Kind == "Unique" && r.Sheet == sheet.Name)?.Fields ?? [];
        var keyIdx = keyFields.Select(sheet.ColumnIndex).ToArray();
        async Task<Dictionary<string, object?[]>> Load(long id)
        {
            var rows = await RowsAsync(id, sheet.Name, new PageRequest(0, 500), ct);
            return rows.Rows.GroupBy(r => keyIdx.Length == 0 ? $"第{r.RowNumber}行" : string.Join("/", keyIdx.Select(k => Show(r.Values[k]))))
                .ToDictionary(g => g.Key, g => g.First().Values);
        }
        var before = await Load(fromId);
        var after = await Load(toId);
        var changes = new List<CellChange>();
        foreach (var (key, values) in after)
        {
            if (!before.TryGetValue(key, out var old)) continue;
            for (var i = 0; i < sheet.Columns.Count; i++)
                if (Show(sheet.Columns[i], old[i]) != Show(sheet.Columns[i], values[i]))
                    changes.Add(new(key, sheet.Columns[i].Header, Show(sheet.Columns[i], old[i]), Show(sheet.Columns[i], values[i])));
        }
        var fromRow = to.Versions.Single(v => v.Id == fromId);
        var toRow = to.Versions.Single(v => v.Id == toId);
        return new(fromRow, toRow, sheet.Name, changes, after.Keys.Except(before.Keys).ToList(), before.Keys.Except(after.Keys).ToList());
    }

    /// <summary>A cell as pages and exports show it: a percentage column's fraction as 98.5%, everything else as <see cref="Show(object?)"/>.</summary>
    /// <summary>A stored value as people read it: a share as 98.5%, a city by its name where <paramref name="cityNames"/> knows it (the code stays stored).</summary>
    public static string? Show(ColumnDefinition column, object? value, IReadOnlyDictionary<string, string>? cityNames = null) => column.Type switch
    {
        FieldType.Percent when value is decimal fraction => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
        FieldType.City when value is string code && cityNames?.GetValueOrDefault(code) is { Length: > 0 } name => name,
        _ => Show(value),
    };

    public static string? Show(object? value) => value switch
    {
        null => null,
        bool b => b ? "是" : "否",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        long l => l.ToString("N0", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// For one return and period: every branch in scope that must file it, with where it stands
    /// (未报, 草稿, 已报送, 逾期, 已受理, 已退回) — the regulator's view.
    /// </summary>
    public Task<IReadOnlyList<OverviewRow>> OverviewAsync(string templateCode, string periodText, CancellationToken ct = default) =>
        // Shared by every reader of this scope (so not cancelled with one request); kept a few seconds, dropped when a return is saved.
        figures.GetOrLoadAsync(access.Scope, $"submissions.overview|{templateCode}|{periodText}", () => LoadOverviewAsync(templateCode, periodText, CancellationToken.None));

    private async Task<IReadOnlyList<OverviewRow>> LoadOverviewAsync(string templateCode, string periodText, CancellationToken ct)
    {
        var template = await TemplateAsync(templateCode, ct);
        var period = ReportingPeriod.Parse(periodText, template.Frequency);
        var calendar = await catalog.GetCalendarAsync(ct);
        var due = period.DueDate(template.Definition.DueDay, template.Definition.DueMonthsAfter, calendar);
        var today = Today(clock.GetUtcNow());
        await using var db = await factory.CreateDbContextAsync(ct);
        var branches = await db.Branches.AsNoTracking().Include(b => b.Carrier).OrderBy(b => b.Province!.SortOrder).ThenBy(b => b.Carrier!.SortOrder).ThenBy(b => b.Code).ToListAsync(ct);
        var filing = branches.Where(b => AppliesTo(template.Definition, b, b.Carrier!)).ToList();
        var ids = filing.Select(b => b.Id).ToList();
        var latest = (await db.Submissions.AsNoTracking()
                .Where(s => s.TemplateCode == templateCode && s.Period == period.ToString() && s.Status != SubmissionStatus.Superseded && ids.Contains(s.BranchId))
                .ToListAsync(ct))
            .GroupBy(s => s.BranchId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Version)!);
        return filing.Select(b =>
        {
            var s = latest.GetValueOrDefault(b.Id);
            var state = s?.Status switch
            {
                null or SubmissionStatus.Draft when today > due => FilingState.Overdue,
                null => FilingState.NotFiled,
                SubmissionStatus.Draft => FilingState.Draft,
                SubmissionStatus.Submitted => FilingState.Submitted,
                SubmissionStatus.Accepted => FilingState.Accepted,
                _ => FilingState.Returned,
            };
            return new OverviewRow(b.Id, b.Code, b.Name, b.Carrier!.ShortName, state, s?.Id, s?.Version, s?.SubmittedAt, s?.Late ?? false, s?.FlagCount ?? 0, due, s?.ConcurrencyToken, s?.ExplainedCount ?? 0);
        }).ToList();
    }

    public static string StateLabel(FilingState state) => state switch
    {
        FilingState.NotFiled => "未报",
        FilingState.Draft => "草稿",
        FilingState.Submitted => "已报送",
        FilingState.Overdue => "逾期",
        FilingState.Accepted => "已受理",
        FilingState.Returned => "已退回",
        _ => state.ToString(),
    };

    /// <summary>Reminds the carrier users of the given branches to file; once per branch, return, period and day.</summary>
    public async Task<int> RemindAsync(string templateCode, string period, IReadOnlyCollection<int> branchIds, NotificationService notifications, CancellationToken ct = default)
    {
        if (access.Scope.IsCarrier || access.Scope.ReadOnly)
            throw new AccessDeniedException("催报由监管人员发起。");
        var template = await TemplateAsync(templateCode, ct);
        var rows = (await OverviewAsync(templateCode, period, ct)).Where(r => branchIds.Contains(r.BranchId)).ToList();
        var day = Today(clock.GetUtcNow()).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var sent = 0;
        var from = access.Scope.Kind == ScopeKind.Province ? await AuthorityOfAsync(access.Scope.ProvinceId, ct) : "监管部门";
        foreach (var row in rows.Where(r => r.State is FilingState.NotFiled or FilingState.Draft or FilingState.Overdue or FilingState.Returned))
        {
            var users = await notifications.CarrierUsersOfAsync(row.BranchId, ct);
            sent += await notifications.PublishAsync(new NotificationDraft($"remind:{templateCode}:{period}:{row.BranchId}:{day}", NotificationLevel.Warning,
                $"请报送{template.Name}（{period}）",
                $"{from}提醒：{row.Branch}的{template.Name}（{period}）尚未完成报送，截止日期{row.DueDate:yyyy-MM-dd}，当前状态：{StateLabel(row.State)}。",
                $"/submissions/upload?template={templateCode}&period={period}"), users, ct);
        }
        return sent;
    }

    /// <summary>The original file of a version, authorized like the version itself.</summary>
    public async Task<(string FileName, byte[] Bytes)> OriginalAsync(long id, bool attachment = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("报表");
        var fileId = attachment ? s.AttachmentFileId ?? throw new NotFoundException("附件") : s.FileId;
        var file = await db.StoredFiles.AsNoTracking().Include(f => f.Content).SingleAsync(f => f.Id == fileId, ct);
        return (file.FileName, file.Content!.Bytes);
    }

    public async Task<string> AuthorityOfAsync(int provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Provinces.Where(p => p.Id == provinceId).Select(p => p.AuthorityName).SingleAsync(ct);
    }

    public async Task<Branch> OwnBranchAsync(CancellationToken ct = default) =>
        await BranchAsync(access.Scope.BranchIds.FirstOrDefault(), ct);
}
