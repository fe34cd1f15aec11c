using System.Text.Json;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// Decoding of JSON strings and keys that cannot throw. Escapes such as <c>"\ud800"</c> are valid
/// JSON but not valid Unicode, and <see cref="JsonElement.GetString"/> throws on them.
/// </summary>
internal static class JsonText
{
    public static bool TryGetString(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    public static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    public static string QuotedList(IEnumerable<string> values) =>
        string.Join(", ", values.Select(value => $"\"{value}\""));
}
