using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Supervision.Web.Public;
using Supervision.Domain;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Reports;
using Supervision.Reports.Documents;
using Supervision.Reports.Submissions;
using Calendar = Supervision.Domain.Rankings.Months;

namespace Supervision.Web.Demo;

public sealed record DemoHistoryOptions
{
    /// <summary>Months of RN-MONTHLY up to the last ended month (with the quarterly and annual returns of those months).</summary>
    public int Months { get; init; } = 24;
    public int Seed { get; init; } = 2026;
    /// <summary>Province codes whose filing companies get a history.</summary>
    public IReadOnlyList<string> Provinces { get; init; } = ["64", "44"];
    public int OutletsPerCityAndChannel { get; init; } = 2;
}

public sealed record DemoHistoryResult(int Imported, int Skipped, int Accepted, int Returned, TimeSpan Elapsed);

/// <summary>A clock the generator moves through history, so each return is uploaded, filed and reviewed on the day it would have been.</summary>
public sealed class HistoricClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Demo history for the rankings: every filing company of the demo provinces files RN-MONTHLY for the last
/// <see cref="DemoHistoryOptions.Months"/> months (and LOG-QUARTERLY and SELF-ANNUAL for those periods) through
/// <see cref="SubmissionService.UploadAsync"/>, as real submissions with files, hashes and receipts, on the days they would have
/// been filed; inspectors accept most, return some. Each carrier follows its own course (steady, improving, lagging,
/// manual-entry trouble, late filer), with deterministic noise from the seed, and the last month is left in mixed
/// states. Idempotent: a return that exists (any version) is skipped. Runs on its own service provider whose clock
/// it moves; the summary table is rebuilt at the end with the real time.
/// </summary>
public sealed class DemoHistory(IServiceProvider services, HistoricClock clock, ILogger log)
{
    public static ServiceProvider CreateServices(DatabaseSettings database, IConfiguration configuration, HistoricClock clock) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSupervisionDomain(database, configuration)
            .AddSupervisionReports(configuration)
            // The receipts it issues link to the same public verification address as the portal's.
            .AddVerificationLinks(configuration, demo: true)
            .BuildServiceProvider();

    /// <summary>How a carrier fares over the history: its real-name rate at the start and at the end, and its habits.</summary>
    private sealed record Course(double RateFrom, double RateTo, double ManualFrom, double ManualTo, double StopFrom, double StopTo,
        int LateEvery = 0, int ReturnEvery = 0, int OverLimitMax = 4, (double From, double To, double Share)? ManualEpisode = null, bool ShortLogs = false);

    private static readonly Dictionary<string, Course> Courses = new()
    {
        ["CMCC"] = new(0.992, 0.999, 0, 0, 0.60, 0.85, OverLimitMax: 3),                                   // steady leader
        ["CUCC"] = new(0.955, 0.997, 0.04, 0, 0.30, 0.75, LateEvery: 6, ReturnEvery: 7),                    // improving
        ["CTCC"] = new(0.984, 0.990, 0, 0, 0.50, 0.55, ManualEpisode: (0.40, 0.60, 0.05)),                  // steady, one spell of manual entries
        ["CBN"] = new(0.930, 0.957, 0.01, 0.01, 0.20, 0.35, LateEvery: 3, ReturnEvery: 4, OverLimitMax: 8, ShortLogs: true),   // lagging
        ["JDCOM"] = new(0.940, 0.990, 0.02, 0, 0.40, 0.70),                                                 // improving reseller
        ["SNAIL"] = new(0.975, 0.978, 0.12, 0.10, 0.40, 0.45, LateEvery: 4, ReturnEvery: 5),                // manual-entry trouble
        ["YUANTE"] = new(0.910, 0.932, 0.05, 0.04, 0.15, 0.25, LateEvery: 2, ReturnEvery: 3, OverLimitMax: 10),  // lagging reseller
        ["SHARE"] = new(0.980, 0.986, 0, 0, 0.50, 0.55, LateEvery: 1),                                       // always late
        ["AISIDE"] = new(0.985, 0.992, 0, 0, 0.50, 0.60, ReturnEvery: 9),
        ["XIAOMI"] = new(0.993, 0.998, 0, 0, 0.70, 0.80, OverLimitMax: 2),
    };

