namespace Supervision.Domain.Rankings;

public enum RankingLevel
{
    /// <summary>The provincial companies of a province (basic carriers and resellers).</summary>
    Carrier,
    /// <summary>The city companies of a province.</summary>
    City,
    /// <summary>The provinces (the ministry's view).</summary>
    Province,
}

/// <summary>"How this is computed": the text shown beside every ranking and printed with every export, written from the indicators themselves.</summary>
public static class RankingMethod
{
    public static IReadOnlyList<string> Describe(IReadOnlyList<RankingIndicator> indicators, RankingLevel level)
    {
        var lines = new List<string>
        {
            "数据来源：" + string.Join("；", indicators.Select(i => $"{i.Name}——{i.SourceText}")) + "。指标按月汇总于指标汇总表，报表受理或退回、检查发现形成或了结、整改复查或逾期、处罚决定作出或案件办结时即时更新，每晚全量重建；页面不直接汇总原始报表。",
            "单项得分：每项指标折算为0–100分。" + string.Join("；", indicators.Select(i => i.ScoringText)) + "。",
            "总分：各项得分按权重加权平均。对某单位不适用的指标（如转售企业不报送日志季报、本月无新入网用户、无未实名老用户、本月无到期的整改通知）不计入，其权重按比例分配给其余指标；应报未报的指标按0分计。",
            $"排名：总分保留{RankingScorer.Decimals}位小数，总分相同者名次并列（如1、2、2、4）。必备指标（{string.Join("、", indicators.Where(i => i.Required).Select(i => i.Name))}）本期没有已受理数据的单位不参与评分，列于末位并注明原因（未报、草稿未报送、已报送待受理、已退回、逾期）。名次变化与上月同口径比较。",
        };
        lines.Add(level switch
        {
            RankingLevel.City => "地市分公司：实名制月报的“汇总”表按地市、渠道填报，地市分公司的各项指标取其省级公司该地市各渠道之和；报送及时、一次受理、日志留存等由省级公司报送的指标不适用于地市分公司；检查发现、整改和行政处罚按记录所涉单位计入，地市分公司计本单位的记录。",
            RankingLevel.Province => "省份：各省的指标为本省各省级公司已报送数据的分子之和 ÷ 分母之和（地市分公司数据已含在省级公司中，不重复计算）；“已受理”列为本期实名制月报已受理的单位数/应报单位数。",
            _ => "企业：以各企业在本省的省级公司为单位（含基础电信企业和移动通信转售企业），数据取其本省报表；检查发现、整改和行政处罚计入本公司及下属地市分公司的记录。",
        });
        return lines;
    }

    /// <summary>The method in two sentences, for a one-page briefing; the full text is on the ranking page.</summary>
    public static string Brief(IReadOnlyList<RankingIndicator> indicators) =>
        "计算方法：各项指标按目标值折算为0–100分后按权重加权平均（权重：" +
        string.Join("、", indicators.Where(i => i.Weight > 0).Select(i => $"{i.Name}{i.Weight.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}")) +
        "）；不适用的指标不计入，应报未报的按0分计；总分保留两位小数，相同者并列；" +
        $"必备指标（{string.Join("、", indicators.Where(i => i.Required).Select(i => i.Name))}）本期无已受理数据的单位列于末位。数据取自已受理的企业报表和本局的检查、整改、处罚记录，完整说明见平台“排名分析”页面。";
}
