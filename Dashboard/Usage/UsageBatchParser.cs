using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Dashboard.Data.Usage;

namespace Dashboard.Usage;

/// <summary>A sample after validation: the second, and country, kind and tier as small indexes.</summary>
internal struct ValidSample
{
    public long Second;
    public int Country;
    public int Kind;
    public int Tier;
    public long Count;
}

/// <summary>
/// Packs (time, country, kind, tier) into one long — tier in bits 0–7, kind 8–10, country 11–20, time from 21 —
/// so that a batch is aggregated by sorting longs, with no allocation per sample.
/// </summary>
internal static class UsageKey
{
    private const int TimeShift = 21;

    public static long Pack(long time, int country, int kind, int tier) => (time << TimeShift) | ((long)country << 11) | ((long)kind << 8) | (long)tier;

    public static long Time(long key) => key >> TimeShift;

    public static int Country(long key) => (int)((key >> 11) & 0x3FF);

    public static int Kind(long key) => (int)((key >> 8) & 0x7);

    public static int Tier(long key) => (int)(key & 0xFF);

    /// <summary>The same key with another time.</summary>
    public static long WithTime(long key, long time) => (key & ((1L << TimeShift) - 1)) | (time << TimeShift);
}

/// <summary>What a sample must satisfy at the moment a batch arrives.</summary>
internal readonly record struct SampleRules(long NowSecond, long OldestSecond, long NewestSecond, int RetentionDays, UsageTiers.Catalogue Tiers);

/// <summary>The problems of a batch, keyed by JSON path (<c>samples[17].country</c>); the first 100 are listed.</summary>
internal sealed class IngestErrors
{
    public const int MaxListed = 100;

    private Dictionary<string, string[]>? _errors;
    private int _unlisted;

    public bool Any => _errors is not null;

    /// <summary>True when a sample named a tier the catalogue did not know (the catalogue may be read again).</summary>
    public bool UnknownTier { get; set; }

    public void Add(string field, string message)
    {
        _errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (_errors.TryGetValue(field, out var existing))
        {
            _errors[field] = [.. existing, message];
        }
        else if (_errors.Count < MaxListed)
        {
            _errors[field] = [message];
        }
        else
        {
            _unlisted++;
        }
    }

    public Dictionary<string, string[]>? ToDictionary()
    {
        if (_errors is not null && _unlisted > 0)
        {
            _errors["samples"] = [.. _errors.GetValueOrDefault("samples") ?? [], $"{_unlisted:N0} more problems are not listed."];
        }

        return _errors;
    }
}

/// <summary>Valid samples of one batch in a pooled array, and how many samples the batch held in all.</summary>
internal sealed class SampleBuffer : IDisposable
{
    private ValidSample[] _items = ArrayPool<ValidSample>.Shared.Rent(1024);

    public int Count { get; private set; }

    /// <summary>Samples seen, valid or not, including those past the limit.</summary>
    public int Seen { get; set; }

    public ReadOnlySpan<ValidSample> Items => _items.AsSpan(0, Count);

    public void Add(in ValidSample sample)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<ValidSample>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<ValidSample>.Shared.Return(_items);
            _items = larger;
        }

        _items[Count++] = sample;
    }

    public void Clear()
    {
        Count = 0;
        Seen = 0;
    }

    public void Dispose() => ArrayPool<ValidSample>.Shared.Return(_items);
}

/// <summary>The date and hour of the last time read, as its first 13 bytes, and the hour's start in Unix seconds.</summary>
internal readonly record struct LastHour(ulong Head, ulong Tail, long Start)
{
    /// <summary>False only for <c>default</c>, before any time was read.</summary>
    public bool Known { get; } = true;
}

/// <summary>The fields of a sample.</summary>
internal enum SampleField
{
    Other,
    At,
    Country,
    Kind,
    Tier,
    Count,
}

/// <summary>
/// Reads a batch straight from the request's bytes with <see cref="Utf8JsonReader"/>: property names and values are
/// compared as UTF-8, countries, kinds and tiers become indexes, and nothing is allocated per sample.
/// </summary>
internal static class UsageBatchParser
{
    private const string AtMessage = "Give the time as UTC ISO-8601 at a whole second, e.g. 2025-06-01T12:00:00Z.";
    private const string CountMessage = "The count must be a whole number from 0 to 1,000,000,000,000.";

