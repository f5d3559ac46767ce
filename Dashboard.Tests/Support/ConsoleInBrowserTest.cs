namespace Dashboard.Tests.Support;

/// <summary>
/// A browser test class whose every test gets a console of its own on a loopback port (a fresh database), started
/// before the test and stopped after it.
/// </summary>
public abstract class ConsoleInBrowserTest(IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    protected ConsoleAppFactory App { get; } = new(settings);

    /// <summary>The console's address for the browser.</summary>
    protected Uri Address { get; private set; } = default!;

    public virtual ValueTask InitializeAsync()
    {
        Address = App.StartKestrel();
        return ValueTask.CompletedTask;
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return App.DisposeAsync();
    }
}
