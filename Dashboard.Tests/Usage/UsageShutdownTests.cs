using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Dashboard.Platform;

namespace Dashboard.Tests.Usage;

/// <summary>
/// The console as a real process, stopped with SIGTERM while several clients post batches: every batch it acknowledged
/// is counted exactly once after a restart on the same file; a batch it did not acknowledge is counted once or not at all.
/// </summary>
public sealed class UsageShutdownTests : IAsyncDisposable
{
    private const int Clients = 4;
    private const int AcknowledgedBeforeStop = 60;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "console-tests", "usage-sigterm-" + Guid.NewGuid().ToString("N"));
    private readonly List<ConsoleProcess> _processes = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigterm_DuringIngest_EveryAcknowledgedBatchCountsOnce_AfterARestart()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal.");
        Directory.CreateDirectory(_folder);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = "Data Source=" + Path.Combine(_folder, "console.db"),
            ["Database:Provider"] = "Sqlite",
            ["Demo:Enabled"] = "false",
            ["Usage:Simulator:Enabled"] = "false",
            ["Api:RateLimits:Enabled"] = "false",
        };
        var key = await CreateKeyAsync(settings);
        var first = Start(settings);
        await first.WaitUntilReadyAsync();

        // Each batch has a whole minute of its own, so that the read API can tell every batch's count apart.
        var baseMinute = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds() / 3600 * 3600);
        var next = -1;
        var batches = new System.Collections.Concurrent.ConcurrentBag<(DateTimeOffset Minute, long Count, bool Acknowledged)>();
        var acknowledged = 0;
        var random = new Random(20261127);
        var counts = Enumerable.Range(0, 5000).Select(_ => (long)random.Next(1, 1000)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                var minute = baseMinute.AddMinutes(n);
                var count = counts[n];
                var ok = false;
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/v1/usage/volume", new
                    {
                        batchId = Guid.NewGuid(),
                        samples = new[]
                        {
                            JsonSample.Of(minute, "DE", "text", "free", count),
                            JsonSample.Of(minute.AddSeconds(30), "BR", "photo", "business", 1),
                        },
                    }, CancellationToken.None);
                    ok = response.StatusCode == HttpStatusCode.OK
                        && (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("accepted").GetInt32() == 2;
                }
                catch (HttpRequestException)
                {
                    // The process is going or gone: the batch was not acknowledged.
                }

                batches.Add((minute, count + 1, ok));
                if (ok)
                {
                    Interlocked.Increment(ref acknowledged);
                }
                else if (first.HasExited)
                {
                    return;
                }
            }
        }, CancellationToken.None)).ToList();

        await WaitForAsync(() => Volatile.Read(ref acknowledged) >= AcknowledgedBeforeStop, TimeSpan.FromSeconds(90), "batches to be acknowledged");
        first.Terminate();
        var exited = await first.WaitForExitAsync(TimeSpan.FromSeconds(60));
        stop.Cancel();
        await Task.WhenAll(clients);

        Assert.True(exited, "The console did not stop within 60 s of SIGTERM.");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains(first.Output, line => line.Contains("\"Category\":\"Microsoft.Hosting.Lifetime\"", StringComparison.Ordinal));
        Assert.All(first.Output.Where(l => l.Length > 0), line => JsonDocument.Parse(line).Dispose());

        var second = Start(settings);
        await second.WaitUntilReadyAsync();
        using var reader = new HttpClient { BaseAddress = second.Address };
        reader.DefaultRequestHeaders.Add("X-Api-Key", key);
        var wrong = new List<string>();
        foreach (var (minute, count, ok) in batches.OrderBy(b => b.Minute))
        {
            var url = $"/api/v1/usage/volume?from={JsonSample.Iso(minute)}&to={JsonSample.Iso(minute.AddMinutes(1))}";
            var total = (await reader.GetFromJsonAsync<JsonElement>(url, Ct)).GetProperty("total").GetInt64();
            if (ok ? total != count : total != 0 && total != count)
            {
                wrong.Add($"{minute:O}: {(ok ? "acknowledged" : "not acknowledged")} {count}, counted {total}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{batches.Count(b => b.Acknowledged)} batches acknowledged, {batches.Count(b => !b.Acknowledged)} not; stopped in {first.Output.Count} log lines.");
        second.Terminate();
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(60)), "The restarted console did not stop within 60 s of SIGTERM.");
        Assert.True(batches.Count(b => b.Acknowledged) >= AcknowledgedBeforeStop);
        Assert.Empty(wrong);
    }

    private static async Task<string> CreateKeyAsync(Dictionary<string, string?> settings)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await OperatorCommands.RunAsync(["apikey", "create", "--name", "platform", "--scopes", "usage:write,usage:read"], output, error, settings);
        Assert.True(code == 0, error.ToString());
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    private ConsoleProcess Start(Dictionary<string, string?> settings)
    {
        var process = ConsoleProcess.Start(settings);
        _processes.Add(process);
        return process;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50, Ct);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp folder.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary><c>dotnet Dashboard.dll</c> from the console's build output, on a free loopback port, logging JSON to stdout.</summary>
    private sealed class ConsoleProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _output = [];
        private readonly List<string> _errors = [];

        private ConsoleProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.ExitCode;

        /// <summary>Standard error (nothing, while the console logs JSON to standard output).</summary>
        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_output)
                {
                    return [.. _errors];
                }
            }
        }

        public IReadOnlyList<string> Output
        {
            get
            {
                lock (_output)
                {
                    return [.. _output];
                }
            }
        }

        public static ConsoleProcess Start(Dictionary<string, string?> settings)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Dashboard.dll");
            Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"The console's build output is not next to the tests ({dll}).");
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [dll])
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
            start.Environment["Logging__Console__FormatterName"] = "json";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
            foreach (var (name, value) in settings)
            {
                start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            var console = new ConsoleProcess(process, new Uri($"http://127.0.0.1:{port}"));
            process.OutputDataReceived += (_, e) => console.Record(e.Data);
            process.ErrorDataReceived += (_, e) => console.RecordError(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return console;
        }

        public async Task WaitUntilReadyAsync()
        {
            using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                Assert.False(_process.HasExited, "The console exited while starting:\n" + string.Join('\n', [.. Output, .. Errors]));
                try
                {
                    using var response = await http.GetAsync("/health/ready", Ct);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!Ct.IsCancellationRequested)
                {
                }

                await Task.Delay(200, Ct);
            }

            Assert.Fail("The console did not become ready within 120 s:\n" + string.Join('\n', [.. Output, .. Errors]));
        }

        /// <summary>SIGTERM, as a container platform or systemd stops a service (not a kill).</summary>
        public void Terminate()
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(timeout);
            try
            {
                await _process.WaitForExitAsync(limit.Token);

                // The last lines of output arrive after the exit.
                _process.WaitForExit();
                return true;
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                return false;
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void RecordError(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _errors.Add(line);
                }
            }
        }

        private void Record(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.Add(line);
                }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
