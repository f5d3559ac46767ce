using System.Globalization;
using System.Resources;
using Dashboard.Data;

namespace Dashboard.Admin;

/// <summary>What the Admin page shows for roles, times and the failures an administrator can fix.</summary>
public static class AdminText
{
    private static readonly ResourceManager s_text = new(typeof(AdminText));
    private static readonly ResourceManager s_shared = new(typeof(Shell.SharedText));

    /// <summary>A text of the Admin pages (AdminText.resx) in the current UI culture.</summary>
    public static string Get(string key) => s_text.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>A text with placeholders, filled in the current culture.</summary>
    public static string Format(string key, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), arguments);

    /// <summary>One line per role, so an administrator picks roles by what they allow.</summary>
    public static string RoleDescription(string role) => Get("RoleDescription." + role);

    /// <summary>A role's name in the current language.</summary>
    public static string RoleName(string role) =>
        s_shared.GetString(Shell.SharedText.RoleKey(role), CultureInfo.CurrentUICulture) ?? role;

    /// <summary>A time as the console shows it: UTC, minutes, in the reader's date format.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) : Get("Never");

    /// <summary>A readable message for a failure the administrator can act on, or null for one that is a bug.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        DuplicateValueException { Field: "Email" } duplicate => Format("DuplicateEmail", duplicate.Value),
        DuplicateValueException { Field: "Name" } duplicate => Format("DuplicateKeyName", duplicate.Value),
        DuplicateValueException duplicate => duplicate.Message,
        ConcurrencyConflictException => Get("Conflict"),
        NotFoundException => Get("Gone"),
        // The services' own checks, said in the reader's language by what they are about.
        ArgumentException { ParamName: "roles" } => Get("NeedRole"),
        ArgumentException { ParamName: "scopes" } => Get("KeyScopes"),
        ArgumentException { ParamName: "name" } => Get("KeyName"),
        ArgumentException { ParamName: "email" } => Get("InvalidEmail"),
        ArgumentException argument => WithoutParameterName(argument),
        AdministrationRuleException or UnauthorizedAccessException => exception.Message,
        _ => null,
    };

    private static string WithoutParameterName(ArgumentException exception) =>
        exception.ParamName is { } name
            ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : exception.Message;
}
