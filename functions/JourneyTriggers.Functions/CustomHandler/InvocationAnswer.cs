using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// What the handler answers the host (protocol doc §4, §5): 200 with <c>{"Outputs", "Logs", "ReturnValue"}</c>
/// completes the invocation; 500 fails it, so the trigger retries. Never an empty body or a 204: the host
/// would wait for a result until functionTimeout.
/// </summary>
internal static class InvocationAnswer
{
    public const string ContentType = "application/json; charset=utf-8";

    public static IResult Done(params string[] logs) => Results.Text(Envelope(logs, null), ContentType, Encoding.UTF8, StatusCodes.Status200OK);

    /// <summary>Fails the invocation on purpose: the Event Hubs retry policy or the queue re-delivers it.</summary>
    public static IResult Transient(string detail) => Results.Text(
        JsonSerializer.Serialize(new { error = "transient", detail }), ContentType, Encoding.UTF8, StatusCodes.Status500InternalServerError);

    /// <summary>The envelope; <paramref name="outputs"/> writes the members of <c>Outputs</c> (none for our triggers).</summary>
    public static string Envelope(IEnumerable<string> logs, Action<Utf8JsonWriter>? outputs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("Outputs");
            outputs?.Invoke(json);
            json.WriteEndObject();
            json.WriteStartArray("Logs");
            foreach (var log in logs) json.WriteStringValue(log);
            json.WriteEndArray();
            json.WriteNull("ReturnValue");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