    /// <summary>Where the last month's RN-MONTHLY stands, by carrier (varied by province so the two differ).</summary>
    private enum Last { Accepted, AcceptedLate, Submitted, Returned, Draft, NotFiled }

    private static Last LastState(string carrier, string province) => (carrier, province) switch
    {
        ("CUCC", "64") or ("CTCC", "44") => Last.Submitted,
        ("CBN", _) => Last.NotFiled,
        ("SNAIL", _) => Last.Returned,
        ("YUANTE", "64") or ("AISIDE", "44") => Last.Draft,
        ("SHARE", _) => Last.AcceptedLate,
        _ => Last.Accepted,
    };

    private sealed record Filer(Branch Branch, Carrier Carrier, string ProvinceCode, IReadOnlyList<string> Cities, int Scale);

    private int _imported, _skipped, _accepted, _returned;
    private readonly Dictionary<int, (string UserName, string Id)> _signatories = [];

    public async Task<DemoHistoryResult> RunAsync(DateTimeOffset now, DemoHistoryOptions options, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        clock.Now = now;
        var today = BeijingTime.Today(now);
        var last = Calendar.Index(Calendar.LatestEnded(today));
        var first = last - options.Months + 1;
        var (filers, existing, templates, checklist) = await LoadAsync(options, ct);
        var calendar = await WithScopeAsync(AccessScope.System, "demo:history", sp => sp.GetRequiredService<CatalogService>().GetCalendarAsync(ct));
        var pdf = OfficialDocumentRenderer.Render(new OfficialDocument("年度自查报告（签章版）").Paragraph("本报告为演示数据，随年度自查报表一并报送。").SignedBy("演示企业", today));

        for (var month = first; month <= last; month++)
        {
            var t = options.Months == 1 ? 1 : (month - first) / (double)(options.Months - 1);
            foreach (var filer in filers)
            {
                var course = Courses.GetValueOrDefault(filer.Carrier.Code) ?? Courses["AISIDE"];
                var rn = new ReportingPeriod(Frequency.Monthly, month / 12, month % 12 + 1);
                var random = new Random(Seed(options.Seed, filer.Branch.Code, rn.ToString()));
                if (!existing.Contains((filer.Branch.Id, ReturnIndicators.Monthly, rn.ToString())))
                {
                    var manual = Lerp(course.ManualFrom, course.ManualTo, t);
                    if (course.ManualEpisode is { } e && t >= e.From && t <= e.To) manual = e.Share;
                    var spec = new GeneratedReturn(filer.Branch.Code, rn.ToString(), filer.Cities, Seed(options.Seed, filer.Branch.Code, rn + "/file"),
                        options.OutletsPerCityAndChannel, Math.Clamp(Lerp(course.RateFrom, course.RateTo, t) + (random.NextDouble() - 0.5) * 0.004, 0.9, 0.9995),
                        manual, filer.Scale, Lerp(course.StopFrom, course.StopTo, t), course.OverLimitMax);
                    var state = month == last ? LastState(filer.Carrier.Code, filer.ProvinceCode)
                        : Every(course.LateEvery, month, 1) ? Last.AcceptedLate : Last.Accepted;
                    var returned = month != last && Every(course.ReturnEvery, month, 2);
                    await FileAsync(filer, templates[ReturnIndicators.Monthly], rn, () => ReturnFileGenerator.RnMonthly(spec), null, state, returned, random, calendar, now, ct);
                }
                else _skipped++;

                if (rn.Index % 3 == 0 && filer.Carrier.Kind == CarrierKind.Basic)
                {
                    var quarter = new ReportingPeriod(Frequency.Quarterly, rn.Year, rn.Index / 3);
                    if (!existing.Contains((filer.Branch.Id, ReturnIndicators.Quarterly, quarter.ToString())))
                    {
                        var spec = new GeneratedReturn(filer.Branch.Code, quarter.ToString(), filer.Cities, Seed(options.Seed, filer.Branch.Code, quarter.ToString()));
                        var state = quarter.DueDate(templates[ReturnIndicators.Quarterly].DueDay, templates[ReturnIndicators.Quarterly].DueMonthsAfter, calendar) >= today
                            ? Last.NotFiled : month >= last - 2 && filer.Carrier.Code == "CBN" ? Last.Submitted : Last.Accepted;
                        await FileAsync(filer, templates[ReturnIndicators.Quarterly], quarter, () => ReturnFileGenerator.LogQuarterly(spec, course.ShortLogs && t < 0.6), null,
                            state, false, random, calendar, now, ct);
                    }
                    else _skipped++;
                }

                if (rn.Index == 12)
                {
                    var year = new ReportingPeriod(Frequency.Annual, rn.Year, 1);
                    if (!existing.Contains((filer.Branch.Id, ReturnIndicators.Annual, year.ToString())))
                    {
                        var spec = new GeneratedReturn(filer.Branch.Code, year.ToString(), filer.Cities, Seed(options.Seed, filer.Branch.Code, year.ToString()));
                        var weak = course.RateTo < 0.96 ? checklist.Keys.Take(2).ToHashSet() : null;
                        var state = year.DueDate(templates[ReturnIndicators.Annual].DueDay, templates[ReturnIndicators.Annual].DueMonthsAfter, calendar) >= today ? Last.NotFiled : Last.Accepted;
                        await FileAsync(filer, templates[ReturnIndicators.Annual], year, () => ReturnFileGenerator.SelfAnnual(spec, checklist, weak), new Attachment("自查报告（签章版）.pdf", pdf),
                            state, false, random, calendar, now, ct);
                    }
                    else _skipped++;
                }
            }
            if (_imported > 0 && month % 6 == 0)
                log.LogInformation("Demo history: up to {Month}, {Imported} returns imported", Calendar.Name(month), _imported);
        }

        clock.Now = now;
        if (_imported > 0)
            await WithScopeAsync(AccessScope.System, "demo:history", sp => sp.GetRequiredService<RankingUpdater>().RunAsync(now, ct));
        return new DemoHistoryResult(_imported, _skipped, _accepted, _returned, watch.Elapsed);
    }

