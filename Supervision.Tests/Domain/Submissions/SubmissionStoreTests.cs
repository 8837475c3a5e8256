using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Submissions.ReturnBuilder;

namespace Supervision.Tests.Domain.Submissions;

public class SubmissionStoreTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly byte[] File = "PK fake workbook bytes"u8.ToArray();

    private async Task<(int Branch, AccessScope Carrier, AccessScope Inspector)> CmccAsync()
    {
        await using var db = portal.Db();
        var b = await db.Branches.SingleAsync(x => x.Code == "CMCC-64");
        var children = await db.Branches.Where(x => x.ParentBranchId == b.Id).Select(x => x.Id).ToListAsync();
        return (b.Id, AccessScope.ForBranches(b.ProvinceId, b.CarrierId, [b.Id, .. children]), AccessScope.ForProvince(b.ProvinceId, false, UserRole.Inspector));
    }

    private SubmissionService Service(AccessScope scope, string actor = "carrier.cmcc.nx") =>
        portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<SubmissionService>();

    [Fact]
    public async Task A_valid_return_is_stored_with_its_file_rows_and_flags_in_one_go()
    {
        var (branch, carrier, _) = await CmccAsync();
        var parsed = ValidRnMonthly("2026-06");
        Values(parsed, "汇总", 0)[Col(parsed, "汇总", "ReaderVerified")] = 39L;
        Values(parsed, "汇总", 0)[Col(parsed, "汇总", "ManualEntries")] = 1L;
        Values(parsed, "网点明细", 0)[Col(parsed, "网点明细", "ReaderVerified")] = 24L;
        Values(parsed, "网点明细", 0)[Col(parsed, "网点明细", "ManualEntries")] = 1L;

        var result = await Service(carrier).StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-06", "月报.xlsx", "web", SubmitNow: false), parsed, File, null);

        Assert.True(result.Accepted);
        var s = result.Submission!;
        Assert.Equal((SubmissionStatus.Draft, 1, 90, 1), (s.Status, s.Version, s.RowCount, s.FlagCount));
        await using var db = portal.Db();
        Assert.Equal(30, await db.RnSummaryRows.CountAsync(r => r.SubmissionId == s.Id));
        Assert.Equal(60, await db.OutletRows.CountAsync(r => r.SubmissionId == s.Id));
        var stored = await db.StoredFiles.Include(f => f.Content).SingleAsync(f => f.Id == s.FileId);
        Assert.Equal(File, stored.Content!.Bytes);
        Assert.Equal(Supervision.Domain.Files.StoredFile.Hash(File), s.Sha256);
        var first = await db.RnSummaryRows.Where(r => r.SubmissionId == s.Id).OrderBy(r => r.RowNumber).FirstAsync();
        Assert.Equal(("640100", "自有营业厅", 1L, 4), (first.CityCode, first.Channel, first.ManualEntries, first.RowNumber));
    }

    [Fact]
    public async Task A_refused_return_changes_nothing_but_the_attempt_log()
    {
        var (branch, carrier, _) = await CmccAsync();
        var parsed = ValidRnMonthly("2026-05");
        Values(parsed, "汇总", 0)[Col(parsed, "汇总", "Registered")] = 5000L;
        await using var before = portal.Db();
        var counts = (await before.Submissions.CountAsync(), await before.RnSummaryRows.CountAsync(), await before.StoredFiles.CountAsync());

        var result = await Service(carrier).StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-05", "bad.xlsx", "web", SubmitNow: true, Attested: true), parsed, File, null);

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e.Code == "REGISTERED_ABOVE_SUBSCRIBERS");
        await using var after = portal.Db();
        Assert.Equal(counts, (await after.Submissions.CountAsync(), await after.RnSummaryRows.CountAsync(), await after.StoredFiles.CountAsync()));
        var attempt = await after.SubmissionAttempts.SingleAsync(a => a.Period == "2026-05");
        Assert.Equal(("carrier.cmcc.nx", 2), (attempt.By, attempt.ErrorCount));
        Assert.Contains("REGISTERED_ABOVE_SUBSCRIBERS", attempt.FirstErrors);
    }

    [Fact]
    public async Task Filing_reviewing_and_resubmitting_make_new_versions_and_keep_the_old()
    {
        var (branch, carrier, inspector) = await CmccAsync();
        var asCarrier = Service(carrier);
        var draft = (await asCarrier.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-04", "v1.xlsx", "web", false), ValidRnMonthly("2026-04"), File, null)).Submission!;
        var filed = await asCarrier.SubmitAsync(draft.Id, attested: true);
        // One receipt number: the receipt's verification code, as the PDF and the public page show it.
        await using (var check = portal.Db())
        {
            var code = await check.IssuedDocuments.Where(d => d.OwnerType == SubmissionService.ReceiptOwnerType && d.OwnerId == filed.Id.ToString()).Select(d => d.VerificationCode).SingleAsync();
            Assert.Equal((SubmissionStatus.Submitted, Supervision.Domain.Documents.VerificationCodes.Display(code)), (filed.Status, filed.ReceiptNo));
            Assert.Equal(filed.ReceiptNo, await check.Submissions.Where(s => s.Id == filed.Id).Select(s => s.ReceiptNo).SingleAsync());
        }
        Assert.True(filed.Late); // due 2026-05-11; the test runs later

        var locked = await Assert.ThrowsAsync<DomainException>(() => asCarrier.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-04", "v2.xlsx", "web", false), ValidRnMonthly("2026-04"), File, null));
        Assert.Equal("submission.locked", locked.Code);

        var asInspector = Service(inspector, "inspector.nx");
        await Assert.ThrowsAsync<DomainException>(() => asInspector.ReturnAsync(filed.Id, filed.ConcurrencyToken, "短"));
        await Assert.ThrowsAsync<DomainException>(() => asInspector.ReturnAsync(filed.Id, Guid.NewGuid(), "数据与现场检查不符，请核实"));
        var returned = await asInspector.ReturnAsync(filed.Id, filed.ConcurrencyToken, "数据与现场检查不符，请核实");
        Assert.Equal(SubmissionStatus.Returned, returned.Status);
        // The carrier hears of it with the reason, and the upload page knows the version sent back (to warn of the same file again).
        await using (var db = portal.Db())
        {
            var carrierUser = await db.Users.SingleAsync(u => u.UserName == "carrier.cmcc.nx");
            var told = await db.Notifications.IgnoreQueryFilters().SingleAsync(n => n.UserId == carrierUser.Id && n.DedupKey == $"submission-returned:{filed.Id}");
            Assert.Equal(("报表被退回", $"/submissions/{filed.Id}"), (told.Title, told.Link));
            Assert.Contains("2026年4月）第1版被退回：数据与现场检查不符，请核实", told.Body);
        }
        var standing = await asCarrier.UploadStandingAsync(branch, "RN-MONTHLY", "2026-04");
        Assert.Equal((null, 1, Supervision.Domain.Files.StoredFile.Hash(File), "数据与现场检查不符，请核实"),
            (standing.Refusal, standing.Returned?.Version, standing.Returned?.Sha256, standing.Returned?.Reason));
        await Assert.ThrowsAsync<AccessDeniedException>(() => asCarrier.AcceptAsync(filed.Id, returned.ConcurrencyToken, null));

        var v2 = (await asCarrier.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-04", "v2.xlsx", "web", true, Attested: true), ValidRnMonthly("2026-04"), File, null)).Submission!;
        Assert.Equal((2, SubmissionStatus.Submitted), (v2.Version, v2.Status));
        var details = await asCarrier.GetAsync(v2.Id);
        Assert.Equal([2, 1], details.Versions.Select(v => v.Version));
        Assert.Equal(SubmissionStatus.Returned, details.Versions[1].Status);
    }

    [Fact]
    public async Task An_idempotency_key_returns_the_first_result_and_creates_nothing()
    {
        var (branch, carrier, _) = await CmccAsync();
        var service = Service(carrier);
        var first = await service.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-03", "a.xlsx", "api", true, "key-123", Attested: true), ValidRnMonthly("2026-03"), File, null);
        var again = await service.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-03", "a.xlsx", "api", true, "key-123", Attested: true), ValidRnMonthly("2026-03"), File, null);
        Assert.True(again.Repeated);
        Assert.Equal(first.Submission!.Id, again.Submission!.Id);
        await using var db = portal.Db();
        Assert.Equal(1, await db.Submissions.CountAsync(s => s.Period == "2026-03" && s.BranchId == branch));
    }

    [Fact]
    public async Task Another_carrier_can_neither_see_nor_file_for_this_branch()
    {
        var (branch, carrier, _) = await CmccAsync();
        var stored = (await Service(carrier).StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-02", "x.xlsx", "web", false), ValidRnMonthly("2026-02"), File, null)).Submission!;
        await using var db = portal.Db();
        var cucc = await db.Branches.SingleAsync(b => b.Code == "CUCC-64");
        var other = Service(AccessScope.ForBranches(cucc.ProvinceId, cucc.CarrierId, [cucc.Id]), "carrier.cucc.nx");
        await Assert.ThrowsAsync<NotFoundException>(() => other.GetAsync(stored.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => other.OriginalAsync(stored.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => other.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-02", "x.xlsx", "web", false), ValidRnMonthly("2026-02"), File, null));
        Assert.DoesNotContain((await other.ListAsync(new SubmissionQuery(), new PageRequest())).Items, s => s.BranchId == branch);
    }

    [Fact]
    public async Task The_overview_shows_every_filing_branch_and_where_it_stands()
    {
        var (branch, carrier, inspector) = await CmccAsync();
        await Service(carrier).StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-01", "x.xlsx", "web", true, Attested: true), ValidRnMonthly("2026-01"), File, null);
        var rows = await Service(inspector, "inspector.nx").OverviewAsync("RN-MONTHLY", "2026-01");
        Assert.Equal(4 + 6, rows.Count); // provincial companies of the 4 basic carriers and the 6 resellers of Ningxia
        Assert.Equal(FilingState.Submitted, rows.Single(r => r.BranchCode == "CMCC-64").State);
        Assert.Equal(FilingState.Overdue, rows.Single(r => r.BranchCode == "CUCC-64").State);
    }

    [Fact]
    public async Task An_upload_for_a_filed_or_accepted_period_or_one_not_yet_ended_is_refused_before_its_file_is_read()
    {
        var (branch, carrier, inspector) = await CmccAsync();
        var asCarrier = Service(carrier);
        var filed = (await asCarrier.StoreAsync(new StoreCommand(branch, "RN-MONTHLY", "2026-02", "v1.xlsx", "web", true, Attested: true), ValidRnMonthly("2026-02"), File, null)).Submission!;
        await using var before = portal.Db();
        var attempts = await before.SubmissionAttempts.CountAsync();

        // Not a workbook at all: had it been read, the answer would be a file error; the lock answers first.
        var garbage = "not a workbook"u8.ToArray();
        var underReview = await Assert.ThrowsAsync<DomainException>(() => asCarrier.UploadAsync(new UploadRequest(branch, "RN-MONTHLY", "2026-02", "v2.xlsx", "web", true, Attested: true), garbage));
        Assert.Equal("submission.locked", underReview.Code);
        Assert.Equal(underReview.Message, (await asCarrier.UploadStandingAsync(branch, "RN-MONTHLY", "2026-02")).Refusal);

        await Service(inspector, "inspector.nx").AcceptAsync(filed.Id, filed.ConcurrencyToken, null);
        var accepted = await Assert.ThrowsAsync<DomainException>(() => asCarrier.UploadAsync(new UploadRequest(branch, "RN-MONTHLY", "2026-02", "v2.xlsx", "web", true, Attested: true), garbage));
        Assert.Equal(("submission.locked", "本期报表已受理，不能再上传。如需更正，请联系监管人员。"), (accepted.Code, accepted.Message));

        // A period that has not ended: the current month (the test's clock is the real one).
        var month = BeijingTime.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var open = await Assert.ThrowsAsync<DomainException>(() => asCarrier.UploadAsync(new UploadRequest(branch, "RN-MONTHLY", month, "v1.xlsx", "web", false), garbage));
        Assert.Equal("submission.period_open", open.Code);
        Assert.Contains("尚未结束", open.Message);
        await using var after = portal.Db();
        Assert.Equal(attempts, await after.SubmissionAttempts.CountAsync());
        Assert.False(await after.Submissions.AnyAsync(s => s.Period == month && s.BranchId == branch));
    }

    [Fact]
    public void A_period_ends_at_the_end_of_its_last_day()
    {
        var september = ReportingPeriod.Parse("2026-09", Frequency.Monthly);
        Assert.Equal("submission.period_open", Submission.CannotUploadFor(september, null, new DateOnly(2026, 9, 30))!.Code);
        Assert.Null(Submission.CannotUploadFor(september, null, new DateOnly(2026, 10, 1)));
        Assert.Null(Submission.CannotUploadFor(september, SubmissionStatus.Returned, new DateOnly(2026, 10, 1)));
        Assert.Equal("submission.locked", Submission.CannotUploadFor(september, SubmissionStatus.Submitted, new DateOnly(2026, 10, 1))!.Code);
    }
}
