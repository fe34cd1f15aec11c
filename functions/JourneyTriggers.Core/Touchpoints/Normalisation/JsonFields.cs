using System.Text.Json;

namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// One JSON object of the input, read field by field. Each read checks the JSON type; when it is wrong it
/// records a reason naming the field's path and yields null, so the caller goes on and finds every problem.
/// JSON null counts as absent, because SDKs send null for the ids and properties they do not have.
/// </summary>
internal sealed class JsonFields
{
    static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    readonly JsonElement json;
    readonly string prefix;
    readonly FieldPosition at;

    JsonFields(JsonElement json, string path, FieldPosition at, RejectionReasons reasons)
    {
        this.json = json;
        prefix = path.Length == 0 ? "" : path + ".";
        this.at = at;
        Reasons = reasons;
    }

    public RejectionReasons Reasons { get; }

    /// <param name="json">An object whose text has passed <see cref="UnicodeCheck"/>.</param>
    /// <param name="path">Where the object sat in the input (<c>data</c> inside a CloudEvent), empty at the root.</param>
    public static JsonFields Of(JsonElement json, string path, FieldPosition at, RejectionReasons reasons) =>
        new(json, path, at, reasons);

    public string PathOf(string name) => prefix + name;

    public bool Has(string name) => Find(name) is not null;

    /// <summary>The first of <paramref name="names"/> present, else the first name, so that "missing" names the preferred one.</summary>
    public string FirstPresent(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Has(name))
            {
                return name;
            }
        }

        return names[0];
    }

    public FieldText? Text(string name)
    {
        if (Find(name) is not (var value, var position))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return new FieldText(value.GetString()!, PathOf(name), position, Reasons);
        }

        WrongType(name, position, "a string", value);
        return null;
    }

    /// <param name="fallback">Used only when the field is absent: a CloudEvent attribute filling a touchpoint's gap.</param>
    public FieldText? RequiredText(string name, FieldText? fallback = null)
    {
        if (Has(name))
        {
            return Text(name);
        }

        if (fallback is null)
        {
            Missing(name);
        }

        return fallback;
    }

    /// <summary>Prices, revenue and cart values: a number that is not negative.</summary>
    public decimal? Amount(string name)
    {
        if (Find(name) is not (var value, var position))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            WrongType(name, position, "a number", value);
            return null;
        }

        if (!value.TryGetDecimal(out var amount))
        {
            Reasons.Add(position, PathOf(name), $"{ValueText.Of(value)} is out of range");
            return null;
        }

        if (amount < 0)
        {
            Reasons.Add(position, PathOf(name), $"must not be negative, got {ValueText.Of(value)}");
            return null;
        }

        return amount;
    }

    public int? PositiveInteger(string name)
    {
        if (Find(name) is not (var value, var position))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0)
        {
            return number;
        }

        WrongType(name, position, "a positive integer", value);
        return null;
    }

    public bool? Flag(string name)
    {
        if (Find(name) is not (var value, var position))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        WrongType(name, position, "true or false", value);
        return null;
    }

    /// <summary>
    /// The nested object, or an empty one when it is absent, so its required fields are still reported as
    /// missing under their full path. When the field is not an object that is the one problem reported: the
    /// empty stand-in then records into a scratch list, not into this event's reasons.
    /// </summary>
    public JsonFields ObjectOrEmpty(string name)
    {
        if (Find(name) is not (var value, var position))
        {
            return new JsonFields(EmptyObject, PathOf(name), at.End, Reasons);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return new JsonFields(value, PathOf(name), position, Reasons);
        }

        WrongType(name, position, "an object", value);
        return new JsonFields(EmptyObject, PathOf(name), position, new RejectionReasons());
    }

    /// <summary>The nested object, or null after recording that it is missing or not an object.</summary>
    public JsonFields? RequiredObject(string name)
    {
        if (Find(name) is not (var value, var position))
        {
            Missing(name);
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return new JsonFields(value, PathOf(name), position, Reasons);
        }

        WrongType(name, position, "an object", value);
        return null;
    }

    public void Missing(string name) => Reasons.Add(at.End, PathOf(name), "missing");

    public void MissingOneOf(string first, string second) =>
        Reasons.Add(at.End, $"{PathOf(first)}/{second}", "at least one is required");

    public void Reject(string name, string problem) =>
        Reasons.Add(Find(name)?.At ?? at.End, PathOf(name), problem);

    void WrongType(string name, FieldPosition position, string expected, JsonElement got) =>
        Reasons.Add(position, PathOf(name), $"expected {expected}, got {ValueText.Of(got)}");

    // The last occurrence wins, as with JsonElement.GetProperty, so duplicate keys read the same everywhere.
    (JsonElement Value, FieldPosition At)? Find(string name)
    {
        (JsonElement, FieldPosition)? found = null;
        var index = 0;
        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                found = property.Value.ValueKind == JsonValueKind.Null ? null : (property.Value, at.Child(index));
            }

            index++;
        }

        return found;
    }
}
