using OpenTelemetry.Exporter;

namespace Dashboard.Platform;

/// <summary>Settings of the <c>Telemetry</c> section: the Prometheus scraping endpoint and OTLP export.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The service name metrics and traces carry (<c>service.name</c>).</summary>
    public string ServiceName { get; set; } = "business-console";

    public PrometheusSettings Prometheus { get; set; } = new();

    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>The <c>/metrics</c> endpoint in the Prometheus text format.</summary>
    public sealed class PrometheusSettings
    {
        public bool Enabled { get; set; }

        /// <summary>
        /// A port on which <c>/metrics</c> answers without an API key (the console must listen on it too, e.g.
        /// <c>ASPNETCORE_URLS=http://+:8080;http://+:9464</c>); keep it inside the cluster's network. On any other port
        /// a scraper needs an API key with the <c>metrics:read</c> scope.
        /// </summary>
        public int? Port { get; set; }
    }

    /// <summary>Export of metrics, traces and logs over OTLP, on when <see cref="Endpoint"/> is set.</summary>
    public sealed class OtlpSettings
    {
        /// <summary>The collector's base address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP).</summary>
        public Uri? Endpoint { get; set; }

        public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;
    }
}
