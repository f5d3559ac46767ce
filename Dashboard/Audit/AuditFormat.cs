using System.Globalization;
using System.Resources;
using System.Text.Json;

namespace Dashboard.Audit;

/// <summary>How the audit page shows times, actors and the before/after JSON of an entry.</summary>
public static class AuditFormat
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
    private static readonly ResourceManager s_text = new(typeof(AuditFormat));

    /// <summary>A text of the audit page (AuditFormat.resx) in the current UI culture, or null when there is none.</summary>
    private static string? Find(string key) => s_text.GetString(key, CultureInfo.CurrentUICulture);

    /// <summary>A text of the audit page in the current UI culture; the key itself when there is none.</summary>
    public static string Text(string key) => Find(key) ?? key;

    /// <summary>A time to the second, in UTC, in the reader's date and time format.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("G", CultureInfo.CurrentCulture);

    public static string ActorKind(string kind) => Find("ActorKind." + kind) ?? kind;

    /// <summary>An action as a reader says it ("Roles changed"); an action the console has no words for shows as recorded.</summary>
    public static string Action(string action) => Find("Action." + action) ?? action;

    /// <summary>An entity type as a reader names it in a list or filter ("Verification request").</summary>
    public static string EntityType(string entityType) => Find("EntityType." + entityType) ?? entityType;

    /// <summary>An entity type as a reader says it, for sentences: "verification requests", "API keys".</summary>
    public static string EntityTypePlural(string entityType) => Find("EntityTypePlural." + entityType) ?? entityType;

    /// <summary>"a", "a and b", "a, b and c" in the reader's language.</summary>
    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Format(CultureInfo.CurrentCulture, Find("And") ?? "{0} and {1}", string.Join(", ", items.Take(items.Count - 1)), items[^1]),
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
