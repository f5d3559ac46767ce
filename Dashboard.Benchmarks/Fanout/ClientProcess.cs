using System.Diagnostics;

namespace Dashboard.Benchmarks.Fanout;

/// <summary>
/// This benchmark started again as a client process (<c>--fanout-hub-clients</c>, <c>--fanout-circuits</c>): the clients get
/// their own runtime, thread pool and garbage collector, so that neither side's pauses or queues are counted as the other's.
/// The two talk in lines: the parent writes commands to the client's input, the client answers with lines starting
/// <c>fanout:</c> on its output; anything else it prints is passed through.
/// </summary>
internal sealed class ClientProcess : IAsyncDisposable
{
    public const string Prefix = "fanout:";

    private readonly Process _process;
    private readonly TextWriter _output;

    private ClientProcess(Process process, TextWriter output)
    {
        _process = process;
        _output = output;
    }

    public static ClientProcess Start(IEnumerable<string> arguments, TextWriter output)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable is unknown.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ClientProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ClientProcess(Process.Start(start) ?? throw new InvalidOperationException("The client process did not start."), output);
    }

    /// <summary>The processor time the client process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The words after <c>fanout:<paramref name="answer"/></c> in the client's next answer of that kind.</summary>
    public async Task<string[]> ExpectAsync(string answer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The client process did not answer '{answer}' within {timeout.TotalSeconds:N0} s.");
            }

            if (line is null)
            {
                throw new InvalidOperationException($"The client process ended before answering '{answer}'.");
            }

            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                _output.WriteLine("  client: " + line);
                continue;
            }

            var words = line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && words[0] == "error")
            {
                throw new InvalidOperationException("The client process failed: " + string.Join(' ', words.Skip(1)));
            }

            if (words.Length > 0 && words[0] == answer)
            {
                return words[1..];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>On the client's side: an answer to the parent.</summary>
    public static void Answer(string answer, params object[] words) =>
        Console.Out.WriteLine(Prefix + string.Join(' ', [answer, .. words.Select(w => Convert.ToString(w, System.Globalization.CultureInfo.InvariantCulture))]));

    /// <summary>On the client's side: waits for a command from the parent; null when the parent closed the input.</summary>
    public static async Task<string?> CommandAsync() => await Console.In.ReadLineAsync().ConfigureAwait(false);
}
