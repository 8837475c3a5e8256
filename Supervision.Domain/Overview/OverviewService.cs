using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Overview;

public sealed record CountItem(string Label, int Count, string Href);

public sealed record Overview(string ScopeName, string? AuthorityName, IReadOnlyList<CountItem> Counts);

/// <summary>The reference data (基础数据) within the regulator's scope, counted: organizations, legal bases, checklist items.</summary>
public sealed class OverviewService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access)
{
    public async Task<Overview> GetAsync(CancellationToken ct = default)
    {
        var scope = access.Scope;
        if (scope.IsCarrier || scope.Kind == ScopeKind.None) throw new AccessDeniedException("基础数据概览仅供监管机构使用。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var counts = new List<CountItem>();
        string scopeName;
        string? authority = null;
        if (scope.Kind == ScopeKind.Province)
        {
            var province = await db.Provinces.FirstAsync(p => p.Id == scope.ProvinceId, ct);
            scopeName = province.Name;
            authority = province.AuthorityName;
            counts.Add(new("地市", await db.Cities.CountAsync(c => c.ProvinceId == scope.ProvinceId, ct), $"/org/provinces/{scope.ProvinceId}"));
        }
        else
        {
            scopeName = "全国";
            counts.Add(new("省级管理局", await db.Provinces.CountAsync(ct), "/org/provinces"));
        }
        counts.Add(new("电信企业", await db.Carriers.CountAsync(ct), "/org/carriers"));
        counts.Add(new("企业分支机构", await db.Branches.CountAsync(ct), "/org/branches"));
        counts.Add(new("法律依据", await db.LegalBases.CountAsync(ct), "/catalog/legal-bases"));
        counts.Add(new("检查项目", await db.ChecklistItems.CountAsync(i => i.IsActive, ct), "/catalog/checklist"));
        if (scope.IsAdministrator)
        {
            counts.Add(new("用户", await db.Users.CountAsync(ct), "/admin/users"));
            counts.Add(new("审计记录", await db.AuditEntries.CountAsync(ct), "/admin/audit"));
        }
        return new Overview(scopeName, authority, counts);
    }
}
