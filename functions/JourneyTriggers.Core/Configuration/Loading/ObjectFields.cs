using System.Text.Json;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// The members of one JSON object, checked against the keys it may have. Unknown and repeated keys
/// are errors: a misspelt guard rail must not be silently ignored, and a repeated one must not
/// silently win.
/// </summary>
internal sealed class ObjectFields
{
    readonly Dictionary<string, JsonField> fields;

    ObjectFields(JsonField field, Dictionary<string, JsonField> fields)
    {
        Field = field;
        this.fields = fields;
    }

    public JsonField Field { get; }

    public bool Has(string key) => fields.ContainsKey(key);

    public JsonField? Get(string key) => fields.TryGetValue(key, out var value) ? value : null;

    public JsonField? Required(string key, ErrorLog log)
    {
        var value = Get(key);
        if (value is null)
            log.Report(Field.ChildPath(key), "required");
        return value;
    }

    public static ObjectFields? Open(JsonField field, ErrorLog log, IReadOnlyList<string> knownKeys)
    {
        if (field.Value.ValueKind != JsonValueKind.Object)
        {
            log.WrongType(field, "an object");
            return null;
        }

        var fields = new Dictionary<string, JsonField>(StringComparer.Ordinal);
        foreach (var property in field.Value.EnumerateObject())
        {
            if (!JsonText.TryGetName(property, out var key))
            {
                log.Report(field.Path, "has a key that is not valid Unicode text");
                continue;
            }

            var member = field.Child(key, property.Value);
            if (!knownKeys.Contains(key, StringComparer.Ordinal))
                log.Report(member.Path, UnknownKey(key, knownKeys));
            else if (!fields.TryAdd(key, member))
                log.Report(member.Path, "appears more than once");
        }

        return new ObjectFields(field, fields);
    }

    static string UnknownKey(string key, IReadOnlyList<string> knownKeys) =>
        KeySuggestion.Closest(key, knownKeys) is { } suggestion
            ? $"unknown key; did you mean \"{suggestion}\"?"
            : $"unknown key; expected one of {JsonText.QuotedList(knownKeys)}";
}
