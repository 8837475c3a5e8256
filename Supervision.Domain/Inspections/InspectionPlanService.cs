using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Inspections;

public sealed record PlanInput(long Id, PlanKind Kind, int Year, string Title, string? Description, DateOnly PeriodStart, DateOnly PeriodEnd,
    PlanScope Scope, IReadOnlyList<string> ScopeCodes, IReadOnlyList<int> ChecklistItemIds, decimal SamplingRatio, int InspectorsPerInspection,
    DrawMethod DrawMethod = DrawMethod.Uniform);

public sealed record PlanQuery(int? Year = null, PlanKind? Kind = null, PlanStatus? Status = null);

public sealed record PlanRow(long Id, PlanKind Kind, int Year, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, PlanScope Scope,
    decimal SamplingRatio, PlanStatus Status, int Inspections, int Completed);

public sealed record ScopeOption(string Code, string Label);

public sealed record PlanDetails(InspectionPlan Plan, IReadOnlyList<ChecklistItem> Items, IReadOnlyList<ScopeOption> ScopeTargets,
    IReadOnlyList<DrawRow> Draws, int Inspections, int Completed, IReadOnlyList<AvailableAction> Actions);

public sealed record DrawRow(long Id, long PlanId, string PlanTitle, DateTimeOffset DrawnAt, string DrawnBy, SeedSource SeedSource, int RosterSize,
    int DrawnCount, bool Published, bool Voided, bool Superseded);

public sealed record InspectorInfo(string UserId, string UserName, string DisplayName);

public sealed record RecusalRow(long Id, string InspectorUserName, string InspectorName, string CarrierCode, string Carrier, string Reason,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? EndedAt);

/// <summary>Inspection plans, their rosters (the entities in scope and the inspectors), and recusals.</summary>
public sealed class InspectionPlanService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock)
{
    /// <summary>How the signed-in user takes part in plans (the actor <see cref="InspectionPlan.ActionsFor"/> answers).</summary>
    public Acting Acting => InspectionRoles.Of(access);

    public async Task<PagedResult<PlanRow>> ListAsync(PlanQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.InspectionPlans.AsNoTracking().AsQueryable();
        if (query.Year is { } year) q = q.Where(p => p.Year == year);
        if (query.Kind is { } kind) q = q.Where(p => p.Kind == kind);
        if (query.Status is { } status) q = q.Where(p => p.Status == status);
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(p => p.Title.Contains(page.Search));
        var total = await q.CountAsync(ct);
        q = page.SortBy switch
        {
            "Title" => page.Descending ? q.OrderByDescending(p => p.Title) : q.OrderBy(p => p.Title),
            "PeriodStart" => page.Descending ? q.OrderByDescending(p => p.PeriodStart) : q.OrderBy(p => p.PeriodStart),
            _ => q.OrderByDescending(p => p.Year).ThenByDescending(p => p.PeriodStart).ThenByDescending(p => p.Id),
        };
        var rows = await q.Skip(page.Skip).Take(page.Take)
            .Select(p => new PlanRow(p.Id, p.Kind, p.Year, p.Title, p.PeriodStart, p.PeriodEnd, p.Scope, p.SamplingRatio, p.Status,
                db.Inspections.Count(i => i.PlanId == p.Id && i.Status != InspectionStatus.Cancelled),
                db.Inspections.Count(i => i.PlanId == p.Id && i.Status == InspectionStatus.Completed)))
            .ToListAsync(ct);
        return new(rows, total);
    }