    /// <summary>Reads the batch into <paramref name="samples"/> and <paramref name="errors"/>; answers the batch id when it is valid.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static Guid? Parse(ReadOnlySequence<byte> body, in SampleRules rules, SampleBuffer samples, IngestErrors errors)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        Guid? batchId = null;
        var hasBatchId = false;
        var hasSamples = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add("$", "The body must be a JSON object with batchId and samples.");
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("batchId"u8))
            {
                reader.Read();
                hasBatchId = true;
                batchId = ReadGuid(ref reader);
                if (batchId is null)
                {
                    errors.Add("batchId", "Give the batch id as a UUID, e.g. 3f2b8c1e-8d4a-4c55-9a1e-2f0c6b7d9e10.");
                }
            }
            else if (reader.ValueTextEquals("samples"u8))
            {
                reader.Read();
                hasSamples = true;
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    // Unescaped values land here (a heap array: a stack buffer may not be handed along with the reader).
                    ReadSamples(ref reader, new byte[64], rules, samples, errors);
                }
                else
                {
                    errors.Add("samples", "The samples must be an array.");
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!hasBatchId)
        {
            errors.Add("batchId", "The batch id is required: a UUID the sender keeps for retries.");
        }

        if (!hasSamples)
        {
            errors.Add("samples", "The samples are required.");
        }

        CheckCount(samples.Seen, hasSamples, errors);
        return errors.Any ? null : batchId;
    }

    /// <summary>Checks samples given in-process, as the JSON path checks them.</summary>
    public static void Validate(IReadOnlyList<UsageSample> given, in SampleRules rules, SampleBuffer samples, IngestErrors errors)
    {
        samples.Seen = given.Count;
        for (var i = 0; i < given.Count && i < UsageIngest.MaxSamples; i++)
        {
            var sample = given[i];
            var valid = new ValidSample { Count = sample.Count };
            var ok = true;
            var ticks = sample.At.UtcTicks;
            if (ticks % TimeSpan.TicksPerSecond != 0)
            {
                errors.Add($"samples[{i}].at", AtMessage);
                ok = false;
            }
            else
            {
                valid.Second = sample.At.ToUnixTimeSeconds();
                ok &= CheckWindow(valid.Second, rules, i, errors);
            }

            valid.Country = UsageCountryCodes.Index(sample.Country);
            if (!UsageCountryCodes.IsIso(valid.Country))
            {
                errors.Add($"samples[{i}].country", CountryMessage(sample.Country));
                ok = false;
            }

            valid.Kind = UsageKinds.IndexOf(sample.Kind);
            if (valid.Kind < 0)
            {
                errors.Add($"samples[{i}].kind", KindMessage(sample.Kind));
                ok = false;
            }

            valid.Tier = rules.Tiers.Find(sample.Tier);
            if (valid.Tier < 0)
            {
                errors.UnknownTier = true;
                errors.Add($"samples[{i}].tier", TierMessage(sample.Tier, rules));
                ok = false;
            }

            if (sample.Count is < 0 or > UsageIngest.MaxCount)
            {
                errors.Add($"samples[{i}].count", CountMessage);
                ok = false;
            }

            if (ok)
            {
                samples.Add(valid);
            }
        }

        CheckCount(samples.Seen, true, errors);
    }

    private static void CheckCount(int seen, bool hasSamples, IngestErrors errors)
    {
        if (seen > UsageIngest.MaxSamples)
        {
            errors.Add("samples", $"A batch holds at most {UsageIngest.MaxSamples:N0} samples; this one holds {seen:N0}. Split it into several batches.");
        }
        else if (seen == 0 && hasSamples)
        {
            errors.Add("samples", "Give at least one sample.");
        }
    }

    private static void ReadSamples(ref Utf8JsonReader reader, byte[] scratch, in SampleRules rules, SampleBuffer samples, IngestErrors errors)
    {
        var hour = default(LastHour);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = samples.Seen++;
            if (index >= UsageIngest.MaxSamples)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add($"samples[{index}]", "Each sample must be an object with at, country, kind, tier and count.");
                reader.Skip();
                continue;
            }

            var sample = default(ValidSample);
            var ok = true;
            bool hasAt = false, hasCountry = false, hasKind = false, hasTier = false, hasCount = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Field(ref reader);
                if (field == SampleField.At)
                {
                    reader.Read();
                    hasAt = true;
                    ok &= ReadAt(ref reader, scratch, ref hour, rules, index, errors, out sample.Second);
                }
                else if (field == SampleField.Country)
                {
                    reader.Read();
                    hasCountry = true;
                    var value = reader.TokenType == JsonTokenType.String ? Utf8Value(ref reader, scratch) : default;
                    sample.Country = value.Length == 2 ? UsageCountryCodes.Index(value[0], value[1]) : -1;
                    if (!UsageCountryCodes.IsIso(sample.Country))
                    {
                        errors.Add($"samples[{index}].country", CountryMessage(Text(ref reader, value)));
                        ok = false;
                    }
                }
                else if (field == SampleField.Kind)
                {
                    reader.Read();
                    hasKind = true;
                    sample.Kind = reader.TokenType == JsonTokenType.String ? KindIndex(Utf8Value(ref reader, scratch)) : -1;
                    if (sample.Kind < 0)
                    {
                        errors.Add($"samples[{index}].kind", KindMessage(Text(ref reader, reader.TokenType == JsonTokenType.String ? Utf8Value(ref reader, scratch) : default)));
                        ok = false;
                    }
                }
                else if (field == SampleField.Tier)
                {
                    reader.Read();
                    hasTier = true;
                    var value = reader.TokenType == JsonTokenType.String ? Utf8Value(ref reader, scratch) : default;
                    sample.Tier = value.IsEmpty ? -1 : rules.Tiers.Find(value);
                    if (sample.Tier < 0)
                    {
                        errors.UnknownTier = true;
                        errors.Add($"samples[{index}].tier", TierMessage(Text(ref reader, value), rules));
                        ok = false;
                    }
                }
                else if (field == SampleField.Count)
                {
                    reader.Read();
                    hasCount = true;
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out sample.Count) || sample.Count is < 0 or > UsageIngest.MaxCount)
                    {
                        errors.Add($"samples[{index}].count", CountMessage);
                        ok = false;
                    }
                }
                else
                {
                    reader.Read();
                }

                // A value of the wrong shape (object or array) is passed over whole.
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            if (!(hasAt & hasCountry & hasKind & hasTier & hasCount))
            {
                ok &= Required(hasAt, index, "at", errors) & Required(hasCountry, index, "country", errors) & Required(hasKind, index, "kind", errors)
                    & Required(hasTier, index, "tier", errors) & Required(hasCount, index, "count", errors);
            }
            if (ok)
            {
                samples.Add(sample);
            }
        }
    }

    /// <summary>Which field of a sample a property names; plain names (the usual case) are told apart by length first.</summary>
    private static SampleField Field(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return reader.ValueTextEquals("at"u8) ? SampleField.At
                : reader.ValueTextEquals("country"u8) ? SampleField.Country
                : reader.ValueTextEquals("kind"u8) ? SampleField.Kind
                : reader.ValueTextEquals("tier"u8) ? SampleField.Tier
                : reader.ValueTextEquals("count"u8) ? SampleField.Count
                : SampleField.Other;
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            2 when name.SequenceEqual("at"u8) => SampleField.At,
            4 when name.SequenceEqual("kind"u8) => SampleField.Kind,
            4 when name.SequenceEqual("tier"u8) => SampleField.Tier,
            5 when name.SequenceEqual("count"u8) => SampleField.Count,
            7 when name.SequenceEqual("country"u8) => SampleField.Country,
            _ => SampleField.Other,
        };
    }

    private static bool Required(bool present, int index, string field, IngestErrors errors)
    {
        if (!present)
        {
            errors.Add($"samples[{index}].{field}", $"The {field} is required.");
        }

        return present;
    }

    private static bool ReadAt(ref Utf8JsonReader reader, byte[] scratch, ref LastHour hour, in SampleRules rules, int index, IngestErrors errors, out long second)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped && TryParseUtcSecond(reader.ValueSpan, ref hour, out second))
        {
            return CheckWindow(second, rules, index, errors);
        }

        second = 0;
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var at))
        {
            errors.Add($"samples[{index}].at", AtMessage);
            return false;
        }

        var raw = Utf8Value(ref reader, scratch);
        var utc = at.Offset == TimeSpan.Zero && raw.Length > 0 && (raw[^1] is (byte)'Z' or (byte)'z' || raw.EndsWith("+00:00"u8));
        if (!utc || at.UtcTicks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"samples[{index}].at", utc ? "The time must be a whole second (no fraction)." : "The time must be UTC: end it with Z, e.g. 2025-06-01T12:00:00Z.");
            return false;
        }

        second = at.ToUnixTimeSeconds();
        return CheckWindow(second, rules, index, errors);
    }

    /// <summary>
    /// The form senders use, <c>yyyy-MM-ddTHH:mm:ssZ</c>, read straight into Unix seconds: at a thousand samples a batch,
    /// building a <see cref="DateTimeOffset"/> for each costs more than the rest of the sample. Anything else (other
    /// offsets, fractions, an impossible date) answers false and takes the general path, which also words the errors.
    /// </summary>
    internal static bool TryParseUtcSecond(ReadOnlySpan<byte> value, out long second)
    {
        var hour = default(LastHour);
        return TryParseUtcSecond(value, ref hour, out second);
    }

    /// <summary>As above; the samples of a batch mostly share their hour, so the date and hour are read again only when they change.</summary>
    private static bool TryParseUtcSecond(ReadOnlySpan<byte> value, ref LastHour hour, out long second)
    {
        second = 0;
        if (value.Length != 20 || value[13] != ':' || value[16] != ':' || value[19] != 'Z'
            || !TryDigits(value.Slice(14, 2), out var minute) || !TryDigits(value.Slice(17, 2), out var seconds) || minute > 59 || seconds > 59)
        {
            return false;
        }

        // "yyyy-MM-ddTHH" is 13 bytes: two overlapping 8-byte reads cover it.
        var head = MemoryMarshal.Read<ulong>(value);
        var tail = MemoryMarshal.Read<ulong>(value[5..]);
        if (!hour.Known || head != hour.Head || tail != hour.Tail)
        {
            if (value[4] != '-' || value[7] != '-' || value[10] != 'T'
                || !TryDigits(value[..4], out var year) || !TryDigits(value.Slice(5, 2), out var month) || !TryDigits(value.Slice(8, 2), out var day)
                || !TryDigits(value.Slice(11, 2), out var hours) || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hours > 23)
            {
                return false;
            }

            hour = new LastHour(head, tail, (new DateTime(year, month, day, hours, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond);
        }

        second = hour.Start + (minute * 60) + seconds;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if ((uint)(digit - '0') > 9)
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }

    private static bool CheckWindow(long second, in SampleRules rules, int index, IngestErrors errors)
    {
        if (second > rules.NewestSecond)
        {
            errors.Add($"samples[{index}].at", $"The time is more than {UsageIngest.MaxAhead.TotalMinutes:0} minutes ahead of the console's clock ({DateTimeOffset.FromUnixTimeSeconds(rules.NowSecond):yyyy-MM-ddTHH:mm:ssZ}).");
            return false;
        }

        if (second < rules.OldestSecond)
        {
            errors.Add($"samples[{index}].at", $"The time is older than the {rules.RetentionDays} days minute counts are kept; it can no longer be counted.");
            return false;
        }

        return true;
    }

    private static int KindIndex(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("text"u8) ? 0
        : value.SequenceEqual("photo"u8) ? 1
        : value.SequenceEqual("video"u8) ? 2
        : value.SequenceEqual("voice"u8) ? 3
        : value.SequenceEqual("document"u8) ? 4
        : -1;

    private static Guid? ReadGuid(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.TokenType == JsonTokenType.String && Guid.TryParse(reader.GetString(), out var slow) ? slow : null;
        }

        return Utf8Parser.TryParse(reader.ValueSpan, out Guid id, out var consumed) && consumed == reader.ValueSpan.Length ? id : null;
    }

    /// <summary>A string value's UTF-8 bytes, unescaped into <paramref name="scratch"/> when needed; empty when longer than it.</summary>
    private static ReadOnlySpan<byte> Utf8Value(ref Utf8JsonReader reader, byte[] scratch)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        return length <= scratch.Length ? scratch.AsSpan(0, reader.CopyString(scratch)) : default;
    }

    /// <summary>The value as text for a message (only on the error path).</summary>
    private static string Text(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> value) =>
        reader.TokenType switch
        {
            JsonTokenType.String when !value.IsEmpty => Encoding.UTF8.GetString(value),
            JsonTokenType.String => reader.GetString() ?? "",
            JsonTokenType.Null => "null",
            _ => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        };

    private static string CountryMessage(string? country) =>
        $"'{country}' is not an ISO 3166-1 alpha-2 country code (e.g. DE, US, BR).";

    private static string KindMessage(string? kind) =>
        $"Unknown kind '{kind}'. Kinds: {string.Join(", ", UsageKinds.All)}.";

    private static string TierMessage(string? tier, in SampleRules rules) =>
        $"Unknown tier '{tier}'. Tiers: {string.Join(", ", rules.Tiers.Codes)}.";
}
