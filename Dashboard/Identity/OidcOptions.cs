namespace Dashboard.Identity;

/// <summary>Settings of <c>Authentication:Oidc</c>: optional sign-in through a company's own identity provider.</summary>
public sealed class OidcOptions
{
    public const string SectionName = "Authentication:Oidc";

    public bool Enabled { get; set; }

    /// <summary>Shown on the login button, e.g. the company's name for its identity provider.</summary>
    public string DisplayName { get; set; } = "Company sign-in";

    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The claim of the ID token that carries the user's roles or groups.</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>Maps a value of the roles claim to a console role; a value that already names a console role maps to itself.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The console roles that the external role values stand for.</summary>
    public IReadOnlyList<string> MapRoles(IEnumerable<string> externalValues)
    {
        var roles = new List<string>();
        foreach (var value in externalValues)
        {
            var mapped = RoleMap.TryGetValue(value, out var target) ? target : value;
            if (Data.Identity.Roles.Normalise(mapped) is { } role && !roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        return roles;
    }
}
