using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Shared;

namespace Supervision.Tests.Web.Layout;

/// <summary>
/// The shared date field shows 2026年12月7日 whatever the browser's (here: the thread's) culture, and takes a date typed as the
/// portal writes it or as 2026-12-07 / 2026/12/7; text that is no date is refused in Chinese and changes nothing.
/// </summary>
public class DateFieldTests : MudTestContext
{
    public DateFieldTests()
    {
        var clock = new TestClock();
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero));
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
    }

    [Fact]
    public void An_english_browser_sees_and_types_dates_the_chinese_way()
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            DateOnly? value = new DateOnly(2026, 12, 7);
            var field = Render<DateField>(p => p.Add(x => x.Value, value).Add(x => x.Label, "检查日期").Add(x => x.Id, "visit-date")
                .Add(x => x.ValueChanged, (DateOnly? v) => value = v));
            Assert.Equal("2026年12月7日", field.Find("input#visit-date").GetAttribute("value"));

            foreach (var (typed, expected) in new[] { ("2026/12/8", new DateOnly(2026, 12, 8)), ("2026-12-09", new DateOnly(2026, 12, 9)), ("2027年1月5日", new DateOnly(2027, 1, 5)) })
            {
                Type(field, typed);
                field.WaitForAssertion(() => Assert.Equal(expected, value));
                field.Render(p => p.Add(x => x.Value, value));
                Assert.Equal($"{expected.Year}年{expected.Month}月{expected.Day}日", field.Find("input#visit-date").GetAttribute("value"));
            }

            Type(field, "12/10/2026");
            Assert.Equal(new DateOnly(2027, 1, 5), value);
            field.WaitForAssertion(() => Assert.Contains("不是日期", field.Markup));
            Type(field, "2026年2月30日");
            Assert.Equal(new DateOnly(2027, 1, 5), value);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <summary>Types into the field and leaves it, as a person does: the picker takes typed text when the field loses focus.</summary>
    private static void Type(IRenderedComponent<DateField> field, string text)
    {
        field.Find("input#visit-date").Change(text);
        field.Find("input#visit-date").Blur();
    }
}
