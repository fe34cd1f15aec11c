using System.Text.Json;

namespace JourneyTriggers.Functions.Http.Segment;

/// <summary>
/// Parses a Segment route's body as one JSON value, whatever its Content-Type said. The depth bound
/// keeps hostile nesting a parse error rather than a deep recursion later.
/// </summary>
internal static class SegmentBody
{
    /// <summary>Far deeper than any Segment call (context.device, properties.products[]), far shallower than a stack.</summary>
    public const int MaxDepth = 64;

    public static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <returns>The document, or a short description of why the body is not JSON.</returns>
    public static (JsonDocument? Document, string? Problem) Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return (JsonDocument.Parse(body, Options), null);
        }
        catch (JsonException e)
        {
            // The parser's message repeats its position and may echo a long token: keep it short.
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
            return (null, message.Length <= 200 ? message : message[..200] + "…");
        }
    }
}
