using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Inspections;

public sealed record InspectionQuery(long? PlanId = null, InspectionStatus? Status = null, int? CarrierId = null, DateOnly? From = null, DateOnly? To = null,
    bool MineOnly = false);

public sealed record InspectionRow(long Id, long PlanId, string PlanTitle, PlanKind PlanKind, string EntityName, string Branch, string Carrier,
    InspectionStatus Status, DateOnly? ScheduledOn, DateOnly? InspectedOn, string Inspectors, int Compliant, int NonCompliant, int NotApplicable,
    int Pending, string? Place, string? Representative, string? RecordNumber);

public sealed record CalendarEntry(long Id, DateOnly Date, bool Done, string Title, InspectionStatus Status);

public sealed record VisitInput(DateOnly? InspectedOn, string? Place, string? Representative, string? RepresentativeTitle, string? Summary,
    TimeOnly? StartedAt = null, TimeOnly? EndedAt = null, string? OutletsVisited = null, int? TransactionsSampled = null);

public sealed record InspectionDetails(Inspection Inspection, InspectionPlan Plan, IReadOnlyList<EvidenceFile> Evidence,
    IReadOnlyList<InspectionAmendment> Amendments, IReadOnlyList<FindingRow> Findings, string Authority, string? BranchAddress, string? BranchCreditCode);

