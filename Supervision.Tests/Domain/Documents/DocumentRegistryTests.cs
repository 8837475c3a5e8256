using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Documents;

public class DocumentRegistryTests(Portal portal) : IClassFixture<Portal>
{
    private async Task<(int Province, int Branch, AccessScope Inspector, AccessScope Carrier)> FixturesAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        return (branch.ProvinceId, branch.Id, AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector),
            AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]));
    }

    /// <summary>Data of no real kind, rendered by a stand-in that writes the number: the registry is tested, not a layout.</summary>
    private sealed record TestData(string Text) : DocumentData;

    private sealed class FakeRenderer : IDocumentRenderer
    {
        public byte[] Render(DocumentData data, byte[]? seal = null, bool preview = false, IReadOnlyList<DocumentFace>? faces = null) => Fake(data.Number);
    }

    private static byte[] Fake(string? number) => Encoding.UTF8.GetBytes($"%PDF-1.7 {number}");

    /// <summary>Links under a public https address, as a configured portal makes them; <paramref name="demo"/>: as the Development
    /// portal, where the demo's example.gov.cn addresses may be printed.</summary>
    private sealed class PublicAddressLinks(string baseUrl = "https://gxt.nx.example.gov.cn", bool demo = true) : IVerificationLinks
    {
        public string VerifyUrl(string code) => $"{baseUrl}/public/verify/{code}";
        public bool DemoRun => demo;
    }

    [Theory]
    [InlineData(null, "文书核验地址未设置", 2041)]
    [InlineData("http://localhost:5000", "本机地址", 2042)]
    [InlineData("http://127.0.0.1:8080", "本机地址", 2043)]
    public async Task A_document_is_refused_without_a_public_verification_address_and_no_number_is_used(string? baseUrl, string message, int year)
    {
        var f = await FixturesAsync();
        var services = portal.ScopeFor(f.Inspector, "inspector.nx").ServiceProvider;
        var factory = services.GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>();
        // Outside a demo run the province's demo address is passed over: the server's address (unset, local) is the one refused.
        IVerificationLinks links = baseUrl is null ? new RelativeVerificationLinks() : new PublicAddressLinks(baseUrl, demo: false);
        var registry = new DocumentRegistry(factory, new FakeRenderer(), services.GetRequiredService<AccessContext>(), TimeProvider.System, links);
        var request = new DocumentRequest(DocumentKind.PenaltyDecision, f.Province, f.Branch, "Test", "no-link", false, new DateOnly(year, 3, 1));
        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var refused = await Assert.ThrowsAsync<DomainException>(() => registry.IssueAsync(db, request, _ => new TestData("x"), default));
            Assert.Equal(IssueReadiness.Code, refused.Code);
            Assert.Contains(message, refused.Message);
            Assert.Contains("PublicSite:BaseUrl", refused.Message);
        }
        // The refused issue consumed no number: the first one issued afterwards is 1.
        var issued = await Registry(f.Inspector).IssueAsync(request);
        Assert.Equal($"宁通管罚〔{year}〕1号", issued.Number);
    }

    /// <summary>
    /// Outside a demo run an example.gov.cn address is a placeholder: the province's demo address is passed over and the server's, a
    /// placeholder too, is refused naming the setting; a receipt is issued only with a real one.
    /// </summary>
    [Fact]
    public async Task A_placeholder_verification_address_is_refused_outside_the_demo_naming_the_setting()
    {
        var f = await FixturesAsync();
        var services = portal.ScopeFor(f.Inspector, "inspector.nx").ServiceProvider;
        var factory = services.GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>();
        DocumentRegistry RegistryWith(IVerificationLinks links) => new(factory, new FakeRenderer(), services.GetRequiredService<AccessContext>(), TimeProvider.System, links);
        var request = new DocumentRequest(DocumentKind.SubmissionReceipt, f.Province, f.Branch, "Test", "placeholder", false, new DateOnly(2044, 3, 1));
        await using var db = await factory.CreateDbContextAsync();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() =>
                RegistryWith(new PublicAddressLinks("https://gxt.test.example.gov.cn", demo: false)).IssueAsync(db, request, _ => new TestData("x"), default));
            Assert.Equal(IssueReadiness.Code, refused.Code);
            Assert.Contains("示例域名“gxt.test.example.gov.cn”", refused.Message);
            Assert.Contains("PublicSite:BaseUrl", refused.Message);
            Assert.Contains(VerificationAddress.ProvinceSetting, refused.Message);
        }
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var issued = await RegistryWith(new PublicAddressLinks("https://nxca.miit.gov.cn", demo: false)).IssueAsync(db, request, _ => new TestData("x"), default);
            Assert.StartsWith("https://nxca.miit.gov.cn/public/verify/", DocumentData.FromJson<TestData>(issued.DataJson).VerificationUrl);
        }
        Assert.Null(IssueReadiness.VerificationProblem("https://gxt.nx.example.gov.cn/public/verify/X", VerificationAddress.Province(demo: true, demoRun: true)));
        Assert.NotNull(IssueReadiness.VerificationProblem("https://gxt.nx.example.gov.cn/public/verify/X", VerificationAddress.Province(demo: false, demoRun: true)));
    }

    [Theory]
    [InlineData("example.gov.cn", true)]
    [InlineData("gxt.nx.example.gov.cn", true)]
    [InlineData("www.example.com", true)]
    [InlineData("portal.test", true)]
    [InlineData("jg.invalid", true)]
    [InlineData("app.localhost", true)]
    [InlineData("nxca.miit.gov.cn", false)]
    [InlineData("gxt.nx.gov.cn", false)]
    [InlineData("examples.gov.cn", false)]
    public void Placeholder_domains_are_recognised(string host, bool placeholder) =>
        Assert.Equal(placeholder, IssueReadiness.IsPlaceholderHost(host));

    [Theory]
    [InlineData("https://gxt.gd.example.gov.cn")]
    [InlineData("http://gxt.gd.gov.cn")]
    [InlineData("https://localhost:5001")]
    [InlineData("https://gxt.gd.gov.cn/?a=1")]
    [InlineData("gxt.gd.gov.cn")]
    public void An_administrator_cannot_set_a_placeholder_or_local_public_site(string url)
    {
        var province = new Supervision.Domain.Organizations.Province();
        province.SetDemoPublicSite("https://gxt.gd.example.gov.cn");
        Assert.Equal("province.public_site", Assert.Throws<DomainException>(() => province.SetPublicSite(url)).Code);
        province.SetPublicSite("https://gdca.miit.gov.cn/");
        Assert.Equal(("https://gdca.miit.gov.cn", false), (province.PublicSiteUrl, province.PublicSiteIsDemo));
    }

    /// <summary>Each administration's documents point at its own public site: a Guangdong receipt at Guangdong's, a Ningxia one at Ningxia's
    /// (the demo's addresses, in the demo run the portal's registry makes).</summary>
    [Fact]
    public async Task A_guangdong_receipt_carries_guangdong_s_verification_address()
    {
        await using var read = portal.Db();
        var gd = await read.Provinces.SingleAsync(p => p.Code == "44");
        var nx = await read.Provinces.SingleAsync(p => p.Code == "64");
        Assert.Equal(("https://gxt.gd.example.gov.cn", true), (gd.PublicSiteUrl, gd.PublicSiteIsDemo));
        var gdBranch = await read.Branches.FirstAsync(b => b.ProvinceId == gd.Id);
        var nxBranch = await read.Branches.FirstAsync(b => b.ProvinceId == nx.Id);
        var services = portal.ScopeFor(AccessScope.System, "system").ServiceProvider;
        var registry = services.GetRequiredService<DocumentRegistry>();
        var factory = services.GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>();
        var sample = (Supervision.Domain.Submissions.ReceiptData)Supervision.Web.Demo.DocumentSamples.Of(DocumentKind.SubmissionReceipt);
        async Task<string> IssueAsync(Supervision.Domain.Organizations.Province province, Supervision.Domain.Organizations.Branch branch)
        {
            await using var db = await factory.CreateDbContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var issued = await registry.IssueAsync(db, new DocumentRequest(DocumentKind.SubmissionReceipt, province.Id, branch.Id, "Test", $"receipt-{province.Code}", false,
                new DateOnly(2026, 11, 5)), _ => sample with { Authority = province.AuthorityName, Branch = branch.Name }, default);
            var pdf = await db.FileContents.Where(c => c.FileId == issued.FileId).Select(c => c.Bytes).SingleAsync();
            await tx.RollbackAsync();
            return string.Concat(Supervision.Tests.Reports.Documents.PdfReading.PageTexts(pdf)).Replace(" ", "");
        }
        var guangdong = await IssueAsync(gd, gdBranch);
        Assert.Contains("gxt.gd.example.gov.cn/public/verify", guangdong);
        Assert.DoesNotContain("gxt.nx.", guangdong);
        Assert.Contains("gxt.nx.example.gov.cn/public/verify", await IssueAsync(nx, nxBranch));
    }

    [Theory]
    [InlineData("0951-0000000", true)]
    [InlineData("2902 0000 0000 0000 001", true)]
    [InlineData("中国工商银行银川分行营业部（演示）", true)]
    [InlineData("0951-6012345", false)]
    [InlineData("2902 0112 0920 0157 301", false)]
    [InlineData("中国工商银行股份有限公司银川分行营业部", false)]
    public void Placeholder_values_are_recognised(string value, bool placeholder) =>
        Assert.Equal(placeholder, IssueReadiness.IsPlaceholder(value));

    /// <summary>A registry acting in the given scope, issuing each document in a transaction of its own (as a step would).</summary>
    private sealed class Issuer(IServiceProvider services)
    {
        private readonly IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext> _factory =
            services.GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>();
        public DocumentRegistry Registry { get; } = new(services.GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>(),
            new FakeRenderer(), services.GetRequiredService<AccessContext>(), TimeProvider.System, new PublicAddressLinks());

        public async Task<IssuedDocument> IssueAsync(DocumentRequest request, string text = "x", Func<DocumentNumber?, DocumentData>? compose = null)
        {
            await using var db = await _factory.CreateDbContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var document = await Registry.IssueAsync(db, request, compose ?? (_ => new TestData(text)), default);
            await tx.CommitAsync();
            return document;
        }
    }

    private Issuer Registry(AccessScope scope) => new(portal.ScopeFor(scope, "inspector.nx").ServiceProvider);

    [Fact]
    public async Task Parallel_issues_get_consecutive_numbers_without_gaps_or_duplicates()
    {
        var f = await FixturesAsync();
        var issued = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Registry(f.Inspector).IssueAsync(
            new DocumentRequest(DocumentKind.PenaltyDecision, f.Province, f.Branch, "Test", $"p{i}", false, new DateOnly(2031, 3, 1)))));
        Assert.Equal(Enumerable.Range(1, 20), issued.Select(d => d.Sequence!.Value).Order());
        Assert.Contains(issued, d => d.Number == "宁通管罚〔2031〕1号");
        Assert.Contains(issued, d => d.Number == "宁通管罚〔2031〕20号");
    }

    [Fact]
    public async Task A_failed_render_uses_no_number_and_each_year_starts_again()
    {
        var f = await FixturesAsync();
        var registry = Registry(f.Inspector);
        var first = await registry.IssueAsync(new DocumentRequest(DocumentKind.CorrectiveNotice, f.Province, f.Branch, "Test", "a", false, new DateOnly(2032, 12, 31)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.IssueAsync(
            new DocumentRequest(DocumentKind.CorrectiveNotice, f.Province, f.Branch, "Test", "b", false, new DateOnly(2032, 12, 31)),
            compose: _ => throw new InvalidOperationException("the step refused")));
        var second = await registry.IssueAsync(new DocumentRequest(DocumentKind.CorrectiveNotice, f.Province, f.Branch, "Test", "c", false, new DateOnly(2032, 12, 31)));
        var nextYear = await registry.IssueAsync(new DocumentRequest(DocumentKind.CorrectiveNotice, f.Province, f.Branch, "Test", "d", false, new DateOnly(2033, 1, 1)));
        Assert.Equal(("宁通管改〔2032〕1号", "宁通管改〔2032〕2号", "宁通管改〔2033〕1号"), (first.Number, second.Number, nextYear.Number));
    }

    [Fact]
    public async Task The_stored_pdf_is_the_rendered_one_with_its_hash()
    {
        var f = await FixturesAsync();
        var registry = Registry(f.Inspector);
        var doc = await registry.IssueAsync(new DocumentRequest(DocumentKind.PriorNotice, f.Province, f.Branch, "Test", "h", false, new DateOnly(2034, 5, 6)), "经查属实");
        var (loaded, pdf) = await registry.Registry.DownloadAsync(doc.Id);
        Assert.Equal(Fake("宁通管告〔2034〕1号"), pdf);
        Assert.Equal(Supervision.Domain.Files.StoredFile.Hash(pdf), loaded.Sha256);
        // The verification code (and the address its QR code points at) is in the data rendered, so in the file hashed.
        Assert.Equal(new TestData("经查属实") { Number = "宁通管告〔2034〕1号", VerificationCode = loaded.VerificationCode, VerificationUrl = $"https://gxt.nx.example.gov.cn/public/verify/{loaded.VerificationCode}" },
            DocumentData.FromJson<TestData>(loaded.DataJson));
        Assert.NotNull(VerificationCodes.Normalize(loaded.VerificationCode));
    }

    [Fact]
    public async Task A_document_is_issued_only_inside_its_steps_transaction()
    {
        var f = await FixturesAsync();
        var services = portal.ScopeFor(f.Inspector, "inspector.nx").ServiceProvider;
        var registry = new Issuer(services).Registry;
        await using var db = await services.GetRequiredService<IDbContextFactory<Supervision.Domain.Data.SupervisionDbContext>>().CreateDbContextAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.IssueAsync(db,
            new DocumentRequest(DocumentKind.PriorNotice, f.Province, f.Branch, "Test", "t", false, new DateOnly(2036, 1, 2)), _ => new TestData("x"), default));
    }

    [Fact]
    public async Task A_carrier_sees_a_document_only_once_it_is_addressed_to_it()
    {
        var f = await FixturesAsync();
        var registry = Registry(f.Inspector);
        var internalDoc = await registry.IssueAsync(new DocumentRequest(DocumentKind.CaseFilingApproval, f.Province, f.Branch, "Case", "v1", false, new DateOnly(2035, 1, 2)));
        var served = await registry.IssueAsync(new DocumentRequest(DocumentKind.PenaltyDecision, f.Province, f.Branch, "Case", "v1", true, new DateOnly(2035, 1, 2)));
        var carrier = Registry(f.Carrier).Registry;
        var visible = await carrier.ForOwnerAsync("Case", "v1");
        Assert.Equal([served.Id], visible.Select(d => d.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => carrier.DownloadAsync(internalDoc.Id));
        var otherCarrier = await portal.Db().Branches.SingleAsync(b => b.Code == "CUCC-64");
        var stranger = Registry(AccessScope.ForBranches(f.Province, otherCarrier.CarrierId, [otherCarrier.Id])).Registry;
        await Assert.ThrowsAsync<NotFoundException>(() => stranger.DownloadAsync(served.Id));
    }

    [Fact]
    public async Task Verification_gives_the_date_the_document_bears_and_says_which_forms_are_internal_and_which_await_a_seal()
    {
        var f = await FixturesAsync();
        var registry = Registry(f.Inspector);
        // Issued today (the test's clock is the system's) for a step dated years ahead: the verification gives the step's date.
        var approval = await registry.IssueAsync(new DocumentRequest(DocumentKind.CaseFilingApproval, f.Province, f.Branch, "Case", "v2", false, new DateOnly(2037, 3, 4)));
        var decision = await registry.IssueAsync(new DocumentRequest(DocumentKind.PenaltyDecision, f.Province, f.Branch, "Case", "v2", true, new DateOnly(2037, 3, 9)));
        var verification = portal.ScopeFor(f.Inspector, "inspector.nx").ServiceProvider.GetRequiredService<DocumentVerification>();

        var form = (await verification.FindAsync(approval.VerificationCode))!;
        Assert.Equal(new DateOnly(2037, 3, 4), form.IssuedOn);
        Assert.Equal(approval.IssuedAt, form.ArchivedAt, TimeSpan.FromMilliseconds(1)); // stored to the millisecond
        Assert.True(form.Internal);
        Assert.False(form.SealExpected);

        var served = (await verification.FindAsync(decision.VerificationCode))!;
        Assert.Equal(new DateOnly(2037, 3, 9), served.IssuedOn);
        Assert.False(served.Internal);
        Assert.True(served.SealExpected);
        Assert.False(served.Sealed); // no seal uploaded in the test province
    }
}
