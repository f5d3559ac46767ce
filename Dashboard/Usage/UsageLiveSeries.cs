namespace Dashboard.Usage;

/// <summary>
/// The last five minutes, one tick per second, kept once for the whole node: every overview and wall display reads this
/// one buffer instead of keeping its own. Each second is read from the live window; the platform may still send counts
/// for a second after it has passed, so the last <see cref="SettleSeconds"/> seconds are read again on every call and
/// only older ones are kept as they are.
/// </summary>
public sealed class UsageLiveSeries(UsageWindow window, TimeProvider time)
{
    /// <summary>How many seconds the buffer holds: one chart point per second.</summary>
    public const int Capacity = 300;

    /// <summary>How long after its end a second may still grow; until then it is read again.</summary>
    public const int SettleSeconds = 10;

    private readonly Lock _lock = new();
    private readonly Slot[] _ring = new Slot[Capacity];

    /// <summary>One tick per second for the <paramref name="count"/> seconds up to and including <paramref name="last"/>, oldest first.</summary>
    public IReadOnlyList<VolumeTick> Last(DateTimeOffset last, int count = Capacity)
    {
        count = Math.Clamp(count, 1, Capacity);
        var first = last.ToUnixTimeSeconds() - count + 1;
        var settled = time.GetUtcNow().ToUnixTimeSeconds() - SettleSeconds;
        var ticks = new VolumeTick[count];
        List<int>? missing = null;
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                var second = first + i;
                var slot = _ring[Index(second)];
                if (slot.Tick is { } tick && slot.Second == second && slot.ReadAfterSettled)
                {
                    ticks[i] = tick;
                }
                else
                {
                    (missing ??= []).Add(i);
                }
            }
        }

        foreach (var i in missing ?? [])
        {
            var second = first + i;
            var tick = window.Tick(DateTimeOffset.FromUnixTimeSeconds(second));
            var slot = new Slot(second, tick, second < settled);
            lock (_lock)
            {
                if (_ring[Index(second)].Second <= second)
                {
                    _ring[Index(second)] = slot;
                }
            }

            ticks[i] = tick;
        }

        return ticks;
    }

    private static int Index(long second) => (int)(((second % Capacity) + Capacity) % Capacity);

    private readonly record struct Slot(long Second, VolumeTick? Tick, bool ReadAfterSettled);
}
