using System.Globalization;
using Supervision.Domain.Submissions;
using Supervision.Reports.Submissions.Io;

namespace Supervision.Reports.Submissions;

/// <summary>How a generated return should look: who, when, how big, and how well the carrier is doing.</summary>
public sealed record GeneratedReturn(
    string BranchCode,
    string Period,
    IReadOnlyList<string> Cities,
    int Seed,
    int OutletsPerCityAndChannel = 3,
    /// <summary>Share of subscribers registered, 0.90–1.00: drives the real-name rate and the flags.</summary>
    double RealNameRate = 0.985,
    /// <summary>Share of new activations typed in by hand (forbidden, so flagged).</summary>
    double ManualShare = 0.0,
    /// <summary>Subscribers in the largest city × channel cell; the others scale down.</summary>
    int Scale = 200_000,
    /// <summary>Share of unregistered legacy users stopped this month (3/5 one-way, 2/5 two-way); null for the fixed 1/3 and 1/8.</summary>
    double? StopShare = null,
    /// <summary>Over-limit IDs per city × channel are drawn from 0 to this (exclusive).</summary>
    int OverLimitMax = 4);

/// <summary>
/// Writes complete, consistent return files in the template layout (title, branch and period in row 2, headers in
/// row 3), deterministically from a seed. The demo data, the tests and the 100k-outlet benchmark all use it,
/// and the files go through the same importer as a carrier's upload.
/// </summary>
public static class ReturnFileGenerator
{
    public static readonly string[] Channels = ["自有营业厅", "合作营业厅", "专营店", "特约代理点", "末梢渠道", "线上渠道"];

    /// <summary>An RN-MONTHLY workbook whose outlet rows add up to its summary rows.</summary>
    public static byte[] RnMonthly(GeneratedReturn spec)
    {
        var random = new Random(spec.Seed);
        var summary = new List<IReadOnlyList<object?>>();
        var outlets = new List<IReadOnlyList<object?>>();
        var outletNo = 0;
        for (var c = 0; c < spec.Cities.Count; c++)
        {
            var city = spec.Cities[c];
            var cityWeight = 1.0 / (1 + c * 0.6);
            for (var k = 0; k < Channels.Length; k++)
            {
                var channelWeight = new[] { 1.0, 0.7, 0.5, 0.35, 0.2, 0.6 }[k];
                var subscribers = (long)(spec.Scale * cityWeight * channelWeight * (0.9 + random.NextDouble() * 0.2)) + 100;
                // The weak tiers (末梢渠道, 特约代理点) register less well than the carrier's own shops.
                var rate = Math.Min(1.0, spec.RealNameRate - (k is 3 or 4 ? 0.02 : 0) + random.NextDouble() * 0.004);
                var registered = (long)(subscribers * rate);
                var legacy = subscribers - registered;
                var outletNew = new long[spec.OutletsPerCityAndChannel];
                var outletManual = new long[spec.OutletsPerCityAndChannel];
                var outletViolations = new long[spec.OutletsPerCityAndChannel];
                for (var o = 0; o < outletNew.Length; o++)
                {
                    outletNew[o] = random.Next(5, 60);
                    outletManual[o] = spec.ManualShare > 0 && k is 3 or 4 ? (long)Math.Round(outletNew[o] * spec.ManualShare * random.NextDouble() * 2) : 0;
                    outletViolations[o] = random.Next(0, 20) == 0 ? 1 : 0;
                }
                var newTotal = outletNew.Sum();
                var manualTotal = outletManual.Sum();
                var (oneWay, twoWay) = spec.StopShare is { } stop ? ((long)(legacy * stop * 0.6), (long)(legacy * stop * 0.4)) : (legacy / 3, legacy / 8);
                summary.Add([city, Channels[k], subscribers, registered, legacy, oneWay, twoWay, newTotal, newTotal - manualTotal, manualTotal,
                    (long)random.Next(0, spec.OverLimitMax), legacy / 5, (long)random.Next(0, 12)]);
                for (var o = 0; o < outletNew.Length; o++)
                    outlets.Add([$"{spec.BranchCode}-{city}-{++outletNo:000000}", $"{Channels[k]}{outletNo}号网点", city, Channels[k],
                        outletNew[o], outletNew[o] - outletManual[o], outletManual[o], outletViolations[o]]);
            }
        }
        return Write(spec, [("汇总", Headers("RnSummary"), summary), ("网点明细", Headers("Outlet"), outlets)], "实名制落实情况月报");
    }

