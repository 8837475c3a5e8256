using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Enforcement;
using Supervision.Domain.Files;
using Supervision.Domain.Inspections;
using Supervision.Domain.Organizations;
using Supervision.Domain.Publicity;
using Supervision.Domain.Submissions;

namespace Supervision.Domain.Audit;

/// <summary>One field of a change as a person reads it: 状态 事先告知 → 已决定.</summary>
/// <param name="Link">The page of the record the value names (a file's record, the record a row belongs to), when there is one.</param>
public sealed record FieldChange(string Field, string? Before, string? After, string? Link = null);

/// <summary>A record named as its page names it (整改通知 宁通信整改〔2026〕3号), with the address of that page when it has one.</summary>
public sealed record RecordName(string Text, string? Link);

/// <summary>An audit entry in plain words: who (by name), what kind of record (in Chinese) and which fields changed, formatted like the pages.</summary>
/// <param name="Object">Which record: its key, or for a user account the person's name.</param>
/// <param name="ObjectLink">The record's page, when it has one.</param>
public sealed record AuditLine(AuditEntry Entry, string Actor, string Action, string ObjectType, string Object, IReadOnlyList<FieldChange> Changes, int InternalChanges, string? ObjectLink = null)
{
    /// <summary>Changes as one line: 状态：草稿 → 已下达；整改期限：— → 2026年12月28日.</summary>
    public string Summary => Changes.Count == 0
        ? InternalChanges > 0 ? "内部记录更新" : "—"
        : string.Join("；", Changes.Select(c => c.Before is null && Entry.Action != AuditActions.Update ? $"{c.Field}：{c.After}" : $"{c.Field}：{c.Before ?? "—"} → {c.After ?? "—"}"));
}

