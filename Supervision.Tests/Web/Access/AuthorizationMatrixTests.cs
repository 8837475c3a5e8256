using System.Net;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Access;
using Supervision.Domain.Enforcement;

namespace Supervision.Tests.Web.Access;

/// <summary>
/// Every page and endpoint the portal serves, for every role and for anonymous visitors. Routes are read
/// from the application itself: a page or endpoint added without an entry here fails the first test.
/// </summary>
public class AuthorizationMatrixTests(Portal portal) : IClassFixture<Portal>
{
    private enum Who { Anonymous, SignedIn, Regulator, Ministry, Admin, Carrier, ApiKey, Officer, Approver }

    private static readonly Dictionary<string, Who> Pages = new()
    {
        ["/"] = Who.SignedIn,
        ["/account/login"] = Who.Anonymous,
        ["/account/denied"] = Who.SignedIn,
        // The second sign-in step and enrolment at sign-in: without the in-between cookie they say the sign-in timed out.
        ["/account/login/two-factor"] = Who.Anonymous,
        ["/account/login/enrol"] = Who.Anonymous,
        ["/account/security"] = Who.SignedIn,
        // Why single sign-on did not sign one in (SingleSignOnTests): nothing but the reason's text.
        ["/account/sso/refused"] = Who.Anonymous,
        ["/not-found"] = Who.Anonymous,
        ["/error"] = Who.Anonymous,
        ["/org/provinces"] = Who.Regulator,
        ["/org/provinces/{Id:int}"] = Who.Regulator,
        ["/org/carriers"] = Who.SignedIn,
        ["/org/branches"] = Who.SignedIn,
        ["/org/branches/{Id:int}"] = Who.SignedIn,
        ["/catalog/legal-bases"] = Who.SignedIn,
        ["/catalog/legal-bases/{Id:int}"] = Who.SignedIn,
        ["/catalog/checklist"] = Who.Regulator,
        ["/catalog/holidays"] = Who.Regulator,
        ["/catalog"] = Who.Regulator,
        ["/catalog/publication-categories"] = Who.Regulator,
        ["/admin/users"] = Who.Admin,
        ["/accounts"] = Who.Carrier,
        ["/admin/audit"] = Who.Admin,
        ["/notifications"] = Who.SignedIn,
        ["/notifications/settings"] = Who.SignedIn,
        ["/submissions"] = Who.SignedIn,
        ["/submissions/overview"] = Who.Regulator,
        ["/submissions/outliers"] = Who.Regulator,
        ["/submissions/{Id:long}"] = Who.SignedIn,
        ["/submissions/upload"] = Who.Carrier,
        ["/submissions/entry"] = Who.Carrier,
        // A web draft of 宁夏移动: its own users open it; another carrier's user gets 404 (WebEntryAccessTests).
        ["/submissions/drafts/{Id:long}"] = Who.Carrier,
        ["/admin/templates"] = Who.Admin,
        ["/admin/templates/{Id:int}"] = Who.Admin,
        ["/admin/enforcement-settings"] = Who.Admin,
        ["/cases"] = Who.SignedIn,
        ["/cases/new"] = Who.Officer,
        ["/approvals"] = Who.Approver, // a 局领导, or an inspector designated deputy approver (others are told they are not)
        ["/cases/{Id:long}"] = Who.SignedIn,
        ["/admin/api-keys"] = Who.Admin,
        ["/publicity"] = Who.Regulator,
        ["/publicity/{Id:long}"] = Who.Regulator,
        ["/publicity/agents/new"] = Who.Officer,
        ["/public"] = Who.Anonymous,
        ["/public/announcements/{Id:long}"] = Who.Anonymous,
        ["/public/verify"] = Who.Anonymous,
        ["/public/verify/{Code}"] = Who.Anonymous,
        ["/inspections/plans"] = Who.Regulator,
        ["/inspections/plans/{Id:long}"] = Who.Regulator,
        ["/inspections/draws"] = Who.Regulator,
        ["/inspections/draws/{Id:long}"] = Who.Regulator,
        ["/inspections/recusals"] = Who.Regulator,
        ["/inspections"] = Who.Regulator,
        ["/inspections/{Id:long}"] = Who.Regulator,
        ["/inspections/findings"] = Who.Regulator,
        ["/inspections/findings/{Id:long}"] = Who.Regulator,
        ["/inspections/orders"] = Who.Regulator,
        ["/inspections/orders/{Id:long}"] = Who.Regulator,
        ["/rectification"] = Who.Carrier,
        ["/rectification/{Id:long}"] = Who.Carrier,
        ["/rankings"] = Who.Regulator,
        ["/rankings/ministry"] = Who.Ministry,
        ["/rankings/mine"] = Who.Carrier,
        ["/rankings/branches/{Id:int}"] = Who.Regulator,
        // Any signed-in user; the figure's scope decides (a carrier its own figures only), else 404.
        [TraceTemplate] = Who.SignedIn,
        ["/admin/ranking-indicators"] = Who.Admin,
        ["/admin/draw-risk-factors"] = Who.Admin,
        ["/admin/sign-in-policies"] = Who.Admin,
        ["/admin/outbox"] = Who.Admin,
    };

