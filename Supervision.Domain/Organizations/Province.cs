using Supervision.Domain.Common;

namespace Supervision.Domain.Organizations;

/// <summary>A provincial communications administration (省通信管理局) and its territory: the tenant.</summary>
public class Province : ICatalogEntity
{
    public int Id { get; set; }
    /// <summary>Two-digit administrative division code (GB/T 2260), e.g. 64.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    /// <summary>The administration's full name as it signs documents, e.g. 宁夏回族自治区通信管理局.</summary>
    public string AuthorityName { get; set; } = "";
    /// <summary>Document-number prefix, e.g. 宁通管 in 宁通管罚〔2026〕3号.</summary>
    public string DocPrefix { get; set; } = "";
    public int SortOrder { get; set; }
    /// <summary>The administration's postal address, postcode and telephone, where a party sends statements, defences and hearing requests.</summary>
    public string? PostalAddress { get; set; }
    public string? PostalCode { get; set; }
    public string? Phone { get; set; }
    /// <summary>
    /// 公示网站地址: the public site where this administration's documents are checked; each document's QR code and the text under it
    /// point at <c>{address}/public/verify/{code}</c>, so a Guangdong receipt sends its reader to Guangdong's site. Unset, the server's
    /// configured address (PublicSite:BaseUrl) serves.
    /// </summary>
    public string? PublicSiteUrl { get; set; }
    /// <summary>The address is the demo's (a fictional administration's, under example.gov.cn): printed only where the portal runs as a
    /// demo (Development); anywhere else it is passed over (the server's configured address serves, and a placeholder there is refused).</summary>
    public bool PublicSiteIsDemo { get; set; }

    /// <summary>Sets the public site's address (empty: the server's configured one serves); an address that is not an absolute
    /// https one, or names this machine or a placeholder domain (example.gov.cn, *.test), is refused. Clears the demo mark.</summary>
    public void SetPublicSite(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            (PublicSiteUrl, PublicSiteIsDemo) = (null, false);
            return;
        }
        var value = url.Trim().TrimEnd('/');
        if (value.Length > 200) throw new DomainException("province.public_site", "公示网站地址不超过200个字符。");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            throw new DomainException("province.public_site", "公示网站地址应为以 https:// 开头的完整网址，不带查询参数，如 https://gxt.nx.gov.cn。");
        if (Documents.IssueReadiness.IsLocal(uri) || Documents.IssueReadiness.IsPlaceholderHost(uri.Host))
            throw new DomainException("province.public_site", $"公示网站地址“{uri.Host}”为本机或示例域名，公众无法打开，请填写本局公示网站的公网地址。");
        (PublicSiteUrl, PublicSiteIsDemo) = (value, false);
    }

    /// <summary>The demo's address for a fictional administration, marked as such (<see cref="PublicSiteIsDemo"/>).</summary>
    public void SetDemoPublicSite(string url) => (PublicSiteUrl, PublicSiteIsDemo) = (url.TrimEnd('/'), true);

    /// <summary>The administration's seal image (a transparent PNG, see <see cref="SealImage"/>), if it uploaded one.</summary>
    public long? SealFileId { get; set; }
    public Files.StoredFile? Seal { get; set; }
    public List<City> Cities { get; set; } = [];

    /// <summary>Sets the postal contact, each part trimmed (empty: not stated); a wrong postcode or telephone is refused.</summary>
    public void SetPostalContact(string? address, string? postalCode, string? phone)
    {
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var (a, code, tel) = (Clean(address), Clean(postalCode), Clean(phone));
        if (a is { Length: > 200 }) throw new DomainException("province.address_length", "通信地址不超过200个字符。");
        if (a is { Length: < 10 })
            throw new DomainException("province.address_incomplete", "请填写完整的通信地址（含市、区、街道和门牌号）。");
        if (code is not null && !System.Text.RegularExpressions.Regex.IsMatch(code, "^[0-9]{6}$"))
            throw new DomainException("province.postcode", "邮政编码应为6位数字。");
        if (tel is not null && !System.Text.RegularExpressions.Regex.IsMatch(tel, @"^[0-9\-（）()转 ]{7,30}$"))
            throw new DomainException("province.phone", "联系电话只能包含数字、“-”和“转”，如0951-1234567。");
        (PostalAddress, PostalCode, Phone) = (a, code, tel);
    }
}

/// <summary>A prefecture-level city (地市) of a province.</summary>
public class City : ICatalogEntity
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public Province? Province { get; set; }
    /// <summary>Six-digit administrative division code, e.g. 640100 for 银川市; used in returns.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}
