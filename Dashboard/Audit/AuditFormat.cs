using System.Globalization;
using System.Text.Json;

namespace Dashboard.Audit;

/// <summary>How the audit page shows times, actors and the before/after JSON of an entry.</summary>
public static class AuditFormat
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string ActorKind(string kind) => kind switch
    {
        "User" => "user",
        "ApiKey" => "API key",
        "System" => "console",
        _ => kind,
    };

    /// <summary>An entity type as a reader says it, for sentences: "verification requests", "API keys".</summary>
    public static string EntityTypePlural(string entityType) => entityType switch
    {
        AuditVisibility.VerificationRequest => "verification requests",
        AuditVisibility.Business => "businesses",
        AuditVisibility.Subscription => "subscriptions",
        AuditVisibility.Tier => "tiers",
        AuditVisibility.TierVersion => "tier versions",
        AuditVisibility.User => "users",
        AuditVisibility.ApiKey => "API keys",
        _ => entityType,
    };

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>The JSON indented for reading; "—" when there is none, the text as stored when it is not JSON.</summary>
    public static string PrettyJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "—";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, s_indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>The top-level fields whose values differ between before and after, so a reader sees at once what changed.</summary>
    public static IReadOnlyList<string> ChangedFields(string? beforeJson, string? afterJson)
    {
        if (!TryObject(beforeJson, out var before) || !TryObject(afterJson, out var after))
        {
            return [];
        }

        return before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Where(key => !before.TryGetValue(key, out var b) || !after.TryGetValue(key, out var a) || b != a)
            .ToList();
    }

    private static bool TryObject(string? json, out Dictionary<string, string> fields)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.GetRawText();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