    /// <summary>Uploads (and files, and has reviewed) one return on the days the course says.</summary>
    private async Task FileAsync(Filer filer, TemplateDefinition template, ReportingPeriod period, Func<byte[]> file, Attachment? attachment, Last state, bool returnFirst,
        Random random, WorkingDayCalendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        if (state == Last.NotFiled) return;
        var due = period.DueDate(template.DueDay, template.DueMonthsAfter, calendar);
        var filed = state == Last.AcceptedLate ? due.AddDays(random.Next(2, 12)) : due.AddDays(-random.Next(1, 7));
        var at = At(filed, random, now);
        var carrier = AccessScope.ForBranches(filer.Branch.ProvinceId, filer.Branch.CarrierId, [filer.Branch.Id]);
        // A return is filed by the branch's 签报人, who attests to it (as on the page and the API).
        var signatory = await SignatoryAsync(filer.Branch, ct);
        var inspector = AccessScope.ForProvince(filer.Branch.ProvinceId, readOnly: false, UserRole.Inspector);
        var reviewer = filer.ProvinceCode == "64" ? "inspector.nx" : "inspector.gd";
        var name = $"{template.Name}_{filer.Branch.Code}_{period}.xlsx";

        async Task<Submission> Upload(bool submit, DateTimeOffset when)
        {
            clock.Now = when;
            var request = new UploadRequest(filer.Branch.Id, template.Code, period.ToString(), name, random.Next(4) == 0 ? "api" : "web", submit, Pdf: attachment, Attested: submit);
            var result = await WithScopeAsync(carrier, signatory.UserName, sp => sp.GetRequiredService<SubmissionService>().UploadAsync(request, file(), null, ct), signatory.Id);
            // A demo return whose figures trip a plausibility check is filed with an explanation of each, as a carrier must.
            if (result.Unconfirmed)
            {
                var cities = await CityNamesAsync(ct);
                var explanations = result.Unexplained!.Select(f => f.Key).Distinct()
                    .ToDictionary(k => k, k => ExplanationOf(result.Unexplained!.First(f => f.Key == k), cities));
                result = await WithScopeAsync(carrier, signatory.UserName, sp => sp.GetRequiredService<SubmissionService>().UploadAsync(
                    request with { Explanations = explanations }, file(), null, ct), signatory.Id);
            }
            if (!result.Accepted)
                throw new InvalidOperationException($"demo return {template.Code} {period} of {filer.Branch.Code} refused: " +
                                                    string.Join("; ", result.Errors.Take(3).Select(e => $"{e.Sheet}!{e.Cell} {e.Message}")));
            _imported++;
            return result.Submission!;
        }

        async Task<Submission> Review(Submission s, bool accept, DateTimeOffset when)
        {
            clock.Now = when;
            return await WithScopeAsync(inspector, reviewer, sp => accept
                ? sp.GetRequiredService<SubmissionService>().AcceptAsync(s.Id, s.ConcurrencyToken, "数据完整，予以受理")
                : sp.GetRequiredService<SubmissionService>().ReturnAsync(s.Id, s.ConcurrencyToken, "部分地市渠道数据与网点明细不符，请核实后重新报送"));
        }

        var submission = await Upload(state != Last.Draft, at);
        if (state is Last.Draft or Last.Submitted) return;
        var reviewAt = Later(at, random.Next(1, 4), now);
        if (returnFirst || state == Last.Returned)
        {
            submission = await Review(submission, accept: false, reviewAt);
            _returned++;
            if (state == Last.Returned) return;
            var again = Later(reviewAt, random.Next(1, 4), now);
            submission = await Upload(true, again);
            reviewAt = Later(again, random.Next(1, 3), now);
        }
        await Review(submission, accept: true, reviewAt);
        _accepted++;
    }

