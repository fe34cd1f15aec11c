using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

/// <summary>Reads JSON text through the public entry points and unwraps the expected outcome.</summary>
internal static class Reading
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);
    public static readonly Instant EventTime = Instant.FromUtc(2026, 11, 22, 10, 0);

    public static TouchpointReading Read(string json, Instant? now = null)
    {
        using var document = JsonDocument.Parse(json);
        return TouchpointNormaliser.Read(document.RootElement, now);
    }

    public static TouchpointReading ReadSegment(string json, string? forcedType, Instant? now = null)
    {
        using var document = JsonDocument.Parse(json);
        return TouchpointNormaliser.ReadSegment(document.RootElement, forcedType, now);
    }

    public static IReadOnlyList<TouchpointReading> ReadBody(string body, Instant? now = null) =>
        TouchpointNormaliser.ReadBody(Encoding.UTF8.GetBytes(body), now);

    public static T Accepted<T>(string json, Instant? now = null) where T : Touchpoint => Accepted<T>(Read(json, now));

    public static T Accepted<T>(TouchpointReading reading) where T : Touchpoint
    {
        if (reading is TouchpointReading.Rejected rejected)
        {
            Assert.Fail($"Expected {typeof(T).Name}, but the event was rejected: {rejected.Reason}");
        }

        return Assert.IsAssignableFrom<T>(Assert.IsType<TouchpointReading.Accepted>(reading).Touchpoint);
    }

    public static TouchpointReading.Rejected Rejected(string json, Instant? now = null) => Rejected(Read(json, now));

    public static TouchpointReading.Rejected Rejected(TouchpointReading reading)
    {
        if (reading is TouchpointReading.Accepted accepted)
        {
            Assert.Fail($"Expected a rejection, but the event was accepted as {accepted.Touchpoint}");
        }

        return Assert.IsType<TouchpointReading.Rejected>(reading);
    }

    /// <summary>A valid native event of the type, with the properties given as JSON.</summary>
    public static string Native(string type, string? properties = null) =>
        $$"""{"id":"evt-1","type":"{{type}}","customerId":"c-42","timestamp":"2026-11-22T10:00:00Z"{{(properties is null ? "" : $",\"properties\":{properties}")}}}""";

    /// <summary>The JSON with one top-level field set (in place when it exists) or, for a null value, removed.</summary>
    public static string With(string json, string name, JsonNode? value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        if (value is null)
        {
            node.Remove(name);
        }
        else
        {
            node[name] = value;
        }

        return node.ToJsonString();
    }

    public static string Without(string json, params string[] names) =>
        names.Aggregate(json, (current, name) => With(current, name, null));
}
