using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Support;

/// <summary>Starts a console whose settings must be refused, and returns the refusal.</summary>
/// <remarks>
/// The console refuses its settings on its own thread and then disposes its host. When that happens before the test host
/// has started waiting on it, the test host reports only that the host is disposed; the refusal is then read from the
/// host's "failed to start" log, which is written before the host is disposed.
/// </remarks>
public static class StartRefusal
{
    public static OptionsValidationException Of(WebApplicationFactory<Program> console)
    {
        var log = new FailureLog();
        using var starting = console.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(log)));
        try
        {
            starting.CreateClient().Dispose();
        }
        catch (OptionsValidationException refusal)
        {
            return refusal;
        }
        catch (ObjectDisposedException) when (log.Refusal is { } refusal)
        {
            return refusal;
        }

        throw new Xunit.Sdk.XunitException("The console started; its settings should have been refused.");
    }

    private sealed class FailureLog : ILoggerProvider, ILogger
    {
        private OptionsValidationException? _refusal;

        public OptionsValidationException? Refusal => Volatile.Read(ref _refusal);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is OptionsValidationException refusal)
            {
                Interlocked.CompareExchange(ref _refusal, refusal, null);
            }
        }

        public void Dispose()
        {
        }
    }
}
