using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Fanout;

/// <summary>How many circuits the console under test has open: a circuit handler added to its services for the run.</summary>
internal sealed class OpenCircuits
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public static void AddTo(IServiceCollection services, OpenCircuits circuits) =>
        services.AddScoped<CircuitHandler>(_ => new Counter(circuits));

    private sealed class Counter(OpenCircuits circuits) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref circuits._count);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref circuits._count);
            return Task.CompletedTask;
        }
    }
}