/// <summary>
/// Reads the audit trail to people: Chinese names of record types and fields, ids resolved to names, dates, money, states and
/// people written as the pages write them. The raw JSON stays in the entry (administrators may open it).
/// </summary>
public sealed partial class AuditReading(IDbContextFactory<SupervisionDbContext> factory, People people)
{
    public static string TypeLabel(string? entityType) => entityType is null ? "" : Types.TryGetValue(entityType, out var label) ? label : "其他记录";

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var names = new Lazy<Task<Names>>(() => Names.LoadAsync(db, ct));
        var lines = new List<AuditLine>(entries.Count);
        var types = db.Model.GetEntityTypes().GroupBy(t => t.ClrType.Name).ToDictionary(g => g.Key, g => g.First());
        var templates = new Dictionary<int, ReturnTemplate?>();
        var records = new Records(db, ct) { FlagName = async code => (await names.Value).FlagNames.GetValueOrDefault(code) };
        foreach (var e in entries)
        {
            var type = types.GetValueOrDefault(e.EntityType);
            var changes = new List<FieldChange>();
            var hidden = 0;
            var self = long.TryParse(e.EntityId, out var selfId) ? await records.FindAsync(e.EntityType, selfId) : null;
            if (Parse(e.Changes) is { } json)
                foreach (var p in json.EnumerateObject())
                {
                    if (Bookkeeping.Contains(p.Name)) continue;
                    if (!Fields.TryGetValue(p.Name, out var label)) { hidden++; continue; }
                    var clr = type?.FindProperty(p.Name)?.ClrType;
                    var (before, after) = p.Value.ValueKind == JsonValueKind.Array && e.Action == AuditActions.Update && p.Value.GetArrayLength() == 2
                        ? (p.Value[0], p.Value[1]) : (default(JsonElement), p.Value);
                    // A value that names another record (a file, the record a row belongs to): that record's name, linked to its page.
                    if (await ReferenceAsync(p.Name, after, json, e, self, records) is { } reference)
                    {
                        var referencedBefore = before.ValueKind == JsonValueKind.Undefined ? null : await ReferenceAsync(p.Name, before, json, e, self, records);
                        changes.Add(new FieldChange(label, referencedBefore?.Text, reference.Text, reference.Link));
                        continue;
                    }
                    // A flag by its name in the template's catalog (日志抽查未成功), not FLAG_SAMPLE_FAILED.
                    if (p.Name == nameof(SubmissionFlag.Code) && e.EntityType == nameof(SubmissionFlag) && after.ValueKind == JsonValueKind.String)
                    {
                        changes.Add(new FieldChange("关注事项", null, (await names.Value).FlagNames.GetValueOrDefault(after.GetString()!) ?? "关注事项"));
                        continue;
                    }
                    var shownBefore = before.ValueKind == JsonValueKind.Undefined ? null : await ShowAsync(p.Name, clr, before, names);
                    var shownAfter = await ShowAsync(p.Name, clr, after, names);
                    // A value that is itself serialized data (a proposal kept for the machine beside its readable text) is not shown.
                    if (shownBefore == Unreadable || shownAfter == Unreadable || Serialized(shownBefore) || Serialized(shownAfter)) { hidden++; continue; }
                    changes.Add(new FieldChange(label, shownBefore, shownAfter));
                }
            // Account events name the account by its sign-in name, new accounts by id: either way, the person.
            var subject = e.EntityType != nameof(AppUser) ? self?.Text ?? KeyOnly(e) : Guid.TryParse(e.EntityId, out _) ? people.NameOfId(e.EntityId) : people.Name(e.EntityId);
            if (e.EntityType == nameof(ReturnTemplate) && int.TryParse(e.EntityId, out var templateId) && await TemplateAsync(db, templates, templateId, ct) is { } template)
            {
                // A template version by its name and number, and what its definition changed against the version before it.
                subject = $"{template.Name} 第{template.Version}版";
                changes.RemoveAll(c => c.Field == Fields["IsActive"] || e.Action == AuditActions.Create && c.After is null);
                if (e.Action == AuditActions.Create)
                    changes.AddRange(await TemplateChangesAsync(db, templates, template, ct));
                else if (Parse(e.Changes) is { } update)
                {
                    if (update.TryGetProperty(nameof(ReturnTemplate.IsActive), out var active) && active.ValueKind == JsonValueKind.Array && active.GetArrayLength() == 2 && active[1].ValueKind == JsonValueKind.True)
                        changes.Insert(0, new FieldChange("状态", "草稿", "已发布（报送单位按此版本填报）"));
                    // A draft edited in the designer: what its content changed, in words, instead of "另有1项内部字段".
                    if (update.TryGetProperty(nameof(ReturnTemplate.DefinitionJson), out var definition) && definition.ValueKind == JsonValueKind.Array && definition.GetArrayLength() == 2
                        && definition[0].ValueKind == JsonValueKind.String && definition[1].ValueKind == JsonValueKind.String && DefinitionChanges(definition[0].GetString()!, definition[1].GetString()!) is { } described)
                    {
                        changes.AddRange(described.Count == 0 ? [new FieldChange("内容", null, "内容没有变化")] : described.Select(c => new FieldChange("内容", null, c)));
                    }
                }
            }
            // A 送达回证 the party's opening produced is issued by the officer who sent the document: the line names that officer.
            var actor = e.EntityType == nameof(IssuedDocument) && e.Action == AuditActions.Create && long.TryParse(e.EntityId, out var documentId)
                && await db.IssuedDocuments.AsNoTracking().Where(d => d.Id == documentId).Select(d => d.IssuedBy).FirstOrDefaultAsync(ct) is { Length: > 0 } by
                ? by : e.Actor;
            lines.Add(new AuditLine(e, people.Name(actor), AuditActions.Label(e.Action), TypeLabel(e.EntityType), subject, changes, hidden, self?.Link));
        }
        return lines;
    }

    /// <summary>A record that can no longer be looked up (deleted since, or keyed by two values): its kind, never the bare key.</summary>
    private static string KeyOnly(AuditEntry e) =>
        e.EntityId.All(c => char.IsAsciiDigit(c) || c is '/' or '-') ? e.Action == AuditActions.Delete || e.EntityId.All(char.IsAsciiDigit) ? $"{TypeLabel(e.EntityType)}（已删除）" : TypeLabel(e.EntityType) : e.EntityId;

    private static async Task<ReturnTemplate?> TemplateAsync(SupervisionDbContext db, Dictionary<int, ReturnTemplate?> cache, int id, CancellationToken ct)
    {
        if (!cache.TryGetValue(id, out var template))
            cache[id] = template = await db.ReturnTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        return template;
    }

    /// <summary>A new version's definition against the version before it (the first version: its sheets and rules in one line).</summary>
    private static async Task<IEnumerable<FieldChange>> TemplateChangesAsync(SupervisionDbContext db, Dictionary<int, ReturnTemplate?> cache, ReturnTemplate template, CancellationToken ct)
    {
        var previousId = await db.ReturnTemplates.AsNoTracking().Where(t => t.Code == template.Code && t.Version < template.Version)
            .OrderByDescending(t => t.Version).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        var definition = template.Definition;
        if (previousId is not { } id || await TemplateAsync(db, cache, id, ct) is not { } previous)
            return [new FieldChange("内容", null, $"{definition.Sheets.Count}个工作表（{string.Join("、", definition.Sheets.Select(s => $"{s.Name}{s.Columns.Count}列"))}），{definition.Rules.Count(r => !r.IsFlag)}条校验规则，{definition.Rules.Count(r => r.IsFlag)}个关注事项")];
        var changes = TemplateChanges.Between(previous.Definition, definition);
        var field = $"与第{previous.Version}版相比";
        return changes.Count == 0 ? [new FieldChange(field, null, "内容没有变化")] : changes.Select(c => new FieldChange(field, null, c));
    }

    /// <summary>What a draft's edit changed (列“开户数”改名为“新增开户数”…), or null when either side no longer reads as a template.</summary>
    private static IReadOnlyList<string>? DefinitionChanges(string before, string after)
    {
        try { return TemplateChanges.Between(TemplateDefinition.FromJson(before), TemplateDefinition.FromJson(after)); }
        catch (Exception ex) when (ex is JsonException or DomainException or ArgumentException or InvalidOperationException) { return null; }
    }

    /// <summary>A file's size as people read it: 980字节, 105 KB, 2.4 MB.</summary>
    private static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes}字节",
        < 1024 * 1024 => $"{Math.Round(bytes / 1024d)} KB",
        _ => $"{Math.Round(bytes / 1024d / 1024d, 1).ToString(CultureInfo.InvariantCulture)} MB",
    };

    private static bool Serialized(string? shown) => shown is { Length: > 1 } s && (s[0] == '{' && s.Contains('"') || s[0] == '[' && s.Contains('"'));

    private static JsonElement? Parse(string json)
    {
        try { return JsonDocument.Parse(json).RootElement is { ValueKind: JsonValueKind.Object } root ? root : null; }
        catch (JsonException) { return null; }
    }

    private async Task<string?> ShowAsync(string field, Type? clr, JsonElement value, Lazy<Task<Names>> names)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (field == "PasswordHash") return "（已更改）";
        var type = Nullable.GetUnderlyingType(clr ?? typeof(object)) ?? clr;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean() ? "是" : "否";
        if (People.Contains(field)) return people.Name(text);
        // The kind of record a row belongs to (comments, files, flags): named as the audit page names record types.
        if (field == "OwnerType" && Types.TryGetValue(text, out var owner)) return owner;
        if (field.EndsWith("UserId", StringComparison.Ordinal) || field == "ReviewerId") return people.NameOfId(text);
        if (field == "Period" && value.ValueKind == JsonValueKind.String) return PeriodLabel(text);
        // How a return came in, as its timeline says it (网页 / 接口).
        if (field == "Channel" && text is "web" or "api" or "form") return Submission.ChannelLabel(text);
        if (field == "ContentType") return StoredFile.KindLabel(text);
        if (field is "ip" or "OpenedFromAddress") return AddressLabel(text);
        if (value.ValueKind == JsonValueKind.String && CodedLabel(field, text) is { } coded) return coded;
        if (field == "Length" && long.TryParse(text, out var bytes)) return SizeText(bytes);
        // A row keyed by its city's code (640100/自有营业厅), or a city by its code: the city by its name.
        if (field is "Row" or "CityCode" && value.ValueKind == JsonValueKind.String) return PlausibilityExplanation.RowLabel(text, (await names.Value).CityCodes);
        if (field == "TemplateCode") return (await names.Value).TemplateNames.GetValueOrDefault(text) ?? "报表";
        if (value.ValueKind == JsonValueKind.Number && int.TryParse(text, out var id))
        {
            var n = await names.Value;
            var resolved = field switch
            {
                "BranchId" or "ParentBranchId" => n.Branches.GetValueOrDefault(id),
                "ProvinceId" => n.Provinces.GetValueOrDefault(id),
                "CarrierId" => n.Carriers.GetValueOrDefault(id),
                "LegalBasisId" or "AgentListLegalBasisId" => n.LegalBases.GetValueOrDefault(id),
                "CityId" => n.Cities.GetValueOrDefault(id),
                "TemplateId" => n.Templates.GetValueOrDefault(id),
                _ => null,
            };
            if (resolved is not null) return resolved;
        }
        if (type == typeof(DateOnly) && DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var date)) return ChineseDate.Format(date);
        if (type == typeof(DateTimeOffset) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return ChineseDate.Time(at);
        if (type == typeof(decimal) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var money) && Money.Contains(field))
            return ChineseMoney.Yuan(money);
        if (type is { IsEnum: true }) return Enum.TryParse(type, text, out var member) && EnumLabel(member!) is { } named ? named : Unreadable;
        if (value.ValueKind is JsonValueKind.Array or JsonValueKind.Object) return $"（{value.GetArrayLengthOrCount()}项）";
        // A code kept for the machine (History, Submissions) that no mapping names: an internal change, never shown in English.
        if (value.ValueKind == JsonValueKind.String && MachineWord().IsMatch(text)) return Unreadable;
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    /// <summary>Where someone signed in from, as people read it: 本机 for the server itself, an IPv4 address without its IPv6 wrapping.</summary>
    public static string AddressLabel(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return "未知";
        if (!IPAddress.TryParse(address, out var ip)) return address;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return IPAddress.IsLoopback(ip) ? "本机" : ip.ToString();
    }

    /// <summary>
    /// The one mapping of values stored as words for the machine (a check's kind, an indicator's source) to the words the pages use;
    /// null for a field or value it does not know.
    /// </summary>
    public static string? CodedLabel(string field, string value) => field switch
    {
        "Kind" when PlausibilityCheck.Kinds.Contains(value) => PlausibilityCheck.KindLabel(value),
        "Direction" when PlausibilityCheck.Directions.Contains(value) => PlausibilityCheck.DirectionLabel(value),
        "Measure" => value switch { "Relative" => "相对变化", "Mad" => "偏离中位数", "Absolute" => "绝对变化", _ => null },
        "Source" => value switch { "Submissions" => "报表报送", "Inspections" => "现场检查", "Enforcement" => "行政执法", _ => null },
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z][a-z]+(?:[A-Z][a-z]+)*$")]
    private static partial System.Text.RegularExpressions.Regex MachineWord();

    // A value with no words for people (an enum no page names): counted as an internal change, not shown raw.
    private const string Unreadable = "\u0000";

    /// <summary>A state or kind as the pages name it; null for values pages do not show.</summary>
    public static string? EnumLabel(object value) => value switch
    {
        CaseState s => CaseStates.Label(s),
        OrderState s => CorrectiveOrder.StateLabel(s),
        ExtensionStatus s => ExtensionRequest.StatusLabel(s),
        SubmissionStatus s => Submission.StatusLabel(s),
        InspectionStatus s => Inspection.StatusLabel(s),
        ItemOutcome s => Inspection.OutcomeLabel(s),
        PlanStatus s => InspectionPlan.StatusLabel(s),
        PlanKind s => InspectionPlan.KindLabel(s),
        FindingSeverity s => Finding.SeverityLabel(s),
        FindingDecision s => Finding.DecisionLabel(s),
        AnnouncementStatus s => AnnouncementLabels.Status(s),
        AnnouncementKind s => AnnouncementLabels.Kind(s),
        PartyType s => AnnouncementLabels.Party(s),
        SanctionKind s => SanctionLabels.Label(s),
        DocumentKind s => DocumentKinds.Title(s),
        UserRole s => Roles.Label(s),
        BranchLevel s => Branch.LevelLabel(s),
        CarrierKind s => Carrier.KindLabel(s),
        DeadlineMode s => s == DeadlineMode.WorkingDays ? "按工作日计" : "指定日期",
        FindingStatus s => s switch { FindingStatus.Open => "待处理", FindingStatus.Decided => "已处理", _ => "已撤回" },
        FindingSource s => s == FindingSource.Inspection ? "现场检查" : "报送关注事项",
        PlanScope s => InspectionPlan.ScopeLabel(s),
        LegalReviewOpinion s => LegalReviewOpinions.Label(s),
        Frequency s => TemplateNames.Of(s),
        Rankings.IndicatorDirection s => s == Rankings.IndicatorDirection.HigherIsBetter ? "越高越好" : "越低越好",
        Rankings.IndicatorNormalization s => s == Rankings.IndicatorNormalization.Target ? "按目标值计分" : "按最高最低值计分",
        Rankings.IndicatorAggregate s => s == Rankings.IndicatorAggregate.Ratio ? "比率" : "合计",
        _ => null,
    };

    private sealed record Names(Dictionary<int, string> Branches, Dictionary<int, string> Provinces, Dictionary<int, string> Carriers,
        Dictionary<int, string> LegalBases, Dictionary<int, string> Cities, Dictionary<int, string> Templates, Dictionary<string, string> TemplateNames,
        Dictionary<string, string> FlagNames, Dictionary<string, string> CityCodes)
    {
        public static async Task<Names> LoadAsync(SupervisionDbContext db, CancellationToken ct) => new(
            await db.Branches.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.ShortName, ct),
            await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct),
            await db.Carriers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ShortName, ct),
            await db.LegalBases.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Label, ct),
            await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct),
            await db.ReturnTemplates.AsNoTracking().ToDictionaryAsync(t => t.Id, t => $"{t.Name} 第{t.Version}版", ct),
            (await db.ReturnTemplates.AsNoTracking().Select(t => new { t.Code, t.Name, t.Version }).ToListAsync(ct))
                .GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Version)!.Name),
            await FlagNamesAsync(db, ct),
            await db.Cities.AsNoTracking().Select(c => new { c.Code, c.Name }).ToDictionaryAsync(c => c.Code, c => c.Name, ct));

        /// <summary>Each flag code by the name its template's catalog gives it, the newest version's name winning.</summary>
        private static async Task<Dictionary<string, string>> FlagNamesAsync(SupervisionDbContext db, CancellationToken ct)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var t in (await db.ReturnTemplates.AsNoTracking().ToListAsync(ct)).OrderBy(t => t.Version))
            {
                TemplateDefinition definition;
                try { definition = t.Definition; }
                catch (Exception ex) when (ex is JsonException or DomainException or ArgumentException or InvalidOperationException) { continue; }
                foreach (var rule in definition.Rules.Where(r => r.IsFlag && !string.IsNullOrWhiteSpace(r.Name)))
                    names[rule.Code] = rule.Name!;
            }
            return names;
        }
    }

    /// <summary>
    /// The record a field points at, by name and page: a file by its name, on the page of the record that holds it; the record a row
    /// belongs to (OwnerType and OwnerId); the return, inspection, finding or plan an id names. Null for any other field.
    /// </summary>
    private static async Task<RecordName?> ReferenceAsync(string field, JsonElement value, JsonElement record, AuditEntry entry, RecordName? self, Records records)
    {
        if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String) || !long.TryParse(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), out var id))
            return null;
        var owner = record.TryGetProperty("OwnerType", out var ownerType) && ownerType.ValueKind == JsonValueKind.String ? ownerType.GetString() : null;
        switch (field)
        {
            case "FileId" or "AttachmentFileId" or "SealFileId":
                // Opened where its record is shown: the owner's page for evidence and documents, else the entry's own record.
                var holder = owner is not null && record.TryGetProperty("OwnerId", out var ownerId) && long.TryParse(ownerId.ValueKind == JsonValueKind.String ? ownerId.GetString() : ownerId.GetRawText(), out var oid)
                    ? await records.FindAsync(owner, oid) : self;
                return new RecordName(await records.FileNameAsync(id) ?? "（文件已不存在）", holder?.Link);
            case "OwnerId" when owner is not null:
                return await records.FindAsync(owner, id) ?? new RecordName(TypeLabel(owner), null);
            case "SubmissionId": return await records.FindAsync(nameof(Submission), id);
            case "InspectionId": return await records.FindAsync(nameof(Inspection), id);
            case "FindingId": return await records.FindAsync(nameof(Finding), id);
            case "PlanId": return await records.FindAsync(nameof(InspectionPlan), id);
            default: return null;
        }
    }

    /// <summary>Records named as their pages name them, each looked up once per reading.</summary>
    private sealed class Records(SupervisionDbContext db, CancellationToken ct)
    {
        private readonly Dictionary<(string, long), RecordName?> _cache = [];
        private readonly Dictionary<long, string?> _files = [];

        public async Task<string?> FileNameAsync(long id)
        {
            if (!_files.TryGetValue(id, out var name))
                _files[id] = name = await db.StoredFiles.AsNoTracking().Where(f => f.Id == id).Select(f => f.FileName).FirstOrDefaultAsync(ct);
            return name;
        }

        public async Task<RecordName?> FindAsync(string type, long id)
        {
            if (_cache.TryGetValue((type, id), out var known)) return known;
            var found = await LoadAsync(type, id);
            _cache[(type, id)] = found;
            return found;
        }

        private async Task<RecordName?> LoadAsync(string type, long id)
        {
            switch (type)
            {
                case nameof(Submission):
                    var s = await db.Submissions.AsNoTracking().Where(x => x.Id == id)
                        .Select(x => new { x.TemplateCode, x.Period, x.Version, Template = x.Template!.Name, Branch = x.Branch!.ShortName }).FirstOrDefaultAsync(ct);
                    return s is null ? null : new($"{s.Branch} {s.Template} {PeriodLabel(s.Period)} 第{s.Version}版", $"/submissions/{id}");
                case CorrectiveOrderService.OwnerType:
                    var o = await db.CorrectiveOrders.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.NoticeNumber }).FirstOrDefaultAsync(ct);
                    return o is null ? null : new(o.NoticeNumber is { } n ? $"整改通知 {n}" : "整改通知（未下达）", $"/inspections/orders/{id}");
                case nameof(RectificationReply) or EvidenceFile.ReplyOwner:
                    var r = await db.RectificationReplies.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.OrderId }).FirstOrDefaultAsync(ct);
                    return r is null ? null : await FindAsync(CorrectiveOrderService.OwnerType, r.OrderId) is { } order ? new($"{order.Text}的整改报告", order.Link) : null;
                case FindingService.OwnerType:
                    var f = await db.Findings.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Title }).FirstOrDefaultAsync(ct);
                    return f is null ? null : new(f.Title, $"/inspections/findings/{id}");
                case InspectionService.OwnerType:
                    var i = await db.Inspections.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.RecordNumber, x.EntityName }).FirstOrDefaultAsync(ct);
                    return i is null ? null : new(i.RecordNumber is { } rn ? $"现场检查 {rn}" : $"{i.EntityName}现场检查", $"/inspections/{id}");
                case EvidenceFile.InspectionItemOwner or nameof(InspectionItemResult):
                    var item = await db.InspectionItemResults.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.InspectionId, x.ItemTitle }).FirstOrDefaultAsync(ct);
                    return item is null ? null : await FindAsync(InspectionService.OwnerType, item.InspectionId) is { } inspection ? new($"{inspection.Text}：{item.ItemTitle}", inspection.Link) : null;
                case nameof(InspectionPlan):
                    var p = await db.InspectionPlans.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Title }).FirstOrDefaultAsync(ct);
                    return p is null ? null : new(p.Title, $"/inspections/plans/{id}");
                case EnforcementService.OwnerType:
                    var c = await db.EnforcementCases.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.CaseNumber, x.Title }).FirstOrDefaultAsync(ct);
                    return c is null ? null : new(c.CaseNumber is { } cn ? $"{c.Title}（{cn}）" : c.Title, $"/cases/{id}");
                case Announcement.OwnerType:
                    var a = await db.Announcements.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Title }).FirstOrDefaultAsync(ct);
                    return a is null ? null : new(a.Title, $"/publicity/{id}");
                case nameof(IssuedDocument):
                    var d = await db.IssuedDocuments.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Title, x.Number, x.OwnerType, x.OwnerId }).FirstOrDefaultAsync(ct);
                    if (d is null) return null;
                    var docOwner = long.TryParse(d.OwnerId, out var docOwnerId) ? await FindAsync(d.OwnerType, docOwnerId) : null;
                    return new(d.Number is { } dn ? $"{d.Title}（{dn}）" : d.Title, docOwner?.Link);
                case nameof(StoredFile):
                    return await FileNameAsync(id) is { } name ? new(name, null) : null;
                default:
                    return await RowAsync(type, id);
            }
        }

        // The record a row hangs off, by the key that points at it: a case's step by its case, a return's flag by its return.
        private static readonly (string Key, string Owner)[] Parents =
        [
            ("CaseId", EnforcementService.OwnerType), ("SubmissionId", nameof(Submission)), ("OrderId", CorrectiveOrderService.OwnerType),
            ("InspectionId", InspectionService.OwnerType), ("FindingId", FindingService.OwnerType), ("PlanId", nameof(InspectionPlan)),
        ];

        // What names a row among its siblings, in order of preference.
        private static readonly string[] Naming = ["Action", "Title", "Name", "ShortName", "DisplayName", "Label", "ItemTitle", "Check", "Description", "Subject", "FileName", "Number"];

        /// <summary>
        /// Any other record: named by the record it belongs to (the case 文号 and the step, the return's period, branch and flag) and
        /// linked to that record's page, or by its own name (a catalog entry); null when it no longer exists.
        /// </summary>
        private async Task<RecordName?> RowAsync(string type, long id)
        {
            var entityType = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == type && !t.IsOwned());
            if (entityType?.FindPrimaryKey() is not { Properties.Count: 1 } key) return null;
            var keyType = Nullable.GetUnderlyingType(key.Properties[0].ClrType) ?? key.Properties[0].ClrType;
            if (keyType != typeof(long) && keyType != typeof(int)) return null;
            var row = await db.FindAsync(entityType.ClrType, [Convert.ChangeType(id, keyType, CultureInfo.InvariantCulture)], ct);
            if (row is null) return null;
            db.Entry(row).State = EntityState.Detached;
            string? Text(string property) => entityType.ClrType.GetProperty(property)?.GetValue(row) is { } v && v.ToString() is { Length: > 0 } t ? t : null;
            // A flag, or the carrier's explanation of one, by the check's name in the catalog (never its code), else its own words.
            var own = type == nameof(SubmissionFlag) && Text(nameof(SubmissionFlag.Code)) is { } code
                ? (FlagName?.Invoke(code) is { } flag ? await flag : null) ?? Text(nameof(SubmissionFlag.Message))
                : type == nameof(PlausibilityExplanation) && Text(nameof(PlausibilityExplanation.Check)) is { } check
                    ? (FlagName?.Invoke(check) is { } named ? await named : null)
                      ?? $"{Text(nameof(PlausibilityExplanation.Figure))}（{PlausibilityCheck.KindLabel(Text(nameof(PlausibilityExplanation.Kind)) ?? "")}）"
                    : Naming.Select(Text).FirstOrDefault(t => t is not null);
            if (own is { Length: > 60 }) own = own[..60] + "…";
            var label = own is null ? TypeLabel(type) : $"{TypeLabel(type)}“{own}”";
            foreach (var (property, owner) in Parents)
                if (entityType.ClrType.GetProperty(property)?.GetValue(row) is { } parentKey && long.TryParse(parentKey.ToString(), out var parentId) && parentId > 0
                    && await FindAsync(owner, parentId) is { } parent)
                    return new($"{parent.Text}：{label}", parent.Link);
            // A row with no name of its own nor a record it belongs to (a session, a sequence): its kind, never its key.
            return new(own ?? TypeLabel(type), null);
        }

        /// <summary>A flag's name in its template's catalog (set by the reading, which loads the catalog once).</summary>
        public Func<string, Task<string?>>? FlagName { get; init; }
    }

    /// <summary>A reporting period as the pages write it (2026年11月, 2026年第三季度, 2026年度).</summary>
    private static string PeriodLabel(string period)
    {
        foreach (var frequency in new[] { Frequency.Monthly, Frequency.Quarterly, Frequency.Annual })
            if (ReportingPeriod.TryParse(period, frequency, out var p)) return p.Label;
        return period;
    }

    private static readonly HashSet<string> People =
    [
        "CreatedBy", "UpdatedBy", "IssuedBy", "UploadedBy", "SubmittedBy", "ReviewedBy", "VerifiedBy", "CompletedBy", "DecidedBy", "FiledBy",
        "CollectedBy", "RecordedBy", "ApprovedBy", "RequestedBy", "PublishedBy", "WithdrawnBy", "RepairedBy", "NotPublishedBy", "RevokedBy",
        "DrawnBy", "StoredBy", "AcknowledgedBy", "EndedBy", "By", "Actor", "InspectorUserName", "UserName",
    ];

    private static readonly HashSet<string> Money = ["Amount", "FineMin", "FineMax", "HearingThreshold", "LegalReviewThreshold", "FineAmount"];

    // Keys, hashes, serialized snapshots and stamps: bookkeeping that says nothing a reader can use (the raw entry keeps them).
    private static readonly HashSet<string> Bookkeeping =
    [
        "Id", "ConcurrencyToken", "ConcurrencyStamp", "SecurityStamp", "Hash", "PreviousHash", "Sha256", "NameHash", "InputDigest", "DataJson",
        "DefinitionJson", "ResultJson", "EntityRosterJson", "InspectorRosterJson", "RecusalsJson", "Xml", "Bytes", "IdempotencyKey", "DedupKey",
        "NormalizedEmail", "NormalizedUserName", "AccessFailedCount", "LockoutEnabled", "CandidatesJson",
    ];

    private static readonly Dictionary<string, string> Types = new()
    {
        ["AppUser"] = "用户", ["ApiKey"] = "接口密钥", ["RolePolicy"] = "角色安全策略", ["UserSession"] = "登录会话",
        ["StoredFile"] = "文件", ["FileContent"] = "文件内容", ["IssuedDocument"] = "文书", ["DocumentSequence"] = "文号序列",
        ["Province"] = "省级管理局", ["ProvinceFont"] = "公文字体", ["City"] = "地市", ["Carrier"] = "电信企业", ["Branch"] = "企业分支机构", ["SealImage"] = "印章",
        ["LegalBasis"] = "法律依据", ["ChecklistItem"] = "检查项目", ["HolidayYear"] = "节假日年度", ["CalendarDay"] = "节假日安排",
        ["PublicationCategory"] = "公示类别", ["NoPenaltyGround"] = "不予处罚情形", ["ReturnTemplate"] = "报表模板",
        ["Submission"] = "报表", ["PlausibilityExplanation"] = "异常数据说明", ["SubmissionFlag"] = "报表关注事项", ["SubmissionAttempt"] = "上传记录", ["SubmissionComment"] = "报表往来意见",
        ["InspectionPlan"] = "检查计划", ["InspectionDraw"] = "双随机抽取", ["Inspection"] = "现场检查", ["InspectionInspector"] = "检查人员安排",
        ["InspectionItemResult"] = "检查项结果", ["InspectionItemAmendment"] = "检查项更正", ["InspectorRecusal"] = "回避登记",
        ["Finding"] = "检查发现", ["CorrectiveOrder"] = "整改通知", ["RectificationReply"] = "整改报告", ["ExtensionRequest"] = "延期申请",
        ["InternalNote"] = "内部备注", ["EvidenceFile"] = "证据文件",
        ["EnforcementCase"] = "执法案件", ["CaseStep"] = "案件步骤", ["CaseSanction"] = "处罚内容", ["CaseInvestigator"] = "承办人员",
        ["CaseEvidence"] = "案件证据", ["CaseStatement"] = "陈述申辩", ["CaseServiceRecord"] = "文书送达", ["CasePayment"] = "罚款缴纳", ["CaseApproval"] = "案件审批",
        ["CaseLegalReview"] = "法制审核", ["CaseDiscussion"] = "集体讨论", ["EnforcementSettings"] = "执法参数",
        ["ApprovalRequest"] = "审批事项", ["CaseRemedy"] = "复议或诉讼", ["DrawReplacement"] = "更换检查人员", ["DrawRiskFactor"] = "抽查风险权重",
        ["ServiceAddressConfirmation"] = "送达地址确认书", ["ElectronicService"] = "电子送达记录",
        ["Announcement"] = "公示", ["RankingIndicator"] = "排名指标", ["IndicatorValue"] = "指标数据", ["ProvinceIndicatorValue"] = "省级指标数据",
        ["Notification"] = "通知", ["NotificationPreference"] = "通知接收方式", ["MessageKind"] = "消息类别", ["FailedSignIn"] = "登录失败记录", ["InspectionAmendment"] = "检查记录更正",
        ["LogSystemRow"] = "报表数据（日志留存）", ["OutletRow"] = "报表数据（网点明细）", ["RnSummaryRow"] = "报表数据（汇总）", ["SelfCheckRow"] = "报表数据（自查结果）",
        // Owners named by the rows that belong to them, not entity types of their own.
        ["InspectionItem"] = "检查项",
    };

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["HearingThresholdSource"] = "听证金额标准的依据", ["DecisionExtensionSource"] = "决定期限延长上限的依据", ["AppliedLawNote"] = "适用的法律版本",
        ["Supersedes"] = "所取代的旧版本", ["Guidance"] = "具体要求所在文件", ["EnforcementCertificate"] = "行政执法证号",
        ["AgentNoticeServedOn"] = "告知送达日期", ["AgentNoticeMethod"] = "告知送达方式", ["AgentNoticeText"] = "告知内容", ["AgentStatementDeadline"] = "陈述申辩期限",
        ["AgentStatementOn"] = "收到陈述申辩日期", ["AgentStatement"] = "陈述申辩", ["AgentStatementFounded"] = "陈述申辩是否成立", ["AgentStatementReview"] = "复核意见",
        ["AgentStatementReviewedOn"] = "复核日期",
        ["AcknowledgedAt"] = "签收时间", ["AcknowledgedBy"] = "签收人", ["ActEndedOn"] = "违法行为终了日", ["Action"] = "操作", ["Actor"] = "操作人",
        ["Address"] = "地址", ["AgentListEnabled"] = "启用代理商名单公示", ["AgentListLegalBasisId"] = "代理商名单公示依据", ["AllowedSanctions"] = "可选处罚种类",
        ["Amount"] = "金额", ["ApprovedBy"] = "批准人", ["ApprovedDeadline"] = "批准的期限", ["ApprovedOn"] = "批准日期", ["At"] = "时间", ["BackEntered"] = "补录", ["LegalDate"] = "法定日期",
        ["AttachmentFileId"] = "附件", ["Authority"] = "作出机关", ["AuthorityName"] = "机关名称", ["Body"] = "正文", ["BranchId"] = "企业",
        ["By"] = "操作人", ["CancelReason"] = "取消原因", ["CarrierCode"] = "企业编码", ["CarrierId"] = "电信企业", ["CaseNumber"] = "立案编号",
        ["Category"] = "类别", ["CategoryName"] = "公示类别", ["Channel"] = "渠道", ["CityCode"] = "地市编码", ["CityId"] = "地市", ["ClosedOn"] = "结案日期",
        ["Code"] = "编码", ["CollectedBy"] = "收集人", ["CollectedOn"] = "收集日期", ["Column"] = "列", ["CompletedAt"] = "完成时间", ["CompletedBy"] = "完成人",
        ["Conclusion"] = "结论", ["ContentType"] = "文件类型", ["CorrectionDeadline"] = "改正期限", ["CreatedAt"] = "创建时间", ["CreatedBy"] = "创建人",
        ["CreditCode"] = "统一社会信用代码", ["CurrentDeadline"] = "现行期限", ["Date"] = "日期", ["Deadline"] = "整改期限", ["DeadlineDate"] = "指定期限",
        ["DeadlineMode"] = "期限计算方式", ["DeadlineWorkingDays"] = "期限（工作日）", ["DecidedAt"] = "决定时间", ["DecidedBy"] = "决定人", ["DecidedOn"] = "决定日期",
        ["Decision"] = "处理决定", ["DecisionDate"] = "决定日期", ["DecisionDays"] = "决定期限（日）", ["DecisionDueDate"] = "决定期限",
        ["DecisionNote"] = "决定说明", ["DecisionNumber"] = "处罚决定书文号", ["DecisionReason"] = "决定理由", ["Description"] = "说明", ["Detail"] = "详情",
        ["DiscoveredOn"] = "发现日期", ["DisplayName"] = "姓名/显示名", ["DocPrefix"] = "发文字号前缀", ["DocumentNumber"] = "文号", ["DrawOrder"] = "抽取顺序",
        ["DrawnAt"] = "抽取时间", ["DrawnBy"] = "抽取人", ["DrawnCount"] = "抽取数量", ["DueBy"] = "应发布日期", ["DueDate"] = "截止日期", ["Duty"] = "义务内容",
        ["DutyArticle"] = "义务条款", ["EarliestRecord"] = "最早可查记录", ["EffectiveFrom"] = "生效日期", ["EffectiveTo"] = "失效日期",
        ["ElectronicServiceChannel"] = "电子送达方式", ["Email"] = "电子邮箱", ["EmailConfirmed"] = "邮箱已确认", ["EndedAt"] = "终结时间", ["EndedBy"] = "终结人",
        ["EntityKey"] = "对象编码", ["EntityName"] = "检查对象", ["EntityType"] = "对象类型", ["ErrorCount"] = "错误数", ["EscalatedAt"] = "移交时间",
        ["EscalationReason"] = "移交理由", ["Evidence"] = "证据", ["ExecutedOn"] = "执行日期", ["ExecutionNote"] = "执行情况", ["ExitReason"] = "退出原因",
        ["Expected"] = "应报数", ["ExpiresAt"] = "到期时间", ["Facts"] = "违法事实", ["FileId"] = "文件", ["FileName"] = "文件名", ["FiledBy"] = "立案人",
        ["FiledOn"] = "立案日期", ["FindingId"] = "检查发现", ["FineMax"] = "罚款上限", ["FineMin"] = "罚款下限", ["FineNeedsLegalReview"] = "罚款须法制审核",
        ["FineOnlyIfNotCorrected"] = "拒不改正方可罚款", ["FlagCount"] = "关注事项数", ["FoundOn"] = "发现日期", ["Frequency"] = "报送频次",
        ["FriendlyName"] = "名称", ["HearingChairName"] = "听证主持人", ["HearingChairUserId"] = "听证主持人", ["HearingClerk"] = "听证记录员",
        ["HearingDate"] = "听证日期", ["HearingHeldOn"] = "听证举行日期", ["HearingMembers"] = "听证员", ["HearingNoticeServedOn"] = "听证通知送达日期",
        ["HearingNoticeWorkingDays"] = "听证通知提前（工作日）", ["HearingOffered"] = "告知听证权利", ["HearingPlace"] = "听证地点", ["HearingRecord"] = "听证笔录",
        ["HearingRequestDeadline"] = "听证申请期限", ["HearingRequestWorkingDays"] = "听证申请期限（工作日）", ["HearingRequestedOn"] = "申请听证日期",
        ["HearingThreshold"] = "听证金额标准", ["HeldOn"] = "举行日期", ["HostCarriers"] = "承载企业", ["InspectedOn"] = "检查日期", ["InspectionId"] = "现场检查",
        ["InspectorUserId"] = "检查人员", ["InspectorUserName"] = "检查人员", ["InspectorsPerInspection"] = "每次检查人数", ["IsActive"] = "启用",
        ["IsComplex"] = "情节复杂", ["IsMajor"] = "重大违法行为", ["IsWaiver"] = "书面放弃", ["IssuedAt"] = "下达时间", ["IssuedBy"] = "下达人", ["IssuedOn"] = "下达日期",
        ["ItemCode"] = "检查项编码", ["ItemTitle"] = "检查项", ["Kind"] = "种类", ["LastUsedAt"] = "最近使用时间", ["Late"] = "逾期",
        ["LegalBasis"] = "法律依据", ["LegalBasisId"] = "法律依据", ["LegalRepresentative"] = "法定代表人", ["ComplianceContact"] = "合规联系人", ["ComplianceEmail"] = "合规联系人邮箱", ["ComplianceMobile"] = "合规联系人手机", ["KindCode"] = "消息类别", ["LegalReviewThreshold"] = "法制审核金额标准",
        ["LegalReviewer"] = "法制审核人员", ["Level"] = "层级", ["LimitationYears"] = "追责时效（年）", ["Link"] = "链接", ["LockedUntil"] = "锁定至",
        ["LockoutEnd"] = "锁定至", ["LogType"] = "日志类型", ["ManualEntries"] = "人工录入数", ["MandatorySanctions"] = "必须并处的处罚", ["MaskIndividualNames"] = "隐去个人姓名",
        ["MaxDecisionExtensionDays"] = "决定期限最多延长（日）", ["MaxMonths"] = "最长月数", ["Message"] = "说明", ["MinMonths"] = "最短月数", ["Name"] = "名称",
        ["Narrative"] = "情况说明", ["NewDate"] = "新期限", ["Normalization"] = "计分方式", ["NotPublishedBy"] = "决定不予公示人", ["NotPublishedOn"] = "不予公示日期",
        ["NotPublishedReason"] = "不予公示理由", ["Note"] = "备注", ["Notes"] = "备注", ["NotesAfter"] = "更正后备注", ["NotesBefore"] = "更正前备注",
        ["NoticeNumber"] = "整改通知书文号", ["Number"] = "文号", ["Opinion"] = "意见", ["OpinionNumber"] = "复查意见书文号", ["OriginalDeadline"] = "原整改期限",
        ["Outcome"] = "结果", ["OutcomeAfter"] = "更正后结果", ["OutcomeBefore"] = "更正前结果", ["OutletCode"] = "网点编码", ["OutletName"] = "网点名称",
        ["OverdueSince"] = "逾期起始日", ["OwnerId"] = "所属记录", ["OwnerType"] = "所属记录类型", ["PaidOn"] = "缴款日期", ["Parameter"] = "参数",
        ["ParentBranchId"] = "上级机构", ["Participants"] = "参加人员", ["PartyName"] = "当事人", ["PartyType"] = "当事人类型", ["Pass"] = "及格线",
        ["PasswordHash"] = "密码", ["PaymentDays"] = "缴款期限（日）", ["PaymentDueDate"] = "缴款期限", ["PaymentInstructions"] = "缴款方式", ["PenaltyArticle"] = "罚则条款",
        ["PenaltyContent"] = "处罚内容", ["PenaltyTypes"] = "处罚种类", ["Period"] = "报送期间", ["PeriodEnd"] = "期间结束", ["PeriodMonths"] = "公示期（月）",
        ["PeriodStart"] = "期间开始", ["PhoneNumber"] = "手机号码", ["PhoneNumberConfirmed"] = "电话已确认", ["Place"] = "地点", ["PlanId"] = "检查计划",
        ["Prefix"] = "前缀", ["PriorNoticeServedOn"] = "事先告知书送达日期", ["Proposal"] = "处理建议", ["ProvinceId"] = "省份", ["PublicUntil"] = "公示截止日期",
        ["PublicationMonths"] = "公示期（月）", ["PublicationOrdered"] = "决定公示", ["PublicationWorkingDays"] = "公示期限（工作日）", ["PublishedAt"] = "发布时间",
        ["PublishedBy"] = "发布人", ["PublishedOn"] = "发布日期", ["ReadAt"] = "阅读时间", ["ReaderVerified"] = "读卡器核验", ["Reason"] = "理由", ["ReceiptNo"] = "回执号",
        ["RecordNumber"] = "检查记录编号", ["RecordedAt"] = "登记时间", ["RecordedBy"] = "登记人", ["Reference"] = "缴款凭证号", ["Registered"] = "已实名用户数",
        ["ReinspectedOn"] = "复查日期", ["Remedy"] = "救济途径", ["RepairReason"] = "信用修复理由", ["RepairableFrom"] = "可申请信用修复日期", ["RepairedBy"] = "修复人",
        ["RepairedOn"] = "信用修复日期", ["RepliedAt"] = "提交整改报告时间", ["RepliedLate"] = "逾期提交整改报告", ["Reporting"] = "已报数", ["Representative"] = "企业代表",
        ["RepresentativeTitle"] = "企业代表职务", ["RequestedAt"] = "申请时间", ["RequestedBy"] = "申请人", ["RequestedDeadline"] = "申请的期限", ["RequireTwoFactor"] = "要求双因素认证",
        ["Required"] = "必填", ["Requirement"] = "整改要求", ["ResponsibleUserId"] = "负责人", ["Result"] = "结果", ["RetentionDays"] = "保留天数", ["ReviewBody"] = "审核意见",
        ["ReviewConclusion"] = "调查结论", ["ReviewNote"] = "审核意见", ["ReviewedAt"] = "审核时间", ["ReviewedBy"] = "审核人", ["ReviewedOn"] = "审核日期",
        ["ReviewerId"] = "审核人", ["ReviewerName"] = "审核人", ["RevokedAt"] = "吊销时间", ["RevokedBy"] = "吊销人", ["Role"] = "角色", ["RosterSize"] = "名录数量",
        ["Round"] = "轮次", ["Row"] = "行", ["RowCount"] = "行数", ["RowNumber"] = "行号", ["SampleCheckPassed"] = "抽查成功", ["SamplingRatio"] = "抽取比例", ["Scale"] = "倍数",
        ["Schedule"] = "安排", ["ScheduledOn"] = "计划检查日期", ["Scope"] = "范围", ["ScopeCodes"] = "范围", ["SealFileId"] = "印章", ["Seed"] = "随机种子",
        ["SeedSource"] = "随机种子来源", ["ServedOn"] = "送达日期", ["ServiceAddress"] = "送达地址", ["ServiceAddressConfirmedOn"] = "送达地址确认日期",
        ["ServiceDueDate"] = "送达期限", ["ServiceLate"] = "逾期送达", ["ServiceMethod"] = "送达方式", ["ServiceWorkingDays"] = "送达期限（工作日）", ["Severity"] = "严重程度",
        ["Sheet"] = "工作表", ["ShortName"] = "简称", ["SignificanceReason"] = "认定理由", ["SortOrder"] = "排序", ["Source"] = "来源", ["SourceChangeReason"] = "变更或撤销情况",
        ["SourceChangedOn"] = "变更或撤销日期", ["SourceText"] = "来源说明", ["SourceType"] = "来源类型", ["State"] = "状态", ["StatementDeadline"] = "陈述申辩期限",
        ["StatementWaived"] = "放弃陈述申辩", ["StatementWorkingDays"] = "陈述申辩期限（工作日）", ["Status"] = "状态", ["Statute"] = "法规名称",
        ["StorageLocation"] = "存放位置", ["StoredAt"] = "保存时间", ["StoredBy"] = "保存人", ["SubmissionId"] = "报表", ["SubmittedAt"] = "报送时间", ["SubmittedBy"] = "报送人",
        ["Subscribers"] = "用户总数", ["Summary"] = "检查情况", ["Superseded"] = "已被替代", ["SurchargeRatePerDay"] = "加处罚款日比例", ["SystemName"] = "系统名称",
        ["Target"] = "目标值", ["TemplateCode"] = "报表", ["TemplateId"] = "报表模板", ["Text"] = "内容", ["Title"] = "标题", ["TransferredTo"] = "移送机关",
        ["TwoFactorEnabled"] = "双因素认证", ["Unit"] = "单位", ["UploadedAt"] = "上传时间", ["UploadedBy"] = "上传人", ["UserId"] = "用户", ["UserName"] = "用户",
        ["Value"] = "数值", ["VerificationOpinion"] = "复查意见", ["Verified"] = "已核对", ["VerifiedBy"] = "核对人", ["VerifiedOn"] = "核对日期", ["Version"] = "版本",
        ["ViolationDate"] = "违法行为发生日", ["VisibleToParty"] = "已向企业送达", ["VoidReason"] = "作废理由", ["VoidedAt"] = "作废时间", ["WarnDaysBefore"] = "提前提醒天数",
        ["Weight"] = "权重", ["WithdrawReason"] = "撤回理由", ["WithdrawalDueBy"] = "应撤回日期", ["WithdrawalWorkingDays"] = "撤回期限（工作日）", ["WithdrawnAt"] = "撤回时间",
        ["WithdrawnBy"] = "撤回人", ["WithdrawnOn"] = "撤回日期", ["Witnesses"] = "见证人", ["Year"] = "年度", ["Zero"] = "零分线", ["ip"] = "登录地址", ["note"] = "说明",
        ["HearingNoticeServiceMethod"] = "听证通知书送达方式", ["HearingTime"] = "听证开始时间", ["HearingNoticeSentOn"] = "听证通知书电子发送日期",
        ["HearingNoticeLate"] = "听证通知送达不足七日", ["PriorNoticeSentOn"] = "事先告知书电子发送日期", ["Method"] = "送达方式", ["RecipientName"] = "签收人",
        ["RecipientPost"] = "签收人职务", ["Servers"] = "送达人", ["PostedOn"] = "交邮日期", ["TrackingNumber"] = "邮件号", ["SentOn"] = "发送日期",
        ["OpenedAt"] = "首次查阅时间", ["OpenedBy"] = "查阅人", ["Record"] = "送达情况", ["Document"] = "送达文书", ["ServiceRecord"] = "送达情况", ["ReviewPeriodEnds"] = "行政复议申请期限", ["SuitPeriodEnds"] = "起诉期限",
        ["EnforcementWindowCloses"] = "申请强制执行期限", ["NoPenaltyGroundCode"] = "不予处罚情形编码", ["NoPenaltyGround"] = "不予处罚情形",
        ["NoPenaltyArticle"] = "不予处罚依据条款", ["NoPenaltyActEstablished"] = "违法事实成立", ["NoPenaltyNumber"] = "不予行政处罚决定书文号",
        ["AggravatingFacts"] = "情节严重或危害后果的事实", ["ExtendedLimitationFacts"] = "适用五年追责期限的事实", ["ExtendedLimitationYears"] = "延长的追责时效（年）",
        ["Condition"] = "适用条件", ["Rank"] = "效力层级", ["Discretionary"] = "可以不予处罚", ["ActEstablished"] = "违法事实成立", ["Article"] = "条款",
        ["Direction"] = "方向", ["Aggregate"] = "汇总方式", ["Length"] = "大小", ["Numerator"] = "分子", ["Denominator"] = "分母",
    };
}

internal static class JsonElementCounts
{
    public static int GetArrayLengthOrCount(this JsonElement e) => e.ValueKind == JsonValueKind.Array ? e.GetArrayLength() : e.EnumerateObject().Count();
}
