using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;
using Supervision.Domain.Enforcement;

namespace Supervision.Web.Demo;

/// <summary>
/// The one place the demo states what a real administration sets before it issues documents (Development only, like the demo
/// accounts): the authority's postal address, telephone and public site address (基础数据 › 省级管理局; the site under example.gov.cn,
/// marked as the demo's, so that issuing refuses it outside Development), the payee's bank and account, the court with
/// jurisdiction at the authority's seat, the handling office and the hearing and legal-review thresholds marked verified as demo
/// settings (系统管理 › 执法参数). The values are plausible but fictional, for
/// the demo's fictional administrations — the seed data carries none of them, so a real deployment issues nothing until its
/// administrator has set the real ones (<see cref="Supervision.Domain.Documents.IssueReadiness"/>). Values already set are kept.
/// </summary>
public sealed class DemoAuthoritySettings(IDbContextFactory<SupervisionDbContext> factory)
{
    private sealed record Demo(string Address, string PostalCode, string Phone, string Bank, string AccountName, string AccountNumber, string Court,
        string Office, string Person, string OfficePhone, string PublicSite);

    private static readonly Dictionary<string, Demo> Provinces = new()
    {
        ["64"] = new("宁夏回族自治区银川市金凤区北京中路166号", "750002", "0951-5096120",
            "中国工商银行股份有限公司银川分行营业部", "宁夏回族自治区财政厅非税收入汇缴结算户", "2902 0112 0920 0157 301", "银川市金凤区人民法院",
            "网络安全管理处", "马建国", "0951-5096123", "https://gxt.nx.example.gov.cn"),
        ["44"] = new("广东省广州市越秀区东风中路437号", "510030", "020-83125610",
            "中国工商银行股份有限公司广州第一支行", "广东省财政厅非税收入汇缴结算户", "3602 0000 1920 0587 412", "广州市越秀区人民法院",
            "网络安全管理处", "陈志明", "020-83125617", "https://gxt.gd.example.gov.cn"),
    };

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var national = await db.EnforcementSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ProvinceId == null, ct) ?? new EnforcementSettings();
        foreach (var (code, demo) in Provinces)
        {
            var province = await db.Provinces.SingleOrDefaultAsync(p => p.Code == code, ct);
            if (province is null) continue;
            if (string.IsNullOrWhiteSpace(province.Phone) && string.IsNullOrWhiteSpace(province.PostalAddress))
                province.SetPostalContact(demo.Address, demo.PostalCode, demo.Phone);
            // The public site under example.gov.cn, marked as the demo's: printed in Development only (IssueReadiness refuses it elsewhere).
            if (string.IsNullOrWhiteSpace(province.PublicSiteUrl))
                province.SetDemoPublicSite(demo.PublicSite);
            var settings = await db.EnforcementSettings.SingleOrDefaultAsync(s => s.ProvinceId == province.Id, ct);
            if (settings is null)
            {
                settings = new EnforcementSettings { ProvinceId = province.Id }.CopyFrom(national);
                db.EnforcementSettings.Add(settings);
            }
            if (settings.PayeeBank.Length == 0 && settings.PayeeAccountNumber.Length == 0)
                (settings.PayeeBank, settings.PayeeAccountName, settings.PayeeAccountNumber) = (demo.Bank, demo.AccountName, demo.AccountNumber);
            if (settings.Court.Length == 0) settings.Court = demo.Court;
            // The demo's cases are decided below the thresholds without a hearing or 法制审核, which the rules allow only on thresholds
            // an administrator verified: the demo's are marked verified as what they are — demo settings, not a bureau's published
            // rule (as the demo seal is marked 演示) — so every form that cites them says so.
            if (!settings.HearingThresholdVerified)
                (settings.HearingThresholdSource, settings.HearingThresholdVerified) =
                    ("《中华人民共和国行政处罚法》第六十三条第一款第（一）项；演示数据：本演示环境的较大数额罚款标准为演示设置，不是本局公布的规定", true);
            if (!settings.LegalReviewThresholdVerified)
                (settings.LegalReviewThresholdSource, settings.LegalReviewThresholdVerified) =
                    ("《中华人民共和国行政处罚法》第五十八条第一款；演示数据：本演示环境的法制审核金额标准为演示设置，不是本局公布的规定", true);
            if (settings.HandlingOffice.Length == 0 && settings.ContactPhone.Length == 0)
                (settings.HandlingOffice, settings.ContactPerson, settings.ContactPhone, settings.ContactAddress) = (demo.Office, demo.Person, demo.OfficePhone, demo.Address);
        }
        await db.SaveChangesAsync(ct);
    }
}
