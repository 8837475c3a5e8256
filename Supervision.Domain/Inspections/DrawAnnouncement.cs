using Supervision.Domain.Common;
using Supervision.Domain.Publicity;

namespace Supervision.Domain.Inspections;

/// <summary>
/// What the public site states of a published 双随机 draw (一公开): who was drawn, which inspectors were matched to
/// each, and what anyone needs to check the draw again (algorithm, seed, digest of the rosters).
/// </summary>
public static class DrawAnnouncement
{
    public const string SourceType = "InspectionDraw";
    public const string ReplacementSourceType = "DrawReplacement";

    private const string Basis = "《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）";

    /// <summary>
    /// How anyone checks a draw, in words (the algorithm's identifier is the system's business, not the public's): the notice itself by
    /// its verification code, the draw by running it again from the rosters with the stated seed.
    /// </summary>
    private const string HowToCheck = "任何人可凭本公告页面底部的核验码在本局公示网站核验本公告；"
        + "如需复核抽取结果，可向本局申请查阅抽取时的名录和抽取规则，用上述随机种子重新抽取，结果应与本公告一致，名录摘要应与上述摘要相同。";

    /// <summary>The content, and the branch the 公告 is filed under (the first drawn entity's).</summary>
    public static (int BranchId, AnnouncementContent Content) Of(InspectionDraw draw, string planTitle)
    {
        var entities = draw.Entities.ToDictionary(e => e.Key);
        var inspectors = draw.Inspectors.ToDictionary(i => i.UserName);
        var picks = draw.Result.OrderBy(p => p.Order).ToList();
        var names = picks.Select(p => entities[p.EntityKey].Name).ToList();
        var party = string.Join("、", names);
        if (party.Length > 180) party = string.Join("、", names.Take(5)) + $"等{names.Count}个检查对象";
        var day = BeijingTime.Today(draw.DrawnAt);
        var risk = draw.RiskFormula;
        var content = new AnnouncementContent(
            Title: $"{planTitle}双随机抽查对象和检查人员",
            PartyName: party, PartyType: PartyType.Organisation, CreditCode: null, LegalRepresentative: null, DocumentNumber: null,
            Facts: (draw.RedrawReason is { } reason ? $"因{reason.TrimEnd('。')}，重新抽取（原抽取结果继续公开）。" : "") +
                   $"{ChineseDate.Format(day)}，从{draw.RosterSize}个检查对象的名录中{(risk is null ? "" : "按风险加权")}随机抽取{picks.Count}个，并从本局执法检查人员名录中随机匹配检查人员。" +
                   (risk is null ? "" : $"各对象被抽中的机会与其权重成正比（{risk.Text}），权重随名录一并计入名录摘要。") +
                   $"抽取所用的随机种子为{draw.Seed}，检查对象和检查人员名录的摘要（SHA-256）为{draw.InputDigest}。" + HowToCheck,
            PenaltyTypes: "双随机抽查",
            LegalBasis: Basis,
            PenaltyContent: "检查结果在检查完成后另行公开。",
            DecisionDate: day,
            Body: string.Join("\n", picks.Select(p => $"{entities[p.EntityKey].Name}{(risk is null ? "" : $"（权重{RiskFormula.Num(entities[p.EntityKey].Weight ?? 0)}）")}：{string.Join("、", p.Inspectors.Select(u => inspectors[u].DisplayName))}")));
        return (entities[picks[0].EntityKey].BranchId, content);
    }

    /// <summary>The 公告 of a replaced inspector: who gives way to whom on which entity, why, and the replacement draw's seed and digest.</summary>
    public static (int BranchId, AnnouncementContent Content) OfReplacement(InspectionDraw draw, string planTitle, string entityName, DrawReplacement r)
    {
        var day = BeijingTime.Today(r.ReplacedAt);
        var content = new AnnouncementContent(
            Title: $"{planTitle}双随机抽查检查人员更换",
            PartyName: entityName, PartyType: PartyType.Organisation, CreditCode: null, LegalRepresentative: null, DocumentNumber: null,
            Facts: $"{ChineseDate.Format(day)}，因{r.Reason.TrimEnd('。')}，{entityName}的检查人员{r.ReplacedDisplayName}不再参加检查，" +
                   $"从{r.Candidates.Count}名可参加的检查人员中随机抽取{r.ReplacementDisplayName}替换。" +
                   $"更换所用的随机种子为{r.Seed}，可参加人员名单的摘要（SHA-256）为{r.Digest}，原抽取名录的摘要为{draw.InputDigest}。" + HowToCheck,
            PenaltyTypes: "双随机抽查",
            LegalBasis: Basis,
            PenaltyContent: "检查结果在检查完成后另行公开。",
            DecisionDate: day,
            Body: $"{entityName}：{r.ReplacedDisplayName} → {r.ReplacementDisplayName}");
        return (draw.Entities.First(e => e.Key == r.EntityKey).BranchId, content);
    }
}
