using System.Buffers;
using Dashboard.Data.Businesses;

namespace Dashboard.Data.Usage;

/// <summary>
/// The binary form of a journal entry: a batch's per-minute cells, about 8 bytes each. Layout: version byte,
/// tier table (count, then length-prefixed UTF-8 codes), cell count, then per cell the minute as a zig-zag
/// varint delta from the previous cell's minute, the country's two ASCII letters, the kind's index, the tier's
/// index in the table and the count as a varint.
/// </summary>
internal static class UsageJournalCodec
{
    private const byte Version = 1;

    public static byte[] Encode(IReadOnlyList<UsageCell> cells, out long firstBucket, out long lastBucket)
    {
        firstBucket = long.MaxValue;
        lastBucket = long.MinValue;
        var tiers = new List<string>(4);
        var buffer = ArrayPool<byte>.Shared.Rent(16 + (cells.Count * 26));
        try
        {
            // The tier table comes first, so collect it before writing cells.
            foreach (var cell in cells)
            {
                if (IndexOfTier(tiers, cell.Tier) < 0)
                {
                    if (tiers.Count == byte.MaxValue || System.Text.Encoding.UTF8.GetByteCount(cell.Tier) > byte.MaxValue)
                    {
                        throw new ArgumentException("A journal entry holds at most 255 tiers of at most 255 bytes each.", nameof(cells));
                    }

                    tiers.Add(cell.Tier);
                }
            }

            var tierBytes = tiers.Sum(t => 1 + System.Text.Encoding.UTF8.GetByteCount(t));
            if (buffer.Length < 16 + tierBytes + (cells.Count * 26))
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(16 + tierBytes + (cells.Count * 26));
            }

            var span = buffer.AsSpan();
            var position = 0;
            span[position++] = Version;
            WriteVarint(span, ref position, (ulong)tiers.Count);
            foreach (var tier in tiers)
            {
                var length = System.Text.Encoding.UTF8.GetBytes(tier, span[(position + 1)..]);
                span[position] = (byte)length;
                position += 1 + length;
            }

            WriteVarint(span, ref position, (ulong)cells.Count);
            long previousMinute = 0;
            foreach (var cell in cells)
            {
                if (cell.Country is not { Length: 2 } || cell.MessageCount < 0 || cell.BucketStart % 60 != 0)
                {
                    throw new ArgumentException($"Cell {cell} is not a minute cell of a two-letter country with a count of zero or more.", nameof(cells));
                }

                var kind = UsageKinds.IndexOf(cell.Kind);
                if (kind < 0)
                {
                    throw new ArgumentException($"Unknown kind '{cell.Kind}'.", nameof(cells));
                }

                var minute = cell.BucketStart / 60;
                WriteVarint(span, ref position, ZigZag(minute - previousMinute));
                previousMinute = minute;
                span[position++] = (byte)cell.Country[0];
                span[position++] = (byte)cell.Country[1];
                span[position++] = (byte)kind;
                span[position++] = (byte)IndexOfTier(tiers, cell.Tier);
                WriteVarint(span, ref position, (ulong)cell.MessageCount);
                firstBucket = Math.Min(firstBucket, cell.BucketStart);
                lastBucket = Math.Max(lastBucket, cell.BucketStart);
            }

            if (cells.Count == 0)
            {
                firstBucket = lastBucket = 0;
            }

            return span[..position].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int IndexOfTier(List<string> tiers, string tier)
    {
        for (var i = 0; i < tiers.Count; i++)
        {
            if (ReferenceEquals(tiers[i], tier) || string.Equals(tiers[i], tier, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteVarint(Span<byte> span, ref int position, ulong value)
    {
        while (value >= 0x80)
        {
            span[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[position++] = (byte)value;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    internal static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    internal static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
            if (shift > 63)
            {
                throw new InvalidDataException("A journal entry holds a malformed number.");
            }
        }
    }
}

/// <summary>Reads the cells of one journal entry without allocating per cell.</summary>
internal ref struct UsageJournalReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _remaining;
    private long _minute;

    public UsageJournalReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        if (data.IsEmpty || data[0] != 1)
        {
            throw new InvalidDataException("A journal entry has an unknown format.");
        }

        _position = 1;
        var tierCount = (int)UsageJournalCodec.ReadVarint(data, ref _position);
        Tiers = new string[tierCount];
        for (var i = 0; i < tierCount; i++)
        {
            var length = data[_position];
            Tiers[i] = System.Text.Encoding.UTF8.GetString(data.Slice(_position + 1, length));
            _position += 1 + length;
        }

        _remaining = (int)UsageJournalCodec.ReadVarint(data, ref _position);
    }

    /// <summary>The entry's tier codes; a cell's tier is an index into them.</summary>
    public string[] Tiers { get; }

    /// <summary>The next cell: its minute's start, the country as a <see cref="UsageCountryCodes"/> index, the kind's and the tier's index, the count.</summary>
    public bool Next(out long bucketStart, out int country, out int kind, out int tier, out long count)
    {
        if (_remaining == 0)
        {
            bucketStart = country = kind = tier = 0;
            count = 0;
            return false;
        }

        _remaining--;
        _minute += UsageJournalCodec.UnZigZag(UsageJournalCodec.ReadVarint(_data, ref _position));
        bucketStart = _minute * 60;
        country = UsageCountryCodes.Index(_data[_position], _data[_position + 1]);
        kind = _data[_position + 2];
        tier = _data[_position + 3];
        _position += 4;
        count = (long)UsageJournalCodec.ReadVarint(_data, ref _position);
        return true;
    }
}

/// <summary>Two-letter country codes as small numbers (26 × 26) and back, without allocating.</summary>
public static class UsageCountryCodes
{
    /// <summary>How many indexes there are: one per pair of letters A–Z.</summary>
    public const int Count = 26 * 26;

    private static readonly string[] s_codes = Build();

    // Looked up once per sample of every batch, so an array rather than the country set's hashing.
    private static readonly bool[] s_iso = [.. s_codes.Select(Countries.IsIso3166Alpha2)];

    /// <summary>The index of two ASCII letters (either case), or -1.</summary>
    public static int Index(byte first, byte second)
    {
        var a = (first | 0x20) - 'a';
        var b = (second | 0x20) - 'a';
        return (uint)a < 26 && (uint)b < 26 ? (a * 26) + b : -1;
    }

    /// <summary>The index of a two-letter code, or -1.</summary>
    public static int Index(string? code) => code is { Length: 2 } && code[0] < 128 && code[1] < 128 ? Index((byte)code[0], (byte)code[1]) : -1;

    /// <summary>The upper-case code of an index (one shared string per code).</summary>
    public static string Code(int index) => s_codes[index];

    /// <summary>True when the index is an officially assigned ISO 3166-1 alpha-2 code.</summary>
    public static bool IsIso(int index) => (uint)index < Count && s_iso[index];

    private static string[] Build()
    {
        var codes = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            codes[i] = string.Create(2, i, static (span, index) =>
            {
                span[0] = (char)('A' + (index / 26));
                span[1] = (char)('A' + (index % 26));
            });
        }

        // ISO codes share the instances of the country list, so comparisons elsewhere can stop at a reference check.
        foreach (var iso in Countries.All)
        {
            codes[Index(iso)] = iso;
        }

        return codes;
    }
}
