using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>Request bodies and response reading, so each test shows only what it is about.</summary>
internal static class Json
{
    public static ByteArrayContent Body(string text, string? contentType = "application/json") => Body(Encoding.UTF8.GetBytes(text), contentType);

    public static ByteArrayContent Body(byte[] bytes, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        // Set without validation, so tests can send types (and charsets) that a client library would refuse.
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A native touchpoint (DESIGN 4.1) at the test clock's start unless told otherwise.</summary>
    public static string CartAdd(string id, string customerId, object? price = null, string timestamp = "2026-11-22T11:00:00Z") =>
        $$$"""{"id":"{{{id}}}","type":"cart.item_added","customerId":"{{{customerId}}}","timestamp":"{{{timestamp}}}","source":"web","properties":{"sku":"LAP-14","name":"Laptop 14","price":{{{JsonSerializer.Serialize(price ?? 32900)}}},"quantity":1,"currency":"THB"}}""";

    public static string Identify(string id, string customerId, string email = "somchai@example.com") =>
        $$$"""{"id":"{{{id}}}","type":"customer.identified","customerId":"{{{customerId}}}","timestamp":"2026-11-22T10:00:00Z","properties":{"email":"{{{email}}}","firstName":"Somchai","locale":"th-TH","timeZone":"Asia/Bangkok"}}""";

    public static string Consent(string id, string customerId, bool email, string timestamp = "2026-11-22T10:00:01Z") =>
        $$$"""{"id":"{{{id}}}","type":"consent.updated","customerId":"{{{customerId}}}","timestamp":"{{{timestamp}}}","properties":{"email":{{{(email ? "true" : "false")}}} }}""";
}
