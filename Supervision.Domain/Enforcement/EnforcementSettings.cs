using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;

namespace Supervision.Domain.Enforcement;

/// <summary>
/// The periods, thresholds and rates the procedure runs on, per province (a row with no province is the national
/// default). The statutory figures are data too, so an amendment is an edit, not a release.
/// </summary>
public partial class EnforcementSettings : ICatalogEntity
{
    public int Id { get; set; }
    /// <summary>Null: the default for provinces without their own row.</summary>
    public int? ProvinceId { get; set; }
    /// <summary>A fine at or above this (for an organisation) gives the party the right to a hearing (Art. 63 较大数额罚款; set by each province).</summary>
    public decimal HearingThreshold { get; set; } = 50_000m;
    /// <summary>
    /// The rule that sets <see cref="HearingThreshold"/> (document and article: 行政处罚法第六十三条第一款第（一）项 leaves 较大数额 to the
    /// ministry's or province's rule), as the settings page and the refusal of a hearing cite it.
    /// </summary>
    public string HearingThresholdSource { get; set; } = "《中华人民共和国行政处罚法》第六十三条第一款第（一）项；较大数额罚款的具体标准文件和条款待核对";
    /// <summary>Whether an administrator checked <see cref="HearingThresholdSource"/> against the published rule (else shown as 待核对).</summary>
    public bool HearingThresholdVerified { get; set; }
    /// <summary>A proposed fine at or above this needs 法制审核 before the decision (Art. 58; the province sets the amount).</summary>
    public decimal LegalReviewThreshold { get; set; } = 50_000m;
    /// <summary>
    /// The rule that sets <see cref="LegalReviewThreshold"/> (行政处罚法第五十八条 names the cases; the amount is the bureau's own rule):
    /// the 审批表 cites it where it prints 依法无需法制审核.
    /// </summary>
    public string LegalReviewThresholdSource { get; set; } = "《中华人民共和国行政处罚法》第五十八条第一款；确定法制审核金额标准的文件和条款待核对";
    /// <summary>Whether an administrator checked <see cref="LegalReviewThresholdSource"/> against the bureau's published rule (else 待核对).</summary>
    public bool LegalReviewThresholdVerified { get; set; }
    /// <summary>Working days the party has to state its case and defend itself after the prior notice.</summary>
    public int StatementWorkingDays { get; set; } = 3;
    /// <summary>Art. 64: a hearing is requested within 5 days (working days, Art. 85) of the notice.</summary>
    public int HearingRequestWorkingDays { get; set; } = 5;
    /// <summary>Art. 64: the party is notified 7 days (working days) before the hearing.</summary>
    public int HearingNoticeWorkingDays { get; set; } = 7;
    /// <summary>Art. 60: the decision within 90 days of filing.</summary>
    public int DecisionDays { get; set; } = 90;
    /// <summary>
    /// The longest an approved extension may push the decision beyond the <see cref="DecisionDays"/> after filing (days). Art. 60 lets
    /// 法律、法规、规章 set another period; the province records here the bound its rules allow and, in
    /// <see cref="DecisionExtensionSource"/>, which rule that is.
    /// </summary>
    public int MaxDecisionExtensionDays { get; set; } = 30;
    /// <summary>The rule that allows and bounds the extension, as the refusal cites it.</summary>
    public string DecisionExtensionSource { get; set; } = "《中华人民共和国行政处罚法》第六十条；规定延长上限的规章条款待核对";

    /// <summary>The hearing threshold with its source, as a refusal cites it: 较大数额罚款标准：罚款¥50,000.00以上（…）.</summary>
    public string HearingThresholdCitation => $"较大数额罚款标准为罚款{ChineseMoney.Yuan(HearingThreshold)}以上（{HearingThresholdSource}{Unchecked(HearingThresholdVerified, HearingThresholdSource)}）";

    /// <summary>The legal-review threshold with its source, as the 审批表 cites it: 法制审核金额标准为拟罚款¥30,000.00以上（…）.</summary>
    public string LegalReviewThresholdCitation => $"法制审核金额标准为拟罚款{ChineseMoney.Yuan(LegalReviewThreshold)}以上（{LegalReviewThresholdSource}{Unchecked(LegalReviewThresholdVerified, LegalReviewThresholdSource)}）";

