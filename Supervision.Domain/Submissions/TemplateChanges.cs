using System.Globalization;
using System.Text;

namespace Supervision.Domain.Submissions;

/// <summary>
/// How one version of a template differs from another, in sentences an administrator reads (the audit trail shows them),
/// and how a column's new name is carried into the texts that call it by its old one.
/// </summary>
public static class TemplateChanges
{
    /// <summary>
    /// The changes from <paramref name="before"/> to <paramref name="after"/> that a file filled in on the old version fails:
    /// a sheet or column removed, a sheet renamed, a column made required or of another type, a new required column, tighter
    /// bounds. Empty when old files still pass (new optional columns, renamed headers, wider bounds, new flags).
    /// </summary>
    public static IReadOnlyList<string> Breaking(TemplateDefinition before, TemplateDefinition after)
    {
        var breaking = new List<string>();
        foreach (var old in before.Sheets)
        {
            var sheet = after.Sheets.FirstOrDefault(s => s.Name == old.Name)
                        ?? after.Sheets.FirstOrDefault(s => s.Target == old.Target && !before.Sheets.Any(b => b.Name == s.Name));
            if (sheet is null) { breaking.Add($"删除了工作表“{old.Name}”"); continue; }
            if (sheet.Name != old.Name) breaking.Add($"工作表“{old.Name}”改名为“{sheet.Name}”，旧文件中的工作表名对不上");
            foreach (var column in old.Columns)
            {
                var now = sheet.Columns.FirstOrDefault(c => c.Field == column.Field);
                if (now is null) { breaking.Add($"删除了“{sheet.Name}”的列“{column.Header}”"); continue; }
                if (now.Type != column.Type) breaking.Add($"“{sheet.Name}”的列“{now.Header}”改为{TemplateNames.Of(now.Type)}");
                if (now.Required && !column.Required) breaking.Add($"“{sheet.Name}”的列“{now.Header}”改为必填");
                if (now.Min is { } min && (column.Min is null || min > column.Min)) breaking.Add($"“{sheet.Name}”的列“{now.Header}”最小值提高到{min}");
                if (now.Max is { } max && (column.Max is null || max < column.Max)) breaking.Add($"“{sheet.Name}”的列“{now.Header}”最大值降低到{max}");
                if (now.MaxLength < column.MaxLength) breaking.Add($"“{sheet.Name}”的列“{now.Header}”最长字数减少到{now.MaxLength}");
            }
            foreach (var added in sheet.Columns.Where(c => c.Required && old.Columns.All(o => o.Field != c.Field)))
                breaking.Add($"“{sheet.Name}”新增必填列“{added.Header}”");
        }
        return breaking;
    }

    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>: basics, lists, sheets, columns (matched by
    /// their storage field, so a rename reads as one), rules and flags (matched by code) with their thresholds.
    /// </summary>
    public static IReadOnlyList<string> Between(TemplateDefinition before, TemplateDefinition after)
    {
        var changes = new List<string>();
        void Compare<T>(string what, T a, T b, Func<T, string> show)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b)) changes.Add($"{what}：{show(a)} → {show(b)}");
        }
        Compare("名称", before.Name, after.Name, x => x);
        Compare("报送频率", before.Frequency, after.Frequency, TemplateNames.Of);
        Compare("截止日", before.DueDay, after.DueDay, x => $"{x}日");
        Compare("截止月份", before.DueMonthsAfter, after.DueMonthsAfter, x => $"期间结束后第{x}个月");
        Compare("须上传签章PDF", before.RequiresPdf, after.RequiresPdf, x => x ? "是" : "否");
        if (!before.AppliesTo.Levels.Order().SequenceEqual(after.AppliesTo.Levels.Order()) || !before.AppliesTo.CarrierKinds.Order().SequenceEqual(after.AppliesTo.CarrierKinds.Order()))
            changes.Add("报送单位范围已修改");
        if (!before.Instructions.SequenceEqual(after.Instructions)) changes.Add($"填报要求已修改（{before.Instructions.Count}条 → {after.Instructions.Count}条）");

        foreach (var name in after.Lists.Keys.Except(before.Lists.Keys)) changes.Add($"新增下拉列表「{after.ListLabel(name)}」");
        foreach (var name in before.Lists.Keys.Except(after.Lists.Keys)) changes.Add($"删除下拉列表「{before.ListLabel(name)}」");
        foreach (var name in after.Lists.Keys.Intersect(before.Lists.Keys).Where(n => !before.Lists[n].SequenceEqual(after.Lists[n])))
            changes.Add($"下拉列表「{after.ListLabel(name)}」的选项已修改（{before.Lists[name].Count}项 → {after.Lists[name].Count}项）");

        foreach (var sheet in after.Sheets.Where(s => before.Sheets.All(b => b.Name != s.Name))) changes.Add($"新增工作表「{sheet.Name}」（{sheet.Columns.Count}列）");
        foreach (var sheet in before.Sheets.Where(s => after.Sheets.All(a => a.Name != s.Name))) changes.Add($"删除工作表「{sheet.Name}」");
        foreach (var sheet in after.Sheets)
            if (before.Sheets.FirstOrDefault(b => b.Name == sheet.Name) is { } old)
                Columns(old, sheet, changes);

        foreach (var rule in after.Rules.Where(r => before.Rules.All(b => b.Code != r.Code))) changes.Add($"新增{Rule(rule)}");
        foreach (var rule in before.Rules.Where(r => after.Rules.All(a => a.Code != r.Code))) changes.Add($"删除{Rule(rule)}");
        foreach (var rule in after.Rules)
        {
            if (before.Rules.FirstOrDefault(b => b.Code == rule.Code) is not { } old || Same(old, rule)) continue;
            var parts = new List<string>();
            if (old.Threshold != rule.Threshold) parts.Add($"阈值 {Number(old.Threshold)} → {Number(rule.Threshold)}");
            if (old.Floor != rule.Floor) parts.Add($"下限 {Number(old.Floor)} → {Number(rule.Floor)}");
            if (old.Months != rule.Months) parts.Add($"留存月数 {old.Months?.ToString(CultureInfo.InvariantCulture) ?? "—"} → {rule.Months?.ToString(CultureInfo.InvariantCulture) ?? "—"}");
            if (old.Message != rule.Message) parts.Add($"提示文字改为“{rule.Message}”");
            if (old.Name != rule.Name) parts.Add($"名称改为「{rule.Name}」");
            if (parts.Count == 0) parts.Add("所比较的列或条件已修改");
            changes.Add($"{Rule(old)}：{string.Join("，", parts)}");
        }
        return changes;
    }

    private static string WebEntry(SheetDefinition sheet) => sheet.WebEntry ? $"最多{sheet.WebEntryLimit}行" : "只能上传文件";

    private static void Columns(SheetDefinition before, SheetDefinition after, List<string> changes)
    {
        var where = $"工作表「{after.Name}」";
        if (before.WebEntryLimit != after.WebEntryLimit)
            changes.Add($"{where}网页填报：{WebEntry(before)} → {WebEntry(after)}");
        foreach (var c in after.Columns.Where(c => before.Columns.All(b => b.Field != c.Field))) changes.Add($"{where}新增列「{c.Header}」（{TemplateNames.Of(c.Type)}）");
        foreach (var c in before.Columns.Where(c => after.Columns.All(a => a.Field != c.Field))) changes.Add($"{where}删除列「{c.Header}」");
        foreach (var c in after.Columns)
        {
            if (before.Columns.FirstOrDefault(b => b.Field == c.Field) is not { } old || old == c) continue;
            if (old.Header != c.Header) changes.Add($"{where}列「{old.Header}」改名为「{c.Header}」");
            var parts = new List<string>();
            if (old.Type != c.Type) parts.Add($"类型 {TemplateNames.Of(old.Type)} → {TemplateNames.Of(c.Type)}");
            if (old.Required != c.Required) parts.Add(c.Required ? "改为必填" : "改为选填");
            if (old.Min != c.Min || old.Max != c.Max) parts.Add($"取值范围 {Range(old)} → {Range(c)}");
            if (old.Unit != c.Unit) parts.Add($"单位 {old.Unit ?? "—"} → {c.Unit ?? "—"}");
            if (old.List != c.List) parts.Add("下拉列表已更换");
            if (old.MaxLength != c.MaxLength && c.Type == FieldType.Text) parts.Add($"最大长度 {old.MaxLength} → {c.MaxLength}");
            if (parts.Count > 0) changes.Add($"{where}列「{c.Header}」：{string.Join("，", parts)}");
        }
        var order = after.Columns.Select(c => c.Field).Where(f => before.Columns.Any(b => b.Field == f)).ToList();
        if (!order.SequenceEqual(before.Columns.Select(c => c.Field).Where(f => order.Contains(f)))) changes.Add($"{where}列的顺序已调整");
    }

    private static bool Same(RuleDefinition a, RuleDefinition b) =>
        System.Text.Json.JsonSerializer.Serialize(a, TemplateDefinition.Json) == System.Text.Json.JsonSerializer.Serialize(b, TemplateDefinition.Json);

    private static string Rule(RuleDefinition r) => r.IsFlag ? $"关注事项「{r.Name ?? r.Code}」" : $"校验规则「{r.Message}」";

    private static string Range(ColumnDefinition c) => c.Min is null && c.Max is null ? "不限" : $"{c.Min?.ToString(CultureInfo.InvariantCulture) ?? "0"}～{c.Max?.ToString(CultureInfo.InvariantCulture) ?? "不限"}";

    private static string Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>
    /// <paramref name="text"/> with each mention of a column's old name replaced by its new one — except where the old name
    /// is only part of another column's longer name (renaming 用户数 leaves 在网用户数 alone).
    /// </summary>
    public static string CarryRename(string text, string oldHeader, string newHeader, IEnumerable<string> otherHeaders)
    {
        if (oldHeader.Length == 0 || oldHeader == newHeader || !text.Contains(oldHeader, StringComparison.Ordinal)) return text;
        var longer = otherHeaders.Where(h => h.Length > oldHeader.Length && h.Contains(oldHeader, StringComparison.Ordinal)).ToList();
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var kept = longer.Where(h => string.CompareOrdinal(text, i, h, 0, h.Length) == 0).Select(h => h.Length).DefaultIfEmpty(0).Max();
            if (kept > 0)
            {
                result.Append(text, i, kept);
                i += kept;
            }
            else if (string.CompareOrdinal(text, i, oldHeader, 0, oldHeader.Length) == 0)
            {
                result.Append(newHeader);
                i += oldHeader.Length;
            }
            else result.Append(text[i++]);
        }
        return result.ToString();
    }

    /// <summary>
    /// The definition with a column of a sheet renamed, and its old name carried into the sheet's rule messages, the
    /// sheet's column hints and the template's instructions (the 填报说明 page and every message then use the new name).
    /// </summary>
    public static TemplateDefinition RenameColumn(TemplateDefinition t, string sheetName, string field, string newHeader)
    {
        var sheet = t.Sheet(sheetName);
        var oldHeader = sheet.Columns.First(c => c.Field == field).Header;
        var others = t.Sheets.SelectMany(x => x.Columns.Where(c => !(x.Name == sheetName && c.Field == field))).Select(c => c.Header).ToList();
        string Carry(string text) => CarryRename(text, oldHeader, newHeader, others);
        return t with
        {
            Instructions = t.Instructions.Select(Carry).ToList(),
            Sheets = t.Sheets.Select(x => x.Name != sheetName ? x : x with
            {
                Columns = x.Columns.Select(c => c.Field == field ? c with { Header = newHeader } : c with { Hint = c.Hint is null ? null : Carry(c.Hint) }).ToList(),
            }).ToList(),
            Rules = t.Rules.Select(r => OnSheet(r, sheetName) ? r with { Message = Carry(r.Message) } : r).ToList(),
        };
    }

    /// <summary>Whether a rule reads the sheet (for DetailTotals: its summary or its detail sheet).</summary>
    public static bool OnSheet(RuleDefinition r, string sheetName) => r.Sheet == sheetName || r.SummarySheet == sheetName || r.DetailSheet == sheetName;
}
