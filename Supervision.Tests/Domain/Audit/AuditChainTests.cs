using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Audit;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Audit;

public class AuditChainTests(Portal portal) : IClassFixture<Portal>
{
    private static AccessScope Admin => AccessScope.System with { Role = UserRole.SystemAdmin };

    private async Task<AuditVerification> VerifyAsync()
    {
        using var scope = portal.ScopeFor(Admin);
        return await scope.ServiceProvider.GetRequiredService<AuditService>().VerifyAsync();
    }

    private async Task<int> ChangeSomethingAsync(string note)
    {
        using var scope = portal.ScopeFor(Admin, "admin");
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogService>();
        var basis = (await catalog.ListLegalBasesAsync()).First(b => b.Code == "ORD25-A06");
        basis.Note = note;
        await catalog.SaveLegalBasisAsync(basis);
        return basis.Id;
    }

    /// <summary>
    /// A new row that points at another new row (a return and its stored file) is recorded with the keys the database gave
    /// both, not EF's temporary ones (a new submission's entry used to say "FileId":-9223372036854773522).
    /// </summary>
    [Fact]
    public async Task A_new_record_is_audited_with_its_stored_keys()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        using var scope = portal.ScopeFor(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), "carrier.cmcc.nx");
        var file = Supervision.Reports.Submissions.ReturnFileGenerator.RnMonthly(
            new Supervision.Reports.Submissions.GeneratedReturn("CMCC-64", "2025-05", ["640100", "640200", "640300", "640400", "640500"], Seed: 5));
        var stored = (await scope.ServiceProvider.GetRequiredService<Supervision.Domain.Submissions.SubmissionService>().UploadAsync(
            new Supervision.Domain.Submissions.UploadRequest(branch.Id, "RN-MONTHLY", "2025-05", "五月.xlsx", "web", SubmitNow: true, Attested: true), file)).Submission!;

        var entry = await portal.Db().AuditEntries.AsNoTracking()
            .SingleAsync(e => e.EntityType == "Submission" && e.EntityId == stored.Id.ToString() && e.Action == AuditActions.Create);
        using var changes = System.Text.Json.JsonDocument.Parse(entry.Changes);
        Assert.Equal(stored.FileId, changes.RootElement.GetProperty("FileId").GetInt64());
        Assert.True(stored.FileId > 0);
        var receipt = await portal.Db().AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "IssuedDocument" && e.Action == AuditActions.Create).OrderByDescending(e => e.Sequence).FirstAsync();
        using var receiptChanges = System.Text.Json.JsonDocument.Parse(receipt.Changes);
        Assert.True(receiptChanges.RootElement.GetProperty("FileId").GetInt64() > 0);
    }

    [Fact]
    public void Hashes_link_each_entry_to_the_one_before()
    {
        var head = new AuditHead();
        var entries = Enumerable.Range(0, 3).Select(i => new AuditEntry { Actor = "a", Action = "Update", EntityType = "X", EntityId = i.ToString(), Changes = "{}", At = DateTimeOffset.UnixEpoch }).ToList();
        entries.ForEach(e => AuditChain.Append(head, e));
        Assert.Equal(AuditChain.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.True(AuditChain.Verify(entries, head).Intact);

        entries[1].Changes = "{\"x\":1}";
        var broken = AuditChain.Verify(entries, head);
        Assert.False(broken.Intact);
        Assert.Equal(2, broken.FirstBrokenSequence);
    }

    [Fact]
    public async Task A_change_is_recorded_with_actor_and_before_after_values()
    {
        var id = await ChangeSomethingAsync("审计测试：修改说明");
        await using var db = portal.Db();
        var entry = await db.AuditEntries.Where(e => e.EntityType == nameof(LegalBasis) && e.EntityId == id.ToString()).OrderByDescending(e => e.Sequence).FirstAsync();
        Assert.Equal(("admin", AuditActions.Update), (entry.Actor, entry.Action));
        Assert.Contains("审计测试：修改说明", entry.Changes);
        Assert.Contains("\"Note\":[", entry.Changes);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Tampering_is_found_at_the_tampered_entry()
    {
        await ChangeSomethingAsync("篡改前");
        await using (var db = portal.Db())
        {
            var target = await db.AuditEntries.OrderBy(e => e.Sequence).Skip(10).FirstAsync();
            // Bypass the context's append-only guard the way an attacker with database access would.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Changes\" = {0} WHERE \"Sequence\" = {1}", "{\"forged\":true}", target.Sequence);
            var result = await VerifyAsync();
            Assert.False(result.Intact);
            Assert.Equal(target.Sequence, result.FirstBrokenSequence);
            Assert.Contains("篡改", result.Message);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Changes\" = {0} WHERE \"Sequence\" = {1}", target.Changes, target.Sequence);
        }
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task A_deleted_last_entry_is_found_through_the_head()
    {
        await ChangeSomethingAsync("删除测试");
        await using var db = portal.Db();
        var last = await db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {0}", last.Sequence);
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(last.Sequence, result.FirstBrokenSequence);
        // Put it back so the other tests of this class see an intact chain.
        db.ChangeTracker.Clear();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"AuditEntries\" (\"Id\", \"Sequence\", \"At\", \"Actor\", \"Action\", \"EntityType\", \"EntityId\", \"Changes\", \"PreviousHash\", \"Hash\") VALUES ({0},{1},{2},{3},{4},{5},{6},{7},{8},{9})",
            last.Id, last.Sequence, db.Entry(last).Property(e => e.At).Metadata.GetValueConverter()!.ConvertToProvider(last.At)!, last.Actor, last.Action, last.EntityType, last.EntityId, last.Changes, last.PreviousHash, last.Hash);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_through_the_application()
    {
        await using var db = portal.Db();
        var entry = await db.AuditEntries.FirstAsync();
        entry.Actor = "someone else";
        Assert.IsType<AccessDeniedException>(await Record.ExceptionAsync(() => db.SaveChangesAsync()));
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => ChangeSomethingAsync($"并发{i}")));
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Message);
    }
}
