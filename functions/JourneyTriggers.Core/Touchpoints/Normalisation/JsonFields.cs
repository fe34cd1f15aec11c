using System.Globalization;
using System.Text.Json;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// One JSON object of the input, read field by field. Each read checks the JSON type; when it is wrong it
/// records a reason naming the field's path and yields null, so the caller goes on and finds every problem.
/// JSON null counts as absent, because SDKs send null for the ids and properties they do not have.
/// <para>
/// Paths and positions are worked out only when a reason is recorded: most events have nothing wrong, and
/// building them for every field read was most of what reading an event allocated. For the same reason this
/// is a handle on an object opened in the event's <see cref="EventReading"/>, not an object of its own, and
/// its fields are found where opening the object filed them.
/// </para>
/// </summary>
internal readonly struct JsonFields
{
    static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    readonly EventReading reading;
    readonly int index;

    JsonFields(EventReading reading, int index)
    {
        this.reading = reading;
        this.index = index;
    }

    public RejectionReasons Reasons => Opened.Reasons;

    /// <summary>The reading this object was opened in, for a value read apart from it (a CloudEvent's base64 data).</summary>
    public EventReading Reading => reading;

    public JsonElement Json => Opened.Json;

    ref readonly EventReading.JsonObject Opened => ref reading[index];

    /// <param name="json">An object whose text has passed <see cref="UnicodeCheck"/>.</param>
    /// <param name="path">Where the object sat in the input (<c>data</c> inside a CloudEvent), empty at the root.</param>
    public static JsonFields Of(EventReading reading, JsonElement json, string path, FieldPosition at) =>
        new(reading, reading.Open(new(json, -1, path, true, at, reading.Reasons)));

    public string PathOf(string field)
    {
        ref readonly var opened = ref Opened;
        if (opened.Parent < 0)
        {
            return opened.Name.Length == 0 ? field : $"{opened.Name}.{field}";
        }

        return $"{new JsonFields(reading, opened.Parent).PathOf(opened.Name)}.{field}";
    }

    public bool Has(FieldName field) => Find(field) is not null;

    /// <summary>Whether the object has the field at all, JSON null included.</summary>
    public bool Mentions(FieldName field) => reading.TryGetField(index, field, out _);

    /// <summary>The field's value, whatever its JSON type; null when it is absent or JSON null. Records nothing.</summary>
    /// <remarks>A repeated name reads as its last occurrence, here as everywhere else.</remarks>
    public JsonElement? Find(FieldName field) =>
        reading.TryGetField(index, field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The first of <paramref name="names"/> present, else the first name, so that "missing" names the preferred one.</summary>
    public FieldName FirstPresent(params ReadOnlySpan<FieldName> names)
    {
        foreach (var candidate in names)
        {
            if (Has(candidate))
            {
                return candidate;
            }
        }

        return names[0];
    }

    public FieldText? Text(FieldName field) => Find(field) is { } value ? TextOf(field, value, null) : null;

    /// <summary>
    /// A text that is often one of <paramref name="common"/> (a type name, a source, a currency): then the
    /// value is that shared string, compared in place, rather than a copy decoded for this event.
    /// </summary>
    public FieldText? Text(FieldName field, CommonValues common) => Find(field) is { } value ? TextOf(field, value, common) : null;

    /// <param name="fallback">Used only when the field is absent: a CloudEvent attribute filling a touchpoint's gap.</param>
    public FieldText? RequiredText(FieldName field, FieldText? fallback = null, CommonValues? common = null)
    {
        if (Find(field) is { } value)
        {
            return TextOf(field, value, common);
        }

        if (fallback is null)
        {
            Missing(field);
        }

        return fallback;
    }

    /// <summary>Prices, revenue and cart values: a number that is not negative.</summary>
    public decimal? Amount(FieldName field)
    {
        if (Find(field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            WrongType(field, "a number", value);
            return null;
        }

        if (!value.TryGetDecimal(out var amount))
        {
            Reasons.Add(PositionOf(field.Text), PathOf(field.Text), $"{ValueText.Of(value)} is out of range");
            return null;
        }

        if (amount < 0)
        {
            Reasons.Add(PositionOf(field.Text), PathOf(field.Text), $"must not be negative, got {ValueText.Of(value)}");
            return null;
        }

        if (amount > FieldLimits.Amount)
        {
            AboveLimit(field, FieldLimits.Amount, value);
            return null;
        }

        return amount;
    }

    /// <summary>Quantities: a whole number from 1 to <see cref="CartLine.MaxQuantity"/>.</summary>
    public int? Quantity(FieldName field)
    {
        if (Find(field) is not { } value)
        {
            return null;
        }

        // 2.0 and 2e0 are the whole number 2 too, written as JSON allows.
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || !decimal.IsInteger(number) || number <= 0)
        {
            WrongType(field, "a positive integer", value);
            return null;
        }

        if (number > CartLine.MaxQuantity)
        {
            AboveLimit(field, CartLine.MaxQuantity, value);
            return null;
        }

        return (int)number;
    }

    void AboveLimit(FieldName field, decimal limit, JsonElement value) =>
        Reasons.Add(PositionOf(field.Text), PathOf(field.Text), $"must be at most {limit.ToString(CultureInfo.InvariantCulture)}, got {ValueText.Of(value)}");

    public bool? Flag(FieldName field)
    {
        if (Find(field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        WrongType(field, "true or false", value);
        return null;
    }

    /// <summary>
    /// The nested object, or an empty one when it is absent, so its required fields are still reported as
    /// missing under their full path. When the field is not an object that is the one problem reported: the
    /// empty stand-in then records into a scratch list, not into this event's reasons.
    /// </summary>
    public JsonFields ObjectOrEmpty(FieldName field)
    {
        if (Find(field) is not { } value)
        {
            return Nested(EmptyObject, field, false, Reasons);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return Nested(value, field, true, Reasons);
        }

        WrongType(field, "an object", value);
        return Nested(EmptyObject, field, true, new RejectionReasons());
    }

    /// <summary>The nested object, or null after recording that it is missing or not an object.</summary>
    public JsonFields? RequiredObject(FieldName field)
    {
        if (Find(field) is not { } value)
        {
            Missing(field);
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return Nested(value, field, true, Reasons);
        }

        WrongType(field, "an object", value);
        return null;
    }

    public void Missing(FieldName field, string problem = "missing") => Reasons.Add(End, PathOf(field.Text), problem);

    public void MissingOneOf(FieldName first, FieldName second) =>
        Reasons.Add(End, $"{PathOf(first.Text)}/{second.Text}", "at least one is required");

    public void Reject(FieldName field, string problem) =>
        Reasons.Add(Has(field) ? PositionOf(field.Text) : End, PathOf(field.Text), problem);

    /// <summary>Where a present field sat: its index among this object's properties, the last one of a repeated name.</summary>
    public FieldPosition PositionOf(string field)
    {
        var found = -1;
        var position = 0;
        foreach (var property in Opened.Json.EnumerateObject())
        {
            if (property.NameEquals(field))
            {
                found = position;
            }

            position++;
        }

        return At.Child(found);
    }

    FieldPosition At
    {
        get
        {
            ref readonly var opened = ref Opened;
            if (opened.RootAt is { } rootAt)
            {
                return rootAt;
            }

            var parent = new JsonFields(reading, opened.Parent);
            return opened.Present ? parent.PositionOf(opened.Name) : parent.End;
        }
    }

    /// <summary>A missing field has no place of its own, so it is reported after everything its object holds.</summary>
    FieldPosition End => At.End;

    JsonFields Nested(JsonElement json, FieldName field, bool present, RejectionReasons reasons) =>
        new(reading, reading.Open(new(json, index, field.Text, present, null, reasons)));

    FieldText? TextOf(FieldName field, JsonElement value, CommonValues? common)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return common?.Find(value) is { } shared ? new FieldText(shared, this, field) : new FieldText(value, this, field);
        }

        WrongType(field, "a string", value);
        return null;
    }

    void WrongType(FieldName field, string expected, JsonElement got) =>
        Reasons.Add(PositionOf(field.Text), PathOf(field.Text), $"expected {expected}, got {ValueText.Of(got)}");
}
