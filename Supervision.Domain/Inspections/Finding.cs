using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Inspections;

public enum FindingSeverity
{
    /// <summary>一般.</summary>
    General,
    /// <summary>较重.</summary>
    Serious,
    /// <summary>严重.</summary>
    Severe,
}

public enum FindingDecision
{
    /// <summary>责令限期改正: a corrective order is drafted from the finding.</summary>
    CorrectiveOrder,
    /// <summary>移交立案: handed to the enforcement feature, which opens the case.</summary>
    Enforcement,
    /// <summary>仅作记录观察: recorded, no measure.</summary>
    Observation,
}

public enum FindingStatus
{
    /// <summary>待处理: no decision yet.</summary>
    Open,
    Decided,
    /// <summary>已撤回: the record it came from was amended.</summary>
    Withdrawn,
}

public enum FindingSource
{
    Inspection,
    SubmissionFlag,
}

/// <summary>
/// A 不符合 item of an inspection, or a flag of a return, that the administration must act on: its severity, legal
/// basis and decision. Internal: the carrier learns of it through a corrective order or an enforcement case.
/// </summary>
public class Finding : IPartyVisible
{
    public long Id { get; set; }
    public int ProvinceId { get; set; }
    public int BranchId { get; set; }
    public Branch? Branch { get; set; }
    public bool VisibleToParty { get; private set; }
    public FindingSource Source { get; set; }
    public long? InspectionId { get; set; }
    public long? ItemResultId { get; set; }
    public long? SubmissionId { get; set; }
    public long? SubmissionFlagId { get; set; }
    public int? ChecklistItemId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The facts as the notice will state them.</summary>
    public string Facts { get; set; } = "";
    public DateOnly FoundOn { get; set; }
    public FindingSeverity Severity { get; set; }
    public int? LegalBasisId { get; set; }
    public LegalBasis? LegalBasis { get; set; }
    public FindingStatus Status { get; internal set; }
    public FindingDecision? Decision { get; set; }
    public string? DecisionNote { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    /// <summary>When the finding was handed to enforcement (decided so, or its corrective order escalated); the case is opened there.</summary>
    public DateTimeOffset? EnforcementRequestedAt { get; set; }
    /// <summary>Set by the enforcement feature when it opens the case.</summary>
    public long? EnforcementCaseId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();

    public bool AwaitingCase => EnforcementRequestedAt is not null && EnforcementCaseId is null;

    /// <summary>
    /// What <paramref name="actor"/> may do with the finding: an inspector decides an open one; once it is handed to
    /// enforcement and no case is open yet, whoever files cases (an officer as <paramref name="enforcing"/>) files one from it.
    /// </summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Acting actor, Acting enforcing)
    {
        var actions = new List<AvailableAction>();
        if (actor == Acting.Officer && CannotDecide() is null)
            actions.Add(new(FindingActions.Decide, "作出处理决定", Primary: true));
        if (enforcing == Acting.Officer && AwaitingCase)
            actions.Add(new(FindingActions.FileCase, "据此立案", Primary: true));
        return actions;
    }

    /// <param name="itemBasis">The catalog entry of the checklist item the finding came from (what the inspection record cites): the
    /// order and the case on the finding cite the same duty.</param>
    public void Decide(FindingDecision decision, FindingSeverity severity, LegalBasis? basis, string? note, string by, DateTimeOffset at, LegalBasis? itemBasis = null)
    {
        if (CannotDecide() is { } refusal) throw refusal;
        if (basis is not null && itemBasis is not null && !basis.SameDutyAs(itemBasis))
            throw new DomainException("finding.basis_mismatch",
                $"该发现所属检查项在检查记录中依据{itemBasis.Citation}，同一违法事实的整改通知和立案应适用同一条款，不能改依{basis.Citation}。请选择{itemBasis.Label}"
                + "（或同一条款的其他情形）；检查项的依据有误的，请先在检查项目录中更正。");
        note = Inspection.Clean(note, 2000);
        switch (decision)
        {
            case FindingDecision.CorrectiveOrder:
                RequireBasis(basis, SanctionKind.CorrectiveOrder);
                break;
            case FindingDecision.Enforcement:
                if (basis is null)
                    throw new DomainException("finding.basis_required", "移交立案须选择法律依据。");
                RequireEffective(basis);
                if (!basis.AllowedSanctions.Any(s => s != SanctionKind.CorrectiveOrder))
                    throw new DomainException("finding.basis_no_penalty", $"依据{basis.Label}不设行政处罚，不能移交立案；可责令限期改正。");
                break;
            case FindingDecision.Observation:
                if (basis is not null) RequireEffective(basis);
                if (note is null || note.Length < 5)
                    throw new DomainException("finding.observation_reason", "仅作记录观察的，须说明不采取措施的理由（至少5个字）。");
                break;
        }
        Severity = severity;
        LegalBasisId = basis?.Id;
        Decision = decision;
        DecisionNote = note;
        (DecidedAt, DecidedBy) = (at, by);
        Status = FindingStatus.Decided;
        if (decision == FindingDecision.Enforcement) EnforcementRequestedAt = at;
        Touch();
    }

    /// <summary>The corrective order was escalated: the finding goes to enforcement as well.</summary>
    public void HandToEnforcement(DateTimeOffset at)
    {
        EnforcementRequestedAt ??= at;
        Touch();
    }

    /// <summary>The enforcement feature opened the case this finding was handed over for (立案); one case per finding.</summary>
    public void CaseOpened(long caseId, int partyBranchId)
    {
        if (!AwaitingCase)
            throw new DomainException("finding.not_awaiting_case", EnforcementCaseId is not null
                ? "该检查发现已立案，不能重复立案。"
                : "该检查发现未移交立案（处理决定为移交立案，或整改通知已移交立案后，才能据此立案）。");
        if (partyBranchId != BranchId)
            throw new DomainException("finding.case_party", "据检查发现立案的，当事人须为该检查发现所涉单位。");
        EnforcementCaseId = caseId;
        Touch();
    }

    /// <summary>The inspection record was amended so that the item is no longer 不符合.</summary>
    public void Withdraw(string reason, string by, DateTimeOffset at)
    {
        if (Status == FindingStatus.Decided && Decision != FindingDecision.Observation)
            throw new DomainException("finding.acted_on", "该检查发现已责令整改或移交立案，不能撤回；请先处理相应的整改通知或案件。");
        Status = FindingStatus.Withdrawn;
        DecisionNote = reason;
        (DecidedAt, DecidedBy) = (at, by);
        Touch();
    }

    private void RequireBasis(LegalBasis? basis, SanctionKind kind)
    {
        if (basis is null)
            throw new DomainException("finding.basis_required", "请选择法律依据。");
        RequireEffective(basis);
        if (!basis.Allows(kind))
            throw new DomainException("finding.basis_kind", $"依据{basis.Label}不规定{SanctionLabels.Label(kind)}，请选择其他依据或处理方式。");
    }

    private void RequireEffective(LegalBasis basis)
    {
        if (!basis.IsEffectiveOn(FoundOn))
            throw new DomainException("finding.basis_not_effective", $"依据{basis.Label}在发现日期（{ChineseDate.Format(FoundOn)}）不在有效期内，请选择当时有效的依据。");
    }

    private void Touch() => ConcurrencyToken = Guid.NewGuid();

    /// <summary>What the lists show: 待处理, 责令整改, 待立案, 已立案, 仅观察, 已撤回.</summary>
    private DomainException? CannotDecide() => Status == FindingStatus.Open ? null
        : new DomainException("finding.decided", Status == FindingStatus.Withdrawn ? "该检查发现已撤回。" : "该检查发现已作出处理决定，不能重复决定。");

    public string StateLabel => Status switch
    {
        FindingStatus.Open => "待处理",
        FindingStatus.Withdrawn => "已撤回",
        _ when EnforcementCaseId is not null => "已立案",
        _ when EnforcementRequestedAt is not null => "待立案",
        _ => Decision switch
        {
            FindingDecision.CorrectiveOrder => "责令整改",
            FindingDecision.Observation => "仅观察",
            _ => "已处理",
        },
    };

    public static string SeverityLabel(FindingSeverity severity) => severity switch
    {
        FindingSeverity.General => "一般",
        FindingSeverity.Serious => "较重",
        FindingSeverity.Severe => "严重",
        _ => severity.ToString(),
    };

    public static string DecisionLabel(FindingDecision decision) => decision switch
    {
        FindingDecision.CorrectiveOrder => "责令限期改正",
        FindingDecision.Enforcement => "移交立案查处",
        FindingDecision.Observation => "仅作记录观察",
        _ => decision.ToString(),
    };
}

/// <summary>Stable names of what can be done with a finding (<see cref="Finding.ActionsFor"/>).</summary>
public static class FindingActions
{
    public const string Decide = "decide";
    /// <summary>Opens the case the finding was handed over for (on the enforcement side's page).</summary>
    public const string FileCase = "file-case";
}
