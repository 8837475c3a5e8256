using MudBlazor;
using Supervision.Domain.Submissions;

namespace Supervision.Web.Components.Pages.Admin.TemplateDesigner;

/// <summary>The one question asked before a draft becomes the version carriers file against (from the list or the designer).</summary>
public static class TemplatePublishing
{
    /// <param name="inUse">The version carriers file against now, which the published one replaces (null: none yet).</param>
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, TemplateVersion version, TemplateVersion? inUse) =>
        await dialogs.ShowMessageBoxAsync("发布模板",
            $"发布“{version.Name}”第{version.Version}版后，报送单位下载的模板和上传的校验都按此版本执行"
            + (inUse is { } u ? $"，取代正在使用的第{u.Version}版（{u.Since}）" : "")
            + "；已报送的报表仍按原版本解释。确定发布？",
            yesText: inUse is { } current ? $"发布并取代第{current.Version}版" : "发布", cancelText: "取消") == true;
}
