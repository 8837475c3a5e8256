using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Notifications;

namespace Supervision.Domain.Inspections;

/// <summary>
/// How to seed a draw: null seed means the system picks one (cryptographic random). A redraw of a plan whose draw was
/// published carries its reason.
/// </summary>
public sealed record DrawCommand(long PlanId, string? CeremonySeed, string? Witnesses, string? RedrawReason = null);

/// <summary>A draw as its page shows it: snapshots by key, the inspections it created, the inspectors replaced since and what the user may do.</summary>
public sealed record DrawDetails(InspectionDraw Draw, string PlanTitle, IReadOnlyDictionary<string, RosterEntity> Entities,
    IReadOnlyDictionary<string, RosterInspector> Inspectors, IReadOnlyDictionary<string, long> InspectionIds,
    IReadOnlyList<DrawReplacement> Replacements, IReadOnlyDictionary<string, IReadOnlyList<InspectorInfo>> CurrentInspectors,
    IReadOnlyList<AvailableAction> Actions);

/// <summary>The verification and how the current roster differs from the snapshot (e.g. a branch added since).</summary>
public sealed record DrawCheck(DrawVerification Verification, IReadOnlyList<string> EntitiesAddedSince, IReadOnlyList<string> EntitiesRemovedSince,
    IReadOnlyList<string> InspectorsAddedSince, IReadOnlyList<string> InspectorsRemovedSince, int Replacements = 0, int ReplacementsReproduced = 0);

