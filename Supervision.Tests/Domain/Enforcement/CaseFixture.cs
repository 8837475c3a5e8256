using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Organizations;

namespace Supervision.Tests.Domain.Enforcement;

/// <summary>A case built in memory (no database), with the seeded calendar rules and statutory settings.</summary>
public static class CaseFixture
{
    public static readonly DateTimeOffset Now = new(2026, 12, 31, 2, 0, 0, TimeSpan.Zero); // after every date the tests use: steps record past events
    /// <summary>The statutory settings with both thresholds verified by an administrator (<see cref="VerifyThresholds"/>): a case below them skips 法制审核 and the hearing.</summary>
    public static readonly EnforcementSettings Settings = VerifyThresholds(new EnforcementSettings());

    /// <summary>
    /// The one helper tests use to decide without 法制审核 or a hearing below the thresholds: the settings' hearing and legal-review
    /// thresholds marked verified, as an administrator marks them, with a source that says it is test data (the rule refuses
    /// the skip and offers the hearing on an unverified setting).
    /// </summary>
    public static EnforcementSettings VerifyThresholds(EnforcementSettings settings)
    {
        settings.HearingThresholdSource = "《中华人民共和国行政处罚法》第六十三条第一款第（一）项；较大数额罚款标准为测试数据";
        settings.LegalReviewThresholdSource = "《中华人民共和国行政处罚法》第五十八条第一款；法制审核金额标准为测试数据";
        (settings.HearingThresholdVerified, settings.LegalReviewThresholdVerified) = (true, true);
        return settings;
    }
    public static readonly Branch Party = new() { Id = 5, ProvinceId = 30, Code = "CMCC-64", Name = "中国移动通信集团宁夏有限公司" };

