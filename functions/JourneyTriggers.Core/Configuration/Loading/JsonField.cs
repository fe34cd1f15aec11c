using System.Text.Encodings.Web;
using System.Text.Json;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>A JSON value together with the path that error messages name it by.</summary>
internal readonly record struct JsonField(JsonElement Value, string Path)
{
    public const string RootPath = "$";

    // Long enough to recognise a value, short enough that a pasted blob does not flood the report.
    const int MaxShownLength = 40;

    public JsonField Child(string key, JsonElement value) => new(value, ChildPath(key));

    /// <summary>
    /// <c>defaults.quietHours</c>; a key that is empty or holds dots or spaces is quoted
    /// (<c>defaults["quiet hours"]</c>) so every path points at exactly one place.
    /// </summary>
    public string ChildPath(string key)
    {
        if (!IsPlain(key))
            return $"{Path}[\"{JsonEncodedText.Encode(key, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"]";
        return Path == RootPath ? key : $"{Path}.{key}";
    }

    public JsonField Item(int index, JsonElement value) => new(value, $"{Path}[{index}]");

    /// <summary>The value as the author wrote it, for "got …" in messages.</summary>
    public string Describe() => Value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => Shorten(Value.GetRawText()),
    };

    static bool IsPlain(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    static string Shorten(string text) =>
        text.Length <= MaxShownLength ? text : string.Concat(text.AsSpan(0, MaxShownLength), "…");
}