    public async Task<PlanDetails> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("检查计划");
        var items = await db.ChecklistItems.AsNoTracking().Include(i => i.LegalBasis).Where(i => plan.ChecklistItemIds.Contains(i.Id))
            .OrderBy(i => i.SortOrder).ToListAsync(ct);
        var options = (await ScopeOptionsAsync(plan.Scope, ct, plan.ProvinceId)).ToDictionary(o => o.Code);
        var targets = plan.ScopeCodes.Select(c => options.GetValueOrDefault(c) ?? new ScopeOption(c, c)).ToList();
        var draws = await DrawRows(db.InspectionDraws.AsNoTracking().Where(d => d.PlanId == id)).ToListAsync(ct);
        var inspections = await db.Inspections.CountAsync(i => i.PlanId == id && i.Status != InspectionStatus.Cancelled, ct);
        var completed = await db.Inspections.CountAsync(i => i.PlanId == id && i.Status == InspectionStatus.Completed, ct);
        var (standing, _) = await DrawService.StandingAsync(db, id, ct);
        return new(plan, items, targets, draws, inspections, completed, plan.ActionsFor(Acting, standing));
    }

    internal static IQueryable<DrawRow> DrawRows(IQueryable<InspectionDraw> q) => q.OrderByDescending(d => d.DrawnAt)
        .Select(d => new DrawRow(d.Id, d.PlanId, d.Plan!.Title, d.DrawnAt, d.DrawnBy, d.SeedSource, d.RosterSize, d.DrawnCount, d.PublishedAt != null, d.VoidedAt != null, d.SupersededAt != null));

    /// <summary>Creates (Id 0) or changes a plan still in draft; returns its id.</summary>
    public async Task<long> SaveAsync(PlanInput input, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = input.Id == 0
            ? db.InspectionPlans.Add(new InspectionPlan { ProvinceId = ProvinceOfActor(), Status = PlanStatus.Draft, CreatedAt = clock.GetUtcNow(), CreatedBy = access.Actor }).Entity
            : await db.InspectionPlans.FirstOrDefaultAsync(p => p.Id == input.Id, ct) ?? throw new NotFoundException("检查计划");
        if (!plan.IsEditable)
            throw new DomainException("plan.not_editable", $"计划已{InspectionPlan.StatusLabel(plan.Status)}，不能再修改。");
        plan.Kind = input.Kind;
        plan.Year = input.Year;
        plan.Title = input.Title?.Trim() ?? "";
        plan.Description = Inspection.Clean(input.Description, 4000);
        (plan.PeriodStart, plan.PeriodEnd) = (input.PeriodStart, input.PeriodEnd);
        plan.Scope = input.Scope;
        plan.ScopeCodes = input.ScopeCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        plan.ChecklistItemIds = input.ChecklistItemIds.Distinct().Order().ToList();
        plan.SamplingRatio = input.SamplingRatio;
        plan.InspectorsPerInspection = input.InspectorsPerInspection;
        plan.DrawMethod = input.DrawMethod;
        if (plan.Validate() is { Count: > 0 } errors)
            throw new DomainException("plan.invalid", string.Join(" ", errors));
        var known = (await ScopeOptionsAsync(plan.Scope, ct, plan.ProvinceId)).Select(o => o.Code).ToHashSet();
        if (plan.ScopeCodes.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
            throw new DomainException("plan.scope_unknown", $"检查范围中的“{unknown}”不属于本省或已不存在。");
        var activeItems = await db.ChecklistItems.Where(i => i.IsActive && plan.ChecklistItemIds.Contains(i.Id)).CountAsync(ct);
        if (activeItems != plan.ChecklistItemIds.Count)
            throw new DomainException("plan.items_unknown", "所选检查项目中有已停用或不存在的项目。");
        await db.SaveChangesAsync(ct);
        return plan.Id;
    }

    public Task ActivateAsync(long id, CancellationToken ct = default) => ChangeAsync(id, p => p.Activate(), ct);

    public Task CompleteAsync(long id, CancellationToken ct = default) => ChangeAsync(id, p => p.Complete(), ct);

    public Task CancelAsync(long id, string reason, CancellationToken ct = default) => ChangeAsync(id, p => p.Cancel(reason), ct);

    private async Task ChangeAsync(long id, Action<InspectionPlan> change, CancellationToken ct)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.InspectionPlans.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("检查计划");
        change(plan);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What a plan's scope may name in the acting user's province: carriers, branches, cities, or branches filing outlets.</summary>
    public async Task<IReadOnlyList<ScopeOption>> ScopeOptionsAsync(PlanScope scope, CancellationToken ct = default, int? provinceId = null)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = provinceId ?? ProvinceOfActor();
        var branches = db.Branches.AsNoTracking().Where(b => b.ProvinceId == province);
        return scope switch
        {
            PlanScope.Carriers => (await branches.Where(b => b.Level == BranchLevel.Provincial)
                    .Select(b => new { b.Carrier!.SortOrder, b.Carrier.Code, b.Carrier.ShortName }).ToListAsync(ct))
                .DistinctBy(c => c.Code).OrderBy(c => c.SortOrder).Select(c => new ScopeOption(c.Code, c.ShortName)).ToList(),
            PlanScope.Cities => await db.Cities.AsNoTracking().Where(c => c.ProvinceId == province).OrderBy(c => c.Code)
                .Select(c => new ScopeOption(c.Code, c.Name)).ToListAsync(ct),
            PlanScope.Outlets => await branches.Where(b => b.Level == BranchLevel.Provincial).OrderBy(b => b.Carrier!.SortOrder).ThenBy(b => b.Code)
                .Select(b => new ScopeOption(b.Code, b.ShortName)).ToListAsync(ct),
            _ => await branches.OrderBy(b => b.Carrier!.SortOrder).ThenBy(b => b.Code).Select(b => new ScopeOption(b.Code, b.ShortName)).ToListAsync(ct),
        };
    }

    /// <summary>The entities a draw for this plan would be made from, as the data stands now.</summary>
    public async Task<IReadOnlyList<RosterEntity>> RosterAsync(long planId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("检查计划");
        return await RosterAsync(db, plan, ct);
    }

    internal static async Task<List<RosterEntity>> RosterAsync(SupervisionDbContext db, InspectionPlan plan, CancellationToken ct)
    {
        var codes = plan.ScopeCodes;
        var branches = db.Branches.AsNoTracking().Where(b => b.ProvinceId == plan.ProvinceId);
        var entities = plan.Scope switch
        {
            PlanScope.Carriers => await branches.Where(b => b.Level == BranchLevel.Provincial && codes.Contains(b.Carrier!.Code))
                .Select(b => new RosterEntity(b.Code, b.Name, b.Carrier!.Code, b.Id, null, null)).ToListAsync(ct),
            PlanScope.Branches => await branches.Where(b => codes.Contains(b.Code))
                .Select(b => new RosterEntity(b.Code, b.Name, b.Carrier!.Code, b.Id, b.City!.Code, null)).ToListAsync(ct),
            PlanScope.Cities => await branches.Where(b => b.Level == BranchLevel.City && codes.Contains(b.City!.Code))
                .Select(b => new RosterEntity(b.Code, b.Name, b.Carrier!.Code, b.Id, b.City!.Code, null)).ToListAsync(ct),
            PlanScope.Outlets => await OutletRosterAsync(db, plan, ct),
            _ => [],
        };
        return [.. entities.OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Outlets from the latest accepted RN-MONTHLY 网点明细 of each branch in scope; an outlet is inspected as part of the
    /// carrier's city company of its city when there is one, else of the filing branch.
    /// </summary>
    private static async Task<List<RosterEntity>> OutletRosterAsync(SupervisionDbContext db, InspectionPlan plan, CancellationToken ct)
    {
        var filing = await db.Branches.AsNoTracking().Where(b => b.ProvinceId == plan.ProvinceId && plan.ScopeCodes.Contains(b.Code))
            .Select(b => new { b.Id, b.Code, b.Name, b.CarrierId, Carrier = b.Carrier!.Code }).ToListAsync(ct);
        var result = new List<RosterEntity>();
        foreach (var branch in filing)
        {
            var latest = await db.Submissions.AsNoTracking()
                .Where(s => s.BranchId == branch.Id && s.TemplateCode == "RN-MONTHLY" && s.Status == SubmissionStatus.Accepted)
                .OrderByDescending(s => s.Period).ThenByDescending(s => s.Version).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
            if (latest is null) continue;
            var cityBranches = await db.Branches.AsNoTracking().Where(b => b.ParentBranchId == branch.Id && b.CityId != null)
                .Select(b => new { b.Id, b.Name, City = b.City!.Code }).ToListAsync(ct);
            var byCity = cityBranches.ToDictionary(b => b.City);
            var outlets = await db.OutletRows.AsNoTracking().Where(r => r.SubmissionId == latest).OrderBy(r => r.RowNumber)
                .Select(r => new { r.OutletCode, r.OutletName, r.CityCode }).ToListAsync(ct);
            foreach (var o in outlets.DistinctBy(o => o.OutletCode))
            {
                var owner = byCity.GetValueOrDefault(o.CityCode);
                result.Add(new RosterEntity($"{branch.Code}/{o.OutletCode}", $"{owner?.Name ?? branch.Name}·{o.OutletName}", branch.Carrier,
                    owner?.Id ?? branch.Id, o.CityCode, o.OutletCode));
            }
        }
        return result;
    }

    /// <summary>The inspectors of the province (the inspector roster of the 双随机 draw).</summary>
    public async Task<IReadOnlyList<InspectorInfo>> InspectorsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InspectorsAsync(db, ProvinceOfActor(), ct);
    }

    internal static async Task<List<InspectorInfo>> InspectorsAsync(SupervisionDbContext db, int provinceId, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.Role == UserRole.Inspector && u.ProvinceId == provinceId)
            .Select(u => new InspectorInfo(u.Id, u.UserName!, u.DisplayName)).ToListAsync(ct))
        .OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<RecusalRow>> RecusalsAsync(bool includeEnded = false, CancellationToken ct = default)
    {
        if (access.Scope.IsCarrier) throw new AccessDeniedException("回避登记是监管机构的内部信息。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.InspectorRecusals.AsNoTracking();
        if (!includeEnded) q = q.Where(r => r.EndedAt == null);
        var rows = await q.OrderBy(r => r.InspectorUserName).ThenBy(r => r.CarrierCode).ToListAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => rows.Select(r => r.InspectorUserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var carriers = await db.Carriers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ShortName, ct);
        return rows.Select(r => new RecusalRow(r.Id, r.InspectorUserName, names.GetValueOrDefault(r.InspectorUserId, r.InspectorUserName), r.CarrierCode,
            carriers.GetValueOrDefault(r.CarrierId, r.CarrierCode), r.Reason, r.CreatedAt, r.CreatedBy, r.EndedAt)).ToList();
    }

    public async Task<long> AddRecusalAsync(string inspectorUserId, int carrierId, string reason, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        reason = reason?.Trim() ?? "";
        if (reason.Length < 2) throw new DomainException("recusal.reason", "请写明回避事由（如亲属在该企业任职）。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = ProvinceOfActor();
        var inspector = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == inspectorUserId && u.Role == UserRole.Inspector && u.ProvinceId == province, ct)
                        ?? throw new DomainException("recusal.inspector", "所选人员不是本局的检查人员。");
        var carrier = await db.Carriers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == carrierId, ct) ?? throw new NotFoundException("电信企业");
        if (await db.InspectorRecusals.AnyAsync(r => r.InspectorUserId == inspector.Id && r.CarrierId == carrierId && r.EndedAt == null, ct))
            throw new DomainException("recusal.duplicate", $"{inspector.DisplayName}对{carrier.ShortName}的回避已登记。");
        var recusal = new InspectorRecusal
        {
            ProvinceId = province, InspectorUserId = inspector.Id, InspectorUserName = inspector.UserName!, CarrierId = carrier.Id, CarrierCode = carrier.Code,
            Reason = reason, CreatedAt = clock.GetUtcNow(), CreatedBy = access.Actor,
        };
        db.InspectorRecusals.Add(recusal);
        await db.SaveChangesAsync(ct);
        return recusal.Id;
    }

    public async Task EndRecusalAsync(long id, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var recusal = await db.InspectorRecusals.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("回避登记");
        if (!recusal.IsActive) throw new DomainException("recusal.ended", "该回避登记已解除。");
        (recusal.EndedAt, recusal.EndedBy) = (clock.GetUtcNow(), access.Actor);
        await db.SaveChangesAsync(ct);
    }

    private int ProvinceOfActor() => access.Scope.Kind == ScopeKind.Province
        ? access.Scope.ProvinceId
        : throw new AccessDeniedException("检查计划属于省级管理局，请以本局人员身份操作。");
}
