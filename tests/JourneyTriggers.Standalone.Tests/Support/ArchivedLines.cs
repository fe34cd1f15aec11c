using System.Text;
using System.Text.Json;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>What a touchpoint archive hands out, read whole: its lines, or the ids of the touchpoints on them.</summary>
internal static class ArchivedLines
{
    public static async Task<List<string>> ReadAsync(ITouchpointArchive archive, Instant? from = null, Instant? to = null, params ProfileKey[] profiles)
    {
        var lines = new List<string>();
        await foreach (var line in archive.ReadAsync(from, to, profiles.Length == 0 ? null : profiles)) lines.Add(Encoding.UTF8.GetString(line.Span));
        return lines;
    }

    public static async Task<List<string>> IdsAsync(ITouchpointArchive archive, params ProfileKey[] profiles) =>
        [.. (await ReadAsync(archive, null, null, profiles)).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!)];
}
