using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Common;
using Supervision.Domain.Inspections;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Inspections.InspectionKit;

namespace Supervision.Tests.Domain.Inspections;

/// <summary>
/// What the 现场检查记录 cites and states: each legal basis with its article from the catalog (never a whole law), one article for
/// one duty however many items check it, and that the officers showed their certificates (行政处罚法第四十二条、第五十五条).
/// </summary>
public class InspectionRecordBasisTests(Portal portal) : IClassFixture<Portal>
{
    private static InspectionRecordData Record(params (string Code, string Title)[] items) => new("宁夏回族自治区通信管理局", "中国移动通信集团宁夏有限公司银川分公司", null, null,
        "银川分公司", "专项检查", "专项行动", new DateOnly(2026, 11, 2), "营业厅", ["马建国", "李娜"], "王磊",
        items.Select((x, n) => new RecordItem(n + 1, x.Code, x.Title, "符合", null)).ToList(), [], null, new DateOnly(2026, 11, 2));

    [Fact]
    public async Task Every_basis_the_record_prints_names_its_article_and_one_duty_one_article()
    {
        await using var db = portal.Db();
        // 入网证件查验, 代办入网核验 and 读卡器与联网核验 are all the 查验 duty of Order 25: one article, 第九条; the log retention item rests on a
        // statute without an inspection article in the catalog, which is cited by the article of the duty, not as a whole law.
        var record = await InspectionRecordData.WithBasesAsync(Record(("RN-01", "入网证件查验"), ("RN-03", "代办入网核验"), ("RN-05", "读卡器与联网核验"),
            ("SEC-02", "内外网地址转换日志留存")), db, CancellationToken.None);
        Assert.Equal(["第九条"], record.Items.Where(i => i.Code.StartsWith("RN-", StringComparison.Ordinal)).Select(i => i.Basis!.Split('》').Last()).Distinct());
        Assert.All(record.LegalBases, b => Assert.True(InspectionRecordData.HasArticle(b), b));
        Assert.Contains("《中华人民共和国网络安全法》（2025年修正）第二十三条第（三）项", record.LegalBases);
        Assert.DoesNotContain("《中华人民共和国网络安全法》（2025年修正）", record.LegalBases);

        // The catalog's one mapping: every checklist item of one duty (查验/核验 of the ID at network access under Order 25) cites the
        // same article, so no record can cite two articles for it.
        var checks = await db.ChecklistItems.AsNoTracking().Where(i => i.LegalBasis != null && i.LegalBasis.Code.StartsWith("ORD25-")
                && (i.Title.Contains("查验") || i.Title.Contains("核验")))
            .Select(i => new { i.Code, Article = i.LegalBasis!.DutyArticle }).ToListAsync();
        Assert.True(checks.Count >= 3);
        Assert.Equal(["第九条"], checks.Select(c => c.Article).Distinct());

        var bare = Assert.Throws<DomainException>(() => InspectionRecordData.RequireArticles(["《中华人民共和国网络安全法》", "《电话用户真实身份信息登记规定》（工业和信息化部令第25号）第十六条"]));
        Assert.Equal("inspection.basis_without_article", bare.Code);
        Assert.Contains("《中华人民共和国网络安全法》未写明条款", bare.Message);
    }

    [Fact]
    public async Task The_record_is_not_signed_until_two_officers_showed_their_certificates_with_the_numbers_of_their_profiles()
    {
        var plan = await ActivePlanAsync(portal, PlanScope.Carriers, ["CMCC"], ["RN-01"]);
        var draw = await DrawAsync(portal, plan);
        var inspection = await AssignedAsync(portal, draw.Id, draw.Result[0].Inspectors[0]);
        var user = inspection.Inspectors.First().UserName;
        using var s = await portal.AsUserAsync(user);
        var service = s.Get<InspectionService>();
        var today = BeijingTime.Today(portal.Clock);
        await service.SaveVisitAsync(inspection.Id, new VisitInput(today, "营业厅", "王磊", "实名制专员", null));
        var token = await service.SaveItemAsync(inspection.Id, inspection.Items[0].Id, ItemOutcome.Compliant, null);
        var notShown = await Assert.ThrowsAsync<DomainException>(() => service.CompleteAsync(inspection.Id, token));
        Assert.Equal("inspection.credentials_not_shown", notShown.Code);
        Assert.Contains("行政处罚法第五十五条", notShown.Message);
        Assert.Contains((await service.GetAsync(inspection.Id)).Inspection.ActionsFor(Acting.Officer, true, today), a => a.Key == InspectionActions.Complete && a.NotYet!.Contains("出示执法证件"));

        // An officer without a 执法证号 on record cannot be said to have shown one.
        await using var db = portal.Db();
        var ids = inspection.Inspectors.Select(i => i.UserId).ToList();
        var certificates = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.EnforcementCertificate);
        await db.Users.Where(u => u.Id == ids[0]).ExecuteUpdateAsync(x => x.SetProperty(u => u.EnforcementCertificate, (string?)null));
        Assert.Equal("inspection.credentials_missing", (await Assert.ThrowsAsync<DomainException>(() => service.RecordCredentialsShownAsync(inspection.Id))).Code);
        await db.Users.Where(u => u.Id == ids[0]).ExecuteUpdateAsync(x => x.SetProperty(u => u.EnforcementCertificate, certificates[ids[0]]));

        await service.RecordCredentialsShownAsync(inspection.Id);
        var shown = (await service.GetAsync(inspection.Id)).Inspection;
        Assert.NotNull(shown.CredentialsShownAt);
        foreach (var certificate in certificates.Values) Assert.Contains($"执法证号{certificate}", shown.CredentialsShownBy);
        var record = await service.CompleteAsync(inspection.Id, shown.ConcurrencyToken);
        Assert.NotNull(record.Number);
    }
}
