using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Publicity;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Publicity;

public class AnnouncementTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 30, 2, 0, 0, TimeSpan.Zero);

    private static AnnouncementContent Content(PartyType type = PartyType.Organisation, string party = "中国移动通信集团宁夏有限公司", string? representative = "王五") =>
        new("宁夏移动未按规定查验证件行政处罚决定", party, type, type == PartyType.Person ? "91640000710603880X" : "91640000710603880X", representative,
            "宁通管罚〔2026〕3号", "为用户（身份证号640102199001011234，电话13912345678）办理入网未核验证件。<b>情节较重</b>",
            "警告；罚款", "《电话用户真实身份信息登记规定》第十九条", "警告；罚款人民币20,000.00元", D("2026-05-11"));

    private static Announcement Draft(AnnouncementContent? content = null, EnforcementSettings? settings = null) =>
        Announcement.Draft(30, 5, AnnouncementKind.PenaltyDecision, PenaltyAnnouncement.SourceType, "7", "宁夏回族自治区通信管理局", content ?? Content(),
            D("2026-05-20"), settings ?? new EnforcementSettings(), At);

    [Fact]
    public void A_draft_is_cleaned_on_the_way_in()
    {
        var a = Draft();
        Assert.Equal(AnnouncementStatus.Draft, a.Status);
        Assert.DoesNotContain("640102199001011234", a.Facts);
        Assert.DoesNotContain("13912345678", a.Facts);
        Assert.DoesNotContain("<b>", a.Facts);
        Assert.Contains(PublicText.IdRedacted, a.Facts);
        Assert.Equal("王五", a.LegalRepresentative); // a company's legal representative is registry data
    }

    [Fact]
    public void A_persons_name_is_masked_per_settings_and_never_carries_a_credit_code()
    {
        var masked = Draft(Content(PartyType.Person, "张三丰", null));
        Assert.Equal("张**", masked.PartyName);
        Assert.Null(masked.CreditCode);
        var shown = Draft(Content(PartyType.Person, "张三丰", null), new EnforcementSettings { MaskIndividualNames = false });
        Assert.Equal("张三丰", shown.PartyName);
        var business = Draft(Content(PartyType.IndividualBusiness, "银川某某通讯店", "李四"));
        Assert.Equal("银川某某通讯店", business.PartyName);
        Assert.Equal("李*", business.LegalRepresentative);
    }

    [Fact]
    public void Publishing_starts_the_period_and_records_lateness()
    {
        var onTime = Draft();
        onTime.Publish(D("2026-05-20"), Publishing.Terms(), "inspector.nx", At);
        // 一般失信行为 for its longest period, twelve months from the decision of 11 May 2026.
        Assert.Equal((AnnouncementStatus.Published, D("2027-05-10")), (onTime.Status, onTime.PublicUntil));
        Assert.False(onTime.PublishedLate);
        Assert.True(onTime.IsPublicOn(D("2027-05-10")));
        Assert.False(onTime.IsPublicOn(D("2027-05-11")));
        Assert.False(onTime.IsPublicOn(D("2026-05-19")));

        var late = Draft();
        Assert.True(late.IsLateOn(D("2026-05-21")));
        late.Publish(D("2026-05-21"), Publishing.Terms(months: 6), "inspector.nx", At);
        Assert.True(late.PublishedLate);
        Assert.Equal(D("2026-11-10"), late.PublicUntil);
        Assert.Equal("announcement.not_draft", Assert.Throws<DomainException>(() => late.Edit(Content(), new EnforcementSettings())).Code);
    }

    [Fact]
    public void Publishing_refuses_the_future_a_date_before_the_decision_and_missing_content()
    {
        Assert.Equal("announcement.date_in_future", Assert.Throws<DomainException>(() => Draft().Publish(D("2026-07-01"), Publishing.Terms(), "i", At)).Code);
        Assert.Equal("announcement.before_decision", Assert.Throws<DomainException>(() => Draft().Publish(D("2026-05-10"), Publishing.Terms(), "i", At)).Code);
        var empty = Draft(Content() with { Facts = "<p></p>" });
        Assert.Equal("announcement.incomplete", Assert.Throws<DomainException>(() => empty.Publish(D("2026-05-20"), Publishing.Terms(), "i", At)).Code);
    }

    [Fact]
    public void A_changed_decision_must_be_withdrawn_within_three_working_days_with_a_public_reason()
    {
        var a = Draft();
        a.Publish(D("2026-05-20"), Publishing.Terms(), "i", At);
        Assert.Equal("announcement.before_publication", Assert.Throws<DomainException>(() => a.MarkSourceChanged(D("2026-05-19"), "复议撤销", new(), Calendar, At)).Code);
        a.MarkSourceChanged(D("2026-05-29"), "经行政复议，原处罚决定被撤销", new EnforcementSettings(), Calendar, At); // a Friday
        Assert.Equal(D("2026-06-03"), a.WithdrawalDueBy); // Mon 1, Tue 2, Wed 3 June
        Assert.False(a.IsLateOn(D("2026-06-03")));
        Assert.True(a.IsLateOn(D("2026-06-04")));
        Assert.Equal("announcement.reason_required", Assert.Throws<DomainException>(() => a.Withdraw(" ", "i", At)).Code);
        a.Withdraw("原行政处罚决定已被<i>行政复议</i>机关撤销", "i", At);
        Assert.Equal(AnnouncementStatus.Withdrawn, a.Status);
        Assert.Equal("原行政处罚决定已被 行政复议 机关撤销", a.WithdrawReason);
        Assert.True(a.WithdrawnLate); // withdrawn 30 June, due 3 June
        Assert.True(a.IsPublicOn(D("2026-06-30"))); // still listed, with the reason, for the rest of the period
    }

    [Fact]
    public void Every_public_field_is_cleaned_on_the_way_in_and_again_when_published()
    {
        var content = new AnnouncementContent("某店违规办理入网（举报电话138 0013 8000）", "银川某某通讯店（0951—6012345）", PartyType.IndividualBusiness,
            "ID110101199003071234", "李四", "宁通管通〔2026〕7号（经办人１３８００１３８０００）", "为用户（身份证号110101 19900307 1234）办理入网",
            "通报（电话(0951)6012345）", "《电话用户真实身份信息登记规定》第十一条（咨询+86 951 6012345）", "已责令退款至银行卡6222 0212 3456 7890 128",
            D("2026-05-11"), "经营地址：银川市兴庆区（联系人13800138000）");
        var a = Announcement.Draft(30, 5, AnnouncementKind.ViolatingAgent, "AgentReport", "x", "宁夏回族自治区通信管理局（值班电话0951-6012345）", content,
            D("2026-05-20"), new EnforcementSettings(), At);
        AssertNoPersonalNumbers(a);
        Assert.Equal(PublicText.Version, a.PublicTextVersion);
        Assert.Equal("宁通管通〔2026〕7号（经办人（电话号码已隐去））", a.DocumentNumber);

        // A draft stored before the current rules (its text as typed) is cleaned again when it is published.
        StoredUnderOlderRules(a, ("Facts", "为用户（身份证号110101 19900307 1234）办理入网"), ("Body", "联系人：13800138000"), ("PublicTextVersion", 1));
        Publishing.Notified(a, D("2026-05-20")).Publish(D("2026-05-20"), Publishing.Terms(), "inspector.nx", At);
        AssertNoPersonalNumbers(a);
        Assert.Equal("为用户（身份证号（身份证号码已隐去））办理入网", a.Facts);
        Assert.Equal(PublicText.Version, a.PublicTextVersion);
        var token = a.ConcurrencyToken;
        Assert.False(a.CleanPublicTexts()); // nothing left to clean
        Assert.Equal(token, a.ConcurrencyToken);
    }

    /// <summary>
    /// The row as an older version of the rules left it in the database (no step of today's announcement can produce it): the
    /// values are written past the entity's private setters, as EF Core does when it reads such a row.
    /// </summary>
    private static void StoredUnderOlderRules(Announcement a, params (string Property, object Value)[] stored)
    {
        foreach (var (property, value) in stored)
            typeof(Announcement).GetProperty(property)!.SetValue(a, value);
    }

    /// <summary>Every text the announcement holds, whatever fields it gains later.</summary>
    private static void AssertNoPersonalNumbers(Announcement a)
    {
        foreach (var property in typeof(Announcement).GetProperties().Where(p => p.PropertyType == typeof(string)))
            Assert.False(property.GetValue(a) is string value && PublicText.HasPersonalNumbers(value), $"{property.Name} holds a personal number: {property.GetValue(a)}");
    }
}
