namespace Supervision.Web.Components.Shared;

/// <summary>
/// What the action dialog asks for (a case step, a publication step, …): an explanation, the confirm button, and the fields,
/// each named for what it holds; the caller keeps the fields and reads their values once the dialog is confirmed.
/// </summary>
public sealed record ActionForm(string Explanation, string ConfirmText, IReadOnlyList<ActionField> Fields, bool Danger = false)
{
    /// <summary>The first shown field without a value it needs, as a message; null when the form can be sent.</summary>
    public string? Missing => Fields.Where(f => f.Shown).Select(f => f.Missing).FirstOrDefault(m => m is not null);
}

/// <summary>One field of the action dialog; its element id is <c>action-{Name}</c>.</summary>
public abstract class ActionField(string name, string label)
{
    public string Name { get; } = name;
    public string Label { get; } = label;
    public string Id => $"action-{Name}";
    /// <summary>Shown only while this holds (e.g. the instalment schedule only once instalments are chosen).</summary>
    public Func<bool>? ShownWhen { get; init; }
    public bool Shown => ShownWhen?.Invoke() ?? true;
    /// <summary>What the user must still fill in, or null.</summary>
    public virtual string? Missing => null;
}

public sealed class ActionDate(string name, string label, DateOnly? value = null) : ActionField(name, label)
{
    public DateOnly? Value { get; set; } = value;
    /// <summary>The date, once the dialog was confirmed (it is not confirmed without one).</summary>
    public DateOnly Day => Value ?? throw new InvalidOperationException($"{Label}未填写。");
    public override string? Missing => Value is null ? $"请填写{Label}。" : null;
}

/// <summary>A time of day (e.g. when a hearing begins), entered as 09:30.</summary>
public sealed class ActionTime(string name, string label, TimeOnly? value = null) : ActionField(name, label)
{
    public TimeOnly? Value { get; set; } = value;
    /// <summary>The time, once the dialog was confirmed (it is not confirmed without one).</summary>
    public TimeOnly Time => Value ?? throw new InvalidOperationException($"{Label}未填写。");
    /// <summary>The input's text (HH:mm), as the browser's time field reads and writes it.</summary>
    public string Text
    {
        get => Value?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        set => Value = TimeOnly.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;
    }
    public override string? Missing => Value is null ? $"请填写{Label}。" : null;
}

public sealed class ActionText(string name, string label, string value = "", int lines = 1) : ActionField(name, label)
{
    public string Value { get; set; } = value;
    public int Lines { get; } = lines;
    /// <summary>The dialog is not confirmed while this text is empty.</summary>
    public bool Required { get; init; }
    public override string? Missing => Required && string.IsNullOrWhiteSpace(Value) ? $"请填写{Label}。" : null;
}

public sealed class ActionAmount(string name, string label) : ActionField(name, label)
{
    public decimal? Value { get; set; }
    public override string? Missing => Value is null ? $"请填写{Label}。" : null;
}

/// <summary>An optional attached file (a picture or PDF, checked by the service that stores it).</summary>
public sealed class ActionFile(string name, string label) : ActionField(name, label)
{
    public (string Name, byte[] Bytes)? Value { get; set; }
}

/// <summary>One of a few explicit options (radio buttons); the dialog binds to <see cref="Selected"/>.</summary>
public abstract class ActionChoice(string name, string label) : ActionField(name, label)
{
    public abstract IReadOnlyList<string> OptionLabels { get; }
    public int Selected { get; set; }
}

public sealed class ActionChoice<T>(string name, string label, IReadOnlyList<(T Value, string Label)> options) : ActionChoice(name, label)
{
    public override IReadOnlyList<string> OptionLabels => options.Select(o => o.Label).ToList();
    public T Value => options[Selected].Value;
}
