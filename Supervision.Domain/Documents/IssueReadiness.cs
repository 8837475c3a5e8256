using System.Text.RegularExpressions;
using Supervision.Domain.Common;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;

namespace Supervision.Domain.Documents;

/// <summary>
/// What a document states from the settings must be real before it is issued: the public verification address its QR code
/// opens, the authority's postal address and phone, the payee's bank and account, the court. A setting left empty or holding
/// a placeholder (0951-0000000, an account of zeros, a value marked 演示/示例, a localhost address) would be printed as if real
/// and bind the administration; issuing refuses instead, naming the setting and where an administrator sets it.
/// </summary>
public static partial class IssueReadiness
{
    public const string Code = "document.settings_missing";

    private const string ProvincePage = "基础数据 › 省级管理局 › 通信地址和电话";
    private const string SettingsPage = "系统管理 › 执法参数";

    /// <summary>Throws a <see cref="DomainException"/> naming every missing or placeholder setting the document needs.</summary>
    public static void Ensure(DocumentData data)
    {
        var problems = Problems(data);
        if (problems.Count > 0)
            throw new DomainException(Code, "文书暂不能签发，以下设置尚未填写或仍为示例值：" + string.Join("；", problems) + "。设置后再签发。");
    }

    /// <summary>Each missing or placeholder setting the document states, with where it is set.</summary>
    public static IReadOnlyList<string> Problems(DocumentData data)
    {
        var problems = new List<string>();
        if (data.VerificationCode is not null && VerificationProblem(data.VerificationUrl) is { } link) problems.Add(link);
        switch (data)
        {
            case CaseDocumentData c when c.Kind == DocumentKind.PriorNotice:
                Contact(c, problems);
                break;
            case CaseDocumentData c when c.Kind == DocumentKind.PenaltyDecision:
                if (c.Sanctions.Any(s => s.Kind == Catalog.SanctionKind.Fine))
                {
                    Require(problems, c.Payee?.Bank, "收款银行", SettingsPage);
                    Require(problems, c.Payee?.AccountName, "收款户名", SettingsPage);
                    Require(problems, c.Payee?.AccountNumber, "收款账号", SettingsPage);
                }
                // No court is required: until an administrator verified the province's court the decision names 有管辖权的人民法院.
                break;
            case CorrectiveNoticeData n when n.Contact is { Length: > 0 } contact && IsPlaceholder(contact):
                problems.Add($"联系人和联系电话（{SettingsPage}）");
                break;
        }
        if (data is CaseDocumentData { Contact: { Length: > 0 } line } && IsPlaceholder(line))
            problems.Add($"承办机构联系人和联系电话（{SettingsPage}）");
        return problems;
    }

    private static void Contact(CaseDocumentData c, List<string> problems)
    {
        Require(problems, c.AuthorityContact?.Address, "本局通信地址", ProvincePage);
        Require(problems, c.AuthorityContact?.PostalCode, "邮政编码", ProvincePage);
        Require(problems, c.AuthorityContact?.Phone, "联系电话", ProvincePage);
    }

    private static void Require(List<string> problems, string? value, string what, string where)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{what}未填写（{where}）");
        else if (IsPlaceholder(value)) problems.Add($"{what}为示例值“{value.Trim()}”（{where}）");
    }

    /// <summary>
    /// A value that only stands in for the real one: marked 演示/示例/测试/待定/待填, an x-ed out number (XXXX, ××××), or digits that are
    /// mostly a run of zeros (0951-0000000, 2902 0000 0000 0000 001).
    /// </summary>
    public static bool IsPlaceholder(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        if (Marker().IsMatch(value)) return true;
        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        return digits.Length >= 6 && ZeroRun().IsMatch(digits);
    }

    [GeneratedRegex("演示|示例|样例|测试|待定|待填|待补|[Xx×＊*]{3,}")]
    private static partial Regex Marker();

    [GeneratedRegex("0{6,}")]
    private static partial Regex ZeroRun();

    /// <summary>
    /// Why a verification link cannot be printed: not an absolute http(s) address, or one of this machine (localhost, a loopback or
    /// unspecified address) that no reader can open; null when it can.
    /// </summary>
    public static string? VerificationProblem(string? url)
    {
        const string where = "服务器配置项 PublicSite:BaseUrl（公示网站的公网地址），由系统管理员在部署配置中设置";
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"文书核验地址未设置（{where}）";
        return IsLocal(uri) ? $"文书核验地址为本机地址“{uri.GetLeftPart(UriPartial.Authority)}”，他人无法打开（{where}）" : null;
    }

    /// <summary>localhost, *.localhost, 127.0.0.0/8, ::1, 0.0.0.0.</summary>
    public static bool IsLocal(Uri uri) =>
        uri.IsLoopback
        || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host is "0.0.0.0" or "[::]";
}