/// <summary>The 双随机 draw: from the plan's roster and the province's inspectors, reproducible and verifiable.</summary>
public sealed class DrawService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, NotificationService notifications,
    Publicity.PublicityService publicity, Rankings.RankingService rankings)
{
    /// <summary>
    /// Snapshots the rosters and recusals, draws, and creates one inspection per drawn entity with its inspectors and the
    /// plan's checklist items — all in one transaction; then tells each inspector of the assignment.
    /// </summary>
    public async Task<InspectionDraw> DrawAsync(DrawCommand command, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = await db.InspectionPlans.FirstOrDefaultAsync(p => p.Id == command.PlanId, ct) ?? throw new NotFoundException("检查计划");
        var (standing, previous) = await StandingAsync(db, plan.Id, ct);
        plan.RequireCanDraw(standing, command.RedrawReason);
        var inputs = await CurrentInputsAsync(db, plan, ct);
        var ceremony = !string.IsNullOrWhiteSpace(command.CeremonySeed);
        var now = clock.GetUtcNow();
        var draw = InspectionDraw.Perform(plan, inputs, ceremony ? command.CeremonySeed! : DrawAlgorithm.NewSeed(),
            ceremony ? SeedSource.Ceremony : SeedSource.System, access.Actor, now, command.Witnesses);
        if (command.RedrawReason is { } reason)
        {
            // The earlier draw stays published; its inspections, none of them started, give way to the new draw's.
            draw.Replaces(previous!, reason, now);
            foreach (var earlier in await db.Inspections.Where(i => i.DrawId == previous!.Id).ToListAsync(ct)) earlier.Cancel();
        }
        db.InspectionDraws.Add(draw);
        await db.SaveChangesAsync(ct);
        // A redraw is itself published at once, with its reason: it is not a second chance to draw until a result pleases.
        if (draw.RedrawOfId is not null) await PublishAsync(db, draw, plan.Title, ct);

        var items = await db.ChecklistItems.AsNoTracking().Where(i => plan.ChecklistItemIds.Contains(i.Id)).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var entities = draw.Entities.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var inspectors = draw.Inspectors.ToDictionary(i => i.UserName, StringComparer.Ordinal);
        var created = new List<Inspection>();
        foreach (var pick in draw.Result)
        {
            var entity = entities[pick.EntityKey];
            var inspection = new Inspection
            {
                ProvinceId = plan.ProvinceId, BranchId = entity.BranchId, PlanId = plan.Id, DrawId = draw.Id, DrawOrder = pick.Order,
                EntityKey = entity.Key, EntityName = entity.Name, OutletCode = entity.OutletCode,
            };
            foreach (var userName in pick.Inspectors)
            {
                var inspector = inspectors[userName];
                inspection.Inspectors.Add(new InspectionInspector
                {
                    ProvinceId = plan.ProvinceId, BranchId = entity.BranchId, UserId = inspector.UserId, UserName = inspector.UserName, DisplayName = inspector.DisplayName,
                });
            }
            foreach (var item in items)
                inspection.Items.Add(new InspectionItemResult
                {
                    ProvinceId = plan.ProvinceId, BranchId = entity.BranchId, ChecklistItemId = item.Id, ItemCode = item.Code, ItemTitle = item.Title,
                    ItemEvidenceHint = item.Evidence, LegalBasisId = item.LegalBasisId, SortOrder = item.SortOrder, Outcome = ItemOutcome.Pending,
                });
            created.Add(inspection);
        }
        db.Inspections.AddRange(created);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        foreach (var inspection in created)
            await notifications.PublishAsync(new NotificationDraft($"inspection-assigned:{inspection.Id}", NotificationLevel.Info,
                "新的检查任务", $"“{plan.Title}”双随机抽取：您被抽中检查{inspection.EntityName}（第{inspection.DrawOrder}号）。请在计划期间（{ChineseDate.Format(plan.PeriodStart)}至{ChineseDate.Format(plan.PeriodEnd)}）内完成检查。",
                $"/inspections/{inspection.Id}"), inspection.Inspectors.Select(i => i.UserId).ToList(), ct);
        return draw;
    }

    /// <summary>The plan's current draw (neither voided nor replaced by a redraw) and whether its inspections have started.</summary>
    internal static async Task<(DrawStanding Standing, InspectionDraw? Current)> StandingAsync(SupervisionDbContext db, long planId, CancellationToken ct)
    {
        var current = await db.InspectionDraws.Where(d => d.PlanId == planId && d.VoidedAt == null && d.SupersededAt == null)
            .OrderByDescending(d => d.DrawnAt).FirstOrDefaultAsync(ct);
        if (current is null) return (DrawStanding.None, null);
        return (new DrawStanding(true, current.IsPublished, await StartedAsync(db, current.Id, ct)), current);
    }

    private static Task<bool> StartedAsync(SupervisionDbContext db, long drawId, CancellationToken ct) =>
        db.Inspections.AnyAsync(i => i.DrawId == drawId && i.Status != InspectionStatus.Planned && i.Status != InspectionStatus.Cancelled, ct);

    /// <summary>The inputs a draw for the plan would use now: roster, inspectors and active recusals.</summary>
    public async Task<DrawInputs> CurrentInputsAsync(long planId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("检查计划");
        return await CurrentInputsAsync(db, plan, ct);
    }

    private async Task<DrawInputs> CurrentInputsAsync(SupervisionDbContext db, InspectionPlan plan, CancellationToken ct)
    {
        IReadOnlyList<RosterEntity> entities = await InspectionPlanService.RosterAsync(db, plan, ct);
        RiskFormula? risk = null;
        if (plan.DrawMethod == DrawMethod.RiskWeighted)
        {
            risk = await DrawRiskInputs.FormulaAsync(db, ct);
            var ranks = DrawRiskInputs.RankUnits(await rankings.ProvinceAsync(plan.ProvinceId, ct: ct));
            entities = await DrawRiskInputs.WeighAsync(db, entities, risk, ranks, clock.GetUtcNow(), ct);
        }
        var inspectors = (await InspectionPlanService.InspectorsAsync(db, plan.ProvinceId, ct))
            .Select(i => new RosterInspector(i.UserName, i.DisplayName, i.UserId)).ToList();
        var names = inspectors.Select(i => i.UserName).ToHashSet();
        var carriers = entities.Select(e => e.CarrierCode).ToHashSet();
        var recusals = (await db.InspectorRecusals.AsNoTracking().Where(r => r.ProvinceId == plan.ProvinceId && r.EndedAt == null)
                .Select(r => new RosterRecusal(r.InspectorUserName, r.CarrierCode)).ToListAsync(ct))
            .Where(r => names.Contains(r.UserName) && carriers.Contains(r.CarrierCode)).ToList();
        return new DrawInputs(new DrawParameters(plan.SamplingRatio, plan.InspectorsPerInspection, risk), entities, inspectors, recusals).Canonical();
    }

    /// <summary>The risk factors of weighted draws, in their order.</summary>
    public async Task<IReadOnlyList<DrawRiskFactor>> RiskFactorsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DrawRiskFactors.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Code).ToListAsync(ct);
    }

    /// <summary>Changes a risk factor's points, cap and window; administrators only, audited as catalog data. Draws made already keep the formula they used.</summary>
    public async Task SaveRiskFactorAsync(int id, decimal points, int cap, int? windowMonths, CancellationToken ct = default)
    {
        if (!access.Scope.IsAdministrator) throw new AccessDeniedException("只有系统管理员可以修改抽查风险权重。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var factor = await db.DrawRiskFactors.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("风险因素");
        (factor.Points, factor.Cap, factor.WindowMonths) = (points, cap, factor.WindowMonths is null ? null : windowMonths);
        if (factor.Validate() is { Count: > 0 } errors)
            throw new DomainException("draw.risk_factor_invalid", string.Join(" ", errors));
        await db.SaveChangesAsync(ct);
    }

    public async Task<PagedResult<DrawRow>> ListAsync(PageRequest page, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.InspectionDraws.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(page.Search)) q = q.Where(d => d.Plan!.Title.Contains(page.Search));
        var total = await q.CountAsync(ct);
        return new(await InspectionPlanService.DrawRows(q).Skip(page.Skip).Take(page.Take).ToListAsync(ct), total);
    }

    public async Task<DrawDetails> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var draw = await db.InspectionDraws.AsNoTracking().Include(d => d.Plan).FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("抽取记录");
        var inspections = await db.Inspections.AsNoTracking().Include(i => i.Inspectors).Where(i => i.DrawId == id).ToListAsync(ct);
        var replacements = await db.DrawReplacements.AsNoTracking().Where(r => r.DrawId == id).OrderBy(r => r.ReplacedAt).ToListAsync(ct);
        var started = inspections.Any(i => i.Status is not (InspectionStatus.Planned or InspectionStatus.Cancelled));
        return new(draw, draw.Plan!.Title, draw.Entities.ToDictionary(e => e.Key), draw.Inspectors.ToDictionary(i => i.UserName),
            inspections.ToDictionary(i => i.EntityKey, i => i.Id), replacements,
            inspections.ToDictionary(i => i.EntityKey, i => (IReadOnlyList<InspectorInfo>)[.. i.Inspectors.Select(x => new InspectorInfo(x.UserId, x.UserName, x.DisplayName))]),
            draw.ActionsFor(InspectionRoles.Of(access), started));
    }

    /// <summary>Re-runs the draw from its stored snapshots and seed, and compares the snapshot with the roster as it is now.</summary>
    public async Task<DrawCheck> VerifyAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var draw = await db.InspectionDraws.AsNoTracking().Include(d => d.Plan).FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("抽取记录");
        var verification = draw.Verify();
        var replacements = await db.DrawReplacements.AsNoTracking().Where(r => r.DrawId == id).ToListAsync(ct);
        var reproduced = replacements.Count(r => r.Verify(draw));
        var now = await CurrentInputsAsync(db, draw.Plan!, ct);
        var thenEntities = draw.Entities.Select(e => e.Key).ToHashSet();
        var nowEntities = now.Entities.Select(e => e.Key).ToHashSet();
        var thenInspectors = draw.Inspectors.Select(e => e.UserName).ToHashSet();
        var nowInspectors = now.Inspectors.Select(e => e.UserName).ToHashSet();
        db.RecordEvent(Audit.AuditActions.Verify, nameof(InspectionDraw), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Json.JsonSerializer.Serialize(new { verification.Matches, verification.InputsIntact, verification.ResultReproduced, Replacements = replacements.Count, ReplacementsReproduced = reproduced }));
        await db.SaveChangesAsync(ct);
        return new(verification, [.. nowEntities.Except(thenEntities).Order()], [.. thenEntities.Except(nowEntities).Order()],
            [.. nowInspectors.Except(thenInspectors).Order()], [.. thenInspectors.Except(nowInspectors).Order()], replacements.Count, reproduced);
    }

    /// <summary>
    /// 一公开: publishes the result (verified first: a draw that does not verify is never published) and queues its
    /// announcement for the public site in the same transaction; an officer publishes it from 公告公示.
    /// </summary>
    public async Task PublishAsync(long id, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var draw = await db.InspectionDraws.Include(d => d.Plan).FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("抽取记录");
        if (draw.Verify() is { Matches: false } failed)
            throw new DomainException("draw.not_verified", failed.Message + "不能公开。");
        await PublishAsync(db, draw, draw.Plan!.Title, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task PublishAsync(SupervisionDbContext db, InspectionDraw draw, string planTitle, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        draw.Publish(access.Actor, now);
        var (branchId, content) = DrawAnnouncement.Of(draw, planTitle);
        await publicity.QueueAsync(db, draw.ProvinceId, branchId, Publicity.AnnouncementKind.DrawResult, DrawAnnouncement.SourceType,
            draw.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), content, BeijingTime.Today(now), ct);
    }

    /// <summary>
    /// 更换检查人员 on the current published draw: the replacement is drawn at random among the province's inspectors not on
    /// the inspection and not recused for the carrier, recorded with its seed so anyone can run it again, and published
    /// like the draw — all in one transaction; then the new inspector is told.
    /// </summary>
    public async Task<DrawReplacement> ReplaceInspectorAsync(long drawId, string entityKey, string userName, string reason, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var draw = await db.InspectionDraws.Include(d => d.Plan).FirstOrDefaultAsync(d => d.Id == drawId, ct) ?? throw new NotFoundException("抽取记录");
        var inspection = await db.Inspections.Include(i => i.Inspectors).FirstOrDefaultAsync(i => i.DrawId == drawId && i.EntityKey == entityKey, ct)
            ?? throw new NotFoundException("检查任务");
        var carrier = draw.Entities.First(e => e.Key == entityKey).CarrierCode;
        var recused = (await db.InspectorRecusals.AsNoTracking().Where(r => r.ProvinceId == draw.ProvinceId && r.EndedAt == null && r.CarrierCode == carrier)
            .Select(r => r.InspectorUserName).ToListAsync(ct)).Concat(draw.Recusals.Where(r => r.CarrierCode == carrier).Select(r => r.UserName)).ToHashSet();
        var candidates = (await InspectionPlanService.InspectorsAsync(db, draw.ProvinceId, ct))
            .Where(i => !inspection.Inspectors.Any(x => x.UserName == i.UserName) && !recused.Contains(i.UserName))
            .Select(i => new RosterInspector(i.UserName, i.DisplayName, i.UserId)).ToList();
        var now = clock.GetUtcNow();
        var replacement = DrawReplacement.Perform(draw, inspection, userName, candidates, DrawAlgorithm.NewSeed(), reason, access.Actor, now);
        db.DrawReplacements.Add(replacement);
        await db.SaveChangesAsync(ct);
        var (branchId, content) = DrawAnnouncement.OfReplacement(draw, draw.Plan!.Title, inspection.EntityName, replacement);
        await publicity.QueueAsync(db, draw.ProvinceId, branchId, Publicity.AnnouncementKind.DrawResult, DrawAnnouncement.ReplacementSourceType,
            replacement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), content, BeijingTime.Today(now), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var joining = inspection.Inspectors.First(i => i.UserName == replacement.ReplacementUserName);
        await notifications.PublishAsync(new NotificationDraft($"inspection-assigned:{inspection.Id}:{replacement.Id}", NotificationLevel.Info,
            "新的检查任务", $"“{draw.Plan.Title}”更换检查人员：您被随机抽中替换{replacement.ReplacedDisplayName}，检查{inspection.EntityName}（第{inspection.DrawOrder}号）。",
            $"/inspections/{inspection.Id}"), [joining.UserId], ct);
        return replacement;
    }

    /// <summary>Voids a draw made in error (before publication and before any inspection started) and cancels its inspections.</summary>
    public async Task VoidAsync(long id, string reason, CancellationToken ct = default)
    {
        InspectionRoles.RequireInspector(access);
        await using var db = await factory.CreateDbContextAsync(ct);
        var draw = await db.InspectionDraws.FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("抽取记录");
        var inspections = await db.Inspections.Where(i => i.DrawId == id).ToListAsync(ct);
        draw.Void(reason, clock.GetUtcNow(), inspections.Any(i => i.Status != InspectionStatus.Planned));
        foreach (var inspection in inspections) inspection.Cancel();
        await db.SaveChangesAsync(ct);
    }
}