    /// <summary>An unchecked source says so where it is cited (once: a source that already says 待核对 is not marked again).</summary>
    private static string Unchecked(bool verified, string source) => verified || source.Contains("待核对") ? "" : "；依据待核对";
    /// <summary>Art. 61: served within 7 days (working days) of the decision.</summary>
    public int ServiceWorkingDays { get; set; } = 7;
    /// <summary>Art. 67: the fine is paid within 15 days of service.</summary>
    public int PaymentDays { get; set; } = 15;
    /// <summary>Art. 72: 3 % of the fine per day late, never more than the fine.</summary>
    public decimal SurchargeRatePerDay { get; set; } = 0.03m;
    /// <summary>Art. 36: no penalty once 2 years have passed since the violation.</summary>
    public int LimitationYears { get; set; } = 2;
    /// <summary>Art. 36: five years where the act concerns citizens' life, health or safety or financial security and caused harm.</summary>
    public int ExtendedLimitationYears { get; set; } = 5;
    /// <summary>Days before a deadline when the daily job starts warning.</summary>
    public int WarnDaysBefore { get; set; } = 3;
    /// <summary>A decision to be announced is published within this many working days (common practice; set per province).</summary>
    public int PublicationWorkingDays { get; set; } = 7;
    /// <summary>A changed or revoked decision's announcement is withdrawn within this many working days (Art. 48).</summary>
    public int WithdrawalWorkingDays { get; set; } = 3;
    /// <summary>How long a published announcement stays on the public site (months from publication).</summary>
    public int PublicationMonths { get; set; } = 12;
    /// <summary>
    /// The 违规代理商 list names agents without a penalty procedure, which is itself a sanction (通报批评): off unless an
    /// administrator enables it for the province with the legal basis each entry then cites.
    /// </summary>
    public bool AgentListEnabled { get; set; }
    public int? AgentListLegalBasisId { get; set; }
    /// <summary>Mask the names of individuals (not companies) on the public site, e.g. 张** for an agent run by a person.</summary>
    public bool MaskIndividualNames { get; set; } = true;
    /// <summary>How else fines are paid (缴款码 / 非税收入电子缴款), as the decision tells the party after the account; no period here (the decision states it once).</summary>
    public string PaymentInstructions { get; set; } = "也可以通过非税收入电子缴款系统凭缴款码缴纳。";
    /// <summary>The designated bank (代收银行), account name and number the decision tells the party to pay into (Art. 67 para 3).</summary>
    public string PayeeBank { get; set; } = "";
    public string PayeeAccountName { get; set; } = "";
    public string PayeeAccountNumber { get; set; } = "";
    /// <summary>The court where the party may sue (行政诉讼): the court with jurisdiction at the authority's seat (行政诉讼法第十八条), as the
    /// province sets it; the decision names it. Set per province by its administrator (the code names no court).</summary>
    public string Court { get; set; } = "";
    /// <summary>
    /// Whether an administrator checked that <see cref="Court"/> has jurisdiction (行政诉讼法第十八条 and the province's rules on
    /// centralised jurisdiction): until then documents name "有管辖权的人民法院", never a court that may be the wrong one.
    /// </summary>
    public bool CourtVerified { get; set; }

    /// <summary>The court a decision names for 行政诉讼: the court set here once verified, else 有管辖权的人民法院.</summary>
    public string? CourtForDocuments => CourtVerified && !string.IsNullOrWhiteSpace(Court) ? Court.Trim() : null;
    /// <summary>Where the party may apply for administrative review (Art. 59).</summary>
    public string ReviewBody { get; set; } = "中华人民共和国工业和信息化部";

