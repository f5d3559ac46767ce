using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Identity;

namespace Dashboard.Admin;

/// <summary>What the Admin page shows for roles, times and the failures an administrator can fix.</summary>
public static class AdminText
{
    /// <summary>One line per role, from the design brief, so an administrator picks roles by what they allow.</summary>
    public static IReadOnlyDictionary<string, string> RoleDescriptions { get; } = new Dictionary<string, string>
    {
        [Roles.Reviewer] = "Decides business verification requests",
        [Roles.SeniorReviewer] = "Second approval for high-risk requests; revocations",
        [Roles.AccountManager] = "Manages each business's paid tier, limits and discounts",
        [Roles.Executive] = "Watches usage and revenue",
        [Roles.Admin] = "Users, roles, API keys, tier catalogue and settings",
    };

    /// <summary>A time as the console shows it: UTC, minutes.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never";

    /// <summary>A readable message for a failure the administrator can act on, or null for one that is a bug.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        DuplicateValueException { Field: "Email" } duplicate => $"A user with the e-mail {duplicate.Value} exists already.",
        DuplicateValueException { Field: "Name" } duplicate => $"An API key named {duplicate.Value} exists already. Choose another name.",
        DuplicateValueException duplicate => duplicate.Message,
        ConcurrencyConflictException => "This user was changed by someone else since the list was loaded. Reload the list and try again.",
        NotFoundException => "This entry no longer exists. Reload the list.",
        ArgumentException argument => WithoutParameterName(argument),
        AdministrationRuleException or UnauthorizedAccessException => exception.Message,
        _ => null,
    };

    private static string WithoutParameterName(ArgumentException exception) =>
        exception.ParamName is { } name
            ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : exception.Message;
}
