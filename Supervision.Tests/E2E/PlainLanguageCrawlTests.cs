using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Supervision.Domain.Access;
using Supervision.Domain.Data;
using Supervision.Domain.Submissions;
using Supervision.Tests.Domain.Submissions;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Access;
using Supervision.Web.Components.Layout;

namespace Supervision.Tests.E2E;

/// <summary>
/// Nothing a user sees is developer output: for every role, every page of its menu and the first record each list links to,
/// opened in Chromium, show no JSON, no ALL_CAPS code outside a code element, no English type name and no login name.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class PlainLanguageCrawlTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly string[] Users = ["admin", "inspector.nx", "leader.nx", "ministry", "carrier.cmcc.nx"];

    /// <summary>Pages whose subject is the account itself: the user list names each account by its sign-in name, on purpose.</summary>
    // Where accounts are managed the login name is what the page is about (the 企业管理员 tells staff their login name).
    private static readonly HashSet<string> AccountPages = ["/admin/users", "/accounts"];

    /// <summary>Pages that teach the format a carrier types (the upload and web entry forms, a template's 填报说明): there 2026-10 is the example, not output.</summary>
    private static readonly string[] InputFormatPages = ["/submissions/upload", "/submissions/entry", "/admin/templates/"];

    [Fact]
    public async Task No_page_any_role_can_reach_shows_json_codes_type_names_login_names_or_legal_basis_codes()
    {
        await ArrangeAsync();
        var catalog = portal.Factory.Services.GetRequiredService<RouteCatalog>();
        string[] logins;
        string[] typeNames;
        string[] basisCodes;
        await using (var db = portal.Db())
        {
            logins = await db.Users.Select(u => u.UserName!).ToArrayAsync();
            basisCodes = await db.LegalBases.Select(b => b.Code).ToArrayAsync();
            typeNames = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => t.Namespace?.StartsWith("Supervision.Domain", StringComparison.Ordinal) == true)
                .Select(t => t.Name).Distinct().ToArray();
        }
        var loginPattern = new Regex(@"(?<![\w.@-])(" + string.Join("|", logins.Concat(["system:demo", "system:seed"]).Select(Regex.Escape)) + @"|demo\.[a-z]+-\d+)(?![\w.@-])");
        var typePattern = new Regex(@"\b(" + string.Join("|", typeNames.Select(Regex.Escape)) + @")\b");
        // A legal basis is named by its citation; its catalog code (ORD25-A06) belongs to the catalog's own pages and the API.
        var basisPattern = new Regex(@"(?<![\w-])(" + string.Join("|", basisCodes.OrderByDescending(c => c.Length).Select(Regex.Escape)) + @")(?![\w-])");

        var problems = new List<string>();
        var visitedCount = 0;
        foreach (var user in Users)
        {
            var role = await RoleOfAsync(user);
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, role)], "test"));
            var menu = Navigation.Sections.SelectMany(s => s.Links).Select(l => l.Href).Prepend(Navigation.Home.Href)
                .Where(href => catalog.CanOpen(href, principal)).Distinct().ToList();
            var details = catalog.Pages.Where(p => p.Template.Contains("{Id") && !p.Anonymous && p.Allows(principal))
                .Select(p => (p.Template, Pattern: new Regex("^" + Regex.Replace(Regex.Escape(p.Template), @"\\\{Id:\w+}", @"\d+") + "$"))).ToList();
            var page = await portal.SignedInAsync(user);
            var links = new List<string>();
            async Task VisitAsync(string url)
            {
                var response = await page.GotoAsync(url);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (response?.Status != 200) problems.Add($"{user} {url}: HTTP {response?.Status}");
                var text = await SettledTextAsync(page);
                if (text.Contains("An unhandled exception", StringComparison.Ordinal) || text.Contains("处理请求时出错", StringComparison.Ordinal)
                    || await page.EvaluateAsync<bool>("() => { const e = document.getElementById('blazor-error-ui'); return !!e && getComputedStyle(e).display !== 'none'; }"))
                    problems.Add($"{user} {url}: the page failed");
                visitedCount++;
                foreach (var (what, pattern) in new[] { ("JSON", JsonPattern()), ("代码", CodePattern()), ("类型名", typePattern), ("登录名", loginPattern), ("英文分页", EnglishPagerPattern()), ("依据编码", basisPattern),
                             ("机器时间", MachineTimePattern()), ("编码", CapsCodePattern()), ("算法标识", AlgorithmIdPattern()), ("英文控件", EnglishGridPattern()),
                             ("文件类型", MimeTypePattern()), ("记录编号", BareIdPattern()), ("渠道", RawChannelPattern()), ("英文取值", EnglishValuePattern()),
                             ("回环地址", LoopbackPattern()), ("未格式化数字", RawChangePattern()), ("等待时长", ZeroWaitPattern()), ("地市编码", CityCodeRowPattern()),
                             ("选填", OptionalLabelPattern()) })
                {
                    if (what == "登录名" && AccountPages.Contains(url)) continue;
                    if (what == "依据编码" && url.StartsWith("/catalog/legal-bases", StringComparison.Ordinal)) continue;
                    // Where a carrier types a period or a date into a file, the page shows the format to type (期间如 2026-10).
                    if (what == "机器时间" && InputFormatPages.Any(p => url.StartsWith(p, StringComparison.Ordinal))) continue;
                    foreach (var m in pattern.Matches(text).Cast<Match>().Select(m => m.Value).Distinct().Take(3))
                        problems.Add($"{user} {url}: {what} “{m}” in “{Around(text, m)}”");
                }
                // A date picker shows its date as people write it (2026年12月7日), not 2026-12-07.
                foreach (var value in (await page.EvalOnSelectorAllAsync<string[]>(".mud-picker input", "es => es.map(e => e.value)")).Where(v => IsoDatePattern().IsMatch(v)).Distinct().Take(3))
                    problems.Add($"{user} {url}: 日期选择 “{value}”");
                // The audit log names each record as people know it (the case and its step, the return and its flag), never by its id alone.
                if (url.StartsWith("/admin/audit", StringComparison.Ordinal))
                    foreach (var o in (await page.EvalOnSelectorAllAsync<string[]>(".mud-table-body tr td:nth-child(6)", "tds => tds.map(t => t.textContent.trim())"))
                                 .Where(o => BareObjectPattern().IsMatch(o)).Distinct().Take(3))
                        problems.Add($"{user} {url}: 对象编号 “{o}”");
                // What a screen reader says counts too: MudBlazor's own labels ("Select all rows", "Next page") come from one Chinese localizer.
                var labels = string.Join("\n", await page.EvalOnSelectorAllAsync<string[]>("[aria-label], [title]", "es => es.map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || ''))"));
                foreach (var m in EnglishLabelPattern().Matches(labels).Cast<Match>().Select(m => m.Value).Distinct().Take(3))
                    problems.Add($"{user} {url}: 英文标签 “{m}”");
                links.AddRange(await page.EvalOnSelectorAllAsync<string[]>("a[href]", "as => as.map(a => a.getAttribute('href'))"));
            }
            foreach (var url in menu) await VisitAsync(url);
            // Each record page once: the first record any visited list links to.
            foreach (var (template, pattern) in details)
                if (links.FirstOrDefault(l => pattern.IsMatch(l.Split('?')[0])) is { } first)
                    await VisitAsync(first);
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, $"{problems.Count} problems on {visitedCount} pages:\n" + string.Join("\n", problems));
        Assert.True(visitedCount >= 80, $"only {visitedCount} pages were opened");
    }

    /// <summary>
    /// The holidays page's calculator starts on the province's day (China time, UTC+8), not the server's UTC day, and every date
    /// picker writes it as people do (2026年12月8日).
    /// </summary>
    [Fact]
    public async Task The_holiday_calculator_starts_on_the_provinces_day_written_in_chinese()
    {
        var page = await portal.SignedInAsync("admin");
        // 01:00 on 8 December in 宁夏 is still 7 December in UTC.
        portal.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero));
        try
        {
            await page.GotoAsync("/catalog/holidays");
            await Assertions.Expect(page.Locator("#calc-start")).ToHaveValueAsync("2026年12月8日", new() { Timeout = 15_000 });
        }
        finally
        {
            portal.Factory.Clock.Reset();
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The body's text once it stops changing (lists fill in after the page appears), without code elements.</summary>
    private static async Task<string> SettledTextAsync(IPage page)
    {
        const string script = "() => { const c = document.body.cloneNode(true); c.querySelectorAll('code, script, style, .audit-raw').forEach(e => e.remove()); return c.textContent; }";
        var text = await page.EvaluateAsync<string>(script);
        for (var i = 0; i < 20; i++)
        {
            await page.WaitForTimeoutAsync(150);
            var again = await page.EvaluateAsync<string>(script);
            if (again == text) break;
            text = again;
        }
        return text;
    }

    private static string Around(string text, string match)
    {
        var at = text.IndexOf(match, StringComparison.Ordinal);
        var from = Math.Max(0, at - 30);
        return text.Substring(from, Math.Min(text.Length - from, match.Length + 60)).ReplaceLineEndings(" ");
    }

    private async Task<string> RoleOfAsync(string user)
    {
        await using var db = portal.Db();
        return (await db.Users.SingleAsync(u => u.UserName == user)).Role.ToString();
    }

    /// <summary>A return filed with flags and sent back with a reason, so the returns pages have a record to open.</summary>
    private async Task ArrangeAsync()
    {
        await using var db = portal.Db();
        var branch = await db.Branches.SingleAsync(b => b.Code == "CMCC-64");
        using (var carrier = await portal.AsUserAsync("carrier.cmcc.nx"))
        {
            // Entered in the browser form with a flag: the audit log's first page then holds a channel, a flag code, a file and its type.
            var parsed = ReturnBuilder.ValidRnMonthly("2025-03");
            ReturnBuilder.Values(parsed, "汇总", 0)[ReturnBuilder.Col(parsed, "汇总", "ReaderVerified")] = 38L;
            ReturnBuilder.Values(parsed, "汇总", 0)[ReturnBuilder.Col(parsed, "汇总", "ManualEntries")] = 2L;
            ReturnBuilder.Values(parsed, "网点明细", 0)[ReturnBuilder.Col(parsed, "网点明细", "ReaderVerified")] = 23L;
            ReturnBuilder.Values(parsed, "网点明细", 0)[ReturnBuilder.Col(parsed, "网点明细", "ManualEntries")] = 2L;
            var stored = await carrier.Get<SubmissionService>().StoreAsync(new(branch.Id, "RN-MONTHLY", "2025-03", "2025-03.xlsx", "form", SubmitNow: true, Attested: true),
                parsed, [1, 2, 3], null);
            using var inspector = await portal.AsUserAsync("inspector.nx");
            var submissions = inspector.Get<SubmissionService>();
            await submissions.ReturnAsync(stored.Submission!.Id, (await submissions.GetAsync(stored.Submission.Id)).Submission.ConcurrencyToken, "网点编码与登记不一致，请核对后重新报送");
        }
    }

    [GeneratedRegex("\\{\"")]
    private static partial Regex JsonPattern();

    /// <summary>A grid pager left with MudBlazor's English defaults ("Rows per page", "1-25 of 40").</summary>
    [GeneratedRegex(@"Rows per page|\b\d+-\d+ of \d+\b")]
    private static partial Regex EnglishPagerPattern();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")]
    private static partial Regex CodePattern();

    /// <summary>A date, moment or period written for machines (2026-11-28, 2026-11-28T10:00, 2026-Q3, 2026-11) instead of 2026年11月28日 / 2026年第三季度; a file the carrier named 2026-10.xlsx keeps its name.</summary>
    [GeneratedRegex(@"(?<![\w-])20\d\d-(?:[01]\d(?:-[0-3]\d)?(?:[T ][0-2]\d:[0-5]\d)?|Q[1-4]|H[12])(?![\w-]|\.\w)")]
    private static partial Regex MachineTimePattern();

    /// <summary>
    /// A catalog code in capitals (CMCC-64, SEC-01, RN-MONTHLY) outside the grey code text staff keep; SHA-256 names an algorithm
    /// people know, and a document's verification code (XP9A-MGAQ-TFGA, <see cref="Supervision.Domain.Documents.VerificationCodes"/>'s
    /// alphabet), printed on the document and typed at the public verification page, is the number people quote (a receipt's number).
    /// </summary>
    [GeneratedRegex(@"(?<![\w-])(?!SHA-256\b)(?![2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}(?![\w-]))[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+)+(?![\w-])")]
    private static partial Regex CapsCodePattern();

    /// <summary>An algorithm's identifier (shuffle-sha256-v1) where its name belongs.</summary>
    [GeneratedRegex(@"\b[a-z]+-[a-z0-9]+-v\d+\b")]
    private static partial Regex AlgorithmIdPattern();

    /// <summary>MudBlazor's English accessibility labels (row selection, pager buttons, dialogs).</summary>
    [GeneratedRegex(@"\bSelect (?:all )?rows?\b|\b(?:First|Previous|Next|Last) page\b|\bRows per page\b|\bClose dialog\b|\bToggle\b")]
    private static partial Regex EnglishLabelPattern();

    /// <summary>A MIME type (application/pdf, application/vnd.openxmlformats-…) where 文件类型 says PDF or Excel.</summary>
    [GeneratedRegex(@"\b(?:application|text|image|font)/[a-z0-9.+-]+\b")]
    private static partial Regex MimeTypePattern();

    /// <summary>A record named by its database id (文件：1307, 所属记录：625) instead of its name; a file the carrier named 2025-03.xlsx keeps its name.</summary>
    [GeneratedRegex(@"(?:文件|附件|印章|所属记录|报表|现场检查|检查发现|检查计划)：\s*\d+(?![\d.\-_A-Za-z年月日件条项个份])")]
    private static partial Regex BareIdPattern();

    /// <summary>How a return came in as the machine records it (渠道：form) instead of 在线填报 / 网页 / 接口.</summary>
    [GeneratedRegex(@"渠道：\s*(?:form|web|api)\b")]
    private static partial Regex RawChannelPattern();

    /// <summary>A value stored as a machine word (种类：History, 来源：Submissions) where the page's Chinese word belongs.</summary>
    [GeneratedRegex(@"(?:种类|来源|类型|方式|方向|计分方式|汇总方式|检查|结果)：\s*[A-Z][a-z]+(?:[A-Z][a-z]+)*\b")]
    private static partial Regex EnglishValuePattern();

    /// <summary>The server's own address (登录地址：::1) where 本机 belongs, or an IPv4 address in its IPv6 wrapping.</summary>
    [GeneratedRegex(@"(?<![\w:.])(?:::1|127\.0\.0\.1|::ffff:\d+\.\d+\.\d+\.\d+)(?![\w:.])")]
    private static partial Regex LoopbackPattern();

    /// <summary>A change written as a bare number (↓20000) instead of ¥20,000 or 2.0万元.</summary>
    [GeneratedRegex(@"[↑↓]\d{4,}")]
    private static partial Regex RawChangePattern();

    /// <summary>A wait shorter than an hour written as 已等待0小时 instead of 不足1小时.</summary>
    [GeneratedRegex(@"已等待0小时")]
    private static partial Regex ZeroWaitPattern();

    /// <summary>A row named by its city's code (640100/自有营业厅) instead of the city's name.</summary>
    [GeneratedRegex(@"(?<![\w])\d{6}/(?=\S)")]
    private static partial Regex CityCodeRowPattern();

    /// <summary>An optional column marked 选填 instead of saying when it may be left empty.</summary>
    [GeneratedRegex(@"（选填）")]
    private static partial Regex OptionalLabelPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDatePattern();

    /// <summary>An audit object shown by its key alone (49, 12/3).</summary>
    [GeneratedRegex(@"^[\d/\-]+$")]
    private static partial Regex BareObjectPattern();

    /// <summary>MudBlazor's English defaults left in a grid ("No records", "Loading...").</summary>
    [GeneratedRegex(@"\bNo (?:matching )?records\b|\bLoading\.\.\.")]
    private static partial Regex EnglishGridPattern();
}
