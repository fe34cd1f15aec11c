using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Whether a dead letter's body names a customer: the id as a complete JSON string, so <c>c-1</c> does not match
/// <c>c-10</c>. Both the raw form and the escaped one a JSON writer produces are looked for, since the senders
/// escape differently (a Thai id arrives raw from one and as <c>\u0E01…</c> from another).
/// </summary>
public static class DeadLetterMentions
{
    /// <summary>The byte strings, each a quoted JSON string, whose presence in a body means it names one of <paramref name="ids"/>.</summary>
    public static IReadOnlyList<byte[]> Needles(IEnumerable<string> ids) =>
    [
        .. ids.Where(id => id.Length > 0)
            .SelectMany(id => new[]
            {
                Encoding.UTF8.GetBytes(JsonSerializer.Serialize(id, Relaxed)),
                Encoding.UTF8.GetBytes(JsonSerializer.Serialize(id)),
            })
            .DistinctBy(Convert.ToBase64String),
    ];

    public static bool Names(ReadOnlySpan<byte> body, IReadOnlyList<byte[]> needles)
    {
        foreach (var needle in needles)
            if (body.IndexOf(needle) >= 0) return true;
        return false;
    }

    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
