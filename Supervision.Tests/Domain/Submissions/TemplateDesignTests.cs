using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>
/// Template versions as the designer uses them: saving makes a draft nobody files against, publishing makes it the version
/// in use (returns keep theirs), a draft can be tried with a sample file without storing anything, and only administrators
/// may do any of it.
/// </summary>
public class TemplateDesignTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly AccessScope Admin = new(ScopeKind.All, 0, 0, [], false, UserRole.SystemAdmin);
    private static readonly string[] Ningxia = ["640100", "640200", "640300", "640400", "640500"];

    private SubmissionService As(AccessScope scope, string actor = "admin") =>
        portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<SubmissionService>();

    [Fact]
    public async Task Saving_makes_a_draft_and_publishing_makes_it_the_version_in_use_while_returns_keep_theirs()
    {
        var admin = As(Admin);
        var before = await admin.TemplateAsync("RN-MONTHLY");
        var filed = await FileReturnAsync("2026-01");
        Assert.Equal(before.Id, filed.TemplateId);
        var (filedId, filedJson) = (filed.TemplateId, before.Definition.ToJson());

        var id = await admin.SaveTemplateAsync(before.Definition with { Name = "实名制落实情况月报（修订）" });

        Assert.Equal(before.Id, (await admin.TemplateAsync("RN-MONTHLY")).Id); // a draft changes nothing for carriers
        var draft = (await admin.TemplateVersionsAsync()).Single(v => v.Id == id);
        Assert.True(draft.IsDraft);
        Assert.Equal("草稿", draft.State);
        Assert.True(draft.Version > before.Version);

        await admin.PublishTemplateAsync(id);

        var now = await admin.TemplateAsync("RN-MONTHLY");
        Assert.Equal(id, now.Id);
        Assert.Equal("实名制落实情况月报（修订）", now.Name);
        var versions = await admin.TemplateVersionsAsync();
        Assert.Equal("使用中", versions.Single(v => v.Id == id).State);
        Assert.Equal("历史版本", versions.Single(v => v.Id == before.Id).State);
        await using (var db = portal.Db())
        {
            Assert.True(await db.Submissions.AnyAsync(s => s.TemplateId == filedId));
            Assert.Equal(filedJson, await db.ReturnTemplates.Where(t => t.Id == filedId).Select(t => t.DefinitionJson).SingleAsync());
        }
        var again = await Assert.ThrowsAsync<DomainException>(() => admin.PublishTemplateAsync(id));
        Assert.Equal("template.not_draft", again.Code);
    }

    [Fact]
    public async Task A_draft_older_than_the_version_in_use_cannot_be_published()
    {
        var admin = As(Admin);
        var current = await admin.TemplateAsync("SELF-ANNUAL");
        var older = await admin.SaveTemplateAsync(current.Definition with { DueDay = 20 });
        var newer = await admin.SaveTemplateAsync(current.Definition with { DueDay = 25 });
        await admin.PublishTemplateAsync(newer);

        var ex = await Assert.ThrowsAsync<DomainException>(() => admin.PublishTemplateAsync(older));
        Assert.Equal("template.draft_outdated", ex.Code);
        var versions = await admin.TemplateVersionsAsync();
        var (o, n) = (versions.Single(v => v.Id == older), versions.Single(v => v.Id == newer));
        Assert.Equal($"第{o.Version}版草稿早于正在使用的第{n.Version}版，不能发布；请在第{n.Version}版的基础上修改后再发布。", ex.Message);
        Assert.Equal(25, (await admin.TemplateAsync("SELF-ANNUAL")).Definition.DueDay);
    }

    [Fact]
    public async Task A_template_with_returns_keeps_its_frequency()
    {
        var admin = As(Admin);
        await FileReturnAsync("2025-12");
        var current = await admin.TemplateAsync("RN-MONTHLY");
        var count = (await admin.TemplateVersionsAsync()).Count;
        var ex = await Assert.ThrowsAsync<DomainException>(() => admin.SaveTemplateAsync(current.Definition with { Frequency = Frequency.Quarterly }));
        Assert.Equal("template.frequency_fixed", ex.Code);
        Assert.Contains("报送频率不能改为季报", ex.Message);
        Assert.Equal(count, (await admin.TemplateVersionsAsync()).Count);
    }

    /// <summary>
    /// A draft that bounds 在网用户数 to at most 100: a sample that passes the published template gets an error at each
    /// summary row's 在网用户数 cell against the draft, through the upload's own reading and checks — and nothing is stored.
    /// </summary>
    [Fact]
    public async Task Trying_a_draft_with_a_sample_returns_the_cell_located_errors_and_stores_nothing()
    {
        var admin = As(Admin);
        var published = (await admin.TemplateAsync("RN-MONTHLY")).Definition;
        var draft = published with
        {
            Sheets = published.Sheets.Select(s => s.Name != "汇总" ? s
                : s with { Columns = s.Columns.Select(c => c.Field == "Subscribers" ? c with { Max = 100, Unit = "户" } : c).ToList() }).ToList(),
        };
        int branch;
        await using (var db = portal.Db()) branch = await db.Branches.Where(b => b.Code == "CMCC-64").Select(b => b.Id).SingleAsync();
        var sample = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-02", Ningxia, Seed: 5));
        var before = await CountsAsync();

        var asPublished = await admin.TryTemplateAsync(published, branch, "2026-02", "sample.xlsx", sample);
        var asDraft = await admin.TryTemplateAsync(draft, branch, "2026-02", "sample.xlsx", sample);

        Assert.DoesNotContain(asPublished, i => i.Kind == IssueKind.Error);
        var errors = asDraft.Where(i => i.Kind == IssueKind.Error).ToList();
        Assert.Equal(Ningxia.Length * ReturnFileGenerator.Channels.Length, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal(("汇总", "C", "在网用户数", "CELL_OUT_OF_RANGE"), (e.Sheet, e.Column, e.Header, e.Code));
            Assert.Matches(@"^“在网用户数”应不大于100户，实际为\d+户$", e.Message);
        });
        Assert.Equal(Enumerable.Range(4, errors.Count), errors.Select(e => e.Row).Order());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_sample_for_another_period_is_told_so_like_a_real_upload()
    {
        var admin = As(Admin);
        var definition = (await admin.TemplateAsync("RN-MONTHLY")).Definition;
        int branch;
        await using (var db = portal.Db()) branch = await db.Branches.Where(b => b.Code == "CMCC-64").Select(b => b.Id).SingleAsync();
        var sample = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", "2026-02", Ningxia, Seed: 5));

        var issues = await admin.TryTemplateAsync(definition, branch, "2026-03", "sample.xlsx", sample);

        Assert.Contains(issues, i => i is { Code: "PERIOD_MISMATCH", Sheet: "汇总", Cell: "D2" });
    }

    public static readonly TheoryData<string> NotAdministrators = new() { "inspector", "leader", "carrier", "ministry" };

    [Theory]
    [MemberData(nameof(NotAdministrators))]
    public async Task Only_administrators_may_design_templates(string who)
    {
        int provinceId, carrierId, branchId, templateId;
        TemplateDefinition definition;
        await using (var db = portal.Db())
        {
            var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
            (provinceId, carrierId, branchId) = (branch.ProvinceId, branch.CarrierId, branch.Id);
            var template = await db.ReturnTemplates.Where(t => t.Code == "LOG-QUARTERLY").OrderBy(t => t.Version).FirstAsync();
            (templateId, definition) = (template.Id, template.Definition);
        }
        var scope = who switch
        {
            "inspector" => AccessScope.ForProvince(provinceId, false, UserRole.Inspector),
            "leader" => AccessScope.ForProvince(provinceId, true, UserRole.Leader),
            "ministry" => new AccessScope(ScopeKind.All, 0, 0, [], true, UserRole.MinistryViewer),
            _ => AccessScope.ForBranches(provinceId, carrierId, [branchId]),
        };
        var service = As(scope, who);
        var before = (await As(Admin).TemplateVersionsAsync()).Count;

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.TemplateVersionsAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.TemplateDefinitionAsync(templateId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SaveTemplateAsync(definition));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.PublishTemplateAsync(templateId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.TemplateBranchesAsync(definition));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.PreviewTemplateAsync(definition, branchId, "2026-Q3"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.TryTemplateAsync(definition, branchId, "2026-Q3", "a.xlsx", [1, 2, 3]));
        Assert.Equal(before, (await As(Admin).TemplateVersionsAsync()).Count);
    }

    /// <summary>A return of 宁夏移动 for <paramref name="period"/>, uploaded by the carrier as a draft under the template in use.</summary>
    private async Task<Submission> FileReturnAsync(string period)
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var carrier = As(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), "carrier.cmcc.nx");
        var file = ReturnFileGenerator.RnMonthly(new GeneratedReturn("CMCC-64", period, Ningxia, Seed: 3));
        var result = await carrier.UploadAsync(new UploadRequest(branch.Id, "RN-MONTHLY", period, "return.xlsx", "web", SubmitNow: false), file);
        return Assert.IsType<Submission>(result.Submission);
    }

    private async Task<(int Submissions, int Attempts, int Files, int Rows)> CountsAsync()
    {
        await using var db = portal.Db();
        return (await db.Submissions.CountAsync(), await db.SubmissionAttempts.CountAsync(), await db.StoredFiles.CountAsync(),
            await db.RnSummaryRows.CountAsync() + await db.OutletRows.CountAsync());
    }
}
