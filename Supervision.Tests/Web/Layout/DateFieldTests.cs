using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Shared;

namespace Supervision.Tests.Web.Layout;

/// <summary>
/// The shared date field shows 2026年12月7日 whatever the browser's (here: the thread's) culture; typed dates (2026-12-07, 2026/12/7)
/// are read by ChineseDate.TryParse (ChineseDateTests) and shown the same way (E2E.InspectionFlowBrowserTests, an en-US browser).
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
    public void An_english_browser_sees_dates_the_chinese_way()
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            DateOnly? value = new DateOnly(2026, 12, 7);
            var field = Render<DateField>(p => p.Add(x => x.Value, value).Add(x => x.Label, "检查日期").Add(x => x.Id, "visit-date")
                .Add(x => x.ValueChanged, (DateOnly? v) => value = v));
            Assert.Equal("2026年12月7日", field.Find("input#visit-date").GetAttribute("value"));

            // A new value (typed in any accepted form, or picked) is shown the portal's way too.
            field.Render(p => p.Add(x => x.Value, new DateOnly(2027, 1, 5)));
            Assert.Equal("2027年1月5日", field.Find("input#visit-date").GetAttribute("value"));
            // What a typed text means is ChineseDate.TryParse (ChineseDateTests); typing in an English browser is E2E.InspectionFlowBrowserTests.
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Theory]
    [InlineData("2026年12月8日")]
    [InlineData("2026-12-08")]
    [InlineData("2026/12/8")]
    public void A_typed_date_reaches_the_page_and_is_shown_the_chinese_way(string typed)
    {
        DateOnly? value = null;
        var field = Render<DateField>(p => p.Add(x => x.Label, "检查日期").Add(x => x.Id, "visit-date").Add(x => x.ValueChanged, (DateOnly? v) => value = v));
        field.Find("input#visit-date").Change(typed);
        Assert.Equal(new DateOnly(2026, 12, 8), value);
        field.Render(p => p.Add(x => x.Value, value));
        Assert.Equal("2026年12月8日", field.Find("input#visit-date").GetAttribute("value"));
    }

    [Fact]
    public void The_calendar_marks_today_as_it_is_in_china_not_on_the_servers_clock()
    {
        // 20:00 UTC on 7 December is 04:00 on 8 December in Beijing: the portal's clock reads its local day in Beijing time.
        var clock = new TestClock();
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero));
        Services.AddSingleton<TimeProvider>(new Supervision.Domain.Common.BeijingTimeProvider(clock));
        var popovers = Render<MudPopoverProvider>();
        var field = Render<DateField>(p => p.Add(x => x.Label, "检查日期").Add(x => x.Id, "visit-date"));
        field.Find(".mud-input-adornment button").Click();
        Assert.Equal("8", popovers.WaitForElement(".mud-current").TextContent.Trim());
    }
}
