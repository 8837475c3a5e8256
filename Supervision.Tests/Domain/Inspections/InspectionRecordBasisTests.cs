using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Catalog;
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
        // 入网证件查验, 代办入网核验 and 读卡器与联网核验 are all the 查验 duty of Order 25: one article, 第九条 (confirmed in the seed). The log
        // retention item rests on 网络安全法 (2025年修正) 第二十三条第（三）项, which is 待核对 in the seed: not printed until confirmed.
        var record = await InspectionRecordData.WithBasesAsync(Record(("RN-01", "入网证件查验"), ("RN-03", "代办入网核验"), ("RN-05", "读卡器与联网核验"),
            ("SEC-02", "内外网地址转换日志留存")), db, CancellationToken.None);
        Assert.Equal(["第九条"], record.Items.Where(i => i.Code.StartsWith("RN-", StringComparison.Ordinal)).Select(i => i.Basis!.Split('》').Last()).Distinct());
        Assert.All(record.LegalBases, b => Assert.True(InspectionRecordData.HasArticle(b), b));

        // The catalog's one mapping: every checklist item of one duty (查验/核验 of the ID at network access under Order 25) cites the
        // same article, so no record can cite two articles for it.
        var checks = await db.ChecklistItems.AsNoTracking().Where(i => i.LegalBasis != null && i.LegalBasis.Code.StartsWith("ORD25-")
                && (i.Title.Contains("查验") || i.Title.Contains("核验")))
            .Select(i => new { i.Code, Article = i.LegalBasis!.DutyArticle }).ToListAsync();
        Assert.True(checks.Count >= 3);
        Assert.Equal(["第九条"], checks.Select(c => c.Article).Distinct());
        // A card-reader fact (读卡器, 人工录入) is the 查验 duty of Art. 9 applied by 182号, whichever item it is found under (RN-05 or the
        // security check's SEC-12): the corrective notice cites the item's article, never Art. 6's duty to ask for the ID.
        var readers = await db.ChecklistItems.AsNoTracking().Where(i => i.Evidence.Contains("读卡器"))
            .Select(i => new { i.Code, BasisCode = i.LegalBasis!.Code, i.Guidance }).ToListAsync();
        Assert.Equal(["RN-05", "SEC-12"], readers.Select(r => r.Code).Order());
        Assert.All(readers, r => Assert.Equal("ORD25-A09", r.BasisCode));
        Assert.All(readers, r => Assert.Contains("182号", r.Guidance));

        var bare = Assert.Throws<DomainException>(() => InspectionRecordData.RequireArticles(["《中华人民共和国网络安全法》", "《电话用户真实身份信息登记规定》（工业和信息化部令第25号）第十六条"]));
        Assert.Equal("inspection.basis_without_article", bare.Code);
        Assert.Contains("《中华人民共和国网络安全法》未写明条款", bare.Message);
    }

    [Fact]
    public async Task An_article_still_to_be_checked_is_not_printed_until_an_administrator_confirms_it()
    {
        await using var db = portal.Db();
        var unverified = await db.LegalBases.AsNoTracking().Where(b => b.Code == "ORD25-INSPECT" || b.Code == "ORD25-A10" || b.Code == "ORD25-A14"
            || b.Code == "ORD25-A12" || b.Code == "ORD25-A15" || b.Code == "CSL2025-23").ToDictionaryAsync(b => b.Code);
        Assert.Equal(6, unverified.Count);
        Assert.All(unverified.Values, b => Assert.False(b.Verified, b.Code)); // the seed: numbering and wording not yet checked against the published text
        var items = new[] { ("RN-01", "入网证件查验"), ("RN-04", "拒绝违规入网"), ("RN-06", "代理商监督管理"), ("RN-07", "年度自查与培训"),
            ("RN-08", "信息保密与泄露补救"), ("SEC-02", "内外网地址转换日志留存") };
        var before = await InspectionRecordData.WithBasesAsync(Record(items), db, CancellationToken.None);
        // The items are recorded (result and facts), the unconfirmed ones without an article; the power to inspect under Order 25 is
        // not its unconfirmed 第十六条 but the confirmed article of the duty checked (第九条); 网络安全法 is not cited at all.
        Assert.Equal(["第九条", null, null, null, null, null], before.Items.Select(i => i.Basis));
        Assert.Equal(["《电话用户真实身份信息登记规定》（工业和信息化部令第25号）第九条"], before.LegalBases);
        var printed = string.Join("|", before.LegalBases.Concat(before.Items.Select(i => i.Basis ?? "")));
        foreach (var article in new[] { "第十条", "第十二条", "第十四条", "第十五条", "第十六条", "第二十三条" }) Assert.DoesNotContain(article, printed);

        // The administrator confirms the entries in 基础数据 → 法律依据 (audited): from then on the record cites them.
        using (var admin = await portal.AsUserAsync("admin"))
            foreach (var basis in unverified.Values) await admin.Get<CatalogService>().ConfirmLegalBasisAsync(basis.Id);
        try
        {
            var after = await InspectionRecordData.WithBasesAsync(Record(items), db, CancellationToken.None);
            Assert.Equal(["第九条", "第十条", "第十四条", "第十五条", "第十二条"], after.Items.Take(5).Select(i => i.Basis!.Split('》').Last()));
            Assert.Contains("《电话用户真实身份信息登记规定》（工业和信息化部令第25号）第十六条", after.LegalBases);
            Assert.Contains("《中华人民共和国网络安全法》（2025年修正）第二十三条第（三）项", after.LegalBases);
            var ids = unverified.Values.Select(b => b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var trail = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "LegalBasis" && ids.Contains(e.EntityId)).ToListAsync();
            Assert.Equal(ids.Order(), trail.Select(e => e.EntityId).Distinct().Order());
            Assert.All(trail, e => Assert.Contains("Verified", e.Changes));
        }
        finally
        {
            // The class's other tests see the seed as it is.
            await db.LegalBases.Where(b => unverified.Keys.Contains(b.Code)).ExecuteUpdateAsync(x => x
                .SetProperty(b => b.Verified, false).SetProperty(b => b.VerifiedBy, (string?)null).SetProperty(b => b.VerifiedOn, (DateOnly?)null));
        }
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
