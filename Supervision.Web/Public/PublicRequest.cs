using System.Globalization;
using Supervision.Domain.Catalog;
using Supervision.Domain.Publicity;

namespace Supervision.Web.Public;

/// <summary>A field of a public query the site could not read, with a stable code and a Chinese message.</summary>
public sealed record PublicQueryError(string Code, string Field, string Message);

/// <summary>
/// Reads the public site's query string (the search form, the feeds and the export share it) into a
/// <see cref="PublicQuery"/>, collecting what it cannot read instead of guessing.
/// </summary>
public static class PublicRequest
{
    public const int PageSize = 20;

    /// <summary>Kinds as they appear in addresses: /public?kind=penalty.</summary>
    public static readonly IReadOnlyList<(string Slug, AnnouncementKind Kind)> Kinds =
    [
        ("penalty", AnnouncementKind.PenaltyDecision),
        ("draw", AnnouncementKind.DrawResult),
        ("agent", AnnouncementKind.ViolatingAgent),
    ];

    /// <summary>The penalty types one can search for (处罚类别), from the sanctions the catalog knows.</summary>
    public static IEnumerable<string> PenaltyTypes =>
        Enum.GetValues<SanctionKind>().Where(k => k != SanctionKind.CorrectiveOrder).Select(SanctionLabels.Label);

    public static string? Slug(AnnouncementKind? kind) => kind is null ? null : Kinds.First(k => k.Kind == kind).Slug;

    public static (PublicQuery Query, IReadOnlyList<PublicQueryError> Errors) Parse(IQueryCollection q)
    {
        var errors = new List<PublicQueryError>();
        string? Text(string key, int max)
        {
            var v = q[key].ToString().Trim();
            if (v.Length == 0) return null;
            // Nobody types one; PostgreSQL refuses NUL in text outright, so the field is dropped rather than searched for.
            if (v.Any(char.IsControl))
            {
                errors.Add(new("public.query_control", key, $"“{Label(key)}”含有不可见的控制字符，请删除后再查询。"));
                return null;
            }
            if (v.Length > max) errors.Add(new("public.query_too_long", key, $"“{Label(key)}”不能超过{max}个字。"));
            return v.Length > max ? v[..max] : v;
        }
        DateOnly? Date(string key)
        {
            var v = Text(key, 16);
            if (v is null) return null;
            if (Supervision.Domain.Common.ChineseDate.TryParse(v, out var d)) return d;
            errors.Add(new("public.query_date", key, $"“{Label(key)}”应为日期，如 2026年11月28日 或 2026-11-28。"));
            return null;
        }

        AnnouncementKind? kind = null;
        if (Text("kind", 20) is { } slug)
        {
            var match = Kinds.FirstOrDefault(k => k.Slug == slug);
            if (match.Slug is null) errors.Add(new("public.query_kind", "kind", "公示类别应为 penalty（行政处罚决定）、draw（双随机抽查结果）或 agent（违规代理商）。"));
            else kind = match.Kind;
        }
        var penaltyType = Text("type", 20);
        if (penaltyType is not null && !PenaltyTypes.Contains(penaltyType))
        {
            errors.Add(new("public.query_type", "type", $"处罚类别应为：{string.Join("、", PenaltyTypes)}。"));
            penaltyType = null;
        }
        var page = 1;
        if (Text("page", 6) is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            errors.Add(new("public.query_page", "page", "页码应为正整数。"));
            page = 1;
        }
        var from = Date("from");
        var to = Date("to");
        if (from > to) errors.Add(new("public.query_range", "to", "结束日期不能早于开始日期。"));

        var query = new PublicQuery(kind, Text("province", 10), Text("party", 100), Text("number", 60), from, to, penaltyType, page - 1, PageSize);
        return (query, errors);
    }

    /// <summary>The query string of a query (without the page), for links to feeds, exports and other pages.</summary>
    public static string QueryString(PublicQuery query, int? page = null)
    {
        var parts = new List<KeyValuePair<string, string?>>
        {
            new("kind", Slug(query.Kind)), new("province", query.Province), new("party", query.Party), new("number", query.Number),
            new("from", query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("to", query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("type", query.PenaltyType), new("page", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null),
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(parts.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
    }

    private static string Label(string key) => key switch
    {
        "party" => "当事人",
        "number" => "文号",
        "from" => "决定日期（起）",
        "to" => "决定日期（止）",
        "province" => "地区",
        "kind" => "类别",
        "type" => "处罚类别",
        _ => key,
    };
}
