using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Reports.Enforcement;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>The hand-off from inspections: a finding handed to enforcement (待立案) opens a case prefilled from it, and each points at the other.</summary>
public class CaseFromFindingTests(Portal portal) : IClassFixture<Portal>
{
    [Fact]
    public async Task A_finding_handed_to_enforcement_prefills_the_filing_and_is_linked_to_the_one_case_filed_on_it()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Carriers, ["CMCC"], ["RN-01", "RN-05"]);
        var draw = await DrawAsync(portal, plan);
        var inspection = await AssignedAsync(portal, draw.Id, draw.Result[0].Inspectors[0]);
        var user = inspection.Inspectors.First().UserName;
        var today = BeijingTime.Today(portal.Clock);
        await CompleteAsync(portal, inspection, user, today, "RN-05");
        await using var db = portal.Db();
        var finding = await db.Findings.AsNoTracking().SingleAsync(f => f.InspectionId == inspection.Id);
        // RN-05 (读卡器与联网核验) cites Order 25 第九条 in the catalog, as the inspection record prints it: the finding, the order and the case follow it.
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A09");
        var other = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        using var inspector = await portal.AsUserAsync(user);
        var cases = inspector.Get<EnforcementService>();

        // Not handed over yet: nothing to file on.
        Assert.Equal("finding.not_awaiting_case", (await Assert.ThrowsAsync<DomainException>(() => cases.DraftFromFindingAsync(finding.Id))).Code);
        // Another article than the item's for the same facts is refused, naming both.
        var mismatch = await Assert.ThrowsAsync<DomainException>(() => inspector.Get<FindingService>().DecideAsync(finding.Id, finding.ConcurrencyToken,
            FindingDecision.Enforcement, FindingSeverity.Severe, other.Id, "多次人工录入，移交立案"));
        Assert.Equal("finding.basis_mismatch", mismatch.Code);
        Assert.Contains("第九条", mismatch.Message);
        Assert.Contains("第六条", mismatch.Message);
        await inspector.Get<FindingService>().DecideAsync(finding.Id, finding.ConcurrencyToken, FindingDecision.Enforcement, FindingSeverity.Severe, basis.Id, "多次人工录入，移交立案");

        var draft = await cases.DraftFromFindingAsync(finding.Id);
        Assert.Equal((finding.BranchId, (int?)basis.Id, finding.Title, finding.Facts, finding.FoundOn, CaseSource.Finding, finding.Id.ToString()),
            (draft.BranchId, draft.LegalBasisId, draft.Title, draft.Facts, draft.ViolationDate, draft.Source, draft.SourceRef));
        Assert.Contains("中国移动", draft.Party);
        Assert.Equal(inspection.Inspectors.OrderBy(i => i.Id).Select(i => i.UserId), draft.InvestigatorIds);
        using (var leader = await portal.AsUserAsync("leader.nx"))
            await Assert.ThrowsAsync<AccessDeniedException>(() => leader.Get<EnforcementService>().DraftFromFindingAsync(finding.Id));

        // Another party than the finding's is refused, and nothing of that attempt stays.
        var docs = inspector.Get<EnforcementService>();
        var otherParty = (await db.Branches.SingleAsync(b => b.Code == "CUCC-64")).Id;
        FileCaseInput Input(int party, int? basisId = null) => new(party, basisId ?? draft.LegalBasisId!.Value, draft.Title, draft.Facts, draft.ViolationDate, today, draft.InvestigatorIds, draft.Source, draft.SourceRef);
        // The case cites the finding's duty, not another article for the same facts.
        Assert.Equal("case.basis_mismatch", (await Assert.ThrowsAsync<DomainException>(() => docs.FileAsync(Input(draft.BranchId, other.Id)))).Code);
        Assert.Equal("finding.case_party", (await Assert.ThrowsAsync<DomainException>(() => docs.FileAsync(Input(otherParty)))).Code);
        Assert.False(await db.EnforcementCases.AnyAsync(c => c.Source == CaseSource.Finding && c.SourceRef == draft.SourceRef));

        var id = await LeaderApproval.FileAsync(portal.ScopeFor, docs, Input(draft.BranchId));
        var filed = await cases.GetAsync(id);
        Assert.Equal((CaseSource.Finding, draft.SourceRef), (filed.Source, filed.SourceRef));
        var details = await inspector.Get<FindingService>().GetAsync(finding.Id);
        Assert.Equal((id, "已立案", filed.CaseNumber), (details.Finding.EnforcementCaseId, details.Finding.StateLabel, details.CaseNumber));

        // One case per finding.
        Assert.Equal("finding.not_awaiting_case", (await Assert.ThrowsAsync<DomainException>(() => cases.DraftFromFindingAsync(finding.Id))).Code);
        await Assert.ThrowsAsync<DomainException>(() => docs.FileAsync(Input(draft.BranchId)));
        Assert.Equal(1, await db.EnforcementCases.CountAsync(c => c.Source == CaseSource.Finding && c.SourceRef == draft.SourceRef));
    }
}