    /// <summary>Non-page endpoints: method and path → who may call them.</summary>
    private static readonly Dictionary<string, Who> Endpoints = new()
    {
        ["* /healthz"] = Who.Anonymous, // health checks answer any method
        ["* /readyz"] = Who.Anonymous, // ReadinessTests covers the 503 cases
        ["POST /account/logout"] = Who.SignedIn,
        // Single sign-on's start and return (404 while it is off, the default; SingleSignOnTests covers both states).
        ["GET /account/sso"] = Who.Anonymous,
        ["GET /account/sso/complete"] = Who.Anonymous,
        ["GET /openapi/{documentName}.json"] = Who.Anonymous,
        // The API answers API keys only (SubmissionsApiTests covers keys): browser sessions get 401 like anonymous callers.
        ["GET /api/v1/templates/{code}"] = Who.ApiKey,
        ["HEAD /api/v1/templates/{code}"] = Who.ApiKey,
        ["POST /api/v1/submissions"] = Who.ApiKey,
        ["GET /api/v1/submissions/{id:long}"] = Who.ApiKey,
        ["HEAD /api/v1/submissions/{id:long}"] = Who.ApiKey,
        // The public site's feeds, export and 公告 PDFs (PublicSiteTests covers them for everyone).
        ["GET /public/feed.json"] = Who.Anonymous,
        ["GET /public/feed.rss"] = Who.Anonymous,
        ["GET /public/export.csv"] = Who.Anonymous,
        ["GET /public/announcements/{id:long}/pdf"] = Who.Anonymous,
        // Scoped like the record the file belongs to (InspectionAccessTests covers who gets which file).
        ["GET /files/evidence/{id:long}"] = Who.SignedIn,
    };

    public static readonly TheoryData<string?, UserRole?> Users = new()
    {
        { null, null },
        { "admin", UserRole.SystemAdmin },
        { "inspector.nx", UserRole.Inspector },
        { "leader.nx", UserRole.Leader },
        { "ministry", UserRole.MinistryViewer },
        { "carrier.cmcc.nx", UserRole.CarrierUser },
    };

    [Fact]
    public void Every_page_of_the_application_is_in_the_matrix()
    {
        var catalog = portal.Factory.Services.GetRequiredService<RouteCatalog>();
        var routes = catalog.Pages.Select(p => p.Template).ToHashSet();
        Assert.Empty(routes.Except(Pages.Keys));
        Assert.Empty(Pages.Keys.Except(routes));
    }

    [Fact]
    public void Every_endpoint_of_the_application_is_in_the_matrix()
    {
        var ours = portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Where(e => e.DisplayName?.StartsWith("Fallback", StringComparison.Ordinal) != true) // MapStaticAssets' file fallback
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Where(k => !k.Contains(" /_", StringComparison.Ordinal))
            .ToHashSet();
        Assert.Empty(ours.Except(Endpoints.Keys));
        Assert.Empty(Endpoints.Keys.Except(ours));
    }

