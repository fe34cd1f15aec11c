using System.Text.Json;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// Streams a JSON-lines file of touchpoints in file order. A line that is not JSON, or not a
/// touchpoint, becomes a rejection naming its line number; the lines after it go on.
/// </summary>
internal static class TouchpointLines
{
    public static IEnumerable<(int Line, TouchpointReading Reading)> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return (number, ReadLine(line));
        }
    }

    static TouchpointReading ReadLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return TouchpointNormaliser.Read(document.RootElement, now: null);
        }
        catch (JsonException e)
        {
            return new TouchpointReading.Rejected(null, null, $"invalid JSON: {e.Message}");
        }
    }
}
