using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// One event being read: the JSON objects opened so far (the root, <c>properties</c>, <c>data</c>, …) and the
/// problems found. <see cref="JsonFields"/> is a handle on one of these objects, so opening an object costs no
/// allocation. A thread reuses one instance from event to event: taken by <see cref="Take"/> at the start of a
/// public entry point, given back by <see cref="GiveBack"/> once the reading's result is built; one not given
/// back (a reader threw) is simply dropped.
/// <para>
/// Opening an object files each property whose name a reader looks for (a <see cref="FieldName"/>) in that name's
/// slot, in one pass over the object, so reading a field is an index. Looking each field up by name searched the
/// object once per read, every property of it for a field that is absent, and was a quarter of an event's reading.
/// </para>
/// </summary>
internal sealed class EventReading
{
    // The thread's instance between events; taken out while in use, so a nested reading gets its own.
    [ThreadStatic] static EventReading? spare;

    JsonObject[] objects = new JsonObject[4];

    // Each opened object's filed properties: FieldName.Count slots per object, and which of them are filled.
    JsonElement[] slots = new JsonElement[4 * FieldName.Count];
    ulong[] filled = new ulong[4];
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
        for (var index = 0; index < count; index++)
        {
            for (var names = filled[index]; names != 0; names &= names - 1)
            {
                slots[index * FieldName.Count + BitOperations.TrailingZeroCount(names)] = default;
            }
        }

        Array.Clear(objects, 0, count);
        count = 0;
        Reasons.Clear();
        spare = this;
    }

    public int Open(in JsonObject opened)
    {
        if (count == objects.Length)
        {
            Array.Resize(ref objects, count * 2);
            Array.Resize(ref slots, count * 2 * FieldName.Count);
            Array.Resize(ref filled, count * 2);
        }

        objects[count] = opened;
        filled[count] = File(opened.Json, slots.AsSpan(count * FieldName.Count, FieldName.Count));
        return count++;
    }

    public ref readonly JsonObject this[int index] => ref objects[index];

    /// <summary>The value of the object's property of that name, JSON null included: the last one when the name repeats.</summary>
    public bool TryGetField(int index, FieldName name, out JsonElement value)
    {
        if ((filled[index] & name.Bit) == 0)
        {
            value = default;
            return false;
        }

        value = slots[index * FieldName.Count + name.Number];
        return true;
    }

    // Later properties overwrite earlier ones of the same name: the last one wins, as it did with TryGetProperty,
    // which searches from the end.
    static ulong File(JsonElement json, Span<JsonElement> slots)
    {
        ulong filed = 0;
        foreach (var property in json.EnumerateObject())
        {
            if (NameOf(property) is { } name)
            {
                slots[name.Number] = property.Value;
                filed |= name.Bit;
            }
        }

        return filed;
    }

    // A name with escapes is compared by its text, as TryGetProperty compares it; no listed name has a
    // backslash, so a name whose raw bytes spell one is known to have none.
    static FieldName? NameOf(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return FieldName.Of(raw) ?? (raw.Contains((byte)'\\') ? FieldName.Of(Encoding.UTF8.GetBytes(property.Name)) : null);
    }

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
