using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using static Supervision.Tests.Domain.Common.Offered;

namespace Supervision.Tests.Domain.Publicity;

/// <summary>What an announcement offers officers and observers in each status, for a penalty decision and for an agent report.</summary>
public class AnnouncementActionsTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Day = new(2026, 5, 20);
    private static readonly WorkingDayCalendar Calendar = new([], [2026]);

    private static Announcement In(string state, AnnouncementKind kind)
    {
        var content = new AnnouncementContent("宁夏移动未落实电话用户实名登记", "中国移动通信集团宁夏有限公司", PartyType.Organisation, null, null, "宁通管罚〔2026〕3号",
            "合作营业厅为未出示证件的用户办理入网", "罚款", "《电话用户真实身份信息登记规定》第十六条", "罚款人民币贰万元", Day.AddDays(-5));
        var a = Announcement.Draft(30, 5, kind, kind == AnnouncementKind.PenaltyDecision ? "EnforcementCase" : "AgentReport", "7", "宁夏回族自治区通信管理局",
            content, Day, new EnforcementSettings(), At);
        if (state == "not published") a.DeclinePublication("涉及商业秘密，依《政府信息公开条例》第十五条不予公开", "inspector.nx", At);
        if (state is "draft" or "not published") return a;
        Publishing.Notified(a, Day).Publish(Day, Publishing.Terms(category: state == "repaired" ? Publishing.Minor : null), "inspector.nx", At); // 轻微: repairable at once
        if (state is "source changed" or "withdrawn") a.MarkSourceChanged(Day, "经行政复议，原处罚决定被撤销", new EnforcementSettings(), Calendar, At);
        if (state == "withdrawn") a.Withdraw("原处罚决定已被撤销", "inspector.nx", At);
        if (state == "repaired") a.EndAfterRepair(Day, "当事人已完成信用修复", "inspector.nx", At);
        return a;
    }

    [Theory]
    [InlineData("draft", "edit publish decline", "edit agent-notice (publish) decline", "")] // the agent is told first (第四十四条)
    [InlineData("published", "mark-changed withdraw end-after-repair view-public", "mark-changed withdraw view-public", "view-public")]
    [InlineData("source changed", "withdraw end-after-repair view-public", "withdraw view-public", "view-public")]
    [InlineData("withdrawn", "view-public", "view-public", "view-public")]
    [InlineData("not published", "", "", "")]
    [InlineData("repaired", "", "", "")]
    public void Each_status_offers_the_officer_its_steps_and_everyone_on_the_regulators_side_the_public_page(string state, string officerOfDecision, string officerOfAgent,
        string observer)
    {
        foreach (var (kind, officer) in new[] { (AnnouncementKind.PenaltyDecision, officerOfDecision), (AnnouncementKind.ViolatingAgent, officerOfAgent) })
        {
            if (state == "repaired" && kind == AnnouncementKind.ViolatingAgent) continue; // credit repair ends a decision's period only
            var a = In(state, kind);
            Assert.Equal(officer, Keys(a.ActionsFor(Acting.Officer)));
            Assert.Equal(observer, Keys(a.ActionsFor(Acting.Observer)));
            Assert.Empty(a.ActionsFor(Acting.Party));
        }
    }

    [Fact]
    public void Once_the_source_changed_withdrawing_comes_first_and_the_change_is_not_recorded_twice()
    {
        var published = In("published", AnnouncementKind.PenaltyDecision);
        Assert.Equal(("登记决定变更或撤销", false), published.ActionsFor(Acting.Officer).Where(x => x.Key == AnnouncementActions.MarkSourceChanged).Select(x => (x.Label, x.Primary)).Single());
        Assert.Equal("登记变更或撤销", In("published", AnnouncementKind.ViolatingAgent).ActionsFor(Acting.Officer)[0].Label);
        Assert.False(published.ActionsFor(Acting.Officer).Single(x => x.Key == AnnouncementActions.Withdraw).Primary);

        var changed = In("source changed", AnnouncementKind.PenaltyDecision);
        var withdraw = changed.ActionsFor(Acting.Officer).Single(x => x.Key == AnnouncementActions.Withdraw);
        Assert.True(withdraw.Primary && withdraw.Danger);
        var again = Assert.Throws<DomainException>(() => changed.MarkSourceChanged(Day, "再次登记变更情况", new EnforcementSettings(), Calendar, At));
        Assert.Equal("announcement.source_changed", again.Code);
    }
}