    /// <summary>A LOG-QUARTERLY workbook: the usual systems, retention around a year unless <paramref name="shortRetention"/>.</summary>
    public static byte[] LogQuarterly(GeneratedReturn spec, bool shortRetention = false)
    {
        var random = new Random(spec.Seed);
        var end = ReportingPeriod.Parse(spec.Period, Frequency.Quarterly).End;
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (system, type) in new[] { ("CGN/NAT地址转换系统", "NAT地址转换日志"), ("宽带AAA认证系统", "宽带AAA认证日志"), ("移动上网GGSN/PGW", "移动上网日志"), ("WLAN认证平台", "WLAN认证日志") })
        {
            var days = shortRetention && type == "WLAN认证日志" ? 120 : 365 + random.Next(0, 200);
            rows.Add([system, type, (long)days, end.AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "省公司数据中心", random.Next(0, 30) == 0 ? "否" : "是"]);
        }
        return Write(spec, [("日志留存", Headers("LogSystem"), rows)], "日志留存情况季报");
    }

    /// <summary>A SELF-ANNUAL workbook answering every item; <paramref name="noncompliant"/> items are marked 不符合 with an explanation.</summary>
    public static byte[] SelfAnnual(GeneratedReturn spec, IReadOnlyDictionary<string, string> items, IReadOnlySet<string>? noncompliant = null)
    {
        var rows = items.OrderBy(i => i.Key).Select(i => (IReadOnlyList<object?>)(noncompliant?.Contains(i.Key) == true
            ? [i.Key, i.Value, "不符合", "部分社会渠道网点未按要求留存证件影像", "已下发整改通知，年内完成复核"]
            : [i.Key, i.Value, "符合", "已落实", null])).ToList();
        return Write(spec, [("自查结果", Headers("SelfCheck"), rows)], "年度自查报告");
    }

    private static string[] Headers(string target) => target switch
    {
        "RnSummary" => ["城市代码", "渠道类型", "在网用户数", "已实名用户数", "未实名老用户数", "本月单停数", "本月双停数", "本月新入网数", "其中读卡器+联网核验数", "其中人工录入数", "一证超限证件数", "补登记完成数", "涉诈关停号码数"],
        "Outlet" => ["网点编码", "网点名称", "城市代码", "渠道类型", "本月新入网数", "读卡器+联网核验数", "人工录入数", "暗访违规次数"],
        "LogSystem" => ["系统名称", "日志类型", "留存天数", "最早可查记录日期", "存储位置", "抽查是否成功"],
        _ => ["检查项编码", "检查项", "自查结论", "情况说明", "整改措施"],
    };

    private static byte[] Write(GeneratedReturn spec, IEnumerable<(string Name, string[] Headers, List<IReadOnlyList<object?>> Rows)> sheets, string title)
    {
        using var output = new MemoryStream();
        XlsxWriter.Write(output, sheets.Select(s => new XlsxSheet(s.Name, Layout(spec, title, s.Name, s.Headers, s.Rows))).ToList());
        return output.ToArray();
    }

    private static IEnumerable<IReadOnlyList<object?>> Layout(GeneratedReturn spec, string title, string sheet, string[] headers, List<IReadOnlyList<object?>> rows)
    {
        yield return [$"{title}（{sheet}）"];
        yield return ["报送单位", spec.BranchCode, "报送期间", spec.Period, "单位名称", spec.BranchCode];
        yield return headers;
        foreach (var row in rows) yield return row;
    }
}
