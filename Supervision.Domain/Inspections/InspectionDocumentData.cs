using Supervision.Domain.Documents;

namespace Supervision.Domain.Inspections;

/// <param name="Basis">The article the item checks (its catalog legal basis), e.g. 第九条; null where the item has none.</param>
public sealed record RecordItem(int No, string Code, string Title, string Outcome, string? Notes, string? Basis = null);

/// <param name="ItemCode">The item's code (kept for data issued before <paramref name="ItemTitle"/>); the record prints the title.</param>
public sealed record RecordEvidence(string ItemCode, string FileName, string Sha256, string? ItemTitle = null);

/// <summary>Everything a 现场检查记录 states, stored with the issued PDF so rendering it again gives the same text.</summary>
public sealed record InspectionRecordData(string Authority, string Party, string? CreditCode, string? Address, string Entity, string PlanTitle, string PlanKind,
    DateOnly InspectedOn, string Place, IReadOnlyList<string> Inspectors, string Representative, IReadOnlyList<RecordItem> Items,
    IReadOnlyList<RecordEvidence> Evidence, string? Summary, DateOnly IssueDate) : DocumentData
{
    /// <summary>
    /// 检查依据: the power to inspect — for each statute the items rest on, the catalog's confirmed inspection article of that statute
    /// (an entry whose code ends in -INSPECT, e.g. Order 25 第十六条 once confirmed), else the confirmed articles of the duties
    /// checked under it; never an entry still 待核对, never a whole law.
    /// </summary>
    public IReadOnlyList<string> LegalBases { get; init; } = [];
    /// <summary>检查起止时间.</summary>
    public TimeOnly? StartedAt { get; init; }
    public TimeOnly? EndedAt { get; init; }
    /// <summary>营业网点 visited and transactions sampled.</summary>
    public string? OutletsVisited { get; init; }
    public int? TransactionsSampled { get; init; }
    /// <summary>The inspectors with their 行政执法证号 (行政处罚法第四十二条、第五十五条): 马建国（执法证号：…）.</summary>
    public IReadOnlyList<string> Officers { get; init; } = [];
    /// <summary>出示执法证件 (行政处罚法第五十五条): each officer's name and 执法证号 as recorded on the visit, and when.</summary>
    public string? CredentialsShownBy { get; init; }
    public DateTimeOffset? CredentialsShownAt { get; init; }

    /// <summary>The record with the catalog's view of its items (each item's article, the power to inspect) and the officers' 执法证号.</summary>
    public static async Task<InspectionRecordData> WithBasesAsync(InspectionRecordData record, Data.SupervisionDbContext db, CancellationToken ct,
        IReadOnlyList<string>? inspectorIds = null)
    {
        var codes = record.Items.Select(i => i.Code).Distinct().ToList();
        // Only an entry an administrator confirmed against the published text is printed (as 案件文书 are refused on one that is not):
        // an item whose entry is 待核对 is recorded with its result and facts but without an article — the record fixes what was
        // found; the article is stated by the corrective notice or the case, which rest only on a confirmed entry.
        var items = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.ChecklistItems.Where(c => codes.Contains(c.Code) && c.LegalBasis != null && c.LegalBasis.Verified).OrderBy(c => c.SortOrder)
                .Select(c => new { c.Code, c.LegalBasis!.Statute, c.LegalBasis.DutyArticle }), ct);
        var statutes = items.Select(i => i.Statute).Distinct().ToList();
        // The power to inspect likewise: an unconfirmed inspection article (Order 25 第十六条 until checked) gives way to the confirmed
        // articles of the duties checked under that statute.
        var powers = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.LegalBases.Where(b => statutes.Contains(b.Statute) && b.Code.EndsWith("-INSPECT") && b.Verified).Select(b => new { b.Statute, b.DutyArticle }), ct);
        // A statute without an inspection article in the catalog is cited by the articles of the duties checked under it — never as a
        // whole law (依据《网络安全法》 with no article is no basis a court can check).
        var bases = statutes.Select(s => powers.FirstOrDefault(p => p.Statute == s) is { } power ? power.Statute + power.DutyArticle
            : s + string.Join("、", items.Where(i => i.Statute == s).Select(i => i.DutyArticle).Distinct())).ToList();
        // Each item's article; where the items rest on several statutes, each article with its statute (反电信网络诈骗法第十条 is not
        // Order 25's 第十条).
        var articles = items.GroupBy(i => i.Code).ToDictionary(g => g.Key,
            g => (statutes.Count > 1 ? ShortStatute(g.First().Statute) : "") + g.First().DutyArticle);
        var officers = record.Inspectors;
        if (inspectorIds is { Count: > 0 })
        {
            var certificates = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Users.Where(u => inspectorIds.Contains(u.Id)).Select(u => new { u.Id, u.EnforcementCertificate }), ct);
            officers = inspectorIds.Select((id, n) => certificates.FirstOrDefault(c => c.Id == id)?.EnforcementCertificate is { Length: > 0 } cert
                ? $"{Common.PersonName.Short(record.Inspectors[n])}（执法证号：{cert}）" : Common.PersonName.Short(record.Inspectors[n])).ToList();
        }
        RequireArticles(bases.Concat(articles.Values));
        return record with
        {
            LegalBases = bases,
            Items = record.Items.Select(i => i with { Basis = articles.GetValueOrDefault(i.Code) }).ToList(),
            Officers = officers,
        };
    }

    /// <summary>
    /// Every legal basis the record prints names its article (第…条), or the record is refused: a basis in the catalog without its
    /// article cannot be cited. The catalog's one mapping (each checklist item one entry) gives each duty one article.
    /// </summary>
    internal static void RequireArticles(IEnumerable<string> printed)
    {
        var bare = printed.Where(b => !HasArticle(b)).Distinct().ToList();
        if (bare.Count > 0)
            throw new Common.DomainException("inspection.basis_without_article",
                $"检查记录引用的法律依据须写明具体条款：{string.Join("、", bare)}未写明条款。请管理员在“基础数据 → 法律依据”中补全该依据的条款，或更正检查项目的法律依据。");
    }

    /// <summary>Whether a citation names an article: 第二十三条, 第十七条第二款 (after the statute's title, if any).</summary>
    internal static bool HasArticle(string citation)
    {
        var rest = citation.Contains('》') ? citation[(citation.LastIndexOf('》') + 1)..] : citation;
        var at = rest.IndexOf('第');
        return at >= 0 && rest.IndexOf('条', at) > at + 1;
    }

    /// <summary>《中华人民共和国反电信网络诈骗法》 → 《反电信网络诈骗法》; 《电话用户真实身份信息登记规定》（工业和信息化部令第25号） → 《电话用户真实身份信息登记规定》.</summary>
    internal static string ShortStatute(string statute)
    {
        var close = statute.IndexOf('》');
        var title = close > 0 ? statute[..(close + 1)] : statute;
        return title.Replace("《中华人民共和国", "《", StringComparison.Ordinal);
    }

    /// <summary>The record as it stands (completed now, or as a preview before completion).</summary>
    public static InspectionRecordData Of(InspectionDetails d, DateOnly issueDate)
    {
        var i = d.Inspection;
        var codes = i.Items.ToDictionary(x => x.Id, x => x.ItemCode);
        return new InspectionRecordData(d.Authority, i.Branch!.Name, d.BranchCreditCode, d.BranchAddress, i.EntityName, d.Plan.Title, InspectionPlan.KindLabel(d.Plan.Kind),
            i.InspectedOn ?? issueDate, i.Place ?? "", i.Inspectors.Select(x => x.DisplayName).ToList(),
            i.RepresentativeTitle is { Length: > 0 } title ? $"{i.Representative}（{title}）" : i.Representative ?? "",
            i.Items.Select((x, n) => new RecordItem(n + 1, x.ItemCode, x.ItemTitle, Inspection.OutcomeLabel(x.Outcome), x.Notes)).ToList(),
            d.Evidence.Select(e => new RecordEvidence(codes.GetValueOrDefault(e.OwnerId, ""), e.FileName, e.Sha256,
                i.Items.FirstOrDefault(x => x.Id == e.OwnerId)?.ItemTitle)).ToList(), i.Summary, issueDate)
        {
            StartedAt = i.StartedAt, EndedAt = i.EndedAt, OutletsVisited = i.OutletsVisited, TransactionsSampled = i.TransactionsSampled,
            Officers = i.Inspectors.Select(x => x.DisplayName).ToList(),
            CredentialsShownBy = i.CredentialsShownBy, CredentialsShownAt = i.CredentialsShownAt,
        };
    }
}

