using System.Buffers;
using System.Text;
using System.Text.Json;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Azure.TimerQueue;

/// <summary>
/// The text of a timer wake-up message: <c>{"key":"c-1002","trigger":"abandoned_cart","token":7,"dueAt":"2026-11-23T03:06:00Z"}</c>;
/// or of a reminder's delivery wake-up, when its provider asked to wait: <c>{"key":"c-1002","delivery":"m-…","dueAt":"…"}</c>;
/// or of an erasure's second sweep, naming when the erasure began and the customer's item then:
/// <c>{"key":"c-1002","erasure":"2026-11-23T03:06:00Z","item":"…","dueAt":"…"}</c>.
/// Each carries <c>"retry":n</c> once it has been queued again after a failure (<see cref="WakeUpRetries"/>).
/// <para>
/// The Functions host promotes every top-level field of a JSON queue message into the invocation's
/// metadata, where a field named like the trigger's own metadata (<c>id</c>, <c>dequeueCount</c>,
/// <c>popReceipt</c>, <c>insertionTime</c>, <c>expirationTime</c>, <c>nextVisibleTime</c>, <c>sys</c>)
/// would overwrite it (protocol doc §3.2); these seven names collide with none. (<c>trigger</c> ends in
/// "trigger", which the host merely leaves out of the metadata; the handler reads the message itself.)
/// </para>
/// </summary>
public static class WakeUpMessage
{
    static readonly InstantPattern Instants = InstantPattern.ExtendedIso;

    /// <summary>How much of an unreadable value a parse error quotes: enough to recognise, never a whole body.</summary>
    const int QuoteAtMost = 80;

    public static string Format(ProfileKey key, TimerDue timer, int retry = 0) => Write(retry, json =>
    {
        json.WriteString("key"u8, key.Value);
        json.WriteString("trigger"u8, timer.Trigger);
        json.WriteNumber("token"u8, timer.Token.Value);
        json.WriteString("dueAt"u8, Instants.Format(timer.DueAt));
    });

    public static string FormatDelivery(ProfileKey key, string messageId, Instant dueAt, int retry = 0) => Write(retry, json =>
    {
        json.WriteString("key"u8, key.Value);
        json.WriteString(Delivery, messageId);
        json.WriteString("dueAt"u8, Instants.Format(dueAt));
    });

    public static string FormatErasureSweep(ProfileKey key, Instant erasedAt, string? item, Instant dueAt, int retry = 0) => Write(retry, json =>
    {
        json.WriteString("key"u8, key.Value);
        json.WriteString(Erasure, Instants.Format(erasedAt));
        if (item is not null) json.WriteString("item"u8, item);
        json.WriteString("dueAt"u8, Instants.Format(dueAt));
    });

    static string Write(int retry, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            fields(json);
            if (retry > 0) json.WriteNumber(Retry, retry);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static ReadOnlySpan<byte> Delivery => "delivery"u8;

    static ReadOnlySpan<byte> Retry => "retry"u8;

    static ReadOnlySpan<byte> Erasure => "erasure"u8;

    /// <summary>
    /// Reads a wake-up as the Functions host hands it over: the message text after the host's Base64
    /// decoding. That text also arrives still wrapped in a JSON string (the host's <c>Data.timer</c> is
    /// one), which is unwrapped first. Fields this version does not know are ignored, so a newer
    /// producer can add some. A malformed message is a described failure, never an exception.
    /// </summary>
    public static WakeUpParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return Malformed($"is not JSON ({e.Message}): {Quote(text)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String) return ParseUnwrapped(root.GetString()!);
            return Read(root);
        }
    }

    static WakeUpParseResult ParseUnwrapped(string text)
    {
        try
        {
            using var inner = JsonDocument.Parse(text);
            return Read(inner.RootElement);
        }
        catch (JsonException e)
        {
            return Malformed($"is a JSON string whose content is not JSON ({e.Message}): {Quote(text)}");
        }
    }

