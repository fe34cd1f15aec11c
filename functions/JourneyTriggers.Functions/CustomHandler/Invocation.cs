using System.Text.Json;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// One invocation as the host posts it: <c>{"Data": {binding: value}, "Metadata": {key: value}}</c> (protocol
/// doc §2). <see cref="Raw"/> keeps the exact bytes, which a dead letter carries when nothing else can be read.
/// </summary>
internal sealed class Invocation(JsonElement data, JsonElement metadata, ReadOnlyMemory<byte> raw)
{
    public ReadOnlyMemory<byte> Raw { get; } = raw;

    public JsonElement? Data(string binding) => HostValues.Property(data, binding);

    public JsonElement? Metadata(string key) => HostValues.Property(metadata, key);

    /// <summary>The envelope, or why it is not one (not JSON, no <c>Data</c> object).</summary>
    public static async Task<(Invocation? Invocation, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var raw = buffer.ToArray();
        try
        {
            using var document = JsonDocument.Parse(raw);
            var root = document.RootElement;
            if (HostValues.Property(root, "Data") is not { ValueKind: JsonValueKind.Object } data)
                return (null, "The invocation request has no \"Data\" object; the host always sends {\"Data\": {…}, \"Metadata\": {…}}.");
            var metadata = HostValues.Property(root, "Metadata") is { ValueKind: JsonValueKind.Object } m ? m.Clone() : default;
            return (new Invocation(data.Clone(), metadata, raw), null);
        }
        catch (JsonException e)
        {
            return (null, "The invocation request is not JSON: " + e.Message);
        }
    }
}