    public static readonly LegalBasis Order25 = new()
    {
        Id = 1, Code = "ORD25-A06", Statute = "《电话用户真实身份信息登记规定》", DutyArticle = "第六条", PenaltyArticle = "第十九条", Duty = "查验证件",
        AllowedSanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine, SanctionKind.PublicAnnouncement],
        // 第十九条: 责令限期改正，予以警告，可以并处罚款 — the order and the warning are given with every penalty, as the catalog says
        // (seed-data/legal-bases.json, ORD25-A06): a fine alone is refused; tests build the lawful set with Penalty().
        MandatorySanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning],
        FineMin = 10_000m, FineMax = 30_000m, EffectiveFrom = new DateOnly(2013, 9, 1),
        Verified = true, VerifiedBy = "系统管理员", VerifiedOn = new DateOnly(2026, 1, 5), // confirmed by an administrator: decisions may rest on it
    };

    public static readonly LegalBasis AntiFraud = new()
    {
        Id = 2, Code = "ATFL-39", Statute = "《反电信网络诈骗法》", DutyArticle = "第九条", PenaltyArticle = "第三十九条", Duty = "实名制",
        AllowedSanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine, SanctionKind.SuspendBusiness],
        FineMin = 50_000m, FineMax = 500_000m, EffectiveFrom = new DateOnly(2022, 12, 1),
        Verified = true, VerifiedBy = "系统管理员", VerifiedOn = new DateOnly(2026, 1, 5),
    };

    /// <summary>A hearing chaired by an officer who did not investigate (the investigators are u1 and u2).</summary>
    public static readonly HearingPanel Panel = new("u3", "王志强", "张敏", "刘洋");

    public static readonly IReadOnlyDictionary<int, LegalBasis> Bases = new Dictionary<int, LegalBasis> { [1] = Order25, [2] = AntiFraud };

    /// <summary>2026 arrangement as seeded: 1–5 May off, Saturday 9 May worked.</summary>
    public static readonly WorkingDayCalendar Calendar = new(
        Enumerable.Range(1, 5).Select(d => new CalendarDay { Date = new DateOnly(2026, 5, d), Kind = CalendarDayKind.Holiday })
            .Append(new CalendarDay { Date = new DateOnly(2026, 5, 9), Kind = CalendarDayKind.Workday })
            .Concat(Enumerable.Range(19, 3).Select(d => new CalendarDay { Date = new DateOnly(2026, 6, d), Kind = CalendarDayKind.Holiday })),
        [2026]);

    public static DateOnly D(string s) => DateOnly.Parse(s);

    /// <summary>行政处罚法第三十三条第一款: first offence, slight harm, corrected in time — the seeded ground.</summary>
    public static readonly NoPenaltyGround FirstOffence = new()
    {
        Code = "APL33-1-FIRST", Text = "初次违法且危害后果轻微并及时改正", Article = "《中华人民共和国行政处罚法》第三十三条第一款、第五十七条第一款第（二）项", Discretionary = true,
    };

    /// <summary>A case as filing leaves it: filed, with its filing approval issued.</summary>
    public static EnforcementCase Filed(LegalBasis? basis = null, string violation = "2026-03-01", string filed = "2026-04-20")
    {
        var c = Unapproved(basis, violation, filed);
        c.RecordFilingApproval("宁通管立〔2026〕1号", Now);
        return c;
    }

    /// <summary>A case filed before filing and its approval were one step: no case number yet.</summary>
    public static EnforcementCase Unapproved(LegalBasis? basis = null, string violation = "2026-03-01", string filed = "2026-04-20") =>
        EnforcementCase.File(Party, basis ?? Order25, "未按规定查验入网用户身份证件", "2026年3月暗访发现，某合作营业厅为未出示证件的用户办理入网。",
            D(violation), D(filed), [("u1", "马建国"), ("u2", "李娟")], CaseSource.Direct, null, Settings, "inspector.nx", Now);

    public static CaseSanction Fine(decimal amount, int basis = 1) => new() { Kind = SanctionKind.Fine, LegalBasisId = basis, Amount = amount, Description = "罚款" };
    public static CaseSanction Warning(int basis = 1) => new() { Kind = SanctionKind.Warning, LegalBasisId = basis, Description = "警告" };
    public static CaseSanction Correction(int basis = 1, DateOnly? deadline = null) =>
        new() { Kind = SanctionKind.CorrectiveOrder, LegalBasisId = basis, Description = "对未核验证件办理入网的用户重新核验身份", CorrectionDeadline = deadline ?? D("2026-06-30") };

    /// <summary>Filed under <paramref name="basis"/>, investigated with one piece of evidence and submitted for review: no sanction proposed yet.</summary>
    public static EnforcementCase Investigated(LegalBasis? basis = null)
    {
        var c = Filed(basis);
        c.StartInvestigation("i", Now);
        c.AddEvidence(Evidence(), "i", Now);
        c.SubmitForReview("违法事实清楚", "i", Now);
        return c;
    }

    public static EnforcementCase UnderReview(decimal fine = 20_000m, LegalBasis? basis = null)
    {
        var c = Filed(basis);
        c.StartInvestigation("i", Now);
        c.AddEvidence(new CaseEvidence { Description = "暗访录像及入网工单", CollectedOn = D("2026-04-22"), CollectedBy = "i" }, "i", Now);
        c.SubmitForReview("违法事实清楚，证据确凿", "i", Now);
        c.ProposeSanctions(Penalty(basis ?? Order25, fine), Bases, actAlreadyFined: false, "i", Now);
        return c;
    }

    /// <summary>
    /// The penalty the fixture proposes and decides under <paramref name="basis"/>: the sanctions its article makes mandatory
    /// (Order 25 Art. 19: 责令限期改正 and 警告), a warning, and the fine if any.
    /// </summary>
    public static CaseSanction[] Penalty(LegalBasis basis, decimal? fine, DateOnly? correctBy = null) =>
        (basis.MandatorySanctions.Contains(SanctionKind.CorrectiveOrder) ? [Correction(basis.Id, correctBy)] : Array.Empty<CaseSanction>())
        .Append(Warning(basis.Id)).Concat(fine is { } f ? [Fine(f, basis.Id)] : []).ToArray();

    /// <summary>
    /// The corrective order of a served decision carried out (整改复查合格) on <paramref name="on"/>: with the fine paid, nothing is left
    /// open and the case may be closed. In memory the sanctions have no keys yet: each gets its own so the officer's step finds it.
    /// </summary>
    public static EnforcementCase Corrected(EnforcementCase c, string on = "2026-05-13")
    {
        foreach (var (s, n) in c.Sanctions.Select((s, n) => (s, n)).Where(x => x.s.Id == 0).ToList()) s.Id = 1000 + n;
        foreach (var s in c.Sanctions.Where(s => s.Kind == SanctionKind.CorrectiveOrder && s.Status == SanctionStatus.Pending).ToList())
            c.ExecuteSanction(s.Id, D(on), "整改复查合格", "i", Now);
        return c;
    }

    /// <summary>Prior notice served on Thursday 2026-04-30: 1–5 May are off, so 3 working days end on Friday 8 May.</summary>
    public static EnforcementCase Noticed(decimal fine = 20_000m, LegalBasis? basis = null)
    {
        var c = UnderReview(fine, basis);
        c.ServePriorNotice(D("2026-04-30"), Settings, Calendar, "i", Now);
        return c;
    }

    public static EnforcementCase Decided(decimal fine = 20_000m)
    {
        var c = Noticed(fine);
        c.Decide(D("2026-05-11"), Penalty(Order25, fine), null, Bases, Settings, Calendar, "i", Now);
        return c;
    }

    public static EnforcementCase Served(decimal fine = 20_000m, string servedOn = "2026-05-12")
    {
        var c = Decided(fine);
        c.Serve(D(servedOn), "直接送达", Settings, Calendar, "i", Now);
        return c;
    }

    /// <summary>The province's designated legal reviewer, who investigates none of the fixture's cases.</summary>
    public static readonly CaseReviewer Reviewer = new("u9", "赵敏");

    /// <summary>法制审核 of the current proposal: 同意.</summary>
    public static EnforcementCase LegallyReviewed(EnforcementCase c, string on)
    {
        c.RecordLegalReview(Reviewer, D(on), LegalReviewOpinion.Approve, "事实清楚，证据确凿，依据正确，程序合法，处罚适当。", "legal", Now);
        return c;
    }

    public static CaseEvidence Evidence() => new() { Description = "入网工单", CollectedOn = D("2026-04-22"), CollectedBy = "i" };

    /// <summary>A case in each state (a hearing case: 100,000 under the anti-fraud law, hearing requested 6 May; executing: 100 paid).</summary>
    public static readonly IReadOnlyDictionary<CaseState, Func<EnforcementCase>> EachState = new Dictionary<CaseState, Func<EnforcementCase>>
    {
        [CaseState.Filed] = () => Filed(),
        [CaseState.Investigating] = () => { var c = Filed(); c.StartInvestigation("i", Now); c.AddEvidence(Evidence(), "i", Now); return c; },
        [CaseState.UnderReview] = () => UnderReview(),
        [CaseState.PriorNoticeServed] = () => Noticed(),
        [CaseState.Hearing] = () => { var c = Noticed(100_000m, AntiFraud); c.RequestHearing(D("2026-05-06"), "p", Now); return c; },
        [CaseState.Decided] = () => Decided(),
        [CaseState.Served] = () => Served(),
        [CaseState.Executing] = () => { var c = Served(); c.RecordPayment(100m, D("2026-05-13"), "POS1", Settings, "i", Now); return c; },
        [CaseState.Closed] = () => { var c = Corrected(Served()); c.RecordPayment(20_000m, D("2026-05-13"), "POS1", Settings, "i", Now); c.Close(D("2026-05-14"), "i", Now); return c; },
        [CaseState.NoPenalty] = () => { var c = UnderReview(); c.DecideNoPenalty(D("2026-05-06"), FirstOffence, "首次违法且危害后果轻微，已及时改正", null, "i", Now); return c; },
        [CaseState.Withdrawn] = () => { var c = Filed(); c.Withdraw(D("2026-04-21"), "经核查违法事实不成立", "i", Now); return c; },
        [CaseState.Transferred] = () => { var c = Filed(); c.Transfer(D("2026-04-21"), "银川市公安局", "涉嫌帮助信息网络犯罪活动", "i", Now); return c; },
    };

    /// <summary>
    /// A filed case (any party and basis) taken through the procedure to its decision on <paramref name="decidedOn"/>: a
    /// warning and, if given, a fine; evidence on the filing day, the prior notice served ten days before the decision.
    /// </summary>
    public static EnforcementCase DecidedOn(EnforcementCase c, LegalBasis basis, DateOnly decidedOn, decimal? fine)
    {
        // The corrective order goes with the warning wherever the basis makes it mandatory (Orders 24 and 25 as seeded).
        var bases = new Dictionary<int, LegalBasis> { [basis.Id] = basis };
        Reviewed(c);
        c.ProposeSanctions(Penalty(basis, fine, decidedOn.AddDays(30)), bases, actAlreadyFined: false, "i", Now);
        c.ServePriorNotice(decidedOn.AddDays(-10), Settings, Calendar, "i", Now);
        c.Decide(decidedOn, Penalty(basis, fine, decidedOn.AddDays(30)), null, bases, Settings, Calendar, "i", Now);
        return c;
    }

    /// <summary>A filed case investigated, reviewed and closed without penalty (Art. 33) on <paramref name="on"/>.</summary>
    public static EnforcementCase NoPenaltyOn(EnforcementCase c, DateOnly on)
    {
        Reviewed(c);
        c.DecideNoPenalty(on, FirstOffence, "初次违法且危害后果轻微，已及时改正", null, "i", Now);
        return c;
    }

    private static void Reviewed(EnforcementCase c)
    {
        c.StartInvestigation("i", Now);
        c.AddEvidence(new CaseEvidence { Description = "暗访录像及入网工单", CollectedOn = c.FiledOn, CollectedBy = "i" }, "i", Now);
        c.SubmitForReview("违法事实清楚，证据确凿", "i", Now);
    }
}
