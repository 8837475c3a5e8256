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
    /// <param name="address">Where the verification address comes from and whether a demo one may be printed; the server's
    /// configuration, demo not allowed, when not given.</param>
    public static void Ensure(DocumentData data, VerificationAddress? address = null)
    {
        var problems = Problems(data, address);
        if (problems.Count > 0)
            throw new DomainException(Code, "文书暂不能签发，以下设置尚未填写或仍为示例值：" + string.Join("；", problems) + "。设置后再签发。");
    }

    /// <summary>Each missing or placeholder setting the document states, with where it is set.</summary>
    public static IReadOnlyList<string> Problems(DocumentData data, VerificationAddress? address = null)
    {
        var problems = new List<string>();
        if (data.VerificationCode is not null && VerificationProblem(data.VerificationUrl, address ?? VerificationAddress.Configured(demoAllowed: false)) is { } link)
            problems.Add(link);
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
    /// Why a verification link cannot be printed: not an absolute http(s) address, one of this machine (localhost, a loopback or
    /// unspecified address), or a placeholder domain (example.gov.cn, *.example, *.test, *.invalid) that no reader can open — unless the
    /// address is the demo's where the portal runs as a demo; null when it can. The message names the setting it comes from.
    /// </summary>
    public static string? VerificationProblem(string? url, VerificationAddress? address = null)
    {
        address ??= VerificationAddress.Configured(demoAllowed: false);
        var where = address.Setting;
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"文书核验地址未设置（{where}）";
        if (IsLocal(uri)) return $"文书核验地址为本机地址“{uri.GetLeftPart(UriPartial.Authority)}”，他人无法打开（{where}）";
        if (IsPlaceholderHost(uri.Host) && !address.DemoAllowed)
            return $"文书核验地址为示例域名“{uri.Host}”{(address.Demo ? "（演示数据）" : "")}，公众无法打开（{where}）";
        return null;
    }

    /// <summary>A domain reserved for examples and tests (RFC 2606, RFC 6761) or the example government domain: a label
    /// <c>example</c>, <c>test</c>, <c>invalid</c> or <c>localhost</c> (example.gov.cn, gxt.nx.example.gov.cn, example.com, portal.test).</summary>
    public static bool IsPlaceholderHost(string host) =>
        host.Trim('.').Split('.').Any(label => label.ToLowerInvariant() is "example" or "test" or "invalid" or "localhost");

    /// <summary>localhost, *.localhost, 127.0.0.0/8, ::1, 0.0.0.0.</summary>
    public static bool IsLocal(Uri uri) =>
        uri.IsLoopback
        || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host is "0.0.0.0" or "[::]";
}

/// <summary>Where a document's verification address comes from, for the message that refuses it.</summary>
/// <param name="Setting">The setting, as an administrator finds it.</param>
/// <param name="Demo">The address is marked as the demo's.</param>
/// <param name="DemoAllowed">A placeholder address may be printed: it is the demo's and the portal runs as a demo.</param>
public sealed record VerificationAddress(string Setting, bool Demo, bool DemoAllowed)
{
    public const string ProvinceSetting = "基础数据 › 省级管理局 › 公示网站地址";

    public const string ServerSetting = "服务器配置项 PublicSite:BaseUrl（公示网站的公网地址），由系统管理员在部署配置中设置；或在" + ProvinceSetting + "按省设置";

    /// <summary>The province's own address (<see cref="Organizations.Province.PublicSiteUrl"/>).</summary>
    public static VerificationAddress Province(bool demo, bool demoRun) => new(ProvinceSetting, demo, demo && demoRun);

    /// <summary>The server's configured address (in a demo run the configuration is the demo's).</summary>
    public static VerificationAddress Configured(bool demoAllowed) => new(ServerSetting, demoAllowed, demoAllowed);

    /// <summary>The verify page of a code under a site's address.</summary>
    public static string Url(string site, string code) => $"{site.Trim().TrimEnd('/')}/public/verify/{code}";
}
