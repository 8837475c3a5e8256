using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using static Supervision.Tests.Domain.Enforcement.CaseFixture;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>Each gate of the procedure refused with the article it rests on, then allowed once its precondition holds.</summary>
public class CaseGatesTests
{
    private static LegalBasis Basis(int id, string code, Action<LegalBasis>? change = null)
    {
        var b = new LegalBasis
        {
            Id = id, Code = code, Statute = "《中华人民共和国网络安全法》", DutyArticle = "第二十一条", PenaltyArticle = "第五十九条第一款", Duty = "留存网络日志",
            AllowedSanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine], FineMin = 10_000m, FineMax = 100_000m,
            EffectiveFrom = new DateOnly(2017, 6, 1), Verified = true, VerifiedBy = "系统管理员", VerifiedOn = new DateOnly(2026, 1, 5),
        };
        change?.Invoke(b);
        return b;
    }

    // ------------------------------------------------------------------ 1. the catalog

    [Fact]
    public void An_unchecked_basis_cannot_carry_a_penalty_until_an_administrator_confirms_it()
    {
        var basis = Basis(1, "ORD25-A06", b => { b.MarkUnverified(); b.Statute = Order25.Statute; b.PenaltyArticle = "第十九条"; });
        var bases = new Dictionary<int, LegalBasis> { [1] = basis };
        var c = Investigated();
        var e = Assert.Throws<DomainException>(() => c.ProposeSanctions([Warning()], bases, false, "i", Now));
        Assert.Equal("legal_basis.unverified", e.Code);
        Assert.Contains("系统管理员", e.Message);
        Assert.Contains("“法律依据”目录", e.Message);

        basis.MarkVerified("系统管理员", new DateOnly(2026, 4, 1));
        c.ProposeSanctions([Warning()], bases, false, "i", Now);
        Assert.Single(c.Sanctions);
    }

    [Fact]
    public void A_decision_on_a_basis_unchecked_since_the_notice_is_refused_and_shown_as_not_yet()
    {
        var basis = Basis(1, "ORD25-A06");
        var bases = new Dictionary<int, LegalBasis> { [1] = basis };
        var c = Investigated();
        c.ProposeSanctions([Warning()], bases, false, "i", Now);
        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now);
        foreach (var s in c.Sanctions) s.LegalBasis = basis; // as the case is loaded
        basis.MarkUnverified(); // an administrator changed what the entry says
        Assert.Equal("legal_basis.unverified", Assert.Throws<DomainException>(() => c.Decide(D("2026-05-11"), [Warning()], null, bases, Settings, Calendar, "i", Now)).Code);
        Assert.Contains("尚待核对", c.ActionsFor(Acting.Officer, D("2026-05-11")).Single(a => a.Key == "decide").NotYet);

        basis.MarkVerified("系统管理员", new DateOnly(2026, 5, 8));
        Assert.True(c.ActionsFor(Acting.Officer, D("2026-05-11")).Single(a => a.Key == "decide").Allowed);
        c.Decide(D("2026-05-11"), [Warning()], null, bases, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void Under_order_25_a_fine_comes_with_the_corrective_order_and_a_warning_never_alone()
    {
        var basis = Basis(1, "ORD25-A06", b =>
        {
            (b.Statute, b.PenaltyArticle, b.FineMax) = ("《电话用户真实身份信息登记规定》", "第十九条", 30_000m);
            b.MandatorySanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning];
        });
        var bases = new Dictionary<int, LegalBasis> { [1] = basis };
        var c = Investigated();
        var e = Assert.Throws<DomainException>(() => c.ProposeSanctions([Fine(20_000m)], bases, false, "i", Now));
        Assert.Equal("case.mandatory_sanction", e.Code);
        Assert.Contains("《电话用户真实身份信息登记规定》第十九条", e.Message);
        Assert.Contains("不能单处罚款", e.Message);
        var withoutOrder = Assert.Throws<DomainException>(() => c.ProposeSanctions([Warning(), Fine(20_000m)], bases, false, "i", Now));
        Assert.Equal("case.mandatory_sanction", withoutOrder.Code);
        Assert.Contains("缺少责令限期改正（责令改正须写明改正期限）", withoutOrder.Message);
        Assert.Contains("第十九条", withoutOrder.Message);

        c.ProposeSanctions([Correction(), Warning(), Fine(20_000m)], bases, false, "i", Now);
        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now);
        Assert.Equal("case.mandatory_sanction", Assert.Throws<DomainException>(() =>
            c.Decide(D("2026-05-11"), [Fine(20_000m)], null, bases, Settings, Calendar, "i", Now)).Code); // dropping the warning at the decision, too
        Assert.Equal("case.mandatory_sanction", Assert.Throws<DomainException>(() =>
            c.Decide(D("2026-05-11"), [Warning(), Fine(20_000m)], null, bases, Settings, Calendar, "i", Now)).Code); // or the corrective order
        c.Decide(D("2026-05-11"), [Correction(), Warning(), Fine(20_000m)], null, bases, Settings, Calendar, "i", Now);
        Assert.Equal(D("2026-06-30"), c.Sanctions.Single(s => s.Kind == SanctionKind.CorrectiveOrder).CorrectionDeadline);
    }

    [Fact]
    public void Under_a_refuse_to_correct_article_a_fine_needs_the_linked_corrective_order_the_party_disregarded()
    {
        var basis = Basis(1, "CSL2016-21", b => b.FineOnlyIfNotCorrected = true);
        var bases = new Dictionary<int, LegalBasis> { [1] = basis };
        var c = Investigated(basis);
        var e = Assert.Throws<DomainException>(() => c.ProposeSanctions([Warning(), Fine(20_000m)], bases, false, "i", Now));
        Assert.Equal("case.fine_requires_refusal", e.Code);
        Assert.Contains("第五十九条第一款", e.Message);

        var order = CorrectiveOrder.Draft(new Finding { Id = 4, ProvinceId = Party.ProvinceId, BranchId = Party.Id, Facts = "日志仅留存30日" }, "日志留存不少于六个月", 1,
            DeadlineMode.Date, null, D("2026-03-20"), "u1", "i", Now);
        order.Id = 8;
        order.Issue(D("2026-03-20"), "宁通管改〔2026〕2号", "i", new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero), D("2026-03-05"));
        Assert.Equal("case.order_not_disregarded", Assert.Throws<DomainException>(() => c.LinkCorrectiveOrder(order, "i", Now)).Code); // still running
        order.MarkOverdue(D("2026-03-25"));
        c.LinkCorrectiveOrder(order, "i", Now);

        c.ProposeSanctions([Warning(), Fine(20_000m)], bases, false, "i", Now);
        Assert.Equal(2, c.Sanctions.Count);
        Assert.True(c.CorrectiveOrderDisregarded);
    }

    [Fact]
    public void A_corrective_order_of_another_party_cannot_be_linked()
    {
        var order = CorrectiveOrder.Draft(new Finding { Id = 4, ProvinceId = Party.ProvinceId, BranchId = Party.Id + 1, Facts = "日志仅留存30日" }, "整改", 1,
            DeadlineMode.Date, null, D("2026-03-20"), "u1", "i", Now);
        order.Issue(D("2026-03-20"), "宁通管改〔2026〕3号", "i", new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero), D("2026-03-05"));
        order.MarkOverdue(D("2026-03-25"));
        Assert.Equal("case.order_other_party", Assert.Throws<DomainException>(() => Investigated().LinkCorrectiveOrder(order, "i", Now)).Code);
    }

    // ------------------------------------------------------------------ 6. one act, one fine

    [Fact]
    public void Two_fines_for_one_act_under_two_bases_are_refused_naming_the_basis_with_the_higher_fine()
    {
        var c = Investigated();
        var e = Assert.Throws<DomainException>(() => c.ProposeSanctions([.. Penalty(Order25, 20_000m), Fine(100_000m, 2)], Bases, false, "i", Now));
        Assert.Equal("case.double_fine", e.Code);
        Assert.Contains("第二十九条", e.Message);
        Assert.Contains("罚款数额高", e.Message);
        Assert.Contains("请只依据《反电信网络诈骗法》第九条、第三十九条（罚款", e.Message); // ¥500,000 against ¥30,000

        c.ProposeSanctions([.. Penalty(Order25, null), Warning(2), Fine(100_000m, 2)], Bases, false, "i", Now);
        Assert.Equal(4, c.Sanctions.Count); // Order 25: the corrective order and the warning; the anti-fraud law: the warning and the one fine
    }

    // ------------------------------------------------------------------ 2. hearing rights

    [Theory]
    [InlineData(SanctionKind.SuspendBusiness)]
    [InlineData(SanctionKind.RevokeLicence)]
    public void A_heavier_sanction_gives_the_right_to_a_hearing_whatever_the_fine(SanctionKind kind)
    {
        var basis = Basis(2, "ATFL-39-SERIOUS", b => b.AllowedSanctions = [SanctionKind.Warning, SanctionKind.Fine, kind]);
        var bases = new Dictionary<int, LegalBasis> { [2] = basis };
        var c = Investigated(basis);
        c.ProposeSanctions([new CaseSanction { Kind = kind, LegalBasisId = 2, Description = SanctionLabels.Label(kind) }], bases, false, "i", Now);
        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now);
        Assert.True(c.HearingOffered);
        Assert.Contains("request-hearing", c.ActionsFor(Acting.Party, D("2026-05-06")).Select(a => a.Key));
    }

    [Fact]
    public void A_warning_and_a_small_fine_give_no_hearing_and_the_refusal_cites_article_63()
    {
        var c = Noticed(20_000m);
        Assert.False(c.HearingOffered);
        var e = Assert.Throws<DomainException>(() => c.RequestHearing(D("2026-05-06"), "p", Now));
        Assert.Equal("case.hearing_not_offered", e.Code);
        Assert.Contains("第六十三条", e.Message);
    }

    // ------------------------------------------------------------------ 3. the hearing's chair

    [Fact]
    public void An_investigator_cannot_chair_the_hearing()
    {
        var c = EachState[CaseState.Hearing]();
        var e = Assert.Throws<DomainException>(() => c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel with { ChairUserId = "u1", ChairName = "马建国" },
            Settings, Calendar, "i", Now));
        Assert.Equal("case.hearing_chair_investigator", e.Code);
        Assert.Contains("第六十四条第（四）项", e.Message);
        Assert.Null(c.HearingDate);

        c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel, Settings, Calendar, "i", Now);
        Assert.Equal(("王志强", "张敏", "刘洋"), (c.HearingChairName, c.HearingMembers, c.HearingClerk));
    }

    [Fact]
    public void A_hearing_needs_a_chair_and_a_clerk()
    {
        var c = EachState[CaseState.Hearing]();
        Assert.Equal("case.hearing_chair", Assert.Throws<DomainException>(() =>
            c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel with { ChairUserId = "" }, Settings, Calendar, "i", Now)).Code);
        Assert.Equal("case.hearing_clerk", Assert.Throws<DomainException>(() =>
            c.ScheduleHearing(D("2026-05-07"), D("2026-05-18"), new TimeOnly(9, 30), "第一会议室", Panel with { Clerk = " " }, Settings, Calendar, "i", Now)).Code);
    }

    // ------------------------------------------------------------------ 4. electronic service

    [Fact]
    public void Electronic_service_needs_the_partys_written_consent_in_person_and_post_do_not()
    {
        var c = Decided();
        var e = Assert.Throws<DomainException>(() => c.Serve(D("2026-05-12"), ServiceMethods.Electronic, Settings, Calendar, "i", Now));
        Assert.Equal("case.electronic_service_without_consent", e.Code);
        Assert.Contains("第六十一条第二款", e.Message);
        Assert.Equal("case.service_method", Assert.Throws<DomainException>(() => c.Serve(D("2026-05-12"), "微信告知", Settings, Calendar, "i", Now)).Code);

        c.RecordServiceAddress("银川市金凤区北京中路1号", null, D("2026-05-11"), "i", Now); // an address, but no consent to electronic service
        Assert.Equal("case.electronic_service_without_consent", Assert.Throws<DomainException>(() => c.Serve(D("2026-05-12"), ServiceMethods.Electronic, Settings, Calendar, "i", Now)).Code);
        c.Consent("legal@nx.chinamobile.com", D("2026-05-13"));
        Assert.Contains("2026年5月13日", Assert.Throws<DomainException>(() => c.Serve(D("2026-05-12"), ServiceMethods.Electronic, Settings, Calendar, "i", Now)).Message);
        c.Serve(D("2026-05-13"), ServiceMethods.Electronic, Settings, Calendar, "i", Now);
        Assert.Equal(CaseState.Served, c.State);
    }

    [Theory]
    [InlineData(ServiceMethods.InPerson)]
    [InlineData(ServiceMethods.Post)]
    public void Service_in_person_or_by_post_needs_no_consent(string method)
    {
        var c = Decided();
        c.Serve(D("2026-05-12"), method, Settings, Calendar, "i", Now, method == ServiceMethods.Post ? new ServiceDetails(PostedOn: D("2026-05-11"), TrackingNumber: "1179230645164") : null);
        Assert.Equal((CaseState.Served, method), (c.State, c.ServiceMethod));
    }

    [Fact]
    public void The_prior_notice_is_served_electronically_only_with_consent_and_its_method_is_recorded()
    {
        var c = UnderReview();
        var refused = Assert.Throws<DomainException>(() => c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now, ServiceMethods.Electronic));
        Assert.Equal("case.electronic_service_without_consent", refused.Code);
        Assert.Contains("行政处罚法第六十一条第二款", refused.Message);
        Assert.Equal(CaseState.UnderReview, c.State);
        Assert.Equal("case.service_method", Assert.Throws<DomainException>(() => c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now, "微信")).Code);

        c.Consent("legal@example.cn", D("2026-04-28"), "银川市金凤区某路1号");
        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now, ServiceMethods.Electronic);
        Assert.Equal((CaseState.PriorNoticeServed, "送达事先告知书（电子送达）"), (c.State, c.Steps.Last().Action));
    }

    // ------------------------------------------------------------------ 5. limitation

    [Fact]
    public void Limitation_runs_from_the_act_to_its_discovery_and_for_a_continuing_act_from_its_end()
    {
        EnforcementCase File(string violation, string discovered, string? ended = null) =>
            EnforcementCase.File(Party, Order25, "日志留存不足", "事实", D(violation), D("2026-04-20"), [("u1", "马建国"), ("u2", "李娟")], CaseSource.Direct, null,
                Settings, "i", Now, D(discovered), ended is null ? null : D(ended));

        var late = Assert.Throws<DomainException>(() => File("2024-01-10", "2026-01-11"));
        Assert.Equal("case.limitation", late.Code);
        Assert.Contains("第三十六条", late.Message);
        // Discovered within two years, filed later: in time (the limitation ends at discovery, not at filing).
        Assert.Equal(D("2026-01-10"), File("2024-01-10", "2026-01-10").DiscoveredOn);
        // A continuing act: from its end.
        Assert.Equal(D("2025-06-30"), File("2023-01-01", "2026-01-11", ended: "2025-06-30").ActEndedOn);
        Assert.Equal("case.discovered_after_filing", Assert.Throws<DomainException>(() => File("2026-01-01", "2026-04-21")).Code);
        Assert.Equal("case.discovered_before_act", Assert.Throws<DomainException>(() => File("2026-01-01", "2025-12-31")).Code);
    }

    // ------------------------------------------------------------------ 7. no penalty

    [Fact]
    public void No_penalty_records_the_number_of_its_decision_and_the_party_sees_the_case()
    {
        var c = UnderReview();
        c.DecideNoPenalty(D("2026-05-06"), FirstOffence, "初次违法且危害后果轻微，已及时改正", "宁通管不罚〔2026〕1号", "i", Now);
        Assert.Equal(CaseState.NoPenalty, c.State);
        Assert.True(c.VisibleToParty);
        Assert.Contains("宁通管不罚〔2026〕1号", c.Steps[^1].Detail);
    }

    // ------------------------------------------------------------------ 8. extensions

    [Fact]
    public void An_extension_beyond_the_provinces_bound_is_refused_citing_the_provinces_rule()
    {
        var settings = new EnforcementSettings { MaxDecisionExtensionDays = 30, DecisionExtensionSource = "《宁夏通信管理局行政处罚案件办理规定》第二十条" };
        var c = Noticed();
        var e = Assert.Throws<DomainException>(() => c.ExtendDecisionPeriod(D("2026-08-19"), "案情复杂，需补充调查取证", settings, "i", Now));
        Assert.Equal("case.extension_too_long", e.Code);
        Assert.Contains("《宁夏通信管理局行政处罚案件办理规定》第二十条", e.Message);
        Assert.Contains("2026年8月18日", e.Message);
        Assert.DoesNotContain("第八十五条", e.Message);

        c.ExtendDecisionPeriod(D("2026-08-18"), "案情复杂，需补充调查取证", settings, "i", Now);
        Assert.Equal(D("2026-08-18"), c.EffectiveDecisionDueDate);
    }

    // ------------------------------------------------------------------ sources of the settings (执法参数)

    [Fact]
    public void The_hearing_threshold_and_the_extension_bound_name_their_source_and_a_refused_hearing_cites_it()
    {
        var settings = new EnforcementSettings { HearingThresholdSource = "本省规定", DecisionExtensionSource = "" };
        var errors = settings.Validate();
        Assert.Contains(errors, e => e.StartsWith("请写明听证金额标准的依据：文件名称和条款", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("请写明决定期限延长上限的依据：文件名称和条款", StringComparison.Ordinal));
        settings.HearingThresholdSource = "《中华人民共和国行政处罚法》第六十三条第一款第（一）项；《宁夏回族自治区行政处罚听证程序规定》第五条";
        settings.DecisionExtensionSource = "《中华人民共和国行政处罚法》第六十条";
        Assert.DoesNotContain(settings.Validate(), e => e.Contains("依据：文件名称和条款", StringComparison.Ordinal));

        // A fine below the threshold gives no hearing right: the refusal names the threshold and where it comes from.
        var c = Noticed(fine: 20_000m);
        var e2 = Assert.Throws<DomainException>(() => c.RequestHearing(D("2026-05-06"), "carrier", Now, settings));
        Assert.Equal("case.hearing_not_offered", e2.Code);
        Assert.Contains("较大数额罚款标准为罚款¥50,000.00以上", e2.Message);
        Assert.Contains("《宁夏回族自治区行政处罚听证程序规定》第五条", e2.Message);
        Assert.True(Noticed(fine: 50_000m, basis: AntiFraud).HearingOffered);
    }


    // ------------------------------------------------------------------ 从旧兼从轻 (第三十七条)

    /// <summary>The 2016 text in force when the act was done, and its amended version in force from 1 January 2026.</summary>
    private static (LegalBasis Old, LegalBasis New, Dictionary<int, LegalBasis> Bases) Versions(decimal newFineMax)
    {
        var old = Basis(10, "CSL2016-21", b => { (b.EffectiveTo, b.FineMax) = (new DateOnly(2025, 12, 31), 100_000m); b.Statute = "《中华人民共和国网络安全法》（2016年）"; });
        var amended = Basis(11, "CSL2025-23", b =>
        {
            (b.Statute, b.DutyArticle, b.PenaltyArticle, b.EffectiveFrom, b.FineMax, b.Supersedes) =
                ("《中华人民共和国网络安全法》（2025年修正）", "第二十三条第（三）项", "第六十一条", new DateOnly(2026, 1, 1), newFineMax, "CSL2016-21");
        });
        return (old, amended, new() { [10] = old, [11] = amended });
    }

    /// <summary>An act of November 2025 under the 2016 text, filed and investigated in January 2026.</summary>
    private static EnforcementCase ActOf2025(LegalBasis old)
    {
        var c = Filed(old, violation: "2025-11-10", filed: "2026-01-12");
        c.StartInvestigation("i", Now);
        c.AddEvidence(new CaseEvidence { Description = "网络日志留存抽查记录", CollectedOn = D("2026-01-13"), CollectedBy = "i" }, "i", Now);
        c.SubmitForReview("违法事实清楚", "i", Now);
        return c;
    }

    [Fact]
    public void A_lighter_amendment_in_force_at_the_decision_applies_and_the_decision_records_why()
    {
        var (old, amended, bases) = Versions(newFineMax: 50_000m);
        var c = ActOf2025(old);
        var e = Assert.Throws<DomainException>(() => c.ProposeSanctions([Warning(10), Fine(20_000m, 10)], bases, false, "i", Now));
        Assert.Equal("case.lighter_version_applies", e.Code);
        Assert.Contains("行政处罚法》第三十七条", e.Message);
        Assert.Contains("作出处罚决定时，《中华人民共和国网络安全法》（2025年修正）第二十三条第（三）项", e.Message);
        Assert.DoesNotContain("CSL", e.Message);
        // Within the new range, not the old one: ¥80,000 was lawful in 2025 but the applied version caps it at ¥50,000.
        Assert.Equal("fine.out_of_range", Assert.Throws<DomainException>(() => c.ProposeSanctions([Warning(11), Fine(80_000m, 11)], bases, false, "i", Now)).Code);

        c.ProposeSanctions([Warning(11), Fine(20_000m, 11)], bases, false, "i", Now);
        c.ServePriorNotice(D("2026-01-14"), Settings, Calendar, "i", Now);
        c.Decide(D("2026-01-26"), [Warning(11), Fine(20_000m, 11)], null, bases, Settings, Calendar, "i", Now);
        Assert.Contains("违法行为发生时施行的是《中华人民共和国网络安全法》（2016年）第二十一条", c.AppliedLawNote);
        Assert.Contains("（2026年1月1日起施行）处罚较轻", c.AppliedLawNote);
        Assert.Contains("依照《中华人民共和国行政处罚法》第三十七条的规定，适用新的规定", c.AppliedLawNote);
    }

    [Fact]
    public void An_amendment_not_lighter_leaves_the_law_of_the_time_of_the_act_and_the_decision_says_so()
    {
        var (old, _, bases) = Versions(newFineMax: 200_000m);
        var c = ActOf2025(old);
        var e = Assert.Throws<DomainException>(() => c.ProposeSanctions([Warning(11), Fine(20_000m, 11)], bases, false, "i", Now));
        Assert.Equal("case.later_version_not_lighter", e.Code);
        Assert.Contains("第三十七条", e.Message);
        Assert.Contains("应当适用违法行为发生时的规定", e.Message);

        c.ProposeSanctions([Warning(10), Fine(20_000m, 10)], bases, false, "i", Now);
        c.ServePriorNotice(D("2026-01-14"), Settings, Calendar, "i", Now);
        c.Decide(D("2026-01-26"), [Warning(10), Fine(20_000m, 10)], null, bases, Settings, Calendar, "i", Now);
        Assert.Contains("其处罚不轻于违法行为发生时施行的", c.AppliedLawNote);
        Assert.Contains("适用违法行为发生时的规定", c.AppliedLawNote);
    }

    /// <summary>A fine the old text allows only on a refusal to correct is not available without one: a new text fining without it is heavier.</summary>
    [Fact]
    public void A_new_fine_without_a_refusal_to_correct_is_heavier_than_an_old_text_that_needed_one()
    {
        var (old, amended, _) = Versions(newFineMax: 50_000m);
        old.FineOnlyIfNotCorrected = true;
        Assert.False(amended.LighterThan(old, correctiveOrderDisregarded: false));
        Assert.True(amended.LighterThan(old, correctiveOrderDisregarded: true));
        Assert.False(old.LighterThan(amended, correctiveOrderDisregarded: true));
    }
}
