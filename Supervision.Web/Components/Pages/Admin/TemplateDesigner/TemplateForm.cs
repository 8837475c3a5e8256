using Supervision.Domain.Submissions;

namespace Supervision.Web.Components.Pages.Admin.TemplateDesigner;

/// <summary>
/// A template definition as the designer edits it: mutable, with rules pointing at sheet objects (so a renamed sheet
/// takes its rules along). <see cref="ToDefinition"/> gives back exactly what was edited; an untouched form gives back
/// the definition it came from.
/// </summary>
public sealed class TemplateForm
{
    public string Code { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public Frequency Frequency { get; set; }
    public int DueDay { get; set; } = 10;
    public int DueMonthsAfter { get; set; } = 1;
    public IReadOnlyCollection<string> Levels { get; set; } = [];
    public IReadOnlyCollection<string> CarrierKinds { get; set; } = [];
    /// <summary>填报要求, one per line.</summary>
    public string Instructions { get; set; } = "";
    public List<ListForm> Lists { get; } = [];
    public List<SheetForm> Sheets { get; } = [];
    public List<RuleForm> Rules { get; } = [];
    public List<CheckForm> Checks { get; } = [];
    public bool RequiresPdf { get; set; }

    public static TemplateForm From(TemplateDefinition d)
    {
        var form = new TemplateForm
        {
            Code = d.Code, Version = d.Version, Name = d.Name, Frequency = d.Frequency, DueDay = d.DueDay, DueMonthsAfter = d.DueMonthsAfter,
            Levels = d.AppliesTo.Levels.ToList(), CarrierKinds = d.AppliesTo.CarrierKinds.ToList(), Instructions = string.Join("\n", d.Instructions),
            RequiresPdf = d.RequiresPdf,
        };
        form.Lists.AddRange(d.Lists.Select(l => new ListForm { Name = l.Key, Label = d.ListLabel(l.Key), Values = string.Join("\n", l.Value) }));
        form.Sheets.AddRange(d.Sheets.Select(SheetForm.From));
        form.Rules.AddRange(d.Rules.Select(r => RuleForm.From(r, form.Sheets)));
        form.Checks.AddRange((d.Checks ?? []).Select(c => CheckForm.From(c, form.Sheets)));
        return form;
    }

    public TemplateDefinition ToDefinition() => new(
        Code.Trim(), Version, Name.Trim(), Frequency, DueDay, DueMonthsAfter,
        new Applicability(Levels.ToList(), CarrierKinds.ToList()),
        Lines(Instructions),
        Lists.ToDictionary(l => l.Name.Trim(), l => (IReadOnlyList<string>)Lines(l.Values)),
        Sheets.Select(s => s.ToDefinition()).ToList(),
        Rules.Select(r => r.ToDefinition()).ToList(),
        RequiresPdf,
        Lists.Where(l => !string.IsNullOrWhiteSpace(l.Label) && l.Label.Trim() != l.Name.Trim()).ToDictionary(l => l.Name.Trim(), l => l.Label.Trim()) is { Count: > 0 } labels ? labels : null,
        Checks.Count > 0 ? Checks.Select(c => c.ToDefinition()).ToList() : null);

    /// <summary>Removes a sheet and the rules on it (they could not stand without it); returns how many rules went.</summary>
    public int RemoveSheet(SheetForm sheet)
    {
        Sheets.Remove(sheet);
        Checks.RemoveAll(c => c.Sheet == sheet);
        return Rules.RemoveAll(r => r.Sheet == sheet || r.DetailSheet == sheet);
    }

    /// <summary>Every list a column may use: the template's own and the portal's catalog lists.</summary>
    public IEnumerable<string> ListNames => Lists.Select(l => l.Name).Concat(TemplateDefinition.CatalogLists).Where(n => n.Length > 0).Distinct();

    /// <summary>What people call a list (its label as the form stands; a catalog list by its catalog name).</summary>
    public string ListLabel(string? name) =>
        Lists.FirstOrDefault(l => l.Name == name) is { } own ? (string.IsNullOrWhiteSpace(own.Label) ? own.Name : own.Label.Trim()) : TemplateDefinition.CatalogListLabel(name ?? "");

    /// <summary>
    /// Renames a column and carries the new name into the rules on its sheet, the sheet's column hints and the instructions
    /// (<see cref="TemplateChanges.CarryRename"/>): messages and the 填报说明 page then say what the column is now called.
    /// </summary>
    public void RenameColumn(SheetForm sheet, ColumnForm column, string header)
    {
        var old = column.Header;
        column.Header = header;
        var others = Sheets.SelectMany(s => s.Columns).Where(c => c != column).Select(c => c.Header).ToList();
        string Carry(string text) => TemplateChanges.CarryRename(text, old.Trim(), header.Trim(), others);
        Instructions = Carry(Instructions);
        foreach (var rule in Rules.Where(r => r.Sheet == sheet || r.DetailSheet == sheet)) rule.Message = Carry(rule.Message);
        foreach (var c in sheet.Columns.Where(c => c != column && c.Hint is not null)) c.Hint = Carry(c.Hint!);
    }

    /// <summary>The rules that read a column of a sheet (they would refer to nothing once it is removed).</summary>
    public IReadOnlyList<RuleForm> RulesUsing(SheetForm sheet, ColumnForm column) =>
        Rules.Where(r => (r.Sheet == sheet || r.DetailSheet == sheet) && r.ToDefinition() is var d && new[] { d.Left, d.Right, d.Total, d.Field, d.When, d.Numerator, d.Denominator }
            .Concat(d.Terms ?? []).Concat(d.Fields ?? []).Concat(d.Keys ?? []).Contains(column.Field)).ToList();

    public static void Move<T>(List<T> items, T item, int by)
    {
        var i = items.IndexOf(item);
        var j = i + by;
        if (i < 0 || j < 0 || j >= items.Count) return;
        (items[i], items[j]) = (items[j], items[i]);
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r').Trim()).Where(l => l.Length > 0).ToList();

    internal static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static IReadOnlyList<string>? Optional(IEnumerable<string>? items) => items?.ToList() is { Count: > 0 } list ? list : null;
}

/// <summary>A dropdown list: its name and one option per line.</summary>
public sealed class ListForm
{
    public string Name { get; set; } = "";
    /// <summary>What people call the list (渠道类型); empty or the same as the name: no label of its own.</summary>
    public string Label { get; set; } = "";
    public string Values { get; set; } = "";
}

public sealed class SheetForm
{
    public string Name { get; set; } = "";
    public RowTarget Target { get; set; }
    public List<ColumnForm> Columns { get; } = [];
    public int HeaderRow { get; set; } = 3;
    public string? PeriodCell { get; set; } = "D2";
    public string? BranchCell { get; set; } = "B2";
    public string? Prefill { get; set; }
    /// <summary>How many rows the browser form (在线填报) takes; 0 keeps the sheet to files, empty the default.</summary>
    public int? WebEntryRows { get; set; }

    public static SheetForm From(SheetDefinition s)
    {
        var form = new SheetForm { Name = s.Name, Target = s.Target, HeaderRow = s.HeaderRow, PeriodCell = s.PeriodCell, BranchCell = s.BranchCell, Prefill = s.Prefill, WebEntryRows = s.WebEntryRows };
        form.Columns.AddRange(s.Columns.Select(ColumnForm.From));
        return form;
    }

    public SheetDefinition ToDefinition() =>
        new(Name.Trim(), Target, Columns.Select(c => c.ToDefinition()).ToList(), HeaderRow, PeriodCell, BranchCell, Prefill, WebEntryRows);
}

public sealed class ColumnForm
{
    public string Header { get; set; } = "";
    public string Field { get; set; } = "";
    public FieldType Type { get; set; } = FieldType.Count;
    public bool Required { get; set; } = true;
    public string? List { get; set; }
    public int MaxLength { get; set; } = 200;
    public double Width { get; set; } = 14;
    public string? Hint { get; set; }
    public string? Unit { get; set; }
    public long? Min { get; set; }
    public long? Max { get; set; }

    public static ColumnForm From(ColumnDefinition c) => new()
    {
        Header = c.Header, Field = c.Field, Type = c.Type, Required = c.Required, List = c.List, MaxLength = c.MaxLength, Width = c.Width,
        Hint = c.Hint, Unit = c.Unit, Min = c.Min, Max = c.Max,
    };

    public ColumnDefinition ToDefinition() => new(Header.Trim(), Field, Type, Required, Type == FieldType.Choice ? TemplateForm.Optional(List) : null, MaxLength, Width,
        TemplateForm.Optional(Hint), Type == FieldType.Count ? TemplateForm.Optional(Unit) : null, Type == FieldType.Count ? Min : null, Type == FieldType.Count ? Max : null);
}

/// <summary>A rule or flag as edited; which of its parts matter depends on its kind (the editor shows only those).</summary>
/// <summary>A plausibility check as the designer edits it (<see cref="PlausibilityCheck"/>); its sheet is the sheet object, so a rename carries it along.</summary>
public sealed class CheckForm
{
    public string Kind { get; set; } = PlausibilityCheck.Change;
    public string Code { get; set; } = "";
    public string? Name { get; set; }
    public SheetForm? Sheet { get; set; }
    public string? Field { get; set; }
    public string? Denominator { get; set; }
    public decimal? Threshold { get; set; }
    public string? Measure { get; set; }
    public string? Direction { get; set; }
    public decimal? Tolerance { get; set; }
    public int? MinHistory { get; set; }
    public int? MinPeers { get; set; }

    public static CheckForm From(PlausibilityCheck c, IReadOnlyList<SheetForm> sheets) => new()
    {
        Kind = c.Kind, Code = c.Code, Name = c.Name, Sheet = sheets.FirstOrDefault(s => s.Name == c.Sheet), Field = c.Field, Denominator = c.Denominator,
        Threshold = c.Threshold, Measure = c.Measure, Direction = c.Direction, Tolerance = c.Tolerance, MinHistory = c.MinHistory, MinPeers = c.MinPeers,
    };

    /// <summary>What was edited, as it stands (an untouched check gives back its definition exactly).</summary>
    public PlausibilityCheck ToDefinition() => new(Kind, Code.Trim(), Sheet?.Name.Trim() ?? "", Field ?? "", TemplateForm.Optional(Name), TemplateForm.Optional(Denominator),
        Threshold, TemplateForm.Optional(Measure), TemplateForm.Optional(Direction), Tolerance, MinHistory, MinPeers);
}

public sealed class RuleForm
{
    public string Kind { get; set; } = "LessOrEqual";
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
    public string? Name { get; set; }
    /// <summary>The sheet the rule checks (for DetailTotals: the summary sheet).</summary>
    public SheetForm? Sheet { get; set; }
    public SheetForm? DetailSheet { get; set; }
    public string? Left { get; set; }
    public string? Right { get; set; }
    public IReadOnlyCollection<string> Terms { get; set; } = [];
    public string? Total { get; set; }
    public IReadOnlyCollection<string> Fields { get; set; } = [];
    public string? Field { get; set; }
    public string? List { get; set; }
    public IReadOnlyCollection<string> Keys { get; set; } = [];
    public string? When { get; set; }
    public string? EqualsValue { get; set; }
    public decimal? Threshold { get; set; }
    public string? Numerator { get; set; }
    public string? Denominator { get; set; }
    public decimal? Floor { get; set; }
    public int? Months { get; set; }

    public bool IsFlag => Kind.StartsWith("Flag", StringComparison.Ordinal);

    public static RuleForm From(RuleDefinition r, IReadOnlyList<SheetForm> sheets) => new()
    {
        Kind = r.Kind, Code = r.Code, Message = r.Message, Name = r.Name,
        Sheet = sheets.FirstOrDefault(s => s.Name == (r.Kind == "DetailTotals" ? r.SummarySheet : r.Sheet)),
        DetailSheet = sheets.FirstOrDefault(s => s.Name == r.DetailSheet),
        Left = r.Left, Right = r.Right, Terms = r.Terms?.ToList() ?? [], Total = r.Total, Fields = r.Fields?.ToList() ?? [], Field = r.Field, List = r.List,
        Keys = r.Keys?.ToList() ?? [], When = r.When, EqualsValue = r.EqualsValue, Threshold = r.Threshold, Numerator = r.Numerator,
        Denominator = r.Denominator, Floor = r.Floor, Months = r.Months,
    };

    /// <summary>The rule as data, with only the parts its kind uses (a part left over from another kind is dropped).</summary>
    public RuleDefinition ToDefinition()
    {
        bool Uses(params string[] kinds) => kinds.Contains(Kind);
        var detailTotals = Kind == "DetailTotals";
        return new RuleDefinition(Kind, Code.Trim(), Message.Trim(),
            Sheet: detailTotals ? null : Sheet?.Name,
            Left: Uses("LessOrEqual") ? Left : null,
            Right: Uses("LessOrEqual") ? Right : null,
            Terms: Uses("SumEquals") ? TemplateForm.Optional(Terms) : null,
            Total: Uses("SumEquals") ? Total : null,
            Fields: Uses("Unique", "DetailTotals") ? TemplateForm.Optional(Fields) : null,
            Field: Uses("CoversCities", "CoversList", "RequiredWhen", "FlagAbove", "FlagBelow", "FlagRetentionShort", "FlagEquals") ? Field : null,
            List: Uses("CoversList") ? TemplateForm.Optional(List) : null,
            SummarySheet: detailTotals ? Sheet?.Name : null,
            DetailSheet: detailTotals ? DetailSheet?.Name : null,
            Keys: detailTotals ? TemplateForm.Optional(Keys) : null,
            When: Uses("RequiredWhen") ? When : null,
            EqualsValue: Uses("RequiredWhen", "FlagEquals") ? TemplateForm.Optional(EqualsValue) : null,
            Threshold: Uses("FlagAbove", "FlagBelow", "FlagRatioBelow") ? Threshold : null,
            Numerator: Uses("FlagRatioBelow") ? Numerator : null,
            Denominator: Uses("FlagRatioBelow") ? Denominator : null,
            Floor: Uses("FlagRatioBelow") ? Floor : null,
            Months: Uses("FlagRetentionShort") ? Months : null,
            Name: IsFlag ? TemplateForm.Optional(Name) : null);
    }
}
