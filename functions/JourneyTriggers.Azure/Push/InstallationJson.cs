using System.Text.Json;

namespace JourneyTriggers.Azure.Push;

/// <summary>The Installations API's JSON: an installation's body for PUT and from GET, and a JSON Patch document.</summary>
internal static class InstallationJson
{
    public static byte[] Write(NotificationHubsInstallation installation) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("installationId"u8, installation.InstallationId);
        json.WriteString("platform"u8, installation.Platform);
        json.WriteString("pushChannel"u8, installation.PushChannel);
        if (installation.UserId is { } userId) json.WriteString("userId"u8, userId);
        json.WriteStartArray("tags"u8);
        foreach (var tag in installation.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    public static byte[] Write(IEnumerable<InstallationPatch> operations) => Json(json =>
    {
        json.WriteStartArray();
        foreach (var operation in operations)
        {
            json.WriteStartObject();
            json.WriteString("op"u8, operation.Operation);
            json.WriteString("path"u8, operation.Path);
            if (operation.Value is { } value) json.WriteString("value"u8, value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    /// <summary>An installation from a GET answer; fields the service adds (lastUpdate, expirationTime, templates…) are ignored.</summary>
    public static NotificationHubsInstallation Read(BinaryData body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        return new NotificationHubsInstallation(Text("installationId"), Text("platform"), Text("pushChannel"))
        {
            UserId = root.TryGetProperty("userId"u8, out var user) && user.ValueKind == JsonValueKind.String ? user.GetString() : null,
            Tags = root.TryGetProperty("tags"u8, out var tags) && tags.ValueKind == JsonValueKind.Array
                ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)]
                : [],
            PushChannelExpired = root.TryGetProperty("expiredPushChannel"u8, out var expired) && expired.ValueKind == JsonValueKind.True,
        };
    }

    static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return buffer.ToArray();
    }
}
