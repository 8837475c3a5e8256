using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Access;

public sealed record ApiKeyRow(int Id, string Name, string Prefix, string Branch, string? Signatory, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, ApiKeyState State, IReadOnlyList<AvailableAction> Actions);

/// <summary>The identity behind a valid key: the branch it acts for and the sub-branches in its scope.</summary>
/// <param name="SignatoryId">The 签报人 the key files for (the user the call acts as); null for a key issued before keys named one.</param>
public sealed record ApiCaller(int KeyId, string KeyPrefix, Branch Branch, IReadOnlyList<int> BranchIds, string? SignatoryId);

/// <summary>Issuing, listing, revoking and checking the API keys of carrier branches (issued by administrators).</summary>
public sealed class ApiKeyService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock)
{
    /// <summary>Issues a key for a branch, filing for one of its 签报人, and returns it in clear — the only time it is ever shown.</summary>
    public async Task<string> IssueAsync(int branchId, string name, string? signatoryId, DateTimeOffset? expiresAt, CancellationToken ct = default) =>
        await StoreAsync(branchId, name, signatoryId, expiresAt, ApiKey.NewSecret(), ct);

    internal async Task<string> StoreAsync(int branchId, string name, string? signatoryId, DateTimeOffset? expiresAt, string secret, CancellationToken ct)
    {
        Demand();
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("apikey.name_required", "请填写密钥用途（如“省公司报送系统”）。");
        if (expiresAt is { } e && e <= clock.GetUtcNow()) throw new DomainException("apikey.expired", "到期时间不能早于现在。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Branches.FirstOrDefaultAsync(b => b.Id == branchId, ct) ?? throw new NotFoundException("企业分支机构");
        if (!await db.Users.AnyAsync(u => u.Id == signatoryId && u.Role == UserRole.CarrierUser && u.Signatory && u.BranchId == branch.Id, ct))
            throw new DomainException("apikey.signatory_required", $"请选择该密钥代为报送的签报人（须为{branch.ShortName}的签报人）。");
        db.ApiKeys.Add(new ApiKey
        {
            ProvinceId = branch.ProvinceId, BranchId = branch.Id, Name = name.Trim(), Prefix = ApiKey.PrefixOf(secret), Hash = ApiKey.HashOf(secret),
            CreatedAt = clock.GetUtcNow(), CreatedBy = access.Actor, ExpiresAt = expiresAt, SignatoryId = signatoryId,
        });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(int? branchId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ApiKeys.AsNoTracking().AsQueryable();
        if (branchId is { } b) q = q.Where(k => k.BranchId == b);
        var keys = await q.OrderByDescending(k => k.CreatedAt).Join(db.Branches, k => k.BranchId, b => b.Id, (k, b) => new { Key = k, Branch = b.ShortName })
            .Select(x => new { x.Key, x.Branch, Signatory = db.Users.Where(u => u.Id == x.Key.SignatoryId).Select(u => u.DisplayName).FirstOrDefault() }).ToListAsync(ct);
        var (now, actor) = (clock.GetUtcNow(), access.Scope.IsAdministrator ? Acting.Officer : Acting.Observer);
        return [.. keys.Select(x => new ApiKeyRow(x.Key.Id, x.Key.Name, x.Key.Prefix, x.Branch, x.Signatory, x.Key.CreatedAt, x.Key.CreatedBy, x.Key.ExpiresAt, x.Key.LastUsedAt,
            x.Key.StateAt(now), x.Key.ActionsFor(actor)))];
    }

    public async Task RevokeAsync(int id, CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException("API密钥");
        key.Revoke(access.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks a presented key; null when unknown, wrong, revoked or expired.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (!ApiKey.IsWellFormed(presented)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        // No user is signed in while a key is checked, so the lookup bypasses the scope filter on purpose.
        var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == ApiKey.PrefixOf(presented), ct);
        var now = clock.GetUtcNow();
        if (key is null || !key.Matches(presented) || !key.IsUsable(now)) return null;
        var branch = await db.Branches.IgnoreQueryFilters().AsNoTracking().Include(b => b.Carrier).SingleAsync(b => b.Id == key.BranchId, ct);
        var children = await db.Branches.IgnoreQueryFilters().Where(b => b.ParentBranchId == branch.Id).Select(b => b.Id).ToListAsync(ct);
        // Bookkeeping only, not a change of supervision data, and to the minute: most calls write nothing.
        if (key.RecordsUseAt(now))
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        return new ApiCaller(key.Id, key.Prefix, branch, [branch.Id, .. children], key.SignatoryId);
    }

    /// <summary>The 签报人 of a branch a key can be issued for (id, name).</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> SignatoriesAsync(int branchId, CancellationToken ct = default)
    {
        Demand();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Users.AsNoTracking().Where(u => u.Role == UserRole.CarrierUser && u.Signatory && u.BranchId == branchId)
            .OrderBy(u => u.UserName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.DisplayName))];
    }

    private void Demand()
    {
        if (!access.Scope.IsAdministrator)
            throw new AccessDeniedException("API密钥由系统管理员签发和吊销。");
    }
}
