using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Platform;

/// <summary>Counts open Blazor circuits for <see cref="ConsoleTelemetry"/>; one instance per circuit.</summary>
public sealed class TelemetryCircuitHandler(ConsoleTelemetry telemetry) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        telemetry.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        telemetry.CircuitClosed();
        return Task.CompletedTask;
    }
}
