using System.Text;
using System.Text.Encodings.Web;

namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>
/// The state of one render: the model (read-only), the template's own assignments, loop frames, the
/// encoder for outputs (null for plain text) and where partials come from.
/// </summary>
internal sealed class LiquidScope
{
    /// <summary>Bounds on a render, so a runaway override cannot stall a send.</summary>
    public const int MaxIterations = 10_000, MaxPartialDepth = 10;

    readonly IReadOnlyDictionary<string, object?> model;
    readonly List<Dictionary<string, object?>> frames = [new(StringComparer.Ordinal)];
    int iterations;

    public LiquidScope(IReadOnlyDictionary<string, object?> model, TextEncoder? encoder, Func<string, LiquidTemplate?> partials, int depth = 0)
    {
        this.model = model;
        Encoder = encoder;
        Partials = partials;
        Depth = depth;
    }

    public TextEncoder? Encoder { get; }
    public Func<string, LiquidTemplate?> Partials { get; }
    public int Depth { get; }

    /// <summary>A partial sees the model and its own arguments, never the caller's assignments (Liquid's <c>render</c>).</summary>
    public LiquidScope ForPartial(IReadOnlyDictionary<string, object?> arguments)
    {
        var scope = new LiquidScope(model, Encoder, Partials, Depth + 1);
        foreach (var (name, value) in arguments) scope.frames[0][name] = value;
        return scope;
    }

    public object? Get(string name)
    {
        for (var i = frames.Count - 1; i >= 0; i--)
            if (frames[i].TryGetValue(name, out var value)) return value;
        return model.TryGetValue(name, out var global) ? global : null;
    }

    /// <summary>assign and capture write to the template's outermost frame, as in Liquid, even inside a loop.</summary>
    public void Assign(string name, object? value) => frames[0][name] = value;

    public void PushFrame() => frames.Add(new Dictionary<string, object?>(StringComparer.Ordinal));
    public void SetLocal(string name, object? value) => frames[^1][name] = value;
    public void PopFrame() => frames.RemoveAt(frames.Count - 1);

    public void CountIteration(SourcePosition at)
    {
        if (++iterations > MaxIterations) throw new LiquidException(at, $"more than {MaxIterations} loop iterations");
    }

    public void Write(StringBuilder output, object? value)
    {
        if (value is SafeHtml html) { output.Append(html.Html); return; }
        var text = LiquidValues.ToText(value);
        output.Append(Encoder is null ? text : Encoder.Encode(text));
    }
}
