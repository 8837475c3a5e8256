using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Publicity;

/// <summary>
/// Publication after the credit-repair rules: the period by category from the decision date, not publishing with a legal
/// reason, ending early after credit repair, and the 违规代理商 list only with a legal basis.
/// </summary>
public class PublicationRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 30, 2, 0, 0, TimeSpan.Zero); // 30 June 2026, Beijing

    private static Announcement Draft(AnnouncementKind kind = AnnouncementKind.PenaltyDecision, bool ordered = false) =>
        Announcement.Draft(30, 5, kind, kind == AnnouncementKind.PenaltyDecision ? PenaltyAnnouncement.SourceType : "AgentReport", "7", "宁夏回族自治区通信管理局",
            new AnnouncementContent("宁夏移动未按规定查验证件行政处罚决定", "中国移动通信集团宁夏有限公司", PartyType.Organisation, "91640000710603880X", "王五",
                "宁通管罚〔2026〕3号", "合作营业厅为未出示证件的用户办理入网。", "警告；罚款", "《电话用户真实身份信息登记规定》第十九条", "警告；罚款人民币20,000.00元",
                D("2026-05-11")), D("2026-05-20"), new EnforcementSettings(), At, ordered);

    private static DomainException Refusal(Action act) => Assert.Throws<DomainException>(act);

    [Theory]
    [InlineData("minor", null, "2026-08-10", "2026-05-11")]
    [InlineData("minor", 1, "2026-06-10", "2026-05-11")]
    [InlineData("ordinary", null, "2027-05-10", "2026-08-11")]
    [InlineData("ordinary", 3, "2026-08-10", "2026-08-11")]
    [InlineData("serious", null, "2029-05-10", "2027-05-11")]
    [InlineData("serious", 12, "2027-05-10", "2027-05-11")]
    public void The_period_follows_the_category_and_counts_from_the_decision_date(string code, int? months, string until, string repairableFrom)
    {
        var category = new[] { Publishing.Minor, Publishing.Ordinary, Publishing.Serious }.Single(c => c.Code == code);
        var a = Draft();
        a.Publish(D("2026-05-20"), Publishing.Terms(category: category, months: months), "inspector.nx", At); // published nine days after the decision
        Assert.Equal((D(until), D(repairableFrom), category.Name, months ?? category.MaxMonths), (a.PublicUntil!.Value, a.RepairableFrom!.Value, a.CategoryName!, a.PeriodMonths!.Value));
    }

    [Theory]
    [InlineData("minor", 0)]
    [InlineData("minor", 4)]
    [InlineData("ordinary", 2)]
    [InlineData("ordinary", 13)]
    [InlineData("serious", 11)]
    [InlineData("serious", 37)]
    public void A_period_outside_the_categorys_bounds_is_refused(string code, int months)
    {
        var category = new[] { Publishing.Minor, Publishing.Ordinary, Publishing.Serious }.Single(c => c.Code == code);
        var a = Draft();
        var refused = Refusal(() => a.Publish(D("2026-05-20"), Publishing.Terms(category: category, months: months), "inspector.nx", At));
        Assert.Equal("announcement.period_out_of_bounds", refused.Code);
        Assert.Contains(category.Name, refused.Message);
        Assert.Equal(AnnouncementStatus.Draft, a.Status);
    }

    [Fact]
    public void A_decision_needs_a_category_and_is_not_published_once_its_period_is_over()
    {
        var a = Draft();
        var none = Refusal(() => a.Publish(D("2026-05-20"), new PublicationTerms(new EnforcementSettings()), "inspector.nx", At));
        Assert.Equal(("announcement.category_required", "请选择公示类别（轻微、一般或严重失信行为）：公示期按类别自处罚决定日期起计算。"), (none.Code, none.Message));
        // One month of 轻微 from 11 May ended on 10 June: publishing on 30 June would show nothing.
        var over = Refusal(() => a.Publish(D("2026-06-30"), Publishing.Terms(category: Publishing.Minor, months: 1), "inspector.nx", At));
        Assert.Equal("announcement.period_over", over.Code);
        Assert.Contains("2026年6月10日", over.Message);
        a.Publish(D("2026-06-30"), Publishing.Terms(category: Publishing.Minor, months: 2), "inspector.nx", At);
        Assert.Equal(D("2026-07-10"), a.PublicUntil);
    }

    [Fact]
    public void Not_publishing_records_the_legal_reason_and_closes_the_queue_item_unless_the_decision_orders_the_announcement()
    {
        var a = Draft();
        Assert.True(a.IsLateOn(D("2026-05-21")));
        Assert.Equal("announcement.reason_required", Refusal(() => a.DeclinePublication("保密", "inspector.nx", At)).Code);
        a.DeclinePublication("涉及商业秘密，依《政府信息公开条例》第十五条不予公开", "inspector.nx", At);
        Assert.Equal((AnnouncementStatus.NotPublished, D("2026-06-30"), "inspector.nx", "涉及商业秘密，依《政府信息公开条例》第十五条不予公开"),
            (a.Status, a.NotPublishedOn!.Value, a.NotPublishedBy!, a.NotPublishedReason!));
        Assert.False(a.IsLateOn(D("2026-06-30"))); // no longer due
        Assert.False(a.IsPublicOn(D("2026-06-30")));
        Assert.Equal("announcement.not_draft", Refusal(() => a.Publish(D("2026-06-30"), Publishing.Terms(), "inspector.nx", At)).Code);

        var ordered = Draft(ordered: true);
        var refused = Refusal(() => ordered.DeclinePublication("涉及商业秘密，依《政府信息公开条例》第十五条不予公开", "inspector.nx", At));
        Assert.Equal(("announcement.publication_ordered", "处罚决定包含“向社会公告”：公告是处罚内容本身，须依决定公示，不能不予公示。"), (refused.Code, refused.Message));
        Assert.Equal("处罚决定包含“向社会公告”，须依决定公示", ordered.ActionsFor(Acting.Officer).Single(x => x.Key == AnnouncementActions.Decline).NotYet);
        Assert.Equal(AnnouncementStatus.Draft, ordered.Status);
    }

    [Fact]
    public void Credit_repair_ends_the_period_early_once_the_shortest_period_has_passed()
    {
        var a = Draft();
        a.Publish(D("2026-05-20"), Publishing.Terms(category: Publishing.Ordinary), "inspector.nx", At);
        var early = Refusal(() => a.EndAfterRepair(D("2026-06-30"), "当事人已完成整改并提交信用修复申请", "inspector.nx", At));
        Assert.Equal(("announcement.repair_too_early", "一般失信行为的最短公示期至2026年8月10日届满，届满后方可因信用修复停止公示。"), (early.Code, early.Message));

        var later = new DateTimeOffset(2026, 8, 11, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal("announcement.reason_required", Refusal(() => a.EndAfterRepair(D("2026-08-11"), "", "inspector.nx", later)).Code);
        Assert.Equal("announcement.date_in_future", Refusal(() => a.EndAfterRepair(D("2026-08-12"), "信用修复决定书", "inspector.nx", later)).Code);
        a.EndAfterRepair(D("2026-08-11"), "信用中国（宁夏）已作出信用修复决定", "inspector.nx", later);
        Assert.Equal((AnnouncementStatus.Repaired, D("2026-08-11"), "信用中国（宁夏）已作出信用修复决定", "inspector.nx"),
            (a.Status, a.RepairedOn!.Value, a.RepairReason!, a.RepairedBy!));
        Assert.True(a.IsPublicOn(D("2026-08-10")) is false && a.IsPublicOn(D("2026-08-11")) is false); // off the site, though the period ran to 2027-05-10
        Assert.Equal(D("2027-05-10"), a.PublicUntil);
        Assert.Equal("announcement.not_published", Refusal(() => a.Withdraw("原处罚决定已被撤销", "inspector.nx", later)).Code);
    }

    [Fact]
    public void An_agent_is_published_only_while_the_list_is_enabled_and_cites_its_basis()
    {
        var agent = Draft(AnnouncementKind.ViolatingAgent);
        var refused = Refusal(() => agent.Publish(D("2026-06-30"), new PublicationTerms(new EnforcementSettings()), "inspector.nx", At));
        Assert.Equal("agent_list.disabled", refused.Code);
        Assert.Contains("通报批评", refused.Message);
        Assert.Equal(AnnouncementStatus.Draft, agent.Status);

        Publishing.Notified(agent, D("2026-06-30")).Publish(D("2026-06-30"), Publishing.Terms(new EnforcementSettings { PublicationMonths = 6 }), "inspector.nx", At);
        Assert.Equal((Publishing.AgentBasis.Id, Publishing.AgentBasis.Citation, D("2026-12-29")), (agent.LegalBasisId!.Value, agent.LegalBasis, agent.PublicUntil!.Value));
        Assert.True(agent.IsPublicOn(D("2026-06-30")));
    }

    [Fact]
    public void The_list_is_enabled_per_province_and_only_with_a_legal_basis()
    {
        new EnforcementSettings { ProvinceId = 30 }.CheckAgentList(); // disabled: nothing to check
        var national = Refusal(() => new EnforcementSettings { AgentListEnabled = true, AgentListLegalBasisId = 1 }.CheckAgentList());
        Assert.Equal("agent_list.national", national.Code);
        var noBasis = Refusal(() => new EnforcementSettings { ProvinceId = 30, AgentListEnabled = true }.CheckAgentList());
        Assert.Equal("agent_list.basis_required", noBasis.Code);
        Assert.Contains("通报批评", noBasis.Message);
        new EnforcementSettings { ProvinceId = 30, AgentListEnabled = true, AgentListLegalBasisId = 1 }.CheckAgentList();
        // Turning it off forgets the basis.
        Assert.Null(new EnforcementSettings().CopyFrom(new EnforcementSettings { ProvinceId = 30, AgentListEnabled = false, AgentListLegalBasisId = 1 }).AgentListLegalBasisId);
    }
}
