using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace JourneyTriggers.Application.Diagnostics;

/// <summary>
/// Our OpenTelemetry names: one activity source and one meter, both "JourneyTriggers", which every host exports.
/// Spans and tags carry message ids, triggers, channels and outcomes, never a customer id or address.
/// </summary>
public static class Instrumentation
{
    public const string Name = "JourneyTriggers";

    public static string Version { get; } =
        typeof(Instrumentation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static readonly ActivitySource Source = new(Name, Version);

    /// <summary>Static, like <see cref="Source"/>: the decisions are counted where they are saved, in classes no container builds.</summary>
    internal static readonly Meter Meter = new(Name, Version);
}
