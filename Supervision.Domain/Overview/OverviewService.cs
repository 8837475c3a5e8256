using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Publicity;

namespace Supervision.Domain.Overview;

public sealed record CountItem(string Label, int Count, string Href);

public sealed record Overview(string ScopeName, string? AuthorityName, IReadOnlyList<CountItem> Counts);

/// <summary>What the home page shows each role: its scope and counts of what exists within it.</summary>
public sealed class OverviewService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access)
{
    public async Task<Overview> GetAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var scope = access.Scope;
        var counts = new List<CountItem>();
        string scopeName;
        string? authority = null;

        if (scope.IsCarrier)
        {
            var own = await db.Branches.Include(b => b.Carrier).Include(b => b.Province)
                .FirstOrDefaultAsync(b => b.Id == scope.BranchIds[0], ct);
            scopeName = own?.Name ?? "本企业";
            authority = own?.Province?.AuthorityName;
            counts.Add(new("本企业及下属分支机构", await db.Branches.CountAsync(ct), "/org/branches"));
            counts.Add(new("待整改的整改通知", await db.CorrectiveOrders.CountAsync(o => o.State == OrderState.Issued || o.State == OrderState.Overdue, ct), "/rectification"));
            counts.Add(new("涉及本企业的执法案件", await db.EnforcementCases.CountAsync(ct), "/cases"));
        }
        else
        {
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
            counts.Add(new("检查项目", await db.ChecklistItems.CountAsync(i => i.IsActive, ct), "/catalog/checklist"));
            counts.Add(new("待完成的现场检查", await db.Inspections.CountAsync(i => i.Status == InspectionStatus.Planned || i.Status == InspectionStatus.InProgress, ct), "/inspections"));
            counts.Add(new("待处理的检查发现", await db.Findings.CountAsync(f => f.Status == FindingStatus.Open, ct), "/inspections/findings"));
            counts.Add(new("办理中的执法案件", await db.EnforcementCases.CountAsync(c => c.State != CaseState.Closed && c.State != CaseState.NoPenalty
                && c.State != CaseState.Withdrawn && c.State != CaseState.Transferred, ct), "/cases"));
            counts.Add(new("待发布的公示", await db.Announcements.CountAsync(a => a.Status == AnnouncementStatus.Draft, ct), "/publicity"));
        }
        counts.Add(new("法律依据", await db.LegalBases.CountAsync(ct), "/catalog/legal-bases"));

        if (scope.IsAdministrator)
        {
            counts.Add(new("用户", await db.Users.CountAsync(ct), "/admin/users"));
            counts.Add(new("审计记录", await db.AuditEntries.CountAsync(ct), "/admin/audit"));
        }
        return new Overview(scopeName, authority, counts);
    }
}
