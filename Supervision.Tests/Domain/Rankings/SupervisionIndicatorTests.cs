using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Inspections;
using Supervision.Domain.Rankings;
using Supervision.Reports.Inspections;
using Supervision.Tests.Domain.Enforcement;
using Supervision.Tests.Infrastructure;
using static Supervision.Tests.Domain.Rankings.RankingData;

namespace Supervision.Tests.Domain.Rankings;

/// <summary>
/// Indicators from the regulator's own records: findings still open at a month's end, corrective orders rectified on time,
/// penalty decisions; and the summary (and so the ranking) following a case decided or closed and an order re-inspected.
/// Each test works on its own companies and months of 宁夏 (the demo records there all date from July 2026 on).
/// </summary>
public class SupervisionIndicatorTests(Portal portal) : IClassFixture<Portal>
{
    private const string Open = SupervisionIndicators.OpenFindings, OnTime = SupervisionIndicators.OrdersOnTime,
        Penalties = SupervisionIndicators.Penalties, Fines = SupervisionIndicators.Fines;

    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Fact]
    public async Task Open_findings_orders_on_time_and_penalties_count_per_company_and_month()
    {
        await FileAndAcceptAsync(portal, "CBN-64", "2026-01", new RnRow());   // the province's summary covers the months below
        var (cbn, province, _) = await BranchAsync(portal, "CBN-64");
        var (yinchuan, _, _) = await BranchAsync(portal, "CBN-640100");
        var (shizuishan, _, _) = await BranchAsync(portal, "CBN-640200");

        await using (var db = portal.Db())
        {
            var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
            Finding F(int branch, string found, FindingStatus status = FindingStatus.Decided, FindingDecision? decision = FindingDecision.CorrectiveOrder) => new()
            {
                ProvinceId = province, BranchId = branch, Source = FindingSource.Inspection, Title = "RN-05 读卡器与联网核验",
                Facts = "合作营业厅人工录入身份信息后办理入网。", FoundOn = D(found), LegalBasisId = basis.Id, Status = status, Decision = decision, CreatedBy = "test",
            };
            var f1 = F(cbn, "2026-01-10", FindingStatus.Open, null);                                    // never decided: open throughout
            var f2 = F(yinchuan, "2026-01-20");                                                          // order rectified on time, re-inspected 3 March
            var f3 = F(shizuishan, "2026-02-03", decision: FindingDecision.Observation);                 // observation decided 10 February
            f3.DecidedAt = new DateTimeOffset(2026, 2, 10, 10, 0, 0, TimeSpan.FromHours(8));
            var f4 = F(yinchuan, "2026-02-05", FindingStatus.Withdrawn, null);                           // withdrawn: never counted
            var f5 = F(cbn, "2026-02-06");                                                               // order overdue since 20 February
            var f6 = F(yinchuan, "2026-03-02");                                                          // reported in time, awaiting re-inspection
            var f7 = F(cbn, "2026-02-01");                                                               // first round failed, second passed 25 March
            db.Findings.AddRange(f1, f2, f3, f4, f5, f6, f7);
            await db.SaveChangesAsync();

            // Each order goes through its own steps: issued (on the day given, with the deadline given), then what the company and the inspector did.
            CorrectiveOrder O(Finding f, string issued, string deadline)
            {
                var o = CorrectiveOrder.Draft(f, "全部网点使用二代证读卡器并联网核验。", basis.Id, DeadlineMode.Date, null, D(deadline), "", "test", At(issued));
                o.Issue(D(deadline), null, "test", At(issued), D(issued));
                return o;
            }
            void Reported(CorrectiveOrder o, string on) => o.Reply("已全部停用人工录入，网点均配备读卡器。", "carrier", At(on), D(on));
            void Reinspected(CorrectiveOrder o, string on, bool passed) => o.Verify(passed, passed ? "经现场复查，整改到位。" : "仍有网点人工录入。", D(on), null, "test", D(on));

            var o2 = O(f2, "2026-01-26", "2026-02-27");
            Reported(o2, "2026-02-25");
            Reinspected(o2, "2026-03-05", passed: true);
            var o5 = O(f5, "2026-02-09", "2026-02-20");
            o5.MarkOverdue(D("2026-02-21"));
            var o6 = O(f6, "2026-03-05", "2026-04-15");
            Reported(o6, "2026-04-10");
            var o7 = O(f7, "2026-02-02", "2026-02-10");
            o7.RequestExtension(D("2026-02-25"), "设备采购周期较长", "carrier", At("2026-02-05"), D("2026-02-05"));
            o7.DecideExtension(true, D("2026-02-25"), null, "test", At("2026-02-09"), D("2026-02-09"));
            Reported(o7, "2026-02-24");
            Reinspected(o7, "2026-03-02", passed: false);
            o7.Reopen(D("2026-03-20"), D("2026-03-02"));
            Reported(o7, "2026-03-18");
            Reinspected(o7, "2026-03-25", passed: true);
            db.CorrectiveOrders.AddRange(o2, o5, o6, o7);

            var inspectors = await db.Users.Where(u => u.Role == UserRole.Inspector && u.ProvinceId == province).Select(u => new { u.Id, u.DisplayName }).Take(2).ToListAsync();
            EnforcementCase Case(int branch, string filed)
            {
                var party = db.Branches.Single(b => b.Id == branch);
                return EnforcementCase.File(party, basis, "未按规定查验入网用户有效身份证件", "合作营业厅为未出示证件的用户办理入网。", D(filed).AddDays(-20), D(filed),
                    inspectors.Select(i => (i.Id, i.DisplayName)).ToList(), CaseSource.Direct, null, new EnforcementSettings(), "test", At("2026-11-01"));
            }
            db.EnforcementCases.AddRange(
                CaseFixture.DecidedOn(Case(shizuishan, "2026-02-01"), basis, D("2026-03-10"), 20_000m),
                CaseFixture.NoPenaltyOn(Case(cbn, "2026-02-15"), D("2026-03-15")),        // 不予处罚: no decision to count
                CaseFixture.DecidedOn(Case(cbn, "2026-02-20"), basis, D("2026-03-20"), 10_000m));
            await db.SaveChangesAsync();
        }
        await Service<RankingUpdater>(portal, AccessScope.System).RunAsync(portal.Clock.GetUtcNow());

        // Open at each month's end: the provincial company counts its city companies' findings too.
        Assert.Equal(new double[] { 2.0, 4.0, 3.0, 3.0 }, await SeriesAsync("CBN-64", Open, "2026-01", "2026-04"));      // f1 f2 | f1 f2 f5 f7 | f1 f5 f6 | same
        Assert.Equal(new double[] { 1.0, 1.0, 1.0, 1.0 }, await SeriesAsync("CBN-640100", Open, "2026-01", "2026-04"));  // f2, f2, f6, f6
        Assert.Equal(new double[] { 0.0, 0.0, 0.0, 0.0 }, await SeriesAsync("CBN-640200", Open, "2026-01", "2026-04"));  // f3 settled before February ended

        // Orders due in February: f2's on time; f5's overdue; f7's first-round deadline (extended to 25 February) missed.
        var february = await ValuesAsync(portal, "CBN-64", "2026-02");
        Assert.Equal((IndicatorStatus.Reported, 1.0, 3.0), (february[OnTime].Status, february[OnTime].Numerator, february[OnTime].Denominator));
        Assert.Equal(100.0 / 3, february[OnTime].Value!.Value, 6);
        Assert.True(february[OnTime].Rollup);
        var yinchuanFebruary = (await ValuesAsync(portal, "CBN-640100", "2026-02"))[OnTime];
        Assert.Equal((100.0, false), (yinchuanFebruary.Value!.Value, yinchuanFebruary.Rollup));
        // Nothing due: not applicable, never 0 % or 100 % — March (f7's second-round deadline does not count again),
        // April (f6 reported in time and awaits re-inspection), and a city company without orders.
        foreach (var (branch, month) in new[] { ("CBN-64", "2026-03"), ("CBN-64", "2026-04"), ("CBN-640100", "2026-04"), ("CBN-640200", "2026-02") })
        {
            var v = (await ValuesAsync(portal, branch, month))[OnTime];
            Assert.Equal((IndicatorStatus.NotApplicable, (double?)null), (v.Status, v.Value));
        }

        // Penalty decisions by decision date; the no-penalty exit is not one. Counted from the province's first case.
        Assert.Equal(new double[] { 0.0, 2.0, 0.0 }, await SeriesAsync("CBN-64", Penalties, "2026-02", "2026-04"));
        Assert.Equal(new double[] { 0.0, 1.0, 0.0 }, await SeriesAsync("CBN-640200", Penalties, "2026-02", "2026-04"));
        Assert.Equal(30_000, (await ValuesAsync(portal, "CBN-64", "2026-03"))[Fines].Value);
        Assert.False((await ValuesAsync(portal, "CBN-64", "2026-01")).ContainsKey(Penalties));   // before the first case was filed

        // The province adds up its provincial companies (city companies are already in them).
        var ningxia = await ProvinceValuesAsync(portal, "64", "2026-02");
        Assert.Equal((1.0, 3.0), (ningxia[OnTime].Numerator, ningxia[OnTime].Denominator));
        Assert.Equal(4, ningxia[Open].Value);

        // Scored as defined: no open finding earns 100, 3 the pass mark 60, 10 or more 0; one decision 60.
        var definitions = (await Service<RankingService>(portal, AccessScope.System).IndicatorsAsync()).ToDictionary(i => i.Code);
        Assert.Equal((100.0, 60.0, 0.0), (definitions[Open].Points(0, 0, 0), definitions[Open].Points(3, 0, 0), definitions[Open].Points(12, 0, 0)));
        Assert.Equal(60, definitions[Penalties].Points(1, 0, 0));
        Assert.Equal(0, definitions[Fines].Weight);
        Assert.Equal("¥30,000.00", definitions[Fines].Format(30_000));
    }

    [Fact]
    public async Task A_case_decided_and_then_closed_updates_the_summary_at_once_and_the_ranking_follows()
    {
        foreach (var month in new[] { "2026-05", "2026-06" })
        foreach (var company in new[] { "CMCC-64", "CTCC-64" })
            await FileAndAcceptAsync(portal, company, month, new RnRow());
        var (ctcc, province, _) = await BranchAsync(portal, "CTCC-64");
        var (cmcc, _, _) = await BranchAsync(portal, "CMCC-64");
        long handedOver;
        int basisId;
        await using (var db = portal.Db())
        {
            basisId = await db.LegalBases.Where(b => b.Code == "ORD25-A06").Select(b => b.Id).SingleAsync();
            Finding F(int branch, FindingStatus status) => new()
            {
                ProvinceId = province, BranchId = branch, Source = FindingSource.Inspection, Title = "RN-01 查验有效身份证件", Facts = "营业厅为未出示证件的用户办理入网。",
                FoundOn = D("2026-04-20"), LegalBasisId = basisId, Status = status, CreatedBy = "test",
                Decision = status == FindingStatus.Decided ? FindingDecision.Enforcement : null,
                EnforcementRequestedAt = status == FindingStatus.Decided ? At("2026-04-21") : null,
            };
            var toCase = F(ctcc, FindingStatus.Decided);
            db.Findings.AddRange(toCase, F(cmcc, FindingStatus.Open));   // one open finding each: level before the case
            await db.SaveChangesAsync();
            handedOver = toCase.Id;
        }
        await Service<RankingUpdater>(portal, AccessScope.System).RunAsync(portal.Clock.GetUtcNow());
        var before = await CarriersAsync(province, "2026-05");
        Assert.Equal((1, true), (before[ctcc].Rank, before[ctcc].Tied));
        Assert.Equal(before[ctcc].Score, before[cmcc].Score);

        using var inspector = await portal.AsUserAsync("inspector.nx");
        var cases = inspector.Get<EnforcementService>();
        var investigators = (await cases.InspectorsAsync(province)).Select(i => i.Id).Take(2).ToList();
        var id = await LeaderApproval.FileAsync(portal.ScopeFor, cases, new FileCaseInput(ctcc, basisId, "未按规定查验入网用户有效身份证件", "营业厅为未出示证件的用户办理入网。", D("2026-04-10"), D("2026-04-25"),
            investigators, CaseSource.Finding, handedOver.ToString()));
        var c = await cases.StartInvestigationAsync(id, (await cases.GetAsync(id)).ConcurrencyToken);
        c = await cases.AddEvidenceAsync(id, c.ConcurrencyToken, "暗访录像一份、入网工单5份", D("2026-04-27"), null);
        c = await cases.SubmitForReviewAsync(id, c.ConcurrencyToken, "违法事实清楚，证据确凿，建议给予行政处罚。");
        var sanctions = new[] { Lawful.Correction(basisId), new SanctionInput(SanctionKind.Warning, basisId, null, "警告"), new SanctionInput(SanctionKind.Fine, basisId, 10_000m, "罚款") };
        c = await cases.ProposeAsync(id, c.ConcurrencyToken, sanctions);
        await cases.ServePriorNoticeAsync(id, c.ConcurrencyToken, D("2026-05-06"));
        Assert.Equal(0, (await ValuesAsync(portal, "CTCC-64", "2026-05"))[Penalties].Value);

        await LeaderApproval.DecideAsync(portal.ScopeFor, cases, id, D("2026-05-20"), sanctions);

        // Decided: the May figures changed in the decision's own transaction, and CTCC falls behind CMCC.
        var may = await ValuesAsync(portal, "CTCC-64", "2026-05");
        Assert.Equal((1.0, 10_000.0), (may[Penalties].Value!.Value, may[Fines].Value!.Value));
        Assert.Equal(1, (await ProvinceValuesAsync(portal, "64", "2026-05"))[Penalties].Value);
        var decided = await CarriersAsync(province, "2026-05");
        Assert.Equal((1, false), (decided[cmcc].Rank, decided[cmcc].Tied));
        Assert.Equal(2, decided[ctcc].Rank);
        Assert.Equal(60, decided[ctcc].Breakdown.Single(b => b.Indicator.Code == Penalties).Points);
        Assert.Equal(1, (await ValuesAsync(portal, "CTCC-64", "2026-06"))[Open].Value);   // the finding stays open while the case runs

        await cases.ServeAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, D("2026-05-21"), "直接送达");
        c = await cases.RecordPaymentAsync(id, (await cases.GetAsync(id)).ConcurrencyToken, 10_000m, D("2026-05-28"), "宁财非税缴款书No.6400099999");
        c = await cases.ExecuteSanctionAsync(id, c.ConcurrencyToken, c.Sanctions.Single(s => s.Kind == SanctionKind.CorrectiveOrder).Id, D("2026-06-08"), "经复查，整改合格");
        await cases.CloseAsync(id, c.ConcurrencyToken, D("2026-06-10"));

        // Closed: the finding it came from is settled from June on, and CTCC now ranks above CMCC (still one open) in June.
        Assert.Equal(1, (await ValuesAsync(portal, "CTCC-64", "2026-05"))[Open].Value);
        Assert.Equal(0, (await ValuesAsync(portal, "CTCC-64", "2026-06"))[Open].Value);
        var june = await CarriersAsync(province, "2026-06");
        Assert.Equal((1, 2), (june[ctcc].Rank, june[cmcc].Rank));

        // What the hooks wrote is what the nightly rebuild writes.
        var incremental = await SnapshotAsync(province);
        await Service<RankingUpdater>(portal, AccessScope.System).RunAsync(portal.Clock.GetUtcNow());
        Assert.Equal(incremental, await SnapshotAsync(province));
    }

    [Fact]
    public async Task A_verified_order_updates_the_summary_in_the_re_inspections_transaction()
    {
        await FileAndAcceptAsync(portal, "CUCC-64", "2026-07", new RnRow());
        var (city, province, _) = await BranchAsync(portal, "CUCC-640100");
        long orderId;
        await using (var db = portal.Db())
        {
            var basis = await db.LegalBases.SingleAsync(b => b.Code == "ORD25-A06");
            var inspector = await db.Users.SingleAsync(u => u.UserName == "inspector.nx");
            var finding = new Finding
            {
                ProvinceId = province, BranchId = city, Source = FindingSource.Inspection, Title = "RN-05 读卡器与联网核验", Facts = "合作营业厅人工录入身份信息后办理入网12笔。",
                FoundOn = D("2026-07-02"), LegalBasisId = basis.Id, Status = FindingStatus.Decided, Decision = FindingDecision.CorrectiveOrder, CreatedBy = "test",
            };
            db.Findings.Add(finding);
            await db.SaveChangesAsync();
            // Issued on 6 July with a deadline of 24 July, reported on 22 July: in time, awaiting re-inspection.
            var order = CorrectiveOrder.Draft(finding, "全部网点使用二代证读卡器并联网核验。", basis.Id, DeadlineMode.Date, null, D("2026-07-24"), inspector.Id, "test", At("2026-07-06"));
            order.Issue(D("2026-07-24"), "宁通管改〔2026〕90号", "inspector.nx", At("2026-07-06"), D("2026-07-06"));
            order.Reply("已全部停用人工录入，网点均配备读卡器。", "carrier", At("2026-07-22"), D("2026-07-22"));
            db.CorrectiveOrders.Add(order);
            await db.SaveChangesAsync();
            orderId = order.Id;
        }
        await Service<RankingUpdater>(portal, AccessScope.System).RunAsync(portal.Clock.GetUtcNow());
        Assert.Equal(IndicatorStatus.NotApplicable, (await ValuesAsync(portal, "CUCC-64", "2026-07"))[OnTime].Status);   // reported in time, awaiting re-inspection
        Assert.Equal(1, (await ValuesAsync(portal, "CUCC-64", "2026-08"))[Open].Value);

        using (var inspector = await portal.AsUserAsync("inspector.nx"))
        {
            var token = (await inspector.Get<CorrectiveOrderService>().GetAsync(orderId)).Order.ConcurrencyToken;
            await inspector.Get<CorrectiveOrderService>().VerifyAsync(orderId, token, passed: true, "经现场复查，整改到位。", D("2026-08-03"), null);
        }

        var july = await ValuesAsync(portal, "CUCC-64", "2026-07");
        Assert.Equal((IndicatorStatus.Reported, 1.0, 1.0, 100.0), (july[OnTime].Status, july[OnTime].Numerator, july[OnTime].Denominator, july[OnTime].Value!.Value));
        Assert.Equal(100, (await ValuesAsync(portal, "CUCC-640100", "2026-07"))[OnTime].Value);
        Assert.Equal(1, july[Open].Value);                                                     // settled on 3 August
        Assert.Equal(0, (await ValuesAsync(portal, "CUCC-64", "2026-08"))[Open].Value);
        Assert.Equal(0, (await ValuesAsync(portal, "CUCC-640100", "2026-08"))[Open].Value);
    }

    private static DateTimeOffset At(string day) => new(D(day).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    private async Task<double[]> SeriesAsync(string branch, string code, string from, string to)
    {
        var values = new List<double>();
        foreach (var month in Months.Span(from, to))
            values.Add((await ValuesAsync(portal, branch, month))[code].Value!.Value);
        return [.. values];
    }

    private async Task<Dictionary<int, RankingRow>> CarriersAsync(int province, string month) =>
        (await Service<RankingService>(portal, Inspector(province), "inspector").ProvinceAsync(province, month)).Carriers.Rows.ToDictionary(r => r.EntityId);

    private async Task<List<string>> SnapshotAsync(int province)
    {
        await using var db = portal.Db();
        return (await db.IndicatorValues.AsNoTracking().Where(v => v.ProvinceId == province).ToListAsync())
            .Select(v => $"{v.Period} {v.BranchId} {v.Code} {v.Status} {v.Numerator} {v.Denominator} {v.Value} {v.Rollup}").Order(StringComparer.Ordinal).ToList();
    }
}
