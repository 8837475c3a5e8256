using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Shared;

namespace Supervision.Tests.Web.Layout;

/// <summary>The action dialog asks for what a step needs; a field shown only for one choice appears and goes with that choice.</summary>
public class ActionDialogTests : MudTestContext
{
    private enum Way { Deferral, Instalments }

    [Fact]
    public async Task A_field_asked_for_one_choice_only_appears_with_that_choice_and_the_choice_is_read_as_chosen()
    {
        var kind = new ActionChoice<Way>("kind", "批准的方式", [(Way.Deferral, "暂缓缴纳"), (Way.Instalments, "分期缴纳")]);
        var schedule = new ActionText("schedule", "分期安排") { ShownWhen = () => kind.Value == Way.Instalments };
        var reason = new ActionText("reason", "理由");
        var providers = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await providers.InvokeAsync(() => dialogs.ShowAsync<ActionDialog>("暂缓或分期缴纳",
            new DialogParameters<ActionDialog> { { x => x.Form, new ActionForm("说明", "登记批准", [kind, schedule, reason]) } }));

        Assert.Equal(["暂缓缴纳", "分期缴纳"], providers.FindAll("#action-kind label").Select(l => l.TextContent.Trim()));
        Assert.Empty(providers.FindAll("#action-schedule"));
        Assert.Equal(Way.Deferral, kind.Value);

        providers.Find("#action-kind-1").Click();
        Assert.Equal(Way.Instalments, kind.Value);
        providers.WaitForAssertion(() => Assert.Single(providers.FindAll("#action-schedule")));
        // Each field keeps its own element: the one after the new field is still the reason, under its own id.
        Assert.Contains("分期安排", providers.Find("#action-schedule").ParentElement!.ParentElement!.TextContent);
        Assert.Single(providers.FindAll("#action-reason"));
        var ids = providers.FindAll("[id^=action-]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Distinct(), ids);

        providers.Find("#action-kind-0").Click();
        Assert.Equal(Way.Deferral, kind.Value);
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#action-schedule")));
    }

    [Fact]
    public async Task A_time_is_asked_as_a_time_of_day_and_read_back_as_entered()
    {
        var time = new ActionTime("hearing-time", "听证开始时间", new TimeOnly(9, 30));
        var providers = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await providers.InvokeAsync(() => dialogs.ShowAsync<ActionDialog>("安排听证",
            new DialogParameters<ActionDialog> { { x => x.Form, new ActionForm("说明", "签发听证通知书", [time]) } }));

        var input = providers.Find("input#action-hearing-time");
        Assert.Equal(("time", "09:30"), (input.GetAttribute("type"), input.GetAttribute("value")));
        input.Change("14:00");
        Assert.Equal(new TimeOnly(14, 0), time.Value);
        providers.Find("input#action-hearing-time").Change("");
        Assert.Equal("请填写听证开始时间。", time.Missing);
    }
}
