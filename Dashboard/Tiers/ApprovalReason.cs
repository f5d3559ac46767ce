using System.Globalization;
using System.Text.Json;

namespace Dashboard.Tiers;

/// <summary>
/// One reason why a tier change needs a second person, kept in the database without words (a code and its figures, written
/// invariantly), so that each reader sees it in their own language: a change entered in English is approved in German.
/// </summary>
/// <param name="Code">One of the codes below.</param>
/// <param name="Args">Its figures, invariant: see each code.</param>
public sealed record ApprovalReason(string Code, IReadOnlyList<string> Args)
{
    /// <summary>Percent off (decimal), list price in cents, the threshold in percent.</summary>
    public const string Discount = "Discount";

    /// <summary>Conversations asked for, tier name, the tier's limit.</summary>
    public const string Conversations = "Conversations";

    /// <summary>Seats asked for, tier name, the tier's seats.</summary>
    public const string Seats = "Seats";

    /// <summary>Who (NotSme or SizeUnknown), tier name, grace period in days.</summary>
    public const string SmeOnly = "SmeOnly";

    /// <summary>Who (NotSme or SizeUnknown), days free, grace period in days.</summary>
    public const string FreePeriod = "FreePeriod";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static ApprovalReason Of(string code, params object[] args) =>
        new(code, [.. args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")]);

    /// <summary>The reason in the reader's language (TiersText, keys "Change.Approval…").</summary>
    public string Describe()
    {
        string Arg(int i) => i < Args.Count ? Args[i] : "";
        long Long(int i) => long.TryParse(Arg(i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
        string Who() => TiersText.Get(Arg(0) == "SizeUnknown" ? "Change.SizeUnknown" : "Change.NotSme");
        return Code switch
        {
            Discount => TiersText.Get("Change.ApprovalDiscount",
                decimal.Parse(Arg(0), NumberStyles.Number, CultureInfo.InvariantCulture).ToString("0.#", CultureFormat.Culture),
                CultureFormat.Euro(Long(1) / 100m, 2), Long(2)),
            Conversations => TiersText.Get("Change.ApprovalConversations", CultureFormat.Number(Long(0)), Arg(1), CultureFormat.Number(Long(2))),
            Seats => TiersText.Get("Change.ApprovalSeats", CultureFormat.Number(Long(0)), Arg(1), CultureFormat.Number(Long(2))),
            SmeOnly => TiersText.Get("Change.ApprovalSmeOnly", Who(), Arg(1), Long(2)),
            FreePeriod => TiersText.Get("Change.ApprovalFreePeriod", Who(), CultureFormat.Number(Long(1)), Long(2)),
            _ => Code,
        };
    }

    /// <summary>The reasons as stored: a JSON array of codes and figures.</summary>
    public static string Serialize(IReadOnlyList<ApprovalReason> reasons) => JsonSerializer.Serialize(reasons, s_json);

    /// <summary>
    /// Stored reasons in the reader's language, one sentence after the other. Text that is not such an array (written
    /// before reasons were kept without words) is shown as it was written.
    /// </summary>
    public static string Describe(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return "";
        }

        if (stored.TrimStart().StartsWith('['))
        {
            try
            {
                var reasons = JsonSerializer.Deserialize<List<ApprovalReason>>(stored, s_json);
                if (reasons is not null)
                {
                    return string.Join(" ", reasons.Select(r => r.Describe()));
                }
            }
            catch (JsonException)
            {
                // Not ours: shown as written.
            }
        }

        return stored;
    }
}
