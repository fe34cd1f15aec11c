using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Functions.Cli;

/// <summary>Writes effects as JSON lines. Thai and other text stays readable rather than \u-escaped.</summary>
internal sealed class EffectLinesWriter : IDisposable
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    readonly Stream output;
    readonly Utf8JsonWriter json;

    public EffectLinesWriter(Stream output)
    {
        this.output = new BufferedStream(output, 1 << 16);
        json = new Utf8JsonWriter(this.output, Options);
    }

    public void Write(IReadOnlyList<Effect> effects)
    {
        foreach (var effect in effects)
        {
            EffectWireFormat.Write(json, effect);
            json.Flush();
            json.Reset();
            output.WriteByte((byte)'\n');
        }
    }

    public void Dispose()
    {
        json.Dispose();
        output.Flush();
    }
}
