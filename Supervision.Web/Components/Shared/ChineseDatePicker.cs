using MudBlazor;
using Supervision.Domain.Common;

namespace Supervision.Web.Components.Shared;

/// <summary>
/// The date picker of <see cref="DateField"/>: typed text may also be written 2026-12-07 or 2026/12/7 (<see cref="ChineseDate.TryParse"/>);
/// it is read as the date it names, then shown as the portal writes dates (2026年12月7日, the picker's format).
/// </summary>
public class ChineseDatePicker : MudDatePicker
{
    protected override Task StringValueChangedAsync(string? value) =>
        base.StringValueChangedAsync(ChineseDate.TryParse(value, out var date) ? ChineseDate.Format(date) : value);
}
