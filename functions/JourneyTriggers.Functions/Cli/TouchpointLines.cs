using System.Collections.Concurrent;
using System.Text.Json;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Functions.Cli;

/// <summary>
/// Streams a JSON-lines file of touchpoints in file order. A line that is not JSON, or not a
/// touchpoint, becomes a rejection naming its line number; the lines after it go on.
/// <para>
/// Lines are read, parsed and normalised ahead on a thread of their own, handed over in file order in
/// batches, so the engine replays one batch on the caller's core while the next is read on the other.
/// Reading is pure (every line's reading depends on that line alone), so this changes no output.
/// </para>
/// </summary>
internal static class TouchpointLines
{
    /// <summary>Lines per hand-over: large enough that handing over costs nothing per line.</summary>
    const int BatchSize = 1024;

    /// <summary>Batches read ahead at most, so a slow replay does not let the whole file pile up in memory.</summary>
    const int BatchesAhead = 16;

    public static IEnumerable<(int Line, TouchpointReading Reading)> Read(TextReader reader)
    {
        using var stop = new CancellationTokenSource();
        using var batches = new BlockingCollection<List<(int, TouchpointReading)>>(BatchesAhead);
        var readAhead = Task.Factory.StartNew(() => ReadAhead(reader, batches, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
                foreach (var reading in batch)
                    yield return reading;
            // Surfaces a failure to read the file (an I/O error) where the caller reads.
            readAhead.GetAwaiter().GetResult();
        }
        finally
        {
            // The caller stopped early or failed: the reading thread stops at its next hand-over. Its own
            // failure, if any, was raised above or no longer matters; waiting must not replace the caller's.
            stop.Cancel();
            ((IAsyncResult)readAhead).AsyncWaitHandle.WaitOne();
        }
    }

    static void ReadAhead(TextReader reader, BlockingCollection<List<(int, TouchpointReading)>> batches, CancellationToken stop)
    {
        try
        {
            var batch = new List<(int, TouchpointReading)>(BatchSize);
            var catalogue = new ProductCatalogue();
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var reading = ReadLine(line);
                batch.Add((number, reading is TouchpointReading.Accepted accepted ? new TouchpointReading.Accepted(catalogue.Share(accepted.Touchpoint)) : reading));
                if (batch.Count < BatchSize) continue;
                batches.Add(batch, stop);
                batch = new List<(int, TouchpointReading)>(BatchSize);
            }
            if (batch.Count > 0) batches.Add(batch, stop);
        }
        finally
        {
            batches.CompleteAdding();
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
