using MudBlazor;

namespace Dashboard.Shell;

/// <summary>The console's colours in light and dark: a calm teal for actions, high-contrast text for long working days.</summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695C",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#37474F",
            Tertiary = "#6A1B9A",
            Info = "#0B5CAD",
            Success = "#2E7D32",
            Warning = "#B35C00",
            Error = "#C62828",
            AppbarBackground = "#0B3B36",
            AppbarText = "#FFFFFF",
            Background = "#F5F7F8",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#1F2A30",
            TextPrimary = "#1B2327",
            TextSecondary = "#4A5860",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4DB6AC",
            PrimaryContrastText = "#0B1D1B",
            Secondary = "#B0BEC5",
            Tertiary = "#CE93D8",
            Info = "#64B5F6",
            Success = "#81C784",
            Warning = "#FFB74D",
            Error = "#EF9A9A",

            // The dark theme's accents are light: text on them (filled chips, buttons) is dark to stay readable.
            SecondaryContrastText = "#101518",
            TertiaryContrastText = "#101518",
            InfoContrastText = "#101518",
            SuccessContrastText = "#101518",
            WarningContrastText = "#101518",
            ErrorContrastText = "#101518",
            AppbarBackground = "#0F1F1D",
            AppbarText = "#E8F0EF",
            Background = "#121719",
            Surface = "#1B2225",
            DrawerBackground = "#161C1F",
            DrawerText = "#DDE5E8",
            TextPrimary = "#E6ECEE",
            TextSecondary = "#B5C2C7",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            DrawerWidthLeft = "248px",
        },
    };
}
