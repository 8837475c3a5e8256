using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// 法制审核 and 集体讨论 through the service on both databases: only the province's designated legal reviewer reviews, never an
/// investigator of the case; the opinion, the marking and the discussion are stored with the case.
/// </summary>
public class LegalReviewServiceTests(Portal portal) : IClassFixture<Portal>
{
    private EnforcementService As(AccessScope scope, string userName, string userId)
    {
        var s = portal.ScopeFor(scope, userName);
        s.ServiceProvider.GetRequiredService<AccessContext>().Set(scope, userName, userId);
        return s.ServiceProvider.GetRequiredService<EnforcementService>();
    }

    [Fact]
    public async Task Only_the_designated_reviewer_who_did_not_investigate_reviews_and_the_major_case_is_decided_after_its_discussion()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
        var users = await db.Users.Where(u => u.ProvinceId == branch.ProvinceId).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var scope = AccessScope.ForProvince(branch.ProvinceId, false, UserRole.Inspector);
        var inspector = As(scope, "inspector.nx", users["inspector.nx"]);
        var reviewer = As(scope, "inspector4.nx", users["inspector4.nx"]); // the demo's designated legal reviewer

        portal.Today(new DateOnly(2026, 4, 30));
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, inspector, new FileCaseInput(branch.Id, basis.Id, "营业厅未查验证件批量开卡", "2026年3月暗访发现某营业厅未查验证件批量开通电话卡。",
            new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 20), [users["inspector.nx"], users["inspector2.nx"]]));
        var c = await inspector.GetAsync(id);
        c = await inspector.StartInvestigationAsync(id, c.ConcurrencyToken);
        c = await inspector.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份", new DateOnly(2026, 4, 22), null);
        c = await inspector.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿。");
        SanctionInput[] sanctions = [Lawful.Correction(basis.Id), new(SanctionKind.Warning, basis.Id, null, "警告"), new(SanctionKind.Fine, basis.Id, 20_000m, "罚款")];
        c = await inspector.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        c = await inspector.MarkSignificanceAsync(id, c.ConcurrencyToken, major: true, complex: false, "涉及电话卡逾千张，社会影响恶劣");
        await inspector.ServePriorNoticeAsync(id, c.ConcurrencyToken, new DateOnly(2026, 4, 30));
        portal.Today(new DateOnly(2026, 5, 11));
        c = await inspector.GetAsync(id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => inspector.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), sanctions));
        Assert.Equal("case.legal_review_required", refused.Code);
        Assert.Contains("行政处罚法第五十八条", refused.Message);

        // An inspector not designated is no reviewer; a designated one who investigates this case is refused by the case.
        Assert.Null(await inspector.ReviewerAsync(branch.ProvinceId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => inspector.RecordLegalReviewAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), LegalReviewOpinion.Approve, "同意。"));
        await using (var admin = portal.Db())
        {
            (await admin.Users.SingleAsync(u => u.UserName == "inspector2.nx")).DesignateLegalReviewer(true);
            await admin.SaveChangesAsync();
        }
        var investigatorReviewer = As(scope, "inspector2.nx", users["inspector2.nx"]);
        Assert.NotNull(await investigatorReviewer.ReviewerAsync(branch.ProvinceId));
        Assert.Equal("case.reviewer_is_investigator", (await Assert.ThrowsAsync<DomainException>(() =>
            investigatorReviewer.RecordLegalReviewAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), LegalReviewOpinion.Approve, "同意。"))).Code);

        var me = await reviewer.ReviewerAsync(branch.ProvinceId);
        Assert.Equal("刘洋（宁夏局政策法规处）", me!.Name);
        Assert.True(Assert.Single(c.ActionsFor(me, new DateOnly(2026, 5, 11))).Allowed);
        c = await reviewer.RecordLegalReviewAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), LegalReviewOpinion.Approve, "事实清楚，依据正确，程序合法，处罚适当。");

        refused = await Assert.ThrowsAsync<DomainException>(() => inspector.DecideAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), sanctions));
        Assert.Equal("case.discussion_required", refused.Code);
        Assert.Contains("行政处罚法第五十七条第二款", refused.Message);
        c = await inspector.RecordDiscussionAsync(id, c.ConcurrencyToken, new DateOnly(2026, 5, 11), "王志强、李明、张华", "同意给予警告并处罚款二万元");
        await LeaderApproval.DecideAsync(portal.ScopeFor, inspector, id, new DateOnly(2026, 5, 11), sanctions);

        var decided = await inspector.GetAsync(id);
        Assert.Equal(CaseState.Decided, decided.State);
        var review = Assert.Single(decided.LegalReviews);
        Assert.Equal((users["inspector4.nx"], LegalReviewOpinion.Approve, "责令限期改正；警告；罚款 ¥20,000.00", false), (review.ReviewerId, review.Opinion, review.Proposal, review.Superseded));
        Assert.Equal("王志强、李明、张华", Assert.Single(decided.Discussions).Participants);
        Assert.True(decided.IsMajor);
        Assert.Equal("涉及电话卡逾千张，社会影响恶劣", decided.SignificanceReason);
    }
}
