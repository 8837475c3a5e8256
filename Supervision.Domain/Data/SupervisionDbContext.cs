using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Files;
using Supervision.Domain.Notifications;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Data;

/// <summary>
/// The one database context. It filters every scoped query by the acting user's <see cref="AccessScope"/>,
/// refuses writes outside that scope, and appends a hash-chained audit entry for every change.
/// </summary>
/// <remarks>
/// New migration: <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project Supervision.Domain --output-dir Data/Migrations</c>.
/// </remarks>
public partial class SupervisionDbContext(DbContextOptions<SupervisionDbContext> options, AccessContext access, TimeProvider? clock = null)
    : IdentityUserContext<AppUser>(options), IDataProtectionKeyContext
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public AccessContext Access { get; } = access;

    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<ProvinceFont> ProvinceFonts => Set<ProvinceFont>();
    public DbSet<City> Cities => Set<City>();
    public DbSet<Carrier> Carriers => Set<Carrier>();
    public DbSet<Branch> Branches => Set<Branch>();
    public DbSet<LegalBasis> LegalBases => Set<LegalBasis>();
    public DbSet<NoPenaltyGround> NoPenaltyGrounds => Set<NoPenaltyGround>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<HolidayYear> HolidayYears => Set<HolidayYear>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<FileContent> FileContents => Set<FileContent>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<MessageKind> MessageKinds => Set<MessageKind>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<DocumentSequence> DocumentSequences => Set<DocumentSequence>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ReturnTemplate> ReturnTemplates => Set<ReturnTemplate>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<SubmissionFlag> SubmissionFlags => Set<SubmissionFlag>();
    public DbSet<SubmissionComment> SubmissionComments => Set<SubmissionComment>();
    public DbSet<SubmissionAttempt> SubmissionAttempts => Set<SubmissionAttempt>();
    public DbSet<ReturnDraft> ReturnDrafts => Set<ReturnDraft>();
    public DbSet<PlausibilityExplanation> PlausibilityExplanations => Set<PlausibilityExplanation>();
    public DbSet<RnSummaryRow> RnSummaryRows => Set<RnSummaryRow>();
    public DbSet<OutletRow> OutletRows => Set<OutletRow>();
    public DbSet<LogSystemRow> LogSystemRows => Set<LogSystemRow>();
    public DbSet<SelfCheckRow> SelfCheckRows => Set<SelfCheckRow>();

    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every web node (never audited: they are secrets).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Query filters read these per query, so one cached model serves every user.
    private bool ScopeAll => Access.Scope.SeesAll;
    private int ScopeProvince => Access.Scope.ProvinceId;
    private bool ScopeIsBranch => Access.Scope.IsCarrier;
    private int[] ScopeBranchIds => [.. Access.Scope.BranchIds];
    private string ScopeUserId => Access.UserId ?? "";
    private bool ScopeIsSystem => Access.Scope.SeesAll && Access.Scope.Role is null;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
        if (Database.IsSqlite())
        {
            // SQLite has no timestamp type; as a sortable integer it can order and compare.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
        else
        {
            // timestamptz keeps the instant, not the offset, and Npgsql writes only UTC values: Beijing-time
            // values are converted on the way in (and come back as UTC, the same instant).
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SupervisionDbContext).Assembly);
        ApplyScopeFilters(builder);
    }

    private void ApplyScopeFilters(ModelBuilder builder)
    {
        builder.Entity<Branch>().HasQueryFilter(b =>
            ScopeAll || (b.ProvinceId == ScopeProvince && (!ScopeIsBranch || ScopeBranchIds.Contains(b.Id))));

        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => t != typeof(Branch)).ToList())
        {
            var method = typeof(IPartyVisible).IsAssignableFrom(type) ? nameof(FilterByParty)
                : typeof(IBranchScoped).IsAssignableFrom(type) ? nameof(FilterByBranch)
                : typeof(IProvinceScoped).IsAssignableFrom(type) ? nameof(FilterByProvince)
                : typeof(IUserOwned).IsAssignableFrom(type) ? nameof(FilterByOwner)
                : null;
            if (method is null) continue;
            var filter = GetType().GetMethod(method, BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(type).Invoke(this, null);
            builder.Entity(type).HasQueryFilter((LambdaExpression)filter!);
        }
    }

    private Expression<Func<T, bool>> FilterByProvince<T>() where T : IProvinceScoped =>
        e => ScopeAll || (!ScopeIsBranch && e.ProvinceId == ScopeProvince);

    private Expression<Func<T, bool>> FilterByBranch<T>() where T : IBranchScoped =>
        e => ScopeAll || (e.ProvinceId == ScopeProvince && (!ScopeIsBranch || ScopeBranchIds.Contains(e.BranchId)));

    private Expression<Func<T, bool>> FilterByParty<T>() where T : IPartyVisible =>
        e => ScopeAll || (e.ProvinceId == ScopeProvince && (!ScopeIsBranch || (e.VisibleToParty && ScopeBranchIds.Contains(e.BranchId))));

    private Expression<Func<T, bool>> FilterByOwner<T>() where T : IUserOwned =>
        e => ScopeIsSystem || e.UserId == ScopeUserId;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        GuardWrites();
        WellFormedText.Apply(ChangeTracker);
        var pending = AuditCapture.Capture(ChangeTracker);
        if (pending.Count == 0 && _events.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await AppendAuditAsync(pending, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    private readonly List<AuditEntry> _events = [];

    // Rows the platform writes for other users (notifications, their deliveries, a user's first choice), whoever acts.
    private readonly HashSet<object> _platformRows = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Adds a notification, outbox message or preference for a user other than (or not yet owned by) the acting one: the
    /// platform speaking, as <see cref="NotificationService"/> decides; the write check lets exactly these rows through.
    /// </summary>
    internal void AddPlatformRow(object row)
    {
        _platformRows.Add(row);
        Add(row);
    }

    /// <summary>Records an event that is not a data change (a sign-in, a verification); written with the next save.</summary>
    public void RecordEvent(string action, string entityType, string entityId, string details = "{}", string? actor = null) =>
        _events.Add(new AuditEntry { Action = action, EntityType = entityType, EntityId = entityId, Changes = details, Actor = actor ?? "" });

    private async Task AppendAuditAsync(List<AuditCapture.Pending> pending, CancellationToken ct)
    {
        // Touching the head first takes the write lock (SQLite) or the row lock (PostgreSQL) before we read it.
        await AuditHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.Version, h => h.Version + 1), ct);
        var head = await AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var now = _clock.GetUtcNow();
        var entries = pending.Select(p => p.ToEntry()).Concat(_events).ToList();
        _events.Clear();
        foreach (var entry in entries)
        {
            entry.At = now;
            if (entry.Actor.Length == 0) entry.Actor = Access.Actor;
            AuditChain.Append(head, entry);
        }
        AuditEntries.AddRange(entries);
        await base.SaveChangesAsync(true, ct);
        await AuditHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.LastSequence, head.LastSequence)
            .SetProperty(h => h.LastHash, head.LastHash), ct);
    }

    /// <summary>The single write check: scope, read-only roles, catalogs, and the append-only audit trail.</summary>
    private void GuardWrites()
    {
        var scope = Access.Scope;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case AuditEntry when entry.State != EntityState.Added:
                    throw new AccessDeniedException("审计记录只能追加，不能修改或删除。");
                case AuditEntry or AuditHead:
                    continue;
                case Notification or OutboxMessage or NotificationPreference when entry.State == EntityState.Added && _platformRows.Contains(entry.Entity):
                    continue;
                case OutboxMessage when !scope.SeesAll || scope.ReadOnly:
                    throw new AccessDeniedException("只有系统管理员可以处理消息投递。");
                case ICatalogEntity when !scope.SeesAll || scope.ReadOnly:
                    throw new AccessDeniedException("只有系统管理员可以修改基础数据。");
                case ICatalogEntity:
                    continue;
                case AppUser user when scope.IsCarrier:
                    // A 企业管理员 adds and changes carrier users of its branches only (UserAdministration checks the duty).
                    var branchIds = new[] { user.BranchId, entry.State == EntityState.Modified ? entry.OriginalValues[nameof(AppUser.BranchId)] as int? : user.BranchId };
                    if (entry.State == EntityState.Deleted || user.Role != UserRole.CarrierUser || branchIds.Any(b => b is null || !scope.BranchIds.Contains(b.Value)))
                        throw new AccessDeniedException("企业用户只能管理本单位的企业用户。");
                    continue;
                case AppUser when entry.State != EntityState.Modified && !scope.IsAdministrator:
                    throw new AccessDeniedException("只有系统管理员可以新增或删除用户。");
                case AppUser:
                    continue;
                case IUserOwned owned when !(scope.SeesAll && scope.Role is null) && !(entry.State == EntityState.Modified && owned.UserId == Access.UserId):
                    throw new AccessDeniedException("只能处理本人的通知。");
                case IUserOwned:
                    continue;
                case IApproverWritable decided when entry.State == EntityState.Modified && scope is { Role: UserRole.Leader, Kind: ScopeKind.Province }
                                                   && decided.ProvinceId == scope.ProvinceId && OriginalInt(entry, nameof(IProvinceScoped.ProvinceId)) == scope.ProvinceId:
                    continue; // the 局领导 decides approval requests of his province (the service checks who may)
                case IProvinceScoped scoped:
                    CheckScopedWrite(entry, scoped, scope);
                    break;
            }
        }
    }

    private static void CheckScopedWrite(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, IProvinceScoped scoped, AccessScope scope)
    {
        if (scope.SeesAll && !scope.ReadOnly)
            return;
        if (scope.ReadOnly || scope.Kind == ScopeKind.None)
            throw new AccessDeniedException("当前角色只能查看，不能修改数据。");
        var provinces = new[] { scoped.ProvinceId, OriginalInt(entry, nameof(IProvinceScoped.ProvinceId)) ?? scoped.ProvinceId };
        if (provinces.Any(p => p != scope.ProvinceId))
            throw new AccessDeniedException("不能修改其他省份的数据。");
        if (!scope.IsCarrier)
            return;
        if (scoped is not IBranchScoped owned)
            throw new AccessDeniedException("企业用户不能修改监管机构内部数据。");
        var branches = new[] { owned.BranchId, OriginalInt(entry, nameof(IBranchScoped.BranchId)) ?? owned.BranchId };
        if (branches.Any(b => !scope.BranchIds.Contains(b)))
            throw new AccessDeniedException("不能修改其他企业的数据。");
    }

    private static int? OriginalInt(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string property) =>
        entry.State == EntityState.Modified && entry.Metadata.FindProperty(property) is { } p
            ? entry.OriginalValues[p] as int?
            : null;
}