    private async Task<(List<Filer>, HashSet<(int, string, string)>, Dictionary<string, TemplateDefinition>, Dictionary<string, string>)> LoadAsync(DemoHistoryOptions options, CancellationToken ct) =>
        await WithScopeAsync(AccessScope.System, "demo:history", async sp =>
        {
            var factory = sp.GetRequiredService<IDbContextFactory<SupervisionDbContext>>();
            var submissions = sp.GetRequiredService<SubmissionService>();
            await using var db = await factory.CreateDbContextAsync(ct);
            var branches = await db.Branches.AsNoTracking().Include(b => b.Carrier).Include(b => b.Province)
                .Where(b => b.Level == BranchLevel.Provincial && options.Provinces.Contains(b.Province!.Code))
                .OrderBy(b => b.Province!.SortOrder).ThenBy(b => b.Carrier!.SortOrder).ToListAsync(ct);
            var filers = new List<Filer>();
            foreach (var b in branches)
            {
                var (context, _) = await submissions.ContextAsync(b.Id, new ReportingPeriod(Frequency.Monthly, 2026, 1), ct);
                var scale = (b.Carrier!.Kind == CarrierKind.Basic ? 200_000 : 15_000) * (b.Province!.Code == "44" ? 3 : 1);
                filers.Add(new Filer(b, b.Carrier, b.Province.Code, context.BranchCities.Order(StringComparer.Ordinal).ToList(), b.Carrier.Code == "CMCC" ? scale * 2 : scale));
            }
            var ids = branches.Select(b => b.Id).ToList();
            var existing = (await db.Submissions.Where(s => ids.Contains(s.BranchId)).Select(s => new { s.BranchId, s.TemplateCode, s.Period }).ToListAsync(ct))
                .Select(s => (s.BranchId, s.TemplateCode, s.Period)).ToHashSet();
            var templates = (await submissions.TemplatesAsync(ct)).ToDictionary(t => t.Code, t => t.Definition);
            var checklist = (await sp.GetRequiredService<CatalogService>().ListChecklistAsync(activeOnly: true, ct))
                .Where(i => i.Code.StartsWith("RN-", StringComparison.Ordinal)).ToDictionary(i => i.Code, i => i.Title);
            return (filers, existing, templates, checklist);
        });

