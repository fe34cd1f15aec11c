namespace JourneyTriggers.Azure.EventHubs;

/// <summary>
/// The application property that marks an event our collector published: its body is a touchpoint in native JSON
/// (<c>NativeTouchpointJson</c>). Read with format detection, a native touchpoint named like a Segment call (a
/// Segment <c>group</c> or <c>alias</c>, or a <c>page</c> without a product, kept under its own name) would be taken
/// for that call and refused; the Touchpoints function reads a marked event as native only. Events other producers
/// send to the hub carry no mark and are read in whichever format they are.
/// </summary>
public static class NativeTouchpointProperty
{
    public const string Name = "touchpointFormat";
    public const string Value = "native";

    public static readonly IReadOnlyDictionary<string, string> Marked = new Dictionary<string, string> { [Name] = Value };

    public static bool IsMarked(IReadOnlyDictionary<string, string> properties) =>
        properties.TryGetValue(Name, out var value) && value == Value;
}