    /// <summary>The handling office (承办机构) and how the party reaches it, printed on the 事先告知书 and 决定书; empty lines are left out.</summary>
    public string HandlingOffice { get; set; } = "";
    public string ContactPerson { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string ContactAddress { get; set; } = "";

    /// <summary>承办机构：…；联系人：…；联系电话：…；地址：… — the lines that are set, or null.</summary>
    public string? ContactLine()
    {
        var parts = new[] { ("承办机构", HandlingOffice), ("联系人", ContactPerson), ("联系电话", ContactPhone), ("地址", ContactAddress) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}：{p.Item2.Trim()}").ToList();
        return parts.Count == 0 ? null : string.Join("；", parts);
    }

    /// <summary>Copies every editable value (not the identity) from another row: editing starts from a copy and saving copies back.</summary>
    /// <summary>The settings a province works with: its own row, else the national default, else the statutory figures.</summary>
    /// <summary>
    /// The settings that apply in a province (its own row, else the national one), with the approvals the law requires
    /// whatever was stored (<see cref="Enforcement.ApprovalSteps.ByLaw"/>).
    /// </summary>
    public static async Task<EnforcementSettings> ForProvinceAsync(Data.SupervisionDbContext db, int provinceId, CancellationToken ct)
    {
        var settings = await db.EnforcementSettings.AsNoTracking().Where(s => s.ProvinceId == provinceId || s.ProvinceId == null)
                           .OrderByDescending(s => s.ProvinceId.HasValue).FirstOrDefaultAsync(ct)
                       ?? new EnforcementSettings();
        settings.ApprovalSteps = Enforcement.ApprovalSteps.WithLawful(settings.ApprovalSteps);
        return settings;
    }

    public EnforcementSettings CopyFrom(EnforcementSettings s)
    {
        (HearingThreshold, StatementWorkingDays, HearingRequestWorkingDays, HearingNoticeWorkingDays, DecisionDays, ServiceWorkingDays, PaymentDays) =
            (s.HearingThreshold, s.StatementWorkingDays, s.HearingRequestWorkingDays, s.HearingNoticeWorkingDays, s.DecisionDays, s.ServiceWorkingDays, s.PaymentDays);
        (SurchargeRatePerDay, LimitationYears, WarnDaysBefore, PublicationWorkingDays, WithdrawalWorkingDays, PublicationMonths, MaskIndividualNames) =
            (s.SurchargeRatePerDay, s.LimitationYears, s.WarnDaysBefore, s.PublicationWorkingDays, s.WithdrawalWorkingDays, s.PublicationMonths, s.MaskIndividualNames);
        (PaymentInstructions, ReviewBody) = (s.PaymentInstructions.Trim(), s.ReviewBody.Trim());
        (PayeeBank, PayeeAccountName, PayeeAccountNumber, Court) = (s.PayeeBank.Trim(), s.PayeeAccountName.Trim(), s.PayeeAccountNumber.Trim(), s.Court.Trim());
        (HandlingOffice, ContactPerson, ContactPhone, ContactAddress) = (s.HandlingOffice.Trim(), s.ContactPerson.Trim(), s.ContactPhone.Trim(), s.ContactAddress.Trim());
        (AgentListEnabled, AgentListLegalBasisId) = (s.AgentListEnabled, s.AgentListEnabled ? s.AgentListLegalBasisId : null);
        (LegalReviewThreshold, ExtendedLimitationYears) = (s.LegalReviewThreshold, s.ExtendedLimitationYears);
        (MaxDecisionExtensionDays, DecisionExtensionSource, HearingThresholdSource) = (s.MaxDecisionExtensionDays, s.DecisionExtensionSource.Trim(), s.HearingThresholdSource.Trim());
        (LegalReviewThresholdSource, HearingThresholdVerified, LegalReviewThresholdVerified, CourtVerified) =
            (s.LegalReviewThresholdSource.Trim(), s.HearingThresholdVerified, s.LegalReviewThresholdVerified, s.CourtVerified && s.Court.Trim().Length > 0);
        (ApprovalSteps, DeputyApproverId) = (s.ApprovalSteps, ProvinceId is null ? null : s.DeputyApproverId);
        return this;
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (HearingThreshold <= 0) errors.Add("听证金额标准应大于0。");
        if (LegalReviewThreshold <= 0) errors.Add("法制审核金额标准应大于0。");
        if (StatementWorkingDays is < 1 or > 30) errors.Add("陈述申辩期限应在1至30个工作日之间。");
        if (HearingRequestWorkingDays is < 1 or > 30) errors.Add("听证申请期限应在1至30个工作日之间。");
        if (HearingNoticeWorkingDays is < 1 or > 30) errors.Add("听证通知提前期应在1至30个工作日之间。");
        if (DecisionDays is < 1 or > 365) errors.Add("作出决定期限应在1至365日之间。");
        if (MaxDecisionExtensionDays is < 0 or > 365) errors.Add("决定期限可延长的天数应在0至365日之间。");
        if (SourceError(DecisionExtensionSource, "决定期限延长上限") is { } extension) errors.Add(extension);
        if (SourceError(HearingThresholdSource, "听证金额标准") is { } hearing) errors.Add(hearing);
        if (SourceError(LegalReviewThresholdSource, "法制审核金额标准") is { } review) errors.Add(review);
        if (HearingThresholdVerified && HearingThresholdSource.Contains("待核对"))
            errors.Add("听证金额标准的依据仍写着“待核对”：请写明核对过的文件名称和条款后，再标记为已核对。");
        if (LegalReviewThresholdVerified && LegalReviewThresholdSource.Contains("待核对"))
            errors.Add("法制审核金额标准的依据仍写着“待核对”：请写明核对过的文件名称和条款后，再标记为已核对。");
        if (CourtVerified && string.IsNullOrWhiteSpace(Court)) errors.Add("未填写行政诉讼管辖法院，不能标记为已核对。");
        if (ServiceWorkingDays is < 1 or > 30) errors.Add("送达期限应在1至30个工作日之间。");
        if (PaymentDays is < 1 or > 90) errors.Add("缴款期限应在1至90日之间。");
        if (SurchargeRatePerDay is <= 0 or > 0.1m) errors.Add("加处罚款比例应在0至10%之间。");
        if (LimitationYears is < 1 or > 10) errors.Add("追责时效应在1至10年之间。");
        if (ExtendedLimitationYears < LimitationYears || ExtendedLimitationYears > 10) errors.Add("延长的追责时效应不短于一般时效，且不超过10年。");
        if (System.Text.RegularExpressions.Regex.IsMatch(PaymentInstructions ?? "", @"[0-9一二三四五六七八九十]+日内"))
            errors.Add("缴款方式不写缴款期限：决定书已写明“自收到本决定书之日起十五日内缴纳罚款”，这里只写银行、缴款码等缴款途径。");
        if (PayeeAccountNumber.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(PayeeAccountNumber, @"^[0-9 ]{8,40}$"))
            errors.Add("收款账号应为8至40位数字。");
        if (PublicationWorkingDays is < 1 or > 60) errors.Add("公示期限应在1至60个工作日之间。");
        if (WithdrawalWorkingDays is < 1 or > 30) errors.Add("撤回公示期限应在1至30个工作日之间。");
        if (PublicationMonths is < 1 or > 60) errors.Add("公示期应在1至60个月之间。");
        var freed = Enum.GetValues<ApprovalStep>().Where(Enforcement.ApprovalSteps.ByLaw).Except(Enforcement.ApprovalSteps.Parse(ApprovalSteps)).ToList();
        if (freed.Count > 0)
            errors.Add($"{string.Join("、", freed.Select(Enforcement.ApprovalSteps.Label))}依法须经行政机关负责人批准，不能取消审批。");
        return errors;
    }

    /// <summary>A source must name the document and its article (第…条), e.g. 《中华人民共和国行政处罚法》第六十条.</summary>
    private static string? SourceError(string? source, string what) =>
        string.IsNullOrWhiteSpace(source) || !System.Text.RegularExpressions.Regex.IsMatch(source, "(》|法|条例|规定|办法)第[零一二三四五六七八九十百〇0-9]+条")
            ? $"请写明{what}的依据：文件名称和条款（如“《中华人民共和国行政处罚法》第六十条”）。"
            : null;

    /// <summary>The 违规代理商 list is enabled for one province at a time and only with a legal basis from the catalog.</summary>
    public void CheckAgentList()
    {
        if (!AgentListEnabled) return;
        if (ProvinceId is null) throw new DomainException("agent_list.national", "违规代理商公示只能按省开启，全国默认值不能开启。");
        if (AgentListLegalBasisId is null)
            throw new DomainException("agent_list.basis_required", "开启违规代理商公示须从法律依据目录中选定依据：公开点名通报代理商本身是一种处罚（通报批评），须有法律依据。");
    }
}
