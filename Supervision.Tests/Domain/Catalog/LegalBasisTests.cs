using Supervision.Domain.Catalog;
using Supervision.Domain.Common;

namespace Supervision.Tests.Domain.Catalog;

public class LegalBasisTests
{
    private static LegalBasis Order25() => new()
    {
        Code = "ORD25-A06", Statute = "《电话用户真实身份信息登记规定》", DutyArticle = "第六条", PenaltyArticle = "第十九条", Duty = "查验证件",
        AllowedSanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine, SanctionKind.PublicAnnouncement],
        FineMin = 10_000m, FineMax = 30_000m, EffectiveFrom = new DateOnly(2013, 9, 1), MandatorySanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning],
    };

    [Fact]
    public void Under_予以警告可以并处罚款_a_fine_is_never_alone()
    {
        var e = Assert.Throws<DomainException>(() => Order25().CheckTogether([SanctionKind.Fine], correctiveOrderDisregarded: false));
        Assert.Equal("case.mandatory_sanction", e.Code);
        Assert.Contains("不能单处罚款", e.Message);
        Assert.Contains("第十九条", e.Message);
        Order25().CheckTogether([SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine], false);
        Order25().CheckTogether([SanctionKind.CorrectiveOrder, SanctionKind.Warning], false);
        Order25().CheckTogether([SanctionKind.CorrectiveOrder], false); // a corrective order alone is no penalty
    }

    /// <summary>"责令限期改正，予以警告，可以并处罚款": the order to correct is part of every decision under the article, not an option.</summary>
    [Fact]
    public void Under_责令限期改正予以警告_the_corrective_order_is_mandatory_with_the_warning()
    {
        foreach (SanctionKind[] kinds in new[] { new[] { SanctionKind.Warning, SanctionKind.Fine }, [SanctionKind.Warning], [SanctionKind.Warning, SanctionKind.Fine, SanctionKind.PublicAnnouncement] })
        {
            var e = Assert.Throws<DomainException>(() => Order25().CheckTogether(kinds, false));
            Assert.Equal("case.mandatory_sanction", e.Code);
            Assert.Contains("《电话用户真实身份信息登记规定》第十九条", e.Message);
            Assert.Contains("缺少责令限期改正", e.Message);
        }
        Order25().CheckTogether([SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine, SanctionKind.PublicAnnouncement], false);
    }

    [Fact]
    public void Under_a_拒不改正_article_a_fine_needs_a_disregarded_corrective_order()
    {
        var basis = Order25();
        basis.FineOnlyIfNotCorrected = true;
        basis.MandatorySanctions = [];
        Assert.Equal("case.fine_requires_refusal", Assert.Throws<DomainException>(() => basis.CheckTogether([SanctionKind.Fine], false)).Code);
        basis.CheckTogether([SanctionKind.Fine], correctiveOrderDisregarded: true);
        basis.CheckTogether([SanctionKind.CorrectiveOrder], false);
    }

    [Fact]
    public void An_unchecked_entry_cannot_carry_a_decision_and_a_changed_one_is_unchecked_again()
    {
        var basis = Order25();
        var e = Assert.Throws<DomainException>(basis.CheckUsableForDecision);
        Assert.Equal("legal_basis.unverified", e.Code);
        Assert.Contains("尚待核对", e.Message);
        basis.MarkVerified("王管理员", new DateOnly(2026, 12, 6));
        basis.CheckUsableForDecision();
        var before = basis.Substance;
        basis.Note = "备注不影响核对";
        Assert.Equal(before, basis.Substance);
        basis.PenaltyArticle = "第二十条";
        Assert.NotEqual(before, basis.Substance);
    }

    /// <summary>The catalog as shipped, read from the seed file: the corrections a review against the statutes asked for.</summary>
    [Fact]
    public void The_seed_catalog_cites_the_articles_the_statutes_give()
    {
        var rows = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Supervision.Domain.Data.Seeding.SeedFiles.DefaultDirectory, "legal-bases.json")))
            .RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);
        string Get(string code, string field) => rows[code].GetProperty(field).ToString();
        // Order 25: every carrier duty is punished under Art. 19 (Art. 20 is about the administration's own staff).
        foreach (var (code, article) in new[] { ("ORD25-A06", "第六条"), ("ORD25-A09", "第九条"), ("ORD25-A10", "第十条"), ("ORD25-A11", "第十一条"),
                     ("ORD25-A12", "第十二条"), ("ORD25-A13", "第十三条"), ("ORD25-A14", "第十四条"), ("ORD25-A15", "第十五条"), ("ORD25-INSPECT", "第十六条") })
        {
            Assert.Equal((article, "第十九条"), (Get(code, "dutyArticle"), Get(code, "penaltyArticle")));
            Assert.Equal("[\"CorrectiveOrder\",\"Warning\"]", string.Concat(Get(code, "mandatorySanctions").Where(ch => !char.IsWhiteSpace(ch))));
        }
        // Order 24's two tiers say 责令限期改正，予以警告 too.
        foreach (var code in new[] { "ORD24-RULES", "ORD24-COLLECT", "ORD24-SECURITY", "ORD24-AGENT", "ORD24-SELFCHECK", "ORD24-INSPECT" })
            Assert.Equal("[\"CorrectiveOrder\",\"Warning\"]", string.Concat(Get(code, "mandatorySanctions").Where(ch => !char.IsWhiteSpace(ch))));
        Assert.Contains("拒绝出示有效证件", Get("ORD25-A10", "duty"));
        Assert.Contains("两年", Get("ORD25-A11", "duty"));
        Assert.Contains("严格保密", Get("ORD25-A12", "duty"));
        Assert.Contains("代理", Get("ORD25-A14", "duty"));
        Assert.Contains("自查", Get("ORD25-A15", "duty"));
        // Order 24: two tiers.
        Assert.Equal(("第二十二条", "10000"), (Get("ORD24-RULES", "penaltyArticle"), Get("ORD24-RULES", "fineMax")));
        Assert.Equal(("第九条", "第二十三条", "10000", "30000"), (Get("ORD24-COLLECT", "dutyArticle"), Get("ORD24-COLLECT", "penaltyArticle"), Get("ORD24-COLLECT", "fineMin"), Get("ORD24-COLLECT", "fineMax")));
        // 网络安全法 as amended: log retention renumbered; entries not checked against the published text are marked so.
        Assert.Equal("第二十三条第（三）项", Get("CSL2025-23", "dutyArticle"));
        // Versions (行政处罚法第三十七条): the amended entries name the 2016 ones they replace, which end the day before.
        Assert.Equal(("CSL2016-21", "CSL2016-21", "CSL2016-24"), (Get("CSL2025-23", "supersedes"), Get("CSL2025-23-SERIOUS", "supersedes"), Get("CSL2025-26", "supersedes")));
        Assert.Equal(("2025-12-31", "2026-01-01"), (Get("CSL2016-21", "effectiveTo"), Get("CSL2025-23", "effectiveFrom")));
        Assert.Equal("False", Get("CSL2025-23", "verified"));
        // Order 25: Arts. 6 and 9 and the penalty of Art. 19 as the domain reference gives them are checked; the numbers of
        // Arts. 10–16 are not (the reference gives those duties without their articles) and stay 待核对.
        Assert.Equal(("True", "True"), (Get("ORD25-A06", "verified"), Get("ORD25-A09", "verified")));
        Assert.Contains("已对照", Get("ORD25-A06", "source"));
        foreach (var code in new[] { "ORD25-A10", "ORD25-A11", "ORD25-A12", "ORD25-A13", "ORD25-A14", "ORD25-A15", "ORD25-INSPECT" })
            Assert.Equal(("False", true), (Get(code, "verified"), Get(code, "source").Contains("未对照公布文本")));
        // 拒不改正 laws, checked against shared/laws.
        foreach (var code in new[] { "ATL-21", "CSL2016-21", "CSL2016-24" })
            Assert.Equal(("True", "True"), (Get(code, "fineOnlyIfNotCorrected"), Get(code, "verified")));
        // 反电信网络诈骗法 Art. 39: 通报批评 in the lighter tier, suspension and revocation only when 情节严重.
        Assert.Contains("Criticism", Get("ATFL-39", "allowedSanctions"));
        Assert.DoesNotContain("SuspendBusiness", Get("ATFL-39", "allowedSanctions"));
        Assert.Contains("SuspendBusiness", Get("ATFL-39-SERIOUS", "allowedSanctions"));
        // Heavier tiers name the condition the case must record; the 2025 serious tier's fine is mandatory (“处……罚款”).
        Assert.Equal("Serious", Get("ATFL-39-SERIOUS", "condition"));
        Assert.Equal(("RefusedOrHarm", "[\"Fine\"]"), (Get("CSL2025-23-SERIOUS", "condition"), string.Concat(Get("CSL2025-23-SERIOUS", "mandatorySanctions").Where(ch => !char.IsWhiteSpace(ch)))));
        // 反电信网络诈骗法第十条 with its penalty, not yet checked for which item of Art. 39 it falls under.
        Assert.Equal(("第十条", "第三十九条", "False"), (Get("ATFL-10", "dutyArticle"), Get("ATFL-10", "penaltyArticle"), Get("ATFL-10", "verified")));
        Assert.Equal(("Serious", "500000"), (Get("ATFL-10-SERIOUS", "condition"), Get("ATFL-10-SERIOUS", "fineMin")));
        // Statute over departmental rule: every entry says which it is.
        Assert.All(rows.Keys, code => Assert.Equal(code.StartsWith("ORD", StringComparison.Ordinal) ? "DepartmentalRule" : "Law", Get(code, "rank")));
    }

    [Fact]
    public void The_seed_catalog_of_no_penalty_grounds_cites_articles_33_and_57()
    {
        var rows = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Supervision.Domain.Data.Seeding.SeedFiles.DefaultDirectory, "no-penalty-grounds.json")))
            .RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);
        Assert.Equal(["APL33-1-MINOR", "APL33-1-FIRST", "APL33-2-NOFAULT", "APL57-1-3"], rows.Keys);
        Assert.Contains("第三十三条第一款", rows["APL33-1-MINOR"].GetProperty("article").GetString());
        Assert.True(rows["APL33-1-FIRST"].GetProperty("discretionary").GetBoolean());
        Assert.Contains("第三十三条第二款", rows["APL33-2-NOFAULT"].GetProperty("article").GetString());
        Assert.False(rows["APL57-1-3"].GetProperty("actEstablished").GetBoolean());
        Assert.Contains("第五十七条第一款第（三）项", rows["APL57-1-3"].GetProperty("article").GetString());
    }

    [Theory]
    [InlineData("10000")]
    [InlineData("30000")]
    [InlineData("15000.50")]
    public void Fines_inside_the_range_are_accepted(string amount) => Order25().CheckFine(decimal.Parse(amount));

    [Theory]
    [InlineData("9999.99")]
    [InlineData("30000.01")]
    [InlineData("0")]
    public void Fines_outside_the_range_are_rejected_with_the_range_named(string amount)
    {
        var ex = Assert.Throws<DomainException>(() => Order25().CheckFine(decimal.Parse(amount)));
        Assert.Equal("fine.out_of_range", ex.Code);
        Assert.Contains("¥10,000.00至¥30,000.00", ex.Message);
    }

    [Fact]
    public void Fractions_of_a_fen_are_rejected() =>
        Assert.Equal("fine.precision", Assert.Throws<DomainException>(() => Order25().CheckFine(10_000.001m)).Code);

    [Fact]
    public void A_basis_without_fines_refuses_any_fine()
    {
        var basis = Order25();
        basis.AllowedSanctions.Remove(SanctionKind.Fine);
        Assert.Equal("fine.not_allowed", Assert.Throws<DomainException>(() => basis.CheckFine(10_000m)).Code);
    }

    [Fact]
    public void Effective_period_is_inclusive()
    {
        var basis = Order25();
        basis.EffectiveTo = new DateOnly(2025, 12, 31);
        Assert.False(basis.IsEffectiveOn(new DateOnly(2013, 8, 31)));
        Assert.True(basis.IsEffectiveOn(new DateOnly(2013, 9, 1)));
        Assert.True(basis.IsEffectiveOn(new DateOnly(2025, 12, 31)));
        Assert.False(basis.IsEffectiveOn(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Validation_names_each_problem()
    {
        var basis = Order25();
        basis.FineMin = 40_000m;
        basis.EffectiveTo = new DateOnly(2000, 1, 1);
        basis.AllowedSanctions = [];
        var errors = basis.Validate();
        Assert.Contains(errors, e => e.Contains("下限不能高于上限"));
        Assert.Contains(errors, e => e.Contains("失效日期"));
        Assert.Contains(errors, e => e.Contains("至少选择一种"));
        Assert.Empty(Order25().Validate());
    }

    /// <summary>
    /// 工信部网安〔2016〕182号 is a normative document: the checklist names it as the requirement; the basis is Order 25 Art. 9 (查验证件 —
    /// the reader and online verification are how the ID is checked; Art. 6 is the user's duty to present it). 代办 (RN-03) is Art. 9's
    /// second sentence (同时查验受托人的证件并登记).
    /// </summary>
    [Fact]
    public void The_182_requirement_is_cited_through_order_25_article_9_not_as_a_basis()
    {
        var rows = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Supervision.Domain.Data.Seeding.SeedFiles.DefaultDirectory, "checklist.json")))
            .RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);
        var item = rows["RN-05"];
        Assert.Equal("ORD25-A09", item.GetProperty("legalBasis").GetString());
        Assert.Equal("ORD25-A09", rows["RN-03"].GetProperty("legalBasis").GetString());
        Assert.Contains("工信部网安〔2016〕182号", item.GetProperty("guidance").GetString());
        Assert.DoesNotContain("182号", item.GetProperty("description").GetString());
    }

    /// <summary>
    /// 一证多卡 (more numbers on one ID than allowed, at one carrier) is 反电信网络诈骗法第十条 ("办理电话卡不得超出国家有关规定限制的数量"), not
    /// 第九条 (the real-name registration duty in general): the checklist item cites the entry of Art. 10, checked against the statute's text.
    /// </summary>
    [Fact]
    public void The_one_id_many_cards_item_cites_article_10_of_the_anti_fraud_law()
    {
        var rows = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Supervision.Domain.Data.Seeding.SeedFiles.DefaultDirectory, "checklist.json")))
            .RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);
        Assert.Equal("ATFL-10", rows["RN-09"].GetProperty("legalBasis").GetString());
        var basis = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Supervision.Domain.Data.Seeding.SeedFiles.DefaultDirectory, "legal-bases.json")))
            .RootElement.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "ATFL-10");
        Assert.Equal("第十条", basis.GetProperty("dutyArticle").GetString());
        Assert.StartsWith("办理电话卡不得超出国家有关规定限制的数量。", basis.GetProperty("duty").GetString());
    }
}
