using Supervision.Domain.Common;
using Supervision.Domain.Inspections;
using static Supervision.Tests.Domain.Common.Offered;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>What a corrective order offers each actor in each of its states, and that a step not possible yet says what the step itself would say.</summary>
public class OrderActionsTests
{
    private static readonly DateOnly Monday = new(2026, 11, 2);
    private static readonly DateOnly Deadline = new(2026, 11, 16);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    private static CorrectiveOrder Draft() => CorrectiveOrder.Draft(new Finding { Id = 4, ProvinceId = 64, BranchId = 7, Facts = "合作营业厅人工录入身份信息后办理入网12笔" },
        "立即停止人工录入", 3, DeadlineMode.Date, null, Deadline, "u-1", "inspector.nx", At(Monday));

    private static CorrectiveOrder Issued()
    {
        var o = Draft();
        o.Issue(Deadline, "宁通管改〔2026〕1号", "inspector.nx", At(Monday), Monday);
        return o;
    }

    private static CorrectiveOrder WithPendingExtension()
    {
        var o = Issued();
        o.RequestExtension(Deadline.AddDays(10), "设备采购周期较长", "carrier", At(Monday.AddDays(3)), Monday.AddDays(3));
        return o;
    }

    private static CorrectiveOrder Overdue()
    {
        var o = Issued();
        o.MarkOverdue(Deadline.AddDays(1));
        return o;
    }

    private static CorrectiveOrder Replied()
    {
        var o = Issued();
        o.Reply("已停用人工录入，全部网点配备读卡器。", "carrier", At(Monday.AddDays(7)), Monday.AddDays(7));
        return o;
    }

    private static CorrectiveOrder Reinspected(bool passed)
    {
        var o = Replied();
        o.Verify(passed, passed ? "经现场复查，整改到位。" : "仍有网点人工录入。", Monday.AddDays(8), "宁通管复〔2026〕1号", "inspector.nx", Monday.AddDays(8));
        return o;
    }

    private static CorrectiveOrder Escalated()
    {
        var o = Overdue();
        o.Escalate("逾期未提交整改报告", At(Deadline.AddDays(2)));
        return o;
    }

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // state, officer (inspector), party (carrier), today is the day after the steps above unless said
        { "draft", "edit preview issue", "", "" },
        { "issued", "(verify) (escalate)", "reply request-extension", "" },
        { "extension pending", "decide-extension (verify) (escalate)", "reply (request-extension)", "" },
        { "issued, deadline passed before the overdue scan", "(verify) (escalate)", "reply (request-extension)", "late" },
        { "overdue", "(verify) escalate", "reply (request-extension)", "late" },
        { "replied", "verify", "", "" },
        { "not verified", "reopen escalate", "", "" },
        { "verified", "", "", "" },
        { "escalated", "", "", "" },
    };

    private static CorrectiveOrder In(string state) => state switch
    {
        "draft" => Draft(),
        "issued" or "issued, deadline passed before the overdue scan" => Issued(),
        "extension pending" => WithPendingExtension(),
        "overdue" => Overdue(),
        "replied" => Replied(),
        "not verified" => Reinspected(passed: false),
        "verified" => Reinspected(passed: true),
        "escalated" => Escalated(),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_state_offers_the_officer_and_the_carrier_their_own_steps_and_the_observer_none(string state, string officer, string party, string when)
    {
        var order = In(state);
        var today = when == "late" ? Deadline.AddDays(1) : Monday.AddDays(4);
        Assert.Equal(officer, Keys(order.ActionsFor(Acting.Officer, today)));
        Assert.Equal(party, Keys(order.ActionsFor(Acting.Party, today)));
        Assert.Empty(order.ActionsFor(Acting.Observer, today));
    }

    [Fact]
    public void A_step_not_possible_yet_gives_the_reason_the_step_itself_gives()
    {
        var today = Monday.AddDays(4);
        var issued = Issued();
        var officer = issued.ActionsFor(Acting.Officer, today);
        Assert.StartsWith("企业尚未提交整改报告，不能复查", NotYet(officer, OrderActions.Verify));
        Assert.Equal(NotYet(officer, OrderActions.Verify),
            Assert.Throws<DomainException>(() => issued.Verify(true, "经现场复查，整改到位。", today, null, "inspector.nx", today)).Message);
        Assert.Equal(NotYet(officer, OrderActions.Escalate), Assert.Throws<DomainException>(() => issued.Escalate("企业态度消极", At(today))).Message);

        var pending = WithPendingExtension();
        Assert.Equal("已有一项延期申请正在审批，请等待结果。", NotYet(pending.ActionsFor(Acting.Party, today), OrderActions.RequestExtension));
        Assert.Equal(NotYet(pending.ActionsFor(Acting.Party, today), OrderActions.RequestExtension),
            Assert.Throws<DomainException>(() => pending.RequestExtension(Deadline.AddDays(20), "再延长一些时间", "carrier", At(today), today)).Message);

        // The deadline has passed though the daily scan has not marked the order overdue yet: no more extensions, as once it is marked.
        var late = Deadline.AddDays(1);
        var unmarked = Issued();
        var reason = NotYet(unmarked.ActionsFor(Acting.Party, late), OrderActions.RequestExtension);
        Assert.Equal("整改期限（2026年11月16日）已过，不能再申请延期，请尽快整改并报告。", reason);
        Assert.Equal(reason, Assert.Throws<DomainException>(() => unmarked.RequestExtension(Deadline.AddDays(10), "设备采购周期较长", "carrier", At(late), late)).Message);
        Assert.Equal(reason, NotYet(Overdue().ActionsFor(Acting.Party, late), OrderActions.RequestExtension));
    }

    [Fact]
    public void The_draft_is_made_from_its_finding_and_its_state_changes_only_through_its_steps()
    {
        var draft = Draft();
        Assert.Equal((OrderState.Draft, 64, 7, 4L, "合作营业厅人工录入身份信息后办理入网12笔", false), (draft.State, draft.ProvinceId, draft.BranchId, draft.FindingId, draft.Facts, draft.VisibleToParty));
        foreach (var name in new[] { nameof(CorrectiveOrder.State), nameof(CorrectiveOrder.Deadline), nameof(CorrectiveOrder.NoticeNumber), nameof(CorrectiveOrder.Round),
                     nameof(CorrectiveOrder.IssuedOn), nameof(CorrectiveOrder.ReinspectedOn), nameof(CorrectiveOrder.VisibleToParty) })
            Assert.False(typeof(CorrectiveOrder).GetProperty(name)!.SetMethod!.IsPublic, name);
    }
}
