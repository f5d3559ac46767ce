namespace Dashboard.Shell;

/// <summary>The texts of the shell's small pages and of the navigation, read through <c>IStringLocalizer&lt;ShellText&gt;</c>.</summary>
public sealed class ShellText
{
    private ShellText()
    {
    }
}
