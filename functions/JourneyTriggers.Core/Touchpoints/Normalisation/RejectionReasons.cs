namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Every problem found in one event. Readers carry on after a problem, so the sender learns about all of
/// them at once instead of fixing one field per round trip.
/// </summary>
internal sealed class RejectionReasons
{
    // Created by the first problem: most events have none.
    List<(FieldPosition At, string Message)>? reasons;

    public bool Any => reasons is { Count: > 0 };

    /// <summary>Ready for the next event, keeping the list for its problems.</summary>
    public void Clear() => reasons?.Clear();

    public void Add(FieldPosition at, string path, string problem) =>
        (reasons ??= []).Add((at, path.Length == 0 ? problem : $"{path}: {problem}"));

    /// <summary>In document order; OrderBy is stable, so problems at the same place keep the order they were found in.</summary>
    public string Join() => reasons is null ? "" : string.Join("; ", reasons.OrderBy(r => r.At).Select(r => r.Message));
}
