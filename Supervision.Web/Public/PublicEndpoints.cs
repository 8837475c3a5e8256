using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Supervision.Domain.Common;
using Supervision.Domain.Publicity;

namespace Supervision.Web.Public;

/// <summary>
/// The public site's machine-readable side, for media and the national platforms: a JSON feed, an RSS feed and a CSV
/// export with the fields of the pages, and each announcement's 公告 PDF. No sign-in; cacheable but revalidated on every
/// use (ETag, Cache-Control: public, no-cache; output cache evicted when something is published or withdrawn).
/// </summary>
public static class PublicEndpoints
{
    public const string CachePolicy = "public";
    public const string CacheTag = "public-site";
    public const int FeedItems = 200;
    public const int ExportRows = 50_000;

    /// <summary>
    /// Any cache may keep a copy but must ask again (the ETag makes that a 304) before using it: a withdrawn announcement's
    /// PDF or feed entry is gone from every proxy at the next request, not minutes later.
    /// </summary>
    public const string Revalidate = "public, no-cache";

    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        // Cached per Beijing day as well: publication periods end at midnight.
        services.AddOutputCache(o => o.AddPolicy(CachePolicy, b => b.Expire(TimeSpan.FromSeconds(60)).Tag(CacheTag)
            .SetCacheKeyPrefix(ctx => BeijingTime.Today(ctx.RequestServices.GetRequiredService<TimeProvider>()).ToString("yyyyMMdd", CultureInfo.InvariantCulture))));
        services.AddScoped<IPublicationListener, EvictPublicCache>();
        services.AddSingleton<Supervision.Domain.Documents.IVerificationLinks, PublicVerificationLinks>();
        services.AddOptions<PublicSiteOptions>().BindConfiguration(PublicSiteOptions.Section)
            .Validate(o => o.IsValid(), "PublicSite:BaseUrl 应为公示网站的绝对地址（http 或 https，不带查询参数），如 https://gxt.example.gov.cn。")
            .ValidateOnStart();
        return services.WithoutAntiforgeryOnPublicPages();
    }

    public static IEndpointRouteBuilder MapPublicSite(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/public").AllowAnonymous().CacheOutput(CachePolicy).ExcludeFromDescription();
        group.MapGet("/feed.json", JsonFeedAsync);
        group.MapGet("/feed.rss", RssFeedAsync);
        group.MapGet("/export.csv", CsvAsync);
        group.MapGet("/announcements/{id:long}/pdf", PdfAsync);
        var services = app.ServiceProvider;
        VerificationLinksSetup.CheckAtStartup(services);
        if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment() && !services.GetRequiredService<IOptions<PublicSiteOptions>>().Value.Absolute)
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicEndpoints))
                .LogWarning("PublicSite:BaseUrl is not set: the public feeds carry links relative to the site root");
        return app;
    }

    private static async Task<IResult> JsonFeedAsync(HttpContext ctx, PublicSite site, IOptions<PublicSiteOptions> options, CancellationToken ct)
    {
        var (early, query) = await PrepareAsync(ctx, site, ct);
        if (early is not null) return early;
        var items = await site.FeedAsync(query, FeedItems, ct);
        var links = options.Value;
        var feed = new Dictionary<string, object?>
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = await TitleAsync(site, query, ct),
            ["home_page_url"] = links.Link($"/public{PublicRequest.QueryString(query)}"),
            ["feed_url"] = links.Link($"/public/feed.json{PublicRequest.QueryString(query)}"),
            ["language"] = "zh-CN",
            ["items"] = items.Select(a => new Dictionary<string, object?>
            {
                ["id"] = a.Id.ToString(CultureInfo.InvariantCulture),
                ["url"] = links.Link($"/public/announcements/{a.Id}"),
                ["title"] = a.Title,
                ["content_text"] = Text(a),
                ["date_published"] = $"{PublicFields.Date(a.PublishedOn)}T00:00:00+08:00",
                ["tags"] = new[] { AnnouncementLabels.Kind(a.Kind) },
                ["attachments"] = a.HasPdf ? new[] { new Dictionary<string, string> { ["url"] = links.Link($"/public/announcements/{a.Id}/pdf"), ["mime_type"] = "application/pdf" } } : null,
                ["_announcement"] = PublicFields.Of(a).ToDictionary(f => f.Key, f => f.Value),
            }).ToList(),
        };
        return Results.Text(JsonSerializer.Serialize(feed, JsonOptions), "application/feed+json; charset=utf-8");
    }

    private static async Task<IResult> RssFeedAsync(HttpContext ctx, PublicSite site, IOptions<PublicSiteOptions> options, CancellationToken ct)
    {
        var (early, query) = await PrepareAsync(ctx, site, ct);
        if (early is not null) return early;
        var items = await site.FeedAsync(query, FeedItems, ct);
        var links = options.Value;
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriter(sb), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteStartElement("channel");
            w.WriteElementString("title", await TitleAsync(site, query, ct));
            w.WriteElementString("link", links.Link($"/public{PublicRequest.QueryString(query)}"));
            w.WriteElementString("description", "行政处罚决定、双随机抽查结果和违规代理商公示");
            w.WriteElementString("language", "zh-cn");
            if (items.Count > 0) w.WriteElementString("lastBuildDate", Rfc822(items.Max(i => i.PublishedOn)));
            foreach (var a in items)
            {
                w.WriteStartElement("item");
                w.WriteElementString("title", a.Title);
                var link = links.Link($"/public/announcements/{a.Id}");
                w.WriteElementString("link", link);
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", links.Absolute ? "true" : "false"); // a permalink is a full address
                w.WriteString(link);
                w.WriteEndElement();
                w.WriteElementString("category", AnnouncementLabels.Kind(a.Kind));
                w.WriteElementString("pubDate", Rfc822(a.PublishedOn));
                w.WriteElementString("description", Text(a));
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + sb, "application/rss+xml; charset=utf-8");
    }

    private static async Task<IResult> CsvAsync(HttpContext ctx, PublicSite site, CancellationToken ct)
    {
        var (early, query) = await PrepareAsync(ctx, site, ct);
        if (early is not null) return early;
        var items = await site.FeedAsync(query, ExportRows, ct);
        var sb = new StringBuilder("\uFEFF");
        sb.AppendJoin(',', PublicFields.Columns.Select(c => Csv(c.Label))).Append("\r\n");
        foreach (var a in items)
        {
            var values = PublicFields.Of(a).ToDictionary(f => f.Key, f => f.Value);
            sb.AppendJoin(',', PublicFields.Columns.Select(c => Csv(values.GetValueOrDefault(c.Key)))).Append("\r\n");
        }
        var name = $"公示信息_{site.Today:yyyyMMdd}.csv";
        ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"public.csv\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
        return Results.Text(sb.ToString(), "text/csv; charset=utf-8");
    }

    private static async Task<IResult> PdfAsync(long id, HttpContext ctx, PublicSite site, CancellationToken ct)
    {
        var pdf = await site.PdfAsync(id, ct);
        if (pdf is null) return Results.NotFound();
        var etag = Tag($"{id}:{Convert.ToHexString(SHA256.HashData(pdf.Pdf))}");
        ctx.Response.Headers.CacheControl = Revalidate;
        ctx.Response.Headers.ETag = etag;
        if (ctx.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(pdf.Pdf, "application/pdf", $"{pdf.Title}.pdf", enableRangeProcessing: false);
    }

    /// <summary>
    /// The checks every list endpoint shares: a readable query (else 400 with the errors), and the validator — the
    /// site's version with the query — answered with 304 when the client already has it; returns the query read.
    /// </summary>
    private static async Task<(IResult? Early, PublicQuery Query)> PrepareAsync(HttpContext ctx, PublicSite site, CancellationToken ct)
    {
        var (query, errors) = PublicRequest.Parse(ctx.Request.Query);
        if (errors.Count > 0)
            return (Results.BadRequest(new { errors = errors.Select(e => new { code = e.Code, field = e.Field, message = e.Message }) }), query);
        var etag = Tag($"{await site.VersionAsync(ct)}:{ctx.Request.Path}{ctx.Request.QueryString}");
        ctx.Response.Headers.ETag = etag;
        ctx.Response.Headers.CacheControl = Revalidate;
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        return (ctx.Request.Headers.IfNoneMatch.Contains(etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : null, query);
    }

    private static string Tag(string text) => $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32]}\"";

    private static async Task<string> TitleAsync(PublicSite site, PublicQuery query, CancellationToken ct) =>
        $"{await site.AuthorityAsync(query.Province, ct) ?? "通信管理局"}行政执法信息公示" + (query.Kind is { } k ? $" · {AnnouncementLabels.Kind(k)}" : "");

    /// <summary>The fields as "标签：内容" lines, for a feed item's text.</summary>
    private static string Text(PublicAnnouncement a) =>
        string.Join("\n", PublicFields.Of(a).Where(f => f.Key is not ("id" or "title") && !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Label}：{f.Value}"));

    private static string Rfc822(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset).ToString("ddd, dd MMM yyyy HH:mm:ss +0800", CultureInfo.InvariantCulture);

    /// <summary>A CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet never runs it as a formula.</summary>
    public static string Csv(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r') v = "'" + v;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{v.Replace("\"", "\"\"")}\"" : v;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Drops the cached public pages and feeds when an announcement is published or withdrawn.</summary>
    private sealed class EvictPublicCache(IOutputCacheStore store) : IPublicationListener
    {
        public Task ChangedAsync(CancellationToken ct) => store.EvictByTagAsync(CacheTag, ct).AsTask();
    }
}
