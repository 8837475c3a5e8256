using Supervision.Domain.Common;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>
/// The service of each document that starts a period for the party (行政处罚法第六十一条): recorded with who received it and who
/// served it, the periods running from it; the hearing notice with its hour, at least seven working days before the hearing
/// (第六十四条第（二）项, 第八十五条), through the portal served on its first opening.
/// </summary>
public class CaseServiceRecordTests
{
    private static DomainException Refused(Action act) => Assert.Throws<DomainException>(act);

    private static readonly DateTimeOffset Opened = new(2026, 5, 12, 1, 30, 0, TimeSpan.Zero); // 9:30 in Beijing

    /// <summary>A hearing case: 100,000 under the anti-fraud law, hearing requested on 6 May.</summary>
    private static EnforcementCase HearingRequested()
    {
        var c = Noticed(100_000m, AntiFraud);
        c.RequestHearing(D("2026-05-06"), "p", Now);
        return c;
    }

    [Fact]
    public void The_prior_notices_service_records_the_recipient_and_the_servers_and_the_decision_waits_for_it()
    {
        var c = UnderReview();
        var refused = Refused(() => c.Decide(D("2026-05-11"), Penalty(Order25, 20_000m), null, Bases, Settings, Calendar, "i", Now));
        Assert.Equal("case.no_prior_notice", refused.Code);
        Assert.Contains("行政处罚法第六十二条", refused.Message);
        Assert.Equal("case.servers", Refused(() => c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now, ServiceMethods.InPerson,
            new ServiceDetails(RecipientName: "王伟", Servers: ["马建国"]))).Code);

        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now, ServiceMethods.InPerson, new ServiceDetails(RecipientName: "王伟", RecipientPost: "综合部经理"));
        var service = Assert.Single(c.Services);
        Assert.Equal((DocumentKind.PriorNotice, D("2026-04-30"), "王伟（综合部经理）", "马建国、李娟"), (service.Document, service.ServedOn, service.Recipient, service.Servers));
        // Three working days from service (1–5 May off): to 8 May; a decision that day is refused, the next working day allowed.
        var running = Refused(() => c.Decide(D("2026-05-08"), Penalty(Order25, 20_000m), null, Bases, Settings, Calendar, "i", Now));
        Assert.Equal("case.statement_period_running", running.Code);
        Assert.Contains("第六十二条", running.Message);
        c.Decide(D("2026-05-09"), Penalty(Order25, 20_000m), null, Bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void By_post_the_notice_is_served_on_the_receipt_date_with_the_posting_date_and_tracking_number()
    {
        var c = UnderReview();
        Assert.Equal("case.postal_tracking", Refused(() => c.ServePriorNotice(D("2026-05-06"), Settings, Calendar, "i", Now, ServiceMethods.Post,
            new ServiceDetails(PostedOn: D("2026-04-30")))).Code);
        Assert.Empty(c.Services);
        Assert.Equal("case.postal_receipt", Refused(() => c.ServePriorNotice(D("2026-04-29"), Settings, Calendar, "i", Now, ServiceMethods.Post,
            new ServiceDetails(PostedOn: D("2026-04-30"), TrackingNumber: "1179230645164"))).Code);

        c.ServePriorNotice(D("2026-05-06"), Settings, Calendar, "i", Now, ServiceMethods.Post, new ServiceDetails(PostedOn: D("2026-04-30"), TrackingNumber: "1179230645164"));
        Assert.Equal((D("2026-05-06"), D("2026-05-09")), (c.PriorNoticeServedOn, c.StatementDeadline)); // Saturday 9 May is worked
        Assert.Equal((D("2026-04-30"), "1179230645164"), (c.Services[0].PostedOn, c.Services[0].TrackingNumber));
    }

    [Fact]
    public void The_hearing_notice_names_the_hour_and_reaches_the_party_seven_working_days_before_the_hearing()
    {
        var c = HearingRequested();
        // Served 7 May: seven working days (9 May worked) end on 15 May.
        var tooSoon = Refused(() => c.ScheduleHearing(D("2026-05-07"), D("2026-05-14"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now));
        Assert.Equal("case.hearing_notice_short", tooSoon.Code);
        Assert.Contains("七日前通知当事人听证的时间、地点（行政处罚法第六十四条第（二）项", tooSoon.Message);
        Assert.Contains("最早为2026年5月15日", tooSoon.Message);
        var after = Refused(() => c.ScheduleHearing(D("2026-05-20"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now));
        Assert.Equal("case.hearing_notice_after_hearing", after.Code);
        Assert.Contains("第六十四条第（二）项", after.Message);
        Assert.Equal("case.hearing_time", Refused(() => c.ScheduleHearing(D("2026-05-07"), D("2026-05-15"), new TimeOnly(3, 0), "第一会议室", Panel, Settings, Calendar, "i", Now)).Code);
        Assert.Null(c.HearingDate);

        c.ScheduleHearing(D("2026-05-07"), D("2026-05-15"), new TimeOnly(14, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, ServiceMethods.InPerson,
            new ServiceDetails(RecipientName: "王伟"));
        Assert.Equal((D("2026-05-15"), new TimeOnly(14, 30), D("2026-05-07")), (c.HearingDate, c.HearingTime, c.HearingNoticeServedOn));
        Assert.Equal(DocumentKind.HearingNotice, c.ServiceOf(DocumentKind.HearingNotice)!.Document);
        Assert.Contains(c.PartyTimeline([]), e => e.Text.Contains("听证定于2026年5月15日下午2时30分在第一会议室举行"));
    }

    [Theory]
    [InlineData(9, 30, "上午9时30分")]
    [InlineData(14, 0, "下午2时")]
    [InlineData(12, 0, "中午12时")]
    public void A_time_of_day_reads_as_a_notice_writes_it(int hour, int minute, string expected) =>
        Assert.Equal(expected, ChineseDate.FormatTime(new TimeOnly(hour, minute)));

    [Fact]
    public void A_hearing_notice_sent_through_the_portal_is_served_on_its_first_opening_and_a_late_opening_holds_the_hearing()
    {
        var c = HearingRequested();
        // Without consent no electronic service at all (Art. 61 para 2).
        Assert.Equal("case.electronic_service_without_consent",
            Refused(() => c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, EnforcementCase.PortalService)).Code);
        c.Consent("wenshu@nx.chinamobile.example", D("2026-05-06"), "宁夏银川市金凤区宁安大街100号");

        c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, EnforcementCase.PortalService);
        Assert.Equal((D("2026-05-07"), (DateOnly?)null), (c.HearingNoticeSentOn, c.HearingNoticeServedOn));
        Assert.Null(c.ServiceOf(DocumentKind.HearingNotice));
        var unserved = Refused(() => c.RecordHearing(D("2026-05-18"), "当事人到场陈述", "i", Now));
        Assert.Equal("case.hearing_notice_unserved", unserved.Code);
        Assert.Contains("第六十四条第（二）项", unserved.Message);

        // Opened on 12 May: fewer than seven working days before 18 May — served, but the hearing cannot be held that day.
        c.ReceiveHearingNotice(D("2026-05-12"), new ServiceDetails(SentOn: D("2026-05-07"), OpenedAt: Opened, OpenedBy: "马丽"), Settings, Calendar, "p", Now);
        Assert.Equal((D("2026-05-12"), true), (c.HearingNoticeServedOn, c.HearingNoticeLate));
        Assert.Equal("马丽", c.ServiceOf(DocumentKind.HearingNotice)!.OpenedBy);
        var late = Refused(() => c.RecordHearing(D("2026-05-18"), "当事人到场陈述", "i", Now));
        Assert.Equal("case.hearing_notice_short", late.Code);
        Assert.Contains("第六十四条第（二）项", late.Message);

        // Set again, served in person in time: the hearing goes ahead.
        c.ScheduleHearing(D("2026-05-13"), D("2026-05-25"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now, ServiceMethods.InPerson, new ServiceDetails(RecipientName: "王伟"));
        Assert.False(c.HearingNoticeLate);
        c.RecordHearing(D("2026-05-25"), "当事人到场陈述", "i", Now);
        Assert.Equal(D("2026-05-25"), c.HearingHeldOn);
    }
}
