using System.Buffers.Binary;
using System.Text;
using System.Threading.Channels;
using Dashboard.Data.Usage;
using Dashboard.Platform.ScaleOut;
using StackExchange.Redis;

namespace Dashboard.Usage;

/// <summary>
/// Shares the live per-second counts between nodes over Redis pub/sub, so that every node's window, ticks, charts
/// and overview count the batches of every node, each once.
/// <para>
/// A node publishes the per-second cells (second, country, kind, tier, count) of each batch it accepted, tagged
/// with its node id; every node adds the other nodes' cells to its window and ignores its own echo. Cells that arrive
/// after their second was ticked still land in the window, so the charts (which read the last seconds again) show
/// them. Cells are merged and sent as soon as the previous message is out, so a busy node sends few, larger messages.
/// </para>
/// <para>
/// While Redis is down the node keeps its cells (those still inside the window) and sends them when Redis is back,
/// so the other nodes' charts fill in. The other nodes reconnect on their own schedule, and a message sent before they
/// have subscribed again is lost to them; so the kept cells wait until as many nodes listen on the channel as received
/// the last message before the outage, or at most <see cref="CatchUpWait"/>. Cells of new batches go out at once
/// meanwhile. A message whose send failed half-way is dropped rather than risk counting it twice. Tiers travel by
/// code: each node numbers tier codes in the order it met them.
/// </para>
/// </summary>
public sealed partial class UsageLiveExchange(RedisConnection redis, UsageWindow window, UsageTiers tiers, TimeProvider time, ILogger<UsageLiveExchange> logger)
    : BackgroundService
{
    /// <summary>The pub/sub channel (the connection string's <c>channelPrefix</c> is put in front).</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("business-console:usage:live");

    private const byte Format = 1;
    private const int MaxCellsPerMessage = 20_000;
    private const int HeaderBytes = 1 + 16 + 1;
    private const int CellBytes = 16;
    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long cells kept through an outage wait, once Redis is back, for the other nodes to subscribe again: three
    /// times the longest pause between a node's reconnection attempts.
    /// </summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(15);

    private readonly Channel<(long[] Keys, long[] Counts)> _outbox =
        System.Threading.Channels.Channel.CreateUnbounded<(long[] Keys, long[] Counts)>(new UnboundedChannelOptions { SingleReader = true });

    // Only the send loop touches these: cells to send now, cells kept through an outage, how many nodes received the
    // last message sent before it, and since when Redis is back.
    private readonly Dictionary<long, long> _pending = [];
    private readonly Dictionary<long, long> _kept = [];
    private long _listeners;
    private DateTimeOffset? _backSince;
    private long _received;
    private long _caughtUp;

    /// <summary>This node's id in the messages.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    /// <summary>Cells received from other nodes so far.</summary>
    public long ReceivedCells => Interlocked.Read(ref _received);

    /// <summary>Cells kept through an outage and sent once Redis was back, so far.</summary>
    public long CaughtUpCells => Interlocked.Read(ref _caughtUp);

    /// <summary>Hands an accepted batch's per-second cells (packed keys, tier as this node's index) to the other nodes.</summary>
    internal void Share(long[] keys, long[] counts) => _outbox.Writer.TryWrite((keys, counts));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(SubscribeAsync(stoppingToken), SendLoopAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Subscribes once Redis answers; the multiplexer subscribes again by itself after every reconnect.</summary>
    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        var subscriber = redis.Multiplexer.GetSubscriber();
        while (true)
        {
            try
            {
                await subscriber.SubscribeAsync(Channel, (_, message) => Receive(message));
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogSubscribeFailed(e);
                await Task.Delay(s_retry, time, stoppingToken);
            }
        }
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var outbox = _outbox.Reader;
        while (true)
        {
            if (_pending.Count == 0 && _kept.Count == 0)
            {
                await outbox.WaitToReadAsync(stoppingToken);
            }
            else
            {
                // Cells are waiting for Redis or for the other nodes: look again in a moment, or when more arrive.
                using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                pause.CancelAfter(s_retry);
                try
                {
                    await outbox.WaitToReadAsync(pause.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }

            while (outbox.TryRead(out var batch))
            {
                for (var i = 0; i < batch.Keys.Length; i++)
                {
                    _pending[batch.Keys[i]] = _pending.GetValueOrDefault(batch.Keys[i]) + batch.Counts[i];
                }
            }

            try
            {
                await SendOrKeepAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The node keeps serving its own counts whatever happens here.
                LogSendFailed(e, _pending.Count + _kept.Count);
                _pending.Clear();
                _kept.Clear();
            }
        }
    }

    private async Task SendOrKeepAsync()
    {
        DropExpired(_pending);
        DropExpired(_kept);
        if (!redis.IsConnected)
        {
            foreach (var (key, count) in _pending)
            {
                _kept[key] = _kept.GetValueOrDefault(key) + count;
            }

            _pending.Clear();
            _backSince = null;
            return;
        }

        if (_pending.Count > 0)
        {
            var listeners = await SendAsync(_pending);
            if (_kept.Count == 0 && listeners > 0)
            {
                _listeners = listeners;
            }
        }

        if (_kept.Count > 0 && await OthersListenAgainAsync())
        {
            var count = _kept.Count;
            var listeners = await SendAsync(_kept);
            if (listeners > 0)
            {
                _listeners = listeners;
            }

            Interlocked.Add(ref _caughtUp, count);
            _backSince = null;
        }
    }

    /// <summary>Whether as many nodes listen as before the outage, or the wait for them is over.</summary>
    private async Task<bool> OthersListenAgainAsync()
    {
        var now = time.GetUtcNow();
        _backSince ??= now;
        if (now - _backSince >= CatchUpWait)
        {
            return true;
        }

        var server = redis.Multiplexer.GetServers().FirstOrDefault(s => s.IsConnected);
        return server is not null && await server.SubscriptionSubscriberCountAsync(Channel) >= _listeners;
    }

    /// <summary>Sends the cells and empties them; answers how many nodes received the last message (this one included).</summary>
    private async Task<long> SendAsync(Dictionary<long, long> from)
    {
        var cells = from.ToArray();
        from.Clear();
        var listeners = 0L;
        var subscriber = redis.Multiplexer.GetSubscriber();
        for (var start = 0; start < cells.Length; start += MaxCellsPerMessage)
        {
            var length = Math.Min(MaxCellsPerMessage, cells.Length - start);
            var message = Encode(NodeId, cells.AsSpan(start, length), tiers.Code);
            try
            {
                listeners = await subscriber.PublishAsync(Channel, message);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // It may have reached some nodes: sending it again could count it twice there.
                LogSendFailed(e, length);
            }
        }

        return listeners;
    }

    private void DropExpired(Dictionary<long, long> cells)
    {
        var oldest = time.GetUtcNow().ToUnixTimeSeconds() - (long)UsageWindow.Length.TotalSeconds;
        foreach (var key in cells.Keys)
        {
            if (UsageKey.Time(key) < oldest)
            {
                cells.Remove(key);
            }
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            if (!TryDecode(((ReadOnlyMemory<byte>)message).Span, out var node, out var codes, out var keys, out var counts))
            {
                LogUnreadable();
                return;
            }

            if (node == NodeId)
            {
                return;
            }

            var local = codes.Select(tiers.Intern).ToArray();
            var kept = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                var key = keys[i];
                if (UsageKey.Tier(key) >= local.Length || local[UsageKey.Tier(key)] < 0 || UsageKey.Kind(key) >= UsageKinds.All.Count || UsageKey.Country(key) >= UsageCountryCodes.Count)
                {
                    continue;
                }

                keys[kept] = (key & ~0xFFL) | (long)local[UsageKey.Tier(key)];
                counts[kept] = counts[i];
                kept++;
            }

            window.Add(keys.AsSpan(0, kept), counts.AsSpan(0, kept));
            Interlocked.Add(ref _received, kept);
        }
        catch (Exception e)
        {
            LogReceiveFailed(e);
        }
    }

    /// <summary>
    /// Format 1: format byte, node id (16 bytes), the tier codes (a count byte, then each as a length byte and UTF-8),
    /// the number of cells (4 bytes), then each cell as its packed key — tier bits index the codes above — and count (8 bytes each, little-endian).
    /// </summary>
    internal static byte[] Encode(Guid node, ReadOnlySpan<KeyValuePair<long, long>> cells, Func<int, string> tierCode)
    {
        var codes = new List<byte[]>();
        var index = new Dictionary<int, int>();
        foreach (var cell in cells)
        {
            var tier = UsageKey.Tier(cell.Key);
            if (!index.ContainsKey(tier))
            {
                index[tier] = codes.Count;
                codes.Add(Encoding.UTF8.GetBytes(tierCode(tier)));
            }
        }

        var bytes = new byte[HeaderBytes + codes.Sum(c => 1 + c.Length) + 4 + (cells.Length * CellBytes)];
        bytes[0] = Format;
        node.TryWriteBytes(bytes.AsSpan(1, 16));
        bytes[17] = (byte)codes.Count;
        var at = HeaderBytes;
        foreach (var code in codes)
        {
            bytes[at++] = (byte)code.Length;
            code.CopyTo(bytes, at);
            at += code.Length;
        }

        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), cells.Length);
        at += 4;
        foreach (var cell in cells)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), (cell.Key & ~0xFFL) | (long)index[UsageKey.Tier(cell.Key)]);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 8), cell.Value);
            at += CellBytes;
        }

        return bytes;
    }

    internal static bool TryDecode(ReadOnlySpan<byte> bytes, out Guid node, out string[] tierCodes, out long[] keys, out long[] counts)
    {
        node = Guid.Empty;
        tierCodes = [];
        keys = counts = [];
        if (bytes.Length < HeaderBytes + 4 || bytes[0] != Format)
        {
            return false;
        }

        node = new Guid(bytes.Slice(1, 16));
        var codes = new string[bytes[17]];
        var at = HeaderBytes;
        for (var i = 0; i < codes.Length; i++)
        {
            if (at >= bytes.Length || at + 1 + bytes[at] > bytes.Length)
            {
                return false;
            }

            codes[i] = Encoding.UTF8.GetString(bytes.Slice(at + 1, bytes[at]));
            at += 1 + bytes[at];
        }

        if (at + 4 > bytes.Length)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        at += 4;
        if (count < 0 || bytes.Length - at != (long)count * CellBytes)
        {
            return false;
        }

        keys = new long[count];
        counts = new long[count];
        for (var i = 0; i < count; i++, at += CellBytes)
        {
            keys[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
            counts[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(at + 8)..]);
        }

        tierCodes = codes;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the other nodes' live counts failed; trying again")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Cells} live count cells to the other nodes failed; they are left out of the other nodes' live window (the database has them)")]
    private partial void LogSendFailed(Exception exception, int cells);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live count message from another node could not be read (another version of the console?)")]
    private partial void LogUnreadable();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adding another node's live counts failed")]
    private partial void LogReceiveFailed(Exception exception);
}
