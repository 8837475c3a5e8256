using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Rankings;

/// <summary>
/// The rankings as each role may see them, read from the summary table only: a province's companies
/// (regulators of that province, the ministry and administrators), the provinces (ministry and administrators),
/// a carrier's own position with the province's averages (carrier users), and the indicators' settings.
/// </summary>
public sealed class RankingService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, IEnumerable<IIndicatorSource> sources,
    RankingCache cache)
{
    public const int TrendMonths = 24;

    private readonly HashSet<string> _served = sources.SelectMany(s => s.Codes).ToHashSet();

    private sealed record Company(int Id, string Code, string Name, string ShortName, BranchLevel Level, int? ParentId, int CarrierId, string Carrier,
        CarrierKind Kind, int CarrierOrder, int? CityId, string? CityCode, string? CityName);

    // ---- indicators -------------------------------------------------------------------------------

    /// <summary>The indicators that have a source, in their order (the others are not shown anywhere).</summary>
    public async Task<IReadOnlyList<RankingIndicator>> IndicatorsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await IndicatorsAsync(db, ct);
    }

    private async Task<IReadOnlyList<RankingIndicator>> IndicatorsAsync(SupervisionDbContext db, CancellationToken ct) =>
        (await db.RankingIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct)).Where(i => _served.Contains(i.Code)).ToList();

    /// <summary>Changes how an indicator is scored (weight, target marks, normalisation); administrators only, audited as catalog data.</summary>
    public async Task SaveIndicatorAsync(int id, double weight, IndicatorNormalization normalization, double? target, double? pass, double? zero, CancellationToken ct = default)
    {
        if (!access.Scope.IsAdministrator) throw new AccessDeniedException("只有系统管理员可以修改排名指标的权重和目标值。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var indicator = await db.RankingIndicators.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("排名指标");
        (indicator.Weight, indicator.Normalization, indicator.Target, indicator.Pass, indicator.Zero) = (weight, normalization, target, pass, zero);
        if (indicator.Validate() is { Count: > 0 } errors)
            throw new DomainException("ranking.indicator_invalid", string.Join(" ", errors));
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
    }

    // ---- a province's companies ----------------------------------------------------------------------

    /// <summary>The months a province (or, with null, any province) has figures for, newest first.</summary>
    public async Task<IReadOnlyList<string>> PeriodsAsync(int? provinceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await PeriodsAsync(db, provinceId, ct);
    }

    private static async Task<IReadOnlyList<string>> PeriodsAsync(SupervisionDbContext db, int? provinceId, CancellationToken ct)
    {
        var q = provinceId is { } p ? db.ProvinceIndicatorValues.IgnoreQueryFilters().Where(v => v.ProvinceId == p) : db.ProvinceIndicatorValues.IgnoreQueryFilters();
        // Which months exist is not itself scoped data; the figures are read through the filters below.
        return await q.Select(v => v.Period).Distinct().OrderByDescending(v => v).ToListAsync(ct);
    }

    /// <summary>The province whose dashboard a user opens: an inspector's or leader's own; for the ministry the one asked for (or the first with figures).</summary>
    public async Task<int> ProvinceForAsync(int? requested, CancellationToken ct = default)
    {
        var scope = access.Scope;
        if (scope.IsCarrier) throw new AccessDeniedException("企业用户只能查看本单位的排名位置。");
        if (scope.Kind == ScopeKind.Province)
            return requested is null || requested == scope.ProvinceId ? scope.ProvinceId : throw new NotFoundException("省份");
        if (!scope.SeesAll) throw new AccessDeniedException("请先登录。");
        await using var db = await factory.CreateDbContextAsync(ct);
        if (requested is { } id)
            return await db.Provinces.AnyAsync(p => p.Id == id, ct) ? id : throw new NotFoundException("省份");
        var withFigures = await db.ProvinceIndicatorValues.Select(v => v.ProvinceId).Distinct().ToListAsync(ct);
        return await db.Provinces.OrderBy(p => p.SortOrder).Where(p => withFigures.Contains(p.Id)).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
               ?? await db.Provinces.OrderBy(p => p.SortOrder).Select(p => p.Id).FirstAsync(ct);
    }

    /// <summary>
    /// A province's dashboard for a month: its companies and its city companies ranked (with the change since the
    /// previous month), the city × carrier heat map and the trend of <paramref name="trendCode"/> over 24 months.
    /// </summary>
    public async Task<ProvinceDashboard> ProvinceAsync(int? provinceId, string? period = null, string trendCode = ReturnIndicators.RealNameRate, CancellationToken ct = default)
    {
        var id = await ProvinceForAsync(provinceId, ct);
        // Shared by everyone who may see the province (checked just above), so not cancelled with one request.
        return await cache.ProvinceAsync(id, period, trendCode, () => LoadProvinceAsync(id, period, trendCode, CancellationToken.None));
    }

    private async Task<ProvinceDashboard> LoadProvinceAsync(int id, string? period, string trendCode, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = await db.Provinces.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        var periods = await PeriodsAsync(db, id, ct);
        var month = await PeriodOrDefaultAsync(db, period, periods, ct);
        var previous = Months.Add(month, -1);
        var indicators = await IndicatorsAsync(db, ct);
        var companies = await CompaniesAsync(db.Branches.Where(b => b.ProvinceId == id), ct);
        var values = await db.IndicatorValues.AsNoTracking().Where(v => v.ProvinceId == id && (v.Period == month || v.Period == previous)).ToListAsync(ct);
        var reasons = await ReasonsAsync(db, id, month, companies, ct);

        var carriers = Table(RankingLevel.Carrier, $"{province.ShortName}企业排名", month, indicators, companies.Where(c => c.Level == BranchLevel.Provincial), values, reasons);
        var cities = Table(RankingLevel.City, $"{province.ShortName}地市分公司排名", month, indicators, companies.Where(c => c.Level == BranchLevel.City), values, reasons);
        var trendIndicator = indicators.FirstOrDefault(i => i.Code == trendCode) ?? indicators.First();
        var heatIndicator = indicators.FirstOrDefault(i => i.Code == ReturnIndicators.RealNameRate) ?? indicators.First();
        var heat = await HeatMapAsync(db, province, month, heatIndicator, companies, values, ct);
        var trend = await ProvinceTrendAsync(db, province, month, trendIndicator, companies.Where(c => c.Level == BranchLevel.Provincial).ToList(), ct);
        var figures = (await db.ProvinceIndicatorValues.AsNoTracking().Where(v => v.Period == month && v.ProvinceId == id).ToListAsync(ct)).ToDictionary(v => v.Code);
        return new ProvinceDashboard(id, province.Name, province.AuthorityName, month, periods, carriers, cities, heat, trend,
            indicators.Select(i => figures.GetValueOrDefault(i.Code) is { } f ? new ProvinceFigure(i, f.Status, f.Value, f.Reporting, f.Expected) : new ProvinceFigure(i, IndicatorStatus.NotApplicable, null, 0, 0)).ToList());
    }

    private static RankingTable Table(RankingLevel level, string title, string month, IReadOnlyList<RankingIndicator> indicators, IEnumerable<Company> companies,
        List<IndicatorValue> values, IReadOnlyDictionary<int, string> reasons)
    {
        var list = companies.ToList();
        var previous = Months.Add(month, -1);
        var now = RankingScorer.Rank(indicators, Entities(list, values, month, reasons));
        var before = Entities(list, values, previous, reasons);
        var then = RankingScorer.Rank(indicators, before).Where(r => r.Outcome == RankingOutcome.Scored).ToDictionary(r => r.Entity.Id, r => r.Rank);
        var existed = before.Where(e => e.Readings.Count > 0).Select(e => e.Id).ToHashSet();
        return new RankingTable(level, title, month, previous, indicators,
            now.Select(r => Row(r, then.TryGetValue(r.Entity.Id, out var p) ? p : null, !existed.Contains(r.Entity.Id))).ToList(),
            RankingMethod.Describe(indicators, level));
    }

    private static RankingRow Row(RankedEntity r, int? previousRank, bool isNew) =>
        new(r.Entity.Id, r.Entity.Name, r.Entity.Group, r.Outcome, r.Rank, r.Tied, previousRank, isNew, r.Score, r.Reason, r.Breakdown);

    private static List<ScoringEntity> Entities(List<Company> companies, List<IndicatorValue> values, string month, IReadOnlyDictionary<int, string> reasons)
    {
        var byBranch = values.Where(v => v.Period == month).GroupBy(v => v.BranchId).ToDictionary(g => g.Key, g => g.ToDictionary(v => v.Code, Reading));
        return companies.Select(c => new ScoringEntity(c.Id, c.Level == BranchLevel.City ? c.ShortName : c.ShortName,
            c.Level == BranchLevel.City ? c.Carrier : Carrier.KindLabel(c.Kind), c.CarrierOrder * 10_000 + (c.CityId ?? 0),
            byBranch.GetValueOrDefault(c.Id) ?? new Dictionary<string, IndicatorReading>(), reasons.GetValueOrDefault(c.Id))).ToList();
    }

    private static IndicatorReading Reading(IndicatorValue v) => new(v.Status, v.Value, v.Numerator, v.Denominator);

    private static async Task<HeatMap> HeatMapAsync(SupervisionDbContext db, Province province, string month, RankingIndicator indicator, List<Company> companies,
        List<IndicatorValue> values, CancellationToken ct)
    {
        var cities = await db.Cities.AsNoTracking().Where(c => c.ProvinceId == province.Id).OrderBy(c => c.Code).ToListAsync(ct);
        var columns = companies.Where(c => c.Level == BranchLevel.Provincial && companies.Any(x => x.ParentId == c.Id)).OrderBy(c => c.CarrierOrder).ToList();
        var cell = values.Where(v => v.Period == month && v.Code == indicator.Code).ToDictionary(v => v.BranchId);
        HeatCell? Cell(Company? c) => c is null ? null : cell.GetValueOrDefault(c.Id) is { } v ? new HeatCell(c.Id, v.Value, v.Status) : new HeatCell(c.Id, null, null);
        var rows = cities.Select(city => new HeatRow(city.Name, city.Code,
            columns.Select(col => Cell(companies.FirstOrDefault(c => c.ParentId == col.Id && c.CityId == city.Id))).ToList())).ToList();
        rows.Add(new HeatRow("全省", null, columns.Select(col => Cell(col)).ToList()));
        return new HeatMap(indicator, month, columns.Select(c => c.Carrier).ToList(), rows);
    }

    private static async Task<Trend> ProvinceTrendAsync(SupervisionDbContext db, Province province, string month, RankingIndicator indicator, List<Company> carriers, CancellationToken ct)
    {
        var months = Months.Span(Months.Add(month, -(TrendMonths - 1)), month);
        var (from, to) = (months[0], months[^1]);
        var ids = carriers.Select(c => c.Id).ToList();
        var rows = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.ProvinceId == province.Id && v.Code == indicator.Code && v.Period.CompareTo(from) >= 0 && v.Period.CompareTo(to) <= 0 && ids.Contains(v.BranchId))
            .Select(v => new { v.BranchId, v.Period, v.Value }).ToListAsync(ct);
        var total = await db.ProvinceIndicatorValues.AsNoTracking()
            .Where(v => v.ProvinceId == province.Id && v.Code == indicator.Code && v.Period.CompareTo(from) >= 0 && v.Period.CompareTo(to) <= 0)
            .ToDictionaryAsync(v => v.Period, v => v.Value, ct);
        // Months before the first figures are left out, so a short history does not start with empty years.
        var firstWithData = months.FindIndex(m => total.ContainsKey(m));
        if (firstWithData > 0) months = months.Skip(firstWithData).ToList();
        var series = new List<TrendSeries> { new($"{province.ShortName}全省", months.Select(m => total.GetValueOrDefault(m)).ToList(), IsAggregate: true) };
        var byBranch = rows.GroupBy(r => r.BranchId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Period, r => r.Value));
        foreach (var c in carriers.Where(c => byBranch.ContainsKey(c.Id)))
            series.Add(new TrendSeries(c.ShortName, months.Select(m => byBranch[c.Id].GetValueOrDefault(m)).ToList()));
        return new Trend(indicator, months, [.. series, .. Targets(indicator, months.Count)]);
    }

    private static IEnumerable<TrendSeries> Targets(RankingIndicator indicator, int count)
    {
        if (indicator.Normalization != IndicatorNormalization.Target || count == 0) yield break;
        if (indicator.Target is { } t) yield return new TrendSeries($"目标值 {indicator.Format(t)}", Enumerable.Repeat<double?>(t, count).ToList(), IsTarget: true);
        if (indicator.Pass is { } p) yield return new TrendSeries($"及格线 {indicator.Format(p)}", Enumerable.Repeat<double?>(p, count).ToList(), IsTarget: true);
    }

    /// <summary>Why a company without an accepted RN-MONTHLY is not ranked, from where its return stands now.</summary>
    private async Task<IReadOnlyDictionary<int, string>> ReasonsAsync(SupervisionDbContext db, int provinceId, string month, List<Company> companies, CancellationToken ct)
    {
        var latest = (await db.Submissions.AsNoTracking()
                .Where(s => s.ProvinceId == provinceId && s.TemplateCode == ReturnIndicators.Monthly && s.Period == month && s.Status != SubmissionStatus.Superseded)
                .Select(s => new { s.BranchId, s.Version, s.Status }).ToListAsync(ct))
            .GroupBy(s => s.BranchId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Version)!.Status);
        var template = await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == ReturnIndicators.Monthly && t.IsActive).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        var overdue = false;
        if (template is not null)
        {
            var calendar = new WorkingDayCalendar(await db.CalendarDays.AsNoTracking().ToListAsync(ct), await db.HolidayYears.Select(y => y.Year).ToListAsync(ct));
            var due = ReportingPeriod.Parse(month, Frequency.Monthly).DueDate(template.Definition.DueDay, template.Definition.DueMonthsAfter, calendar);
            overdue = BeijingTime.Today(clock) > due;
        }
        string Reason(SubmissionStatus? status) => status switch
        {
            null => overdue ? "本期实名制月报逾期未报" : "本期实名制月报未报",
            SubmissionStatus.Draft => "本期实名制月报为草稿，尚未报送",
            SubmissionStatus.Submitted => "本期实名制月报已报送，待受理",
            SubmissionStatus.Returned => "本期实名制月报已退回，待重新报送",
            _ => "本期实名制月报已受理，汇总待更新",
        };
        var reasons = new Dictionary<int, string>();
        foreach (var c in companies)
        {
            var filer = c.Level == BranchLevel.Provincial ? c.Id : c.ParentId ?? 0;
            var text = Reason(latest.TryGetValue(filer, out var s) ? s : null);
            reasons[c.Id] = c.Level == BranchLevel.City ? "省级公司" + text : text;
        }
        return reasons;
    }

    // ---- the provinces (ministry) -------------------------------------------------------------------

    /// <summary>The provinces ranked on their companies' figures added up, with the national trend; ministry and administrators.</summary>
    public async Task<MinistryDashboard> MinistryAsync(string? period = null, string trendCode = ReturnIndicators.RealNameRate, CancellationToken ct = default)
    {
        if (!access.Scope.SeesAll) throw new AccessDeniedException("全国排名仅供部级查看和系统管理员使用。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var periods = await PeriodsAsync(db, null, ct);
        var month = await PeriodOrDefaultAsync(db, period, periods, ct);
        var previous = Months.Add(month, -1);
        var indicators = await IndicatorsAsync(db, ct);
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(ct);
        var values = await db.ProvinceIndicatorValues.AsNoTracking().Where(v => v.Period == month || v.Period == previous).ToListAsync(ct);

        List<ScoringEntity> Entities(string m)
        {
            var byProvince = values.Where(v => v.Period == m).GroupBy(v => v.ProvinceId).ToDictionary(g => g.Key, g => g.ToDictionary(v => v.Code));
            return provinces.Select(p =>
            {
                var mine = byProvince.GetValueOrDefault(p.Id);
                var rn = mine?.GetValueOrDefault(ReturnIndicators.RealNameRate);
                var coverage = rn is null ? "—" : $"{rn.Reporting}/{rn.Expected}";
                var reason = mine is null ? "暂无报送数据" : rn is { Status: IndicatorStatus.NotReported } ? $"本期无已受理的实名制月报（应报{rn.Expected}家）" : null;
                return new ScoringEntity(p.Id, p.ShortName, coverage, p.SortOrder,
                    mine?.ToDictionary(kv => kv.Key, kv => new IndicatorReading(kv.Value.Status, kv.Value.Value, kv.Value.Numerator, kv.Value.Denominator))
                    ?? new Dictionary<string, IndicatorReading>(), reason);
            }).ToList();
        }

        var now = RankingScorer.Rank(indicators, Entities(month));
        var before = Entities(previous);
        var then = RankingScorer.Rank(indicators, before).Where(r => r.Outcome == RankingOutcome.Scored).ToDictionary(r => r.Entity.Id, r => r.Rank);
        var existed = before.Where(e => e.Readings.Count > 0).Select(e => e.Id).ToHashSet();
        var table = new RankingTable(RankingLevel.Province, "各省（区、市）排名", month, previous, indicators,
            now.Select(r => Row(r, then.TryGetValue(r.Entity.Id, out var p) ? p : null, !existed.Contains(r.Entity.Id))).ToList(),
            RankingMethod.Describe(indicators, RankingLevel.Province));

        var indicator = indicators.FirstOrDefault(i => i.Code == trendCode) ?? indicators.First();
        var months = Months.Span(Months.Add(month, -(TrendMonths - 1)), month);
        var (from, to) = (months[0], months[^1]);
        var trendRows = await db.ProvinceIndicatorValues.AsNoTracking()
            .Where(v => v.Code == indicator.Code && v.Period.CompareTo(from) >= 0 && v.Period.CompareTo(to) <= 0 && v.Status == IndicatorStatus.Reported)
            .Select(v => new { v.ProvinceId, v.Period, v.Value, v.Numerator, v.Denominator }).ToListAsync(ct);
        var firstWithData = months.FindIndex(m => trendRows.Any(r => r.Period == m));
        if (firstWithData > 0) months = months.Skip(firstWithData).ToList();
        var national = trendRows.GroupBy(r => r.Period).ToDictionary(g => g.Key, g => RankingUpdater.ValueOf(indicator, IndicatorStatus.Reported, g.Sum(r => r.Numerator), g.Sum(r => r.Denominator)));
        var series = new List<TrendSeries> { new("全国", months.Select(m => national.GetValueOrDefault(m)).ToList(), IsAggregate: true) };
        // Thirty-one lines are unreadable: the best three and the worst three of the month, or all when there are few.
        var ranked = table.Scored.ToList();
        var shown = ranked.Count <= 6 ? ranked : [.. ranked.Take(3), .. ranked.TakeLast(3)];
        var byProvince = trendRows.GroupBy(r => r.ProvinceId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Period, r => r.Value));
        foreach (var row in shown.Where(r => byProvince.ContainsKey(r.EntityId)))
            series.Add(new TrendSeries(row.Name, months.Select(m => byProvince[row.EntityId].GetValueOrDefault(m)).ToList()));
        return new MinistryDashboard(month, periods, table, new Trend(indicator, months, [.. series, .. Targets(indicator, months.Count)]));
    }

    // ---- a carrier's own position --------------------------------------------------------------------

    /// <summary>
    /// A carrier user's companies: each one's rank among its peers in the province, its score and breakdown, and the
    /// province's average score and figures. Peers' names and figures are never returned.
    /// </summary>
    public async Task<OwnPosition> OwnPositionAsync(string? period = null, CancellationToken ct = default)
    {
        var scope = access.Scope;
        if (!scope.IsCarrier) throw new AccessDeniedException("“本单位排名”供企业用户查看。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var province = await db.Provinces.AsNoTracking().SingleAsync(p => p.Id == scope.ProvinceId, ct);
        var periods = await PeriodsAsync(db, scope.ProvinceId, ct);
        var month = await PeriodOrDefaultAsync(db, period, periods, ct);
        var previous = Months.Add(month, -1);
        var indicators = await IndicatorsAsync(db, ct);
        // A rank needs the peers' scores, which the carrier's scope hides: they are read here, for this province only,
        // and only the carrier's own rows and the province's averages leave this method.
        var companies = await CompaniesAsync(db.Branches.IgnoreQueryFilters().Where(b => b.ProvinceId == scope.ProvinceId), ct);
        var values = await db.IndicatorValues.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.ProvinceId == scope.ProvinceId && (v.Period == month || v.Period == previous)).ToListAsync(ct);
        var provinceValues = await db.ProvinceIndicatorValues.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.ProvinceId == scope.ProvinceId && v.Period == month).ToDictionaryAsync(v => v.Code, v => v.Value, ct);
        var reasons = await ReasonsAsync(db, scope.ProvinceId, month, companies.Where(c => scope.BranchIds.Contains(c.Id)).ToList(), ct);

        var entries = new List<OwnEntry>();
        foreach (var level in new[] { RankingLevel.Carrier, RankingLevel.City })
        {
            var peers = companies.Where(c => (c.Level == BranchLevel.Provincial) == (level == RankingLevel.Carrier)).ToList();
            if (!peers.Any(c => scope.BranchIds.Contains(c.Id))) continue;
            var table = Table(level, "", month, indicators, peers, values, reasons);
            foreach (var row in table.Rows.Where(r => scope.BranchIds.Contains(r.EntityId)))
                entries.Add(new OwnEntry(row.EntityId, row.Name, level, table.StandingOf(row), row.Change, row.Score,
                    table.AverageScore, row.Reason, row.Breakdown, provinceValues));
        }

        Trend? trend = null;
        if (companies.FirstOrDefault(c => c.Level == BranchLevel.Provincial && scope.BranchIds.Contains(c.Id)) is { } own
            && indicators.FirstOrDefault(i => i.Code == ReturnIndicators.RealNameRate) is { } rate)
        {
            var months = Months.Span(Months.Add(month, -(TrendMonths - 1)), month);
            var (from, to) = (months[0], months[^1]);
            var mine = await db.IndicatorValues.AsNoTracking()
                .Where(v => v.ProvinceId == scope.ProvinceId && v.BranchId == own.Id && v.Code == rate.Code && v.Period.CompareTo(from) >= 0 && v.Period.CompareTo(to) <= 0)
                .ToDictionaryAsync(v => v.Period, v => v.Value, ct);
            var all = await db.ProvinceIndicatorValues.IgnoreQueryFilters().AsNoTracking()
                .Where(v => v.ProvinceId == scope.ProvinceId && v.Code == rate.Code && v.Period.CompareTo(from) >= 0 && v.Period.CompareTo(to) <= 0)
                .ToDictionaryAsync(v => v.Period, v => v.Value, ct);
            var first = months.FindIndex(m => all.ContainsKey(m));
            if (first > 0) months = months.Skip(first).ToList();
            trend = new Trend(rate, months, [new(own.ShortName, months.Select(m => mine.GetValueOrDefault(m)).ToList()),
                new($"{province.ShortName}全省", months.Select(m => all.GetValueOrDefault(m)).ToList(), IsAggregate: true), .. Targets(rate, months.Count)]);
        }
        return new OwnPosition(month, periods, province.Name, entries, trend, indicators, RankingMethod.Describe(indicators, RankingLevel.Carrier));
    }

    // ---- one company ----------------------------------------------------------------------------------

    /// <summary>One company's position and breakdown for a month, its score and rank over 24 months, and its real-name trend against the province.</summary>
    public async Task<EntityDetail> EntityAsync(int branchId, string? period = null, CancellationToken ct = default)
    {
        if (access.Scope.IsCarrier) throw new AccessDeniedException("企业用户请查看“本单位排名”。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Branches.AsNoTracking().Include(b => b.Carrier).Include(b => b.Province).Include(b => b.ParentBranch)
            .FirstOrDefaultAsync(b => b.Id == branchId, ct) ?? throw new NotFoundException("企业分支机构");
        var provinceId = branch.ProvinceId;
        var periods = await PeriodsAsync(db, provinceId, ct);
        var month = await PeriodOrDefaultAsync(db, period, periods, ct);
        var indicators = await IndicatorsAsync(db, ct);
        var level = branch.Level == BranchLevel.Provincial ? RankingLevel.Carrier : RankingLevel.City;
        var peers = (await CompaniesAsync(db.Branches.Where(b => b.ProvinceId == provinceId), ct)).Where(c => c.Level == branch.Level).ToList();
        var months = Months.Span(Months.Add(month, -(TrendMonths - 1)), month);
        var (from, to) = (Months.Add(months[0], -1), months[^1]);
        var values = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.ProvinceId == provinceId && v.Period.CompareTo(from) >= 0 && v.Period.CompareTo(to) <= 0).ToListAsync(ct);
        var reasons = await ReasonsAsync(db, provinceId, month, peers.Where(c => c.Id == branchId).ToList(), ct);
        var table = Table(level, "", month, indicators, peers, values, reasons);
        var position = table.Rows.Single(r => r.EntityId == branchId);

        var firstWithData = months.FindIndex(m => values.Any(v => v.Period == m && v.BranchId == branchId));
        if (firstWithData > 0) months = months.Skip(firstWithData).ToList();
        var scores = new List<double?>();
        var ranks = new List<int?>();
        foreach (var m in months)
        {
            var row = RankingScorer.Rank(indicators, Entities(peers, values, m, new Dictionary<int, string>())).Single(r => r.Entity.Id == branchId);
            scores.Add(row.Score);
            ranks.Add(row.Outcome == RankingOutcome.Scored ? row.Rank : null);
        }
        var rate = indicators.FirstOrDefault(i => i.Code == ReturnIndicators.RealNameRate) ?? indicators.First();
        var own = values.Where(v => v.BranchId == branchId && v.Code == rate.Code).ToDictionary(v => v.Period, v => v.Value);
        var total = await db.ProvinceIndicatorValues.AsNoTracking()
            .Where(v => v.ProvinceId == provinceId && v.Code == rate.Code && v.Period.CompareTo(from) >= 0 && v.Period.CompareTo(to) <= 0)
            .ToDictionaryAsync(v => v.Period, v => v.Value, ct);
        var trend = new Trend(rate, months, [new(branch.ShortName, months.Select(m => own.GetValueOrDefault(m)).ToList()),
            new($"{branch.Province!.ShortName}全省", months.Select(m => total.GetValueOrDefault(m)).ToList(), IsAggregate: true), .. Targets(rate, months.Count)]);
        var filer = branch.Level == BranchLevel.Provincial ? branch : branch.ParentBranch ?? branch;
        return new EntityDetail(branch.Id, branch.ShortName, branch.Name, branch.Level, branch.Carrier!.ShortName, provinceId, branch.Province.Name, filer.Id, filer.ShortName,
            month, periods, position, table.StandingOf(position), months, scores, ranks, trend, table.Method);
    }

    /// <summary>
    /// The month the rankings of a branch's province open on (the latest month due, with figures): what a page shows when the
    /// month in its link cannot be shown (2026-13, a month not yet ended).
    /// </summary>
    public async Task<string> DefaultPeriodAsync(int branchId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var provinceId = await db.Branches.Where(b => b.Id == branchId).Select(b => (int?)b.ProvinceId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("企业分支机构");
        return await PeriodOrDefaultAsync(db, null, await PeriodsAsync(db, provinceId, ct), ct);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /// <summary>
    /// The month a ranking opens on: the one asked for if it has ended, else the latest month whose 实名制月报 deadline (the reporting calendar's
    /// due date of the active template) has passed, so a ranking never opens on a month still being filed; with no figures for
    /// that month, the newest month before it that has figures.
    /// </summary>
    private async Task<string> PeriodOrDefaultAsync(SupervisionDbContext db, string? period, IReadOnlyList<string> periods, CancellationToken ct)
    {
        // A month asked for is shown once it has ended (2027-05 asked in 2026 opens on the default month, as 2026-13 does).
        if (period is { Length: > 0 } && ReportingPeriod.TryParse(period, Frequency.Monthly, out var asked) && asked.End < BeijingTime.Today(clock))
            return asked.ToString();
        var month = await LatestDueMonthAsync(db, ct);
        if (periods.Count == 0 || periods.Contains(month)) return month;
        return periods.FirstOrDefault(p => string.CompareOrdinal(p, month) < 0) ?? periods[^1];
    }

    /// <summary>The latest month whose monthly return was due before today (Beijing time).</summary>
    private async Task<string> LatestDueMonthAsync(SupervisionDbContext db, CancellationToken ct)
    {
        var today = BeijingTime.Today(clock);
        var month = Months.LatestEnded(today);
        var template = await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == ReturnIndicators.Monthly && t.IsActive).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (template is null) return month;
        var calendar = new WorkingDayCalendar(await db.CalendarDays.AsNoTracking().ToListAsync(ct), await db.HolidayYears.Select(y => y.Year).ToListAsync(ct));
        for (var i = 0; i < 12 && ReportingPeriod.Parse(month, Frequency.Monthly).DueDate(template.Definition.DueDay, template.Definition.DueMonthsAfter, calendar) >= today; i++)
            month = Months.Add(month, -1);
        return month;
    }

    /// <summary>Whether a period typed into an address (?period=2026-13) names a month; a page says so in Chinese and opens on the default month.</summary>
    public static bool IsValidPeriod(string? period) => string.IsNullOrEmpty(period) || Months.IsMonth(period);

    private static async Task<List<Company>> CompaniesAsync(IQueryable<Branch> branches, CancellationToken ct) =>
        await branches.AsNoTracking().OrderBy(b => b.Carrier!.SortOrder).ThenBy(b => b.Code)
            .Select(b => new Company(b.Id, b.Code, b.Name, b.ShortName, b.Level, b.ParentBranchId, b.CarrierId, b.Carrier!.ShortName, b.Carrier.Kind, b.Carrier.SortOrder,
                b.CityId, b.City != null ? b.City.Code : null, b.City != null ? b.City.Name : null))
            .ToListAsync(ct);
}
