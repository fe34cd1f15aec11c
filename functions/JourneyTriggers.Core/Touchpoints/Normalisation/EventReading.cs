using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// One event being read: the JSON objects opened so far (the root, <c>properties</c>, <c>data</c>, …) and the
/// problems found. <see cref="JsonFields"/> is a handle on one of these objects, so opening an object costs no
/// allocation. A thread reuses one instance from event to event: taken by <see cref="Take"/> at the start of a
/// public entry point, given back by <see cref="GiveBack"/> once the reading's result is built; one not given
/// back (a reader threw) is simply dropped.
/// </summary>
internal sealed class EventReading
{
    // The thread's instance between events; taken out while in use, so a nested reading gets its own.
    [ThreadStatic] static EventReading? spare;

    JsonObject[] objects = new JsonObject[4];
    int count;

    EventReading() { }

    public RejectionReasons Reasons { get; } = new();

    public static EventReading Take()
    {
        var reading = spare ?? new EventReading();
        spare = null;
        return reading;
    }

    /// <summary>Forgets this event (so no document is kept alive by it) and hands the instance back to the thread.</summary>
    public void GiveBack()
    {
        Array.Clear(objects, 0, count);
        count = 0;
        Reasons.Clear();
        spare = this;
    }

    public int Open(in JsonObject opened)
    {
        if (count == objects.Length) Array.Resize(ref objects, count * 2);
        objects[count] = opened;
        return count++;
    }

    public ref readonly JsonObject this[int index] => ref objects[index];

    /// <summary>
    /// Where an opened object sits: a root states its own path and position; a nested object is its parent's
    /// field <paramref name="Name"/>, present there or standing in for an absent one.
    /// </summary>
    /// <param name="Parent">The parent's index, or -1 for a root.</param>
    /// <param name="Name">The field's name in the parent, or a root's path (empty at the top, <c>data</c> inside a CloudEvent).</param>
    /// <param name="RootAt">A root's position; null for a nested object.</param>
    /// <param name="Reasons">Where this object's problems go: the event's, or a scratch list for a stand-in whose problem was already reported.</param>
    internal readonly record struct JsonObject(JsonElement Json, int Parent, string Name, bool Present, FieldPosition? RootAt, RejectionReasons Reasons);
}
