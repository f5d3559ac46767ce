namespace Dashboard.Shell;

/// <summary>Words every part of the console uses (buttons, roles, pager), read through <c>IStringLocalizer&lt;SharedText&gt;</c>.</summary>
public sealed class SharedText
{
    private SharedText()
    {
    }

    /// <summary>The resource key of a role's display name.</summary>
    public static string RoleKey(string role) => "Role." + role;
}