/// <summary>An officer as a notice names them: name and 行政执法证号.</summary>
public sealed record NoticeOfficer(string Name, string? Certificate);

/// <summary>
/// What a corrective notice rests on besides the order: the inspection (its date and the 现场检查记录's 文号), the officers who
/// inspected, and the document setting the checklist item's concrete requirement (cited through the regulation's article).
/// </summary>
public sealed record NoticeGrounds(DateOnly? InspectedOn, string? RecordNumber, IReadOnlyList<NoticeOfficer> Officers, string? Guidance);

/// <summary>Everything a 责令限期改正通知书 states: facts, legal basis (from the catalog), requirement, deadline, how to report.</summary>
public sealed record CorrectiveNoticeData(string Authority, string Party, string? CreditCode, string? Address, string Facts, string Statute, string DutyArticle,
    string? PenaltyArticle, string Duty, string Requirement, DateOnly Deadline, string? Contact, DateOnly IssueDate) : DocumentData
{
    /// <summary>Where the party may seek administrative review of the order (the province's enforcement settings).</summary>
    public string? ReviewBody { get; init; }
    /// <summary>The inspection the order rests on: 2026年12月4日现场检查记录（宁通管检〔2026〕3号）.</summary>
    public string? InspectionRecord { get; init; }
    /// <summary>The officers who inspected, each with the 执法证号: 马建国（执法证号：…）.</summary>
    public IReadOnlyList<string> Officers { get; init; } = [];
    /// <summary>The document setting the concrete requirement the basis's article is applied by (工信部网安〔2016〕182号), never a basis itself.</summary>
    public string? Guidance { get; init; }
    /// <summary>A deadline in working days runs from service (自收到本通知书之日起); null: the fixed date <see cref="Deadline"/>.</summary>
    public int? WorkingDays { get; init; }

    /// <summary>
    /// The notice of an order. An order resting on an inspection cites the inspection record and names at least two officers with their
    /// 执法证号 (行政处罚法第四十二条: 执法人员不得少于两人; 第五十五条: the certificate is shown).
    /// </summary>
    public static CorrectiveNoticeData Of(OrderDetails d, DateOnly deadline, DateOnly issueDate, NoticeGrounds? grounds = null)
    {
        var o = d.Order;
        var basis = o.LegalBasis ?? throw new Common.DomainException("order.basis", "请选择法律依据。");
        string? record = null;
        IReadOnlyList<string> officers = [];
        if (grounds?.InspectedOn is { } inspected)
        {
            if (grounds.RecordNumber is null)
                throw new Common.DomainException("order.no_record", "该问题来自现场检查，但检查记录尚未签发：责令改正通知书须写明所依据的现场检查记录（日期和文号），请先完成检查并签发现场检查记录。");
            var missing = grounds.Officers.Where(x => string.IsNullOrWhiteSpace(x.Certificate)).Select(x => x.Name).ToList();
            if (grounds.Officers.Count(x => !string.IsNullOrWhiteSpace(x.Certificate)) < 2)
                throw new Common.DomainException("order.officers",
                    "责令改正通知书须写明两名以上执法人员及其行政执法证号（行政处罚法第四十二条、第五十五条）"
                    + (missing.Count > 0 ? $"：{string.Join("、", missing)}尚未登记执法证号，请由系统管理员在“用户管理”中登记。" : "：本次检查的执法人员不足两名。"));
            record = $"{Common.ChineseDate.Format(inspected)}现场检查记录（{grounds.RecordNumber}）";
            officers = grounds.Officers.Where(x => !string.IsNullOrWhiteSpace(x.Certificate)).Select(x => $"{Common.PersonName.Short(x.Name)}（执法证号：{x.Certificate}）").ToList();
        }
        return new CorrectiveNoticeData(d.Authority, o.Branch!.Name, o.Branch.CreditCode, o.Branch.Address, o.Facts, basis.Statute, basis.DutyArticle,
            basis.PenaltyArticle, basis.Duty, o.Requirement, deadline, d.ResponsibleName, issueDate)
        {
            InspectionRecord = record, Officers = officers, Guidance = grounds?.Guidance,
            WorkingDays = o.DeadlineMode == DeadlineMode.WorkingDays ? o.DeadlineWorkingDays : null,
        };
    }
}

/// <summary>Everything a 整改复查意见书 states.</summary>
public sealed record ReinspectionOpinionData(string Authority, string Party, string NoticeNumber, DateOnly NoticeIssuedOn, DateOnly Deadline, string Facts,
    DateOnly? ReportedOn, bool ReportedLate, DateOnly ReinspectedOn, string Opinion, bool Passed, DateOnly? NewDeadline, DateOnly IssueDate) : DocumentData;
