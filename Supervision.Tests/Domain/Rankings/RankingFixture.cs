using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Rankings;
using Supervision.Domain.Submissions;
using Supervision.Tests.Domain.Submissions;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Rankings;

/// <summary>One summary row of RN-MONTHLY, repeated for every city × channel of 宁夏 (30 rows).</summary>
public sealed record RnRow(long Subscribers = 1000, long Registered = 980, long Legacy = 20, long OneWay = 5, long TwoWay = 3,
    long New = 40, long Reader = 40, long Manual = 0, long OverLimit = 0);

/// <summary>Files and reviews hand-made returns through the real services, and reads the summary back.</summary>
public static class RankingData
{
    public static ParsedReturn Rn(string period, string branch, RnRow row, Func<string, RnRow>? perCity = null)
    {
        var parsed = new ParsedReturn(ReturnBuilder.RnMonthly);
        var summary = ReturnBuilder.Sheet(parsed, "汇总", period, branch);
        var outlets = ReturnBuilder.Sheet(parsed, "网点明细", period, branch);
        var n = 4;
        foreach (var city in ReturnBuilder.NingxiaCities)
        foreach (var channel in ReturnBuilder.Channels)
        {
            var r = perCity?.Invoke(city) ?? row;
            summary.Rows.Add(new ParsedRow(n, [city, channel, r.Subscribers, r.Registered, r.Legacy, r.OneWay, r.TwoWay, r.New, r.Reader, r.Manual, r.OverLimit, 0L, 0L]));
            outlets.Rows.Add(new ParsedRow(n, [$"{branch}-{city}-{channel}", "网点", city, channel, r.New, r.Reader, r.Manual, 0L]));
            n++;
        }
        return parsed;
    }

    public static ParsedReturn Log(string quarter, string branch, params (long Days, bool Passed)[] systems)
    {
        var parsed = new ParsedReturn(ReturnBuilder.LogQuarterly);
        var sheet = ReturnBuilder.Sheet(parsed, parsed.Template.Sheets[0].Name, quarter, branch);
        var end = ReportingPeriod.Parse(quarter, Frequency.Quarterly).End;
        var n = 4;
        foreach (var (days, passed) in systems)
        {
            sheet.Rows.Add(new ParsedRow(n, [$"系统{n}", "NAT地址转换日志", days, end.AddDays(-(int)days), "省公司数据中心", passed]));
            n++;
        }
        return parsed;
    }

    public static async Task<(int Id, int ProvinceId, AccessScope Carrier)> BranchAsync(Portal portal, string code)
    {
        await using var db = portal.Db();
        var b = await db.Branches.SingleAsync(x => x.Code == code);
        var children = await db.Branches.Where(x => x.ParentBranchId == b.Id).Select(x => x.Id).ToListAsync();
        return (b.Id, b.ProvinceId, AccessScope.ForBranches(b.ProvinceId, b.CarrierId, [b.Id, .. children]));
    }

    public static AccessScope Inspector(int provinceId) => AccessScope.ForProvince(provinceId, false, UserRole.Inspector);

    public static T Service<T>(Portal portal, AccessScope scope, string actor = "test") where T : notnull =>
        portal.ScopeFor(scope, actor).ServiceProvider.GetRequiredService<T>();

    /// <summary>Files a return as the carrier; returns the stored version.</summary>
    public static async Task<Submission> FileAsync(Portal portal, string branchCode, string template, string period, ParsedReturn parsed, bool submit = true)
    {
        var (id, _, carrier) = await BranchAsync(portal, branchCode);
        var service = Service<SubmissionService>(portal, carrier, await portal.SignatoryAsync(branchCode));
        var command = new StoreCommand(id, template, period, "return.xlsx", "web", submit, Attested: true);
        var result = await service.StoreAsync(command, parsed, [1, 2, 3], null);
        // Figures that trip a plausibility check are filed with an explanation each, as a carrier must.
        if (result.Unconfirmed)
            result = await service.StoreAsync(command with { Explanations = result.Unexplained!.Select(f => f.Key).Distinct().ToDictionary(k => k, _ => "测试数据的说明") },
                parsed, [1, 2, 3], null);
        Assert.True(result.Accepted, string.Join("\n", result.Errors.Select(e => $"{e.Sheet}!{e.Cell} {e.Code} {e.Message}")));
        return result.Submission!;
    }

    public static async Task<Submission> AcceptAsync(Portal portal, Submission filed) =>
        await Service<SubmissionService>(portal, Inspector(filed.ProvinceId), "inspector").AcceptAsync(filed.Id, filed.ConcurrencyToken, null);

    public static async Task<Submission> ReturnAsync(Portal portal, Submission filed) =>
        await Service<SubmissionService>(portal, Inspector(filed.ProvinceId), "inspector").ReturnAsync(filed.Id, filed.ConcurrencyToken, "数据有误，请核对后重报");

    public static async Task<Submission> FileAndAcceptAsync(Portal portal, string branchCode, string period, RnRow row) =>
        await AcceptAsync(portal, await FileAsync(portal, branchCode, "RN-MONTHLY", period, Rn(period, branchCode, row)));

    public static async Task<Dictionary<string, IndicatorValue>> ValuesAsync(Portal portal, string branchCode, string period)
    {
        await using var db = portal.Db();
        var id = await db.Branches.Where(b => b.Code == branchCode).Select(b => b.Id).SingleAsync();
        return await db.IndicatorValues.AsNoTracking().Where(v => v.BranchId == id && v.Period == period).ToDictionaryAsync(v => v.Code);
    }

    public static async Task<Dictionary<string, ProvinceIndicatorValue>> ProvinceValuesAsync(Portal portal, string provinceCode, string period)
    {
        await using var db = portal.Db();
        var id = await db.Provinces.Where(p => p.Code == provinceCode).Select(p => p.Id).SingleAsync();
        return await db.ProvinceIndicatorValues.AsNoTracking().Where(v => v.ProvinceId == id && v.Period == period).ToDictionaryAsync(v => v.Code);
    }
}
