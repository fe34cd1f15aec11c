using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Functions.Http.Customers;

/// <summary>
/// <c>DELETE /api/customers/{id}</c>: how many records of each kind were removed, and the journeys
/// that were running and exited with reason <c>erased</c>.
/// </summary>
internal sealed record ErasureView(string Key, IReadOnlyDictionary<string, int> Erased, IReadOnlyList<ExitedJourneyView> ExitedJourneys)
{
    public static ErasureView Of(string key, IReadOnlyList<Effect> exits, IReadOnlyDictionary<string, int> removed) =>
        new(key, removed, [.. exits.OfType<ExitJourney>().Select(e => new ExitedJourneyView(e.Trigger, e.Reason.ToWire()))]);
}

internal sealed record ExitedJourneyView(string Trigger, string Reason);
