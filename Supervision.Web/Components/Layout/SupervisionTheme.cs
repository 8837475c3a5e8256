using MudBlazor;

namespace Supervision.Web.Components.Layout;

/// <summary>A restrained government palette: deep blue, red only for 逾期/违法/驳回.</summary>
public static class SupervisionTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0d3c7a",
            Secondary = "#3d6aa8",
            Tertiary = "#5b6b7f",
            Info = "#2f6fb3",
            Success = "#2e7d32",
            Warning = "#b7791f",
            Error = "#b71c1c",
            AppbarBackground = "#0d3c7a",
            Background = "#f4f6f9",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1f2933",
            TableLines = "#e3e7ee",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Helvetica Neue", "Arial", "sans-serif"],
                FontSize = "0.875rem",
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px", DrawerWidthLeft = "232px" },
    };
}