    static WakeUpParseResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return Malformed($"must be a JSON object with key, trigger, token and dueAt; got {root.ValueKind}: {Quote(root.GetRawText())}");
        if (root.TryGetProperty(Delivery, out _)) return ReadDelivery(root);
        if (root.TryGetProperty(Erasure, out _)) return ReadErasureSweep(root);
        var problems = new List<string>();
        var key = NonEmptyString(root, "key", problems);
        var trigger = NonEmptyString(root, "trigger", problems);
        long token = 0;
        if (!root.TryGetProperty("token"u8, out var tokenField)) problems.Add("'token' is missing");
        else if (tokenField.ValueKind != JsonValueKind.Number || !tokenField.TryGetInt64(out token))
            problems.Add($"'token' must be a whole JSON number, got {Quote(tokenField.GetRawText())}");
        var dueAt = DueAt(root, problems);
        var retry = RetryOf(root, problems);
        if (problems.Count > 0) return Malformed(string.Join("; ", problems));
        return new WakeUpParseResult.Parsed(new ProfileKey(key!), new TimerDue(trigger!, new TimerToken(token), dueAt!.Value), retry);
    }

    static WakeUpParseResult ReadDelivery(JsonElement root)
    {
        var problems = new List<string>();
        var key = NonEmptyString(root, "key", problems);
        var messageId = NonEmptyString(root, "delivery", problems);
        var dueAt = DueAt(root, problems);
        var retry = RetryOf(root, problems);
        if (problems.Count > 0) return Malformed(string.Join("; ", problems));
        return new WakeUpParseResult.DeliveryDue(new ProfileKey(key!), messageId!, dueAt!.Value, retry);
    }

    /// <summary>0 when absent: every message written before retries existed, and every first attempt.</summary>
    static int RetryOf(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty(Retry, out var field)) return 0;
        if (field.ValueKind == JsonValueKind.Number && field.TryGetInt32(out var retry) && retry >= 0) return retry;
        problems.Add($"'retry' must be a whole JSON number, 0 or more, got {Quote(field.GetRawText())}");
        return 0;
    }

    static WakeUpParseResult ReadErasureSweep(JsonElement root)
    {
        var problems = new List<string>();
        var key = NonEmptyString(root, "key", problems);
        var erasedAt = InstantField(root, "erasure", problems);
        var item = root.TryGetProperty("item"u8, out _) ? NonEmptyString(root, "item", problems) : null;
        var dueAt = DueAt(root, problems);
        var retry = RetryOf(root, problems);
        if (problems.Count > 0) return Malformed(string.Join("; ", problems));
        return new WakeUpParseResult.ErasureSweepDue(new ProfileKey(key!), erasedAt!.Value, item, dueAt!.Value, retry);
    }

    static Instant? DueAt(JsonElement root, List<string> problems) => InstantField(root, "dueAt", problems);

    static Instant? InstantField(JsonElement root, string name, List<string> problems)
    {
        var text = NonEmptyString(root, name, problems);
        if (text is null) return null;
        var parsed = Instants.Parse(text);
        if (parsed.Success) return parsed.Value;
        problems.Add($"'{name}' must be an ISO 8601 UTC instant like 2026-11-23T03:06:00Z, got {Quote(text)}");
        return null;
    }

    static string? NonEmptyString(JsonElement root, string name, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var field)) problems.Add($"'{name}' is missing");
        else if (field.ValueKind != JsonValueKind.String) problems.Add($"'{name}' must be a string, got {Quote(field.GetRawText())}");
        else if (field.GetString() is not { Length: > 0 } value) problems.Add($"'{name}' is empty");
        else return value;
        return null;
    }

    static WakeUpParseResult Malformed(string problem) => new WakeUpParseResult.Malformed("Timer wake-up message " + problem + ".");

    static string Quote(string text) => text.Length <= QuoteAtMost ? text : text[..QuoteAtMost] + "…";
}