    /// <summary>
    /// The branch's 签报人 who files its demo returns: the demo users' own (demo-users.json) or, for a branch without one, a
    /// user made for the demo, named like a person (a receipt names the 签报人, not the branch), that has no password and so
    /// cannot sign in.
    /// </summary>
    private async Task<(string UserName, string Id)> SignatoryAsync(Branch branch, CancellationToken ct)
    {
        if (_signatories.TryGetValue(branch.Id, out var known)) return known;
        var signatory = await WithScopeAsync(AccessScope.System, "demo:history", async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync(ct);
            if (await db.Users.Where(u => u.BranchId == branch.Id && u.Signatory && u.Role == UserRole.CarrierUser).OrderBy(u => u.UserName)
                    .Select(u => new { u.UserName, u.Id }).FirstOrDefaultAsync(ct) is { } existing)
                return (existing.UserName!, existing.Id);
            var user = new AppUser { UserName = $"demo.{branch.Code.ToLowerInvariant()}", DisplayName = DemoSignatoryName(branch.Id),
                SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
            user.NormalizedUserName = user.UserName.ToUpperInvariant();
            user.AssignRole(UserRole.CarrierUser, branch.ProvinceId, branch);
            user.AssignDuties(new CarrierDuties(Admin: false, Preparer: true, Signatory: true));
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            return (user.UserName, user.Id);
        });
        return _signatories[branch.Id] = signatory;
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "马", "孙"];
    private static readonly string[] GivenNames = ["晓燕", "建军", "丽娟", "海涛", "春梅", "志刚", "雪莲", "文博", "玉兰", "国庆", "静怡", "宏伟", "秀英"];

    /// <summary>A person's name for a demo signatory, the same for a branch on every start.</summary>
    private static string DemoSignatoryName(int branchId) => Surnames[branchId % Surnames.Length] + GivenNames[branchId * 7 % GivenNames.Length];

    private async Task<T> WithScopeAsync<T>(AccessScope scope, string actor, Func<IServiceProvider, Task<T>> work, string? userId = null)
    {
        await using var serviceScope = services.CreateAsyncScope();
        serviceScope.ServiceProvider.GetRequiredService<AccessContext>().Set(scope, actor, userId);
        return await work(serviceScope.ServiceProvider);
    }

    private Dictionary<string, string>? _cityNames;

    /// <summary>Every city's name by its code (read once): a carrier writes 银川市, not 640100.</summary>
    private async Task<Dictionary<string, string>> CityNamesAsync(CancellationToken ct)
    {
        if (_cityNames is not null) return _cityNames;
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SupervisionDbContext>>().CreateDbContextAsync(ct);
        return _cityNames = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, ct);
    }

    /// <summary>What a demo carrier writes for a flagged figure: the row as people name it, and a reason that fits the figure's direction.</summary>
    private static string ExplanationOf(PlausibilityFinding finding, IReadOnlyDictionary<string, string> cities)
    {
        var row = PlausibilityExplanation.RowLabel(finding.Row, cities);
        var history = finding.History.Order().ToList();
        var below = history.Count > 0 && finding.Value < history[history.Count / 2];
        return finding.Kind switch
        {
            PlausibilityCheck.Peers => $"{row}部分社会渠道网点读卡器故障期间临时人工录入，已更换设备并逐户补核验（演示数据）。",
            PlausibilityCheck.Change => $"{row}本月渠道调整、网点撤并，{finding.Figure}变化较大，数据已复核（演示数据）。",
            _ when below => $"{row}本月部分网点停业装修，{finding.Figure}低于往期，数据已复核（演示数据）。",
            _ => $"{row}本月开展集中营销活动，{finding.Figure}高于往期，数据已复核（演示数据）。",
        };
    }

    /// <summary>Office hours in Beijing on the day, never later than now.</summary>
    private static DateTimeOffset At(DateOnly day, Random random, DateTimeOffset now)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9 + random.Next(0, 8), random.Next(0, 60))), BeijingTime.Offset).ToUniversalTime();
        return at < now ? at : now.AddMinutes(-30 - random.Next(0, 60));
    }

    private static DateTimeOffset Later(DateTimeOffset from, int days, DateTimeOffset now)
    {
        var at = from.AddDays(days);
        return at < now ? at : from.AddMinutes(5) < now ? from.AddMinutes(5) : now;
    }

    private static bool Every(int every, int month, int offset) => every > 0 && (month + offset) % every == 0;

    private static double Lerp(double from, double to, double t) => from + (to - from) * t;

    /// <summary>A stable seed (FNV-1a): string.GetHashCode differs between runs.</summary>
    private static int Seed(int seed, string branch, string period)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var ch in branch + "|" + period)
            hash = (hash ^ ch) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }
}
