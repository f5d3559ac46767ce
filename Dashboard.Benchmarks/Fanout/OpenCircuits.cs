using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Fanout;

/// <summary>
/// The circuits the console under test has open: a circuit handler added to its services for the run. It also takes a
/// census of the components one circuit holds, which is where most of a circuit's memory goes.
/// </summary>
internal sealed class OpenCircuits
{
    private readonly ConcurrentDictionary<string, Circuit> _open = new();

    public int Count => _open.Count;

    public static void AddTo(IServiceCollection services, OpenCircuits circuits) =>
        services.AddScoped<CircuitHandler>(_ => new Counter(circuits));

    /// <summary>
    /// The components of the most recently opened circuit by type, most frequent first; null when the renderer's inner
    /// state cannot be read (it is not public, so the census reads it by reflection and gives up quietly).
    /// </summary>
    public IReadOnlyList<(string Type, int Count)>? Census()
    {
        var circuit = _open.Values.LastOrDefault();
        const BindingFlags inner = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var host = circuit?.GetType().GetField("_circuitHost", inner)?.GetValue(circuit);
        var renderer = host?.GetType().GetProperty("Renderer", inner)?.GetValue(host);
        var states = renderer is null ? null : FieldOf(renderer.GetType(), "_componentStateById")?.GetValue(renderer) as IDictionary;
        if (states is null)
        {
            return null;
        }

        var types = new List<string>();
        foreach (var state in states.Values)
        {
            var component = state?.GetType().GetProperty("Component", inner)?.GetValue(state);
            types.Add(component?.GetType().Name ?? "?");
        }

        return [.. types.GroupBy(t => t).Select(g => (g.Key, g.Count())).OrderByDescending(t => t.Item2).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }

    private static FieldInfo? FieldOf(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic) is { } field)
            {
                return field;
            }
        }

        return null;
    }

    private sealed class Counter(OpenCircuits circuits) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits._open[circuit.Id] = circuit;
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            circuits._open.TryRemove(circuit.Id, out _);
            return Task.CompletedTask;
        }
    }
}