/// <summary>On-site inspection records: scheduling, item results with evidence, completion (locks, issues the record, makes findings), amendments.</summary>
public sealed class InspectionService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock,
    DocumentRegistry documents, EvidenceLimits limits, IRankingSummary rankings)
{
    public const string OwnerType = "Inspection";

    public EvidenceLimits Limits => limits;

    /// <summary>How the signed-in user takes part in inspections; with <see cref="IsAssignedToMe"/>, what <see cref="Inspection.ActionsFor"/> needs.</summary>
    public Acting Acting => InspectionRoles.Of(access);

    public async Task<PagedResult<InspectionRow>> ListAsync(InspectionQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = Filter(db, query);
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(i => i.EntityName.Contains(page.Search) || i.Plan!.Title.Contains(page.Search));
        var total = await q.CountAsync(ct);
        q = page.SortBy switch
        {
            "EntityName" => page.Descending ? q.OrderByDescending(i => i.EntityName) : q.OrderBy(i => i.EntityName),
            "Date" => page.Descending ? q.OrderByDescending(i => i.InspectedOn ?? i.ScheduledOn) : q.OrderBy(i => i.InspectedOn ?? i.ScheduledOn),
            _ => q.OrderByDescending(i => i.PlanId).ThenBy(i => i.DrawOrder).ThenBy(i => i.Id),
        };
        return new(await Project(db, q.Skip(page.Skip).Take(page.Take), ct), total);
    }

    /// <summary>Every row the filters select (for the ledger), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<InspectionRow>> LedgerAsync(InspectionQuery query, int max = 20_000, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(db, Filter(db, query).OrderBy(i => i.PlanId).ThenBy(i => i.DrawOrder).Take(max), ct);
    }

    private IQueryable<Inspection> Filter(SupervisionDbContext db, InspectionQuery query)
    {
        var q = db.Inspections.AsNoTracking().AsQueryable();
        if (query.PlanId is { } plan) q = q.Where(i => i.PlanId == plan);
        if (query.Status is { } status) q = q.Where(i => i.Status == status);
        else q = q.Where(i => i.Status != InspectionStatus.Cancelled);
        if (query.CarrierId is { } carrier) q = q.Where(i => i.Branch!.CarrierId == carrier);
        if (query.From is { } from) q = q.Where(i => (i.InspectedOn ?? i.ScheduledOn ?? i.Plan!.PeriodEnd) >= from);
        if (query.To is { } to) q = q.Where(i => (i.InspectedOn ?? i.ScheduledOn ?? i.Plan!.PeriodStart) <= to);
        if (query.MineOnly && access.UserId is { } me) q = q.Where(i => i.Inspectors.Any(x => x.UserId == me));
        return q;
    }

    private static async Task<List<InspectionRow>> Project(SupervisionDbContext db, IQueryable<Inspection> q, CancellationToken ct)
    {
        var rows = await q.Select(i => new
        {
            i.Id, i.PlanId, PlanTitle = i.Plan!.Title, PlanKind = i.Plan.Kind, i.EntityName, Branch = i.Branch!.ShortName, Carrier = i.Branch.Carrier!.ShortName,
            i.Status, i.ScheduledOn, i.InspectedOn, i.Place, i.Representative, i.RecordNumber,
            Inspectors = i.Inspectors.OrderBy(x => x.UserName).Select(x => x.DisplayName).ToList(),
            Compliant = i.Items.Count(x => x.Outcome == ItemOutcome.Compliant),
            NonCompliant = i.Items.Count(x => x.Outcome == ItemOutcome.NonCompliant),
            NotApplicable = i.Items.Count(x => x.Outcome == ItemOutcome.NotApplicable),
            Pending = i.Items.Count(x => x.Outcome == ItemOutcome.Pending),
        }).ToListAsync(ct);
        return rows.Select(r => new InspectionRow(r.Id, r.PlanId, r.PlanTitle, r.PlanKind, r.EntityName, r.Branch, r.Carrier, r.Status, r.ScheduledOn, r.InspectedOn,
            string.Join("、", r.Inspectors), r.Compliant, r.NonCompliant, r.NotApplicable, r.Pending, r.Place, r.Representative, r.RecordNumber)).ToList();
    }

    /// <summary>Planned (by scheduled date) and done (by inspection date) inspections between two dates, for the calendar.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> CalendarAsync(DateOnly from, DateOnly to, bool mineOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = Filter(db, new InspectionQuery(MineOnly: mineOnly))
            .Where(i => (i.InspectedOn ?? i.ScheduledOn) >= from && (i.InspectedOn ?? i.ScheduledOn) <= to);
        var rows = await q.Select(i => new { i.Id, i.InspectedOn, i.ScheduledOn, i.EntityName, i.Status }).ToListAsync(ct);
        return rows.Select(r => new CalendarEntry(r.Id, (r.InspectedOn ?? r.ScheduledOn)!.Value, r.Status == InspectionStatus.Completed, r.EntityName, r.Status))
            .OrderBy(e => e.Date).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();
    }

    public async Task<int> UnscheduledCountAsync(bool mineOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Filter(db, new InspectionQuery(MineOnly: mineOnly))
            .CountAsync(i => i.ScheduledOn == null && i.InspectedOn == null && i.Status != InspectionStatus.Completed, ct);
    }

    public async Task<InspectionDetails> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Branch).ThenInclude(b => b!.Carrier)
            .Include(i => i.Inspectors.OrderBy(x => x.UserName)).Include(i => i.Items.OrderBy(x => x.SortOrder).ThenBy(x => x.ItemCode))
            .FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("检查记录");
        var plan = await db.InspectionPlans.AsNoTracking().SingleAsync(p => p.Id == inspection.PlanId, ct);
        var itemIds = inspection.Items.Select(i => i.Id).ToList();
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.OwnerType == EvidenceFile.InspectionItemOwner && itemIds.Contains(e.OwnerId))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var amendments = await db.InspectionAmendments.AsNoTracking().Where(a => a.InspectionId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var findings = await FindingService.Rows(db.Findings.AsNoTracking().Where(f => f.InspectionId == id)).ToListAsync(ct);
        var authority = await db.Provinces.Where(p => p.Id == inspection.ProvinceId).Select(p => p.AuthorityName).SingleAsync(ct);
        return new(inspection, plan, evidence, amendments, findings, authority, inspection.Branch!.Address, inspection.Branch.CreditCode);
    }

    public Task ScheduleAsync(long id, DateOnly? date, CancellationToken ct = default) =>
        ChangeAsync(id, null, async (db, i) => i.Schedule(date, await db.InspectionPlans.AsNoTracking().SingleAsync(p => p.Id == i.PlanId, ct)), ct);

    public Task SaveVisitAsync(long id, VisitInput input, CancellationToken ct = default) =>
        ChangeAsync(id, null, (_, i) =>
        {
            i.RecordVisit(input.InspectedOn, input.Place, input.Representative, input.RepresentativeTitle, input.Summary, Today,
                input.StartedAt, input.EndedAt, input.OutletsVisited, input.TransactionsSampled);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Records that the inspectors of the record showed their enforcement certificates to the inspected unit now (行政处罚法第五十五条),
    /// each with the 执法证号 of their profile; the record cannot be completed without it.
    /// </summary>
    public Task RecordCredentialsShownAsync(long id, CancellationToken ct = default) =>
        ChangeAsync(id, null, async (db, i) =>
        {
            var ids = i.Inspectors.Select(x => x.UserId).ToList();
            var certificates = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.EnforcementCertificate }).ToListAsync(ct);
            i.RecordCredentialsShown(i.Inspectors.OrderBy(x => x.UserName, StringComparer.Ordinal)
                .Select(x => (x.UserId, x.DisplayName, certificates.FirstOrDefault(c => c.Id == x.UserId)?.EnforcementCertificate)).ToList(), clock.GetUtcNow());
        }, ct);

    /// <summary>Saves one item's result as the inspector goes; returns the record's new version token.</summary>
    public async Task<Guid> SaveItemAsync(long id, long itemResultId, ItemOutcome outcome, string? notes, CancellationToken ct = default)
    {
        Guid token = default;
        await ChangeAsync(id, null, (_, i) =>
        {
            i.RecordItem(itemResultId, outcome, notes, access.Actor, clock.GetUtcNow());
            token = i.ConcurrencyToken;
            return Task.CompletedTask;
        }, ct);
        return token;
    }

    /// <summary>其余均符合: records every item not yet answered as 符合; returns how many.</summary>
    public async Task<int> RecordRemainingCompliantAsync(long id, CancellationToken ct = default)
    {
        var count = 0;
        await ChangeAsync(id, null, (_, i) =>
        {
            count = i.RecordRemainingCompliant(access.Actor, clock.GetUtcNow());
            return Task.CompletedTask;
        }, ct);
        return count;
    }

    /// <summary>Adds an evidence photo or PDF to an item; the content is checked (JPEG, PNG, PDF by magic bytes) and size-limited.</summary>
    public async Task<EvidenceFile> AddEvidenceAsync(long id, long itemResultId, string fileName, byte[] bytes, CancellationToken ct = default)
    {
        EvidenceFile? evidence = null;
        await ChangeAsync(id, null, async (db, i) =>
        {
            if (i.IsLocked)
                throw new DomainException("inspection.locked", "检查记录已完成并锁定，不能再添加证据。");
            var item = i.Items.FirstOrDefault(x => x.Id == itemResultId)
                       ?? throw new DomainException("inspection.item_outside_plan", "该检查项不属于本次检查的计划检查项目。");
            var count = await db.EvidenceFiles.CountAsync(e => e.OwnerType == EvidenceFile.InspectionItemOwner && e.OwnerId == item.Id, ct);
            if (count >= limits.MaxFilesPerRecord)
                throw new DomainException("evidence.too_many", $"每个检查项最多上传{limits.MaxFilesPerRecord}个证据文件。");
            evidence = EvidenceFile.Create(EvidenceFile.InspectionItemOwner, item.Id, i.ProvinceId, i.BranchId, visibleToParty: false,
                fileName, bytes, limits, access.Actor, clock.GetUtcNow());
            db.EvidenceFiles.Add(evidence);
        }, ct);
        return evidence!;
    }

    public async Task RemoveEvidenceAsync(long evidenceId, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var evidence = await db.EvidenceFiles.FirstOrDefaultAsync(e => e.Id == evidenceId && e.OwnerType == EvidenceFile.InspectionItemOwner, ct)
                       ?? throw new NotFoundException("证据文件");
        var inspection = await db.Inspections.Include(i => i.Inspectors).Include(i => i.Items)
            .SingleAsync(i => i.Items.Any(x => x.Id == evidence.OwnerId), ct);
        RequireAssigned(inspection);
        if (inspection.IsLocked)
            throw new DomainException("inspection.locked", "检查记录已完成并锁定，证据不能删除。");
        db.EvidenceFiles.Remove(evidence);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The bytes of an evidence file, if the user may see the record it belongs to.</summary>
    public async Task<(EvidenceFile Evidence, byte[] Bytes)> EvidenceAsync(long evidenceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId, ct) ?? throw new NotFoundException("证据文件");
        var bytes = await db.FileContents.Where(c => c.FileId == evidence.FileId).Select(c => c.Bytes).SingleAsync(ct);
        return (evidence, bytes);
    }

    /// <summary>
    /// Completes and locks the record, issues the numbered 现场检查记录, and turns every 不符合 item into a finding — in one
    /// transaction; <paramref name="token"/> is the version the inspector reviewed.
    /// </summary>
    public async Task<IssuedDocument> CompleteAsync(long id, Guid token, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        var head = await GetAsync(id, ct);
        RequireAssigned(head.Inspection);
        var today = Today;
        // Checked before rendering as well, so an incomplete record never costs a render.
        head.Inspection.RequireCompletable(today);
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await InspectionRecordData.WithBasesAsync(InspectionRecordData.Of(head, today), db, ct, head.Inspection.Inspectors.Select(x => x.UserId).ToList());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var inspection = await LoadAsync(db, id, ct);
        if (inspection.ConcurrencyToken != token)
            throw new DomainException("inspection.changed", "检查记录刚被修改，请刷新后核对再完成。");
        // The issued record is the party's too (its representative signed it on the spot, and the corrective notice cites it): visible
        // to the inspected branch, unlike the working record (items, notes, evidence) and the previews before completion.
        var document = await documents.IssueAsync(db, new DocumentRequest(DocumentKind.InspectionRecord, inspection.ProvinceId, inspection.BranchId, OwnerType,
            id.ToString(CultureInfo.InvariantCulture), VisibleToParty: true, today), number =>
        {
            inspection.Complete(access.Actor, clock.GetUtcNow(), today, number?.ToString());
            return record;
        }, ct);
        foreach (var item in inspection.Items.Where(x => x.Outcome == ItemOutcome.NonCompliant))
            db.Findings.Add(FindingFor(inspection, item, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await FindingsChangedAsync(db, inspection, ct);
        await tx.CommitAsync(ct);
        return document;
    }

    /// <summary>The record as it would be issued now, without a number (for checking before completion).</summary>
    public async Task<byte[]> PreviewRecordAsync(long id, CancellationToken ct = default)
    {
        var details = await GetAsync(id, ct);
        var record = InspectionRecordData.Of(details, Today);
        await using var db = await factory.CreateDbContextAsync(ct);
        return documents.Preview(await InspectionRecordData.WithBasesAsync(record, db, ct, details.Inspection.Inspectors.Select(x => x.UserId).ToList()));
    }

    private Finding FindingFor(Inspection inspection, InspectionItemResult item, DateTimeOffset now) => new()
    {
        ProvinceId = inspection.ProvinceId, BranchId = inspection.BranchId, Source = FindingSource.Inspection, InspectionId = inspection.Id,
        ItemResultId = item.Id, ChecklistItemId = item.ChecklistItemId, Title = item.ItemTitle,
        Facts = $"{ChineseDate.Format(inspection.InspectedOn!.Value)}，本局检查人员对{inspection.EntityName}进行现场检查时发现：{item.Notes}", FoundOn = inspection.InspectedOn!.Value,
        LegalBasisId = item.LegalBasisId, Status = FindingStatus.Open, CreatedAt = now, CreatedBy = access.Actor,
    };

    /// <summary>
    /// Changes one item of a completed record as an amendment with its reason. A new 不符合 becomes a finding; a 不符合 taken
    /// back withdraws its finding unless that was already acted on (then the amendment is refused).
    /// </summary>
    public async Task<InspectionAmendment> AmendAsync(long id, long itemResultId, ItemOutcome outcome, string? notes, string reason, CancellationToken ct = default)
    {
        InspectionAmendment? amendment = null;
        await ChangeAsync(id, null, async (db, i) =>
        {
            var now = clock.GetUtcNow();
            amendment = i.Amend(itemResultId, outcome, notes, reason, access.Actor, now);
            db.InspectionAmendments.Add(amendment);
            var item = i.Items.Single(x => x.Id == itemResultId);
            var finding = await db.Findings.FirstOrDefaultAsync(f => f.ItemResultId == item.Id, ct);
            if (outcome == ItemOutcome.NonCompliant)
            {
                if (finding is null) db.Findings.Add(FindingFor(i, item, now));
                else if (finding.Status == FindingStatus.Open) finding.Facts = FindingFor(i, item, now).Facts;
            }
            else if (finding is { Status: not FindingStatus.Withdrawn })
            {
                finding.Withdraw($"检查记录更正：{amendment.Reason}", access.Actor, now);
            }
        }, ct, findingsChanged: true);
        return amendment!;
    }

    private async Task ChangeAsync(long id, Guid? token, Func<SupervisionDbContext, Inspection, Task> change, CancellationToken ct, bool findingsChanged = false)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var inspection = await LoadAsync(db, id, ct);
        RequireAssigned(inspection);
        if (token is { } t && inspection.ConcurrencyToken != t)
            throw new DomainException("inspection.changed", "检查记录刚被修改，请刷新后再操作。");
        await change(db, inspection);
        await using var tx = findingsChanged ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveOrRefuseAsync("inspection.changed", "检查记录刚被同组检查人员修改，请刷新后再操作。", ct);
        if (tx is not null)
        {
            await FindingsChangedAsync(db, inspection, ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>Findings made or withdrawn from a record change what depends on them (the rankings' summary) from the day of the inspection.</summary>
    private async Task FindingsChangedAsync(SupervisionDbContext db, Inspection inspection, CancellationToken ct)
    {
        await rankings.RecordsChangedAsync(db, inspection.BranchId, inspection.InspectedOn ?? Today, ct);
    }

    private static async Task<Inspection> LoadAsync(SupervisionDbContext db, long id, CancellationToken ct) =>
        await db.Inspections.Include(i => i.Inspectors).Include(i => i.Items).FirstOrDefaultAsync(i => i.Id == id, ct)
        ?? throw new NotFoundException("检查记录");

    /// <summary>Only the inspectors drawn for an inspection record it (system jobs and seeding aside).</summary>
    private void RequireAssigned(Inspection inspection)
    {
        if (access.Scope.SeesAll && access.Scope.Role is null) return;
        if (access.UserId is null || !inspection.IsAssigned(access.UserId))
            throw new AccessDeniedException("只有抽中的检查人员可以记录本次检查。");
    }

    public bool IsAssignedToMe(Inspection inspection) => access.UserId is { } me && inspection.IsAssigned(me);

    private DateOnly Today => BeijingTime.Today(clock);
}