    private const string TraceTemplate = "/rankings/trace/{BranchId:int}/{Period}/{Code}";

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Each_page_answers_each_role_as_the_matrix_says(string? user, UserRole? role)
    {
        var client = user is null ? portal.Anonymous() : await portal.AsAsync(user);
        var samples = await SampleIdsAsync();
        foreach (var (template, who) in Pages)
        {
            var url = samples.TryGetValue(template, out var id) ? System.Text.RegularExpressions.Regex.Replace(template, @"\{Id:\w+\}", id.ToString()) : template;
            if (template == TraceTemplate)
            {
                // A figure's trace exists only where a return was accepted: the gate is checked here (signed out → sign-in),
                // who sees which figure's trace in TraceTests (a carrier its own, 404 for another's; the ministry all).
                if (user is not null) continue;
                url = "/rankings/trace/1/2026-01/RN_RATE";
            }
            else if (template.EndsWith("{Code}", StringComparison.Ordinal)) url = template.Replace("{Code}", await SampleVerificationCodeAsync());
            var response = await client.GetAsync(url);
            var allowed = Allows(who, role);
            if (allowed)
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user ?? "anonymous"} {url}: expected 200, got {(int)response.StatusCode}");
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{user ?? "anonymous"} {url}: expected a redirect, got {(int)response.StatusCode}");
                var expected = role is null ? "/account/login" : "/account/denied";
                Assert.Contains(expected, response.Headers.Location!.ToString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Each_endpoint_answers_each_role_as_the_matrix_says(string? user, UserRole? role)
    {
        var client = user is null ? portal.Anonymous() : await portal.AsAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        var published = await SampleAnnouncementAsync();
        foreach (var path in new[] { "/public/feed.json", "/public/feed.rss", "/public/export.csv", $"/public/announcements/{published}/pdf" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user ?? "anonymous"} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/v1/templates/RN-MONTHLY"), (HttpMethod.Post, "/api/v1/submissions"), (HttpMethod.Get, "/api/v1/submissions/1") })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(new HttpRequestMessage(method, path))).StatusCode);

        // Signing out is a form post: anonymous callers are sent to sign in, and a post without the
        // antiforgery token is refused without signing anyone out.
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        if (role is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
            Assert.Contains("/account/login", logout.Headers.Location!.ToString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
    }

    /// <summary>A web draft is its branch's own: another carrier's user finds no such page (404), the regulators are refused the page.</summary>
    [Fact]
    public async Task Another_carriers_web_draft_is_not_found()
    {
        var id = await SampleDraftAsync();
        Assert.Equal(HttpStatusCode.OK, (await (await portal.AsAsync("carrier.cmcc.nx")).GetAsync($"/submissions/drafts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await portal.AsAsync("preparer.cmcc.nx")).GetAsync($"/submissions/drafts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.AsAsync("carrier.cucc.nx")).GetAsync($"/submissions/drafts/{id}")).StatusCode);
        var inspector = await (await portal.AsAsync("inspector.nx")).GetAsync($"/submissions/drafts/{id}");
        Assert.Equal(HttpStatusCode.Redirect, inspector.StatusCode);
        Assert.Contains("/account/denied", inspector.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Another_carriers_branch_is_not_found_for_a_carrier_user()
    {
        var ids = await BranchIdsAsync("CMCC-64", "CMCC-640100", "CUCC-64", "CMCC-44");
        var client = await portal.AsAsync("carrier.cmcc.nx");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/org/branches/{ids["CMCC-64"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/org/branches/{ids["CMCC-640100"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/org/branches/{ids["CUCC-64"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/org/branches/{ids["CMCC-44"]}")).StatusCode);
        var list = await client.GetStringAsync("/org/branches");
        Assert.DoesNotContain("联通", list);
    }

    [Fact]
    public async Task Another_provinces_branch_is_not_found_for_an_inspector()
    {
        var ids = await BranchIdsAsync("CMCC-64", "CMCC-44");
        var client = await portal.AsAsync("inspector.nx");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/org/branches/{ids["CMCC-64"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/org/branches/{ids["CMCC-44"]}")).StatusCode);
        var gd = await portal.AsAsync("inspector.gd");
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/org/branches/{ids["CMCC-64"]}")).StatusCode);
    }

    private static bool Allows(Who who, UserRole? role) => who switch
    {
        Who.Anonymous => true,
        Who.SignedIn => role is not null,
        Who.Regulator => role is UserRole.SystemAdmin or UserRole.Inspector or UserRole.Leader or UserRole.MinistryViewer,
        Who.Ministry => role is UserRole.MinistryViewer or UserRole.SystemAdmin,
        Who.Admin => role is UserRole.SystemAdmin,
        Who.Carrier => role is UserRole.CarrierUser,
        Who.ApiKey => false,
        Who.Officer => role is UserRole.Inspector or UserRole.SystemAdmin,
        Who.Approver => role is UserRole.Leader or UserRole.Inspector,
        _ => false,
    };

    private async Task<Dictionary<string, long>> SampleIdsAsync()
    {
        await using var db = portal.Db();
        return new()
        {
            ["/submissions/{Id:long}"] = await SampleSubmissionAsync(),
            ["/submissions/drafts/{Id:long}"] = await SampleDraftAsync(),
            ["/cases/{Id:long}"] = await SampleCaseAsync(),
            ["/publicity/{Id:long}"] = await SampleAnnouncementAsync(),
            ["/public/announcements/{Id:long}"] = await SampleAnnouncementAsync(),
            ["/org/provinces/{Id:int}"] = (await db.Provinces.SingleAsync(p => p.Code == "64")).Id,
            ["/org/branches/{Id:int}"] = (await db.Branches.SingleAsync(b => b.Code == "CMCC-64")).Id,
            ["/admin/templates/{Id:int}"] = (await db.ReturnTemplates.OrderBy(t => t.Id).FirstAsync()).Id,
            ["/rankings/branches/{Id:int}"] = (await db.Branches.SingleAsync(b => b.Code == "CMCC-64")).Id,
            ["/catalog/legal-bases/{Id:int}"] = (await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06")).Id,
            // The Development demo data of 宁夏, and an order issued to 宁夏移动 (the carrier user of the matrix).
            ["/inspections/plans/{Id:long}"] = (await db.InspectionPlans.FirstAsync()).Id,
            ["/inspections/draws/{Id:long}"] = (await db.InspectionDraws.FirstAsync()).Id,
            ["/inspections/{Id:long}"] = (await db.Inspections.FirstAsync()).Id,
            ["/inspections/findings/{Id:long}"] = (await db.Findings.FirstAsync()).Id,
            ["/inspections/orders/{Id:long}"] = await SampleOrderAsync(),
            ["/rectification/{Id:long}"] = await SampleOrderAsync(),
        };
    }

    /// <summary>The verification code of an issued document (any: the verify page shows every one to everybody).</summary>
    private async Task<string> SampleVerificationCodeAsync()
    {
        await using var db = portal.Db();
        await SampleCaseAsync();
        return await db.IssuedDocuments.IgnoreQueryFilters().OrderBy(d => d.Id).Select(d => d.VerificationCode).FirstAsync();
    }

    /// <summary>A case against 宁夏移动 whose prior notice was served, so its carrier user sees it too.</summary>
    private async Task<long> SampleCaseAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        // A case the carrier user of CMCC-64 may open (rows come back in no particular order without OrderBy, e.g. on PostgreSQL).
        if (await db.EnforcementCases.Where(c => c.VisibleToParty && c.BranchId == branch.Id).OrderBy(c => c.Id).FirstOrDefaultAsync() is { } existing) return existing.Id;
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var investigators = await db.Users.Where(u => u.UserName == "inspector.nx" || u.UserName == "inspector2.nx").Select(u => u.Id).ToListAsync();
        using var scope = portal.ScopeFor(AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector), "inspector.nx");
        var docs = scope.ServiceProvider.GetRequiredService<EnforcementService>();
        var cases = scope.ServiceProvider.GetRequiredService<Supervision.Domain.Enforcement.EnforcementService>();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, docs, new(branch.Id, basis.Id, "未按规定查验证件", "暗访发现违规入网。", new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 20), investigators));
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访记录", new DateOnly(2026, 4, 21), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "事实清楚");
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, [Lawful.Correction(basis.Id), new(Supervision.Domain.Catalog.SanctionKind.Warning, basis.Id, null, "警告")]);
        await docs.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        return id;
    }

    /// <summary>A published announcement of a violating agent in 宁夏 (public to everyone, managed by 宁夏's regulators).</summary>
    private async Task<long> SampleAnnouncementAsync()
    {
        await using var db = portal.Db();
        if (await db.Announcements.Where(a => a.Status == Supervision.Domain.Publicity.AnnouncementStatus.Published).OrderBy(a => a.Id).FirstOrDefaultAsync() is { } existing) return existing.Id;
        var province = await db.Provinces.SingleAsync(p => p.Code == "64");
        var carrier = await db.Carriers.SingleAsync(c => c.Code == "CMCC");
        await Publicity.AgentListSetup.SetAsync(portal.Factory);
        using var scope = portal.ScopeFor(AccessScope.ForProvince(province.Id, false, UserRole.Inspector), "inspector.nx");
        var publicity = scope.ServiceProvider.GetRequiredService<Supervision.Domain.Publicity.PublicityService>();
        var today = Supervision.Domain.Common.BeijingTime.Today(portal.Clock);
        var id = await publicity.ReportAgentAsync(new("银川某某通讯店", Supervision.Domain.Publicity.PartyType.IndividualBusiness, null, "王某某", "银川市兴庆区解放西街1号", carrier.Id,
            "未核验证件为他人办理电话卡入网。", "已责令终止代理协议。", today));
        await Publicity.AgentListSetup.NotifiedAsync(publicity, id, today);
        var draft = await publicity.GetAsync(id);
        await scope.ServiceProvider.GetRequiredService<Supervision.Domain.Publicity.PublicityService>().PublishAsync(id, draft.ConcurrencyToken, today);
        return id;
    }

    /// <summary>A return of 宁夏移动 (visible to its carrier user and to the regulators of 宁夏).</summary>
    private async Task<long> SampleSubmissionAsync()
    {
        await using var db = portal.Db();
        if (await db.Submissions.FirstOrDefaultAsync() is { } existing) return existing.Id;
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        using var scope = portal.ScopeFor(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), "carrier.cmcc.nx");
        var result = await scope.ServiceProvider.GetRequiredService<Supervision.Domain.Submissions.SubmissionService>().StoreAsync(
            new(branch.Id, "RN-MONTHLY", "2026-08", "sample.xlsx", "web", true, Attested: true), Domain.Submissions.ReturnBuilder.ValidRnMonthly("2026-08"), [1, 2, 3], null);
        return result.Submission!.Id;
    }

    /// <summary>A web draft (在线填报) of 宁夏移动's quarterly log return, saved by its carrier user.</summary>
    private async Task<long> SampleDraftAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        if (await db.ReturnDrafts.Where(d => d.BranchId == branch.Id).OrderBy(d => d.Id).FirstOrDefaultAsync() is { } existing) return existing.Id;
        using var scope = portal.ScopeFor(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), "carrier.cmcc.nx");
        var entries = scope.ServiceProvider.GetRequiredService<Supervision.Domain.Submissions.ReturnEntryService>();
        var entry = await entries.OpenAsync("LOG-QUARTERLY", "2026-Q2");
        return (await entries.SaveAsync("LOG-QUARTERLY", "2026-Q2", entry.Draft.Values, null)).Id!.Value;
    }

    private long? _order;

    private async Task<long> SampleOrderAsync()
    {
        if (_order is { } id) return id;
        id = await Domain.Inspections.InspectionKit.DraftOrderAsync(portal, "CMCC-64");
        await Domain.Inspections.InspectionKit.IssueAsync(portal, id);
        return (_order = id).Value;
    }

    private async Task<Dictionary<string, int>> BranchIdsAsync(params string[] codes)
    {
        await using var db = portal.Db();
        return await db.Branches.Where(b => codes.Contains(b.Code)).ToDictionaryAsync(b => b.Code, b => b.Id);
    }
}
