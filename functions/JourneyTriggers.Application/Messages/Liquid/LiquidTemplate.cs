using System.Text;
using System.Text.Encodings.Web;

namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>
/// A parsed template: immutable, so one instance serves every render on every thread.
/// <see cref="Partials"/> lists the paths its <c>render</c> tags name, for validation.
/// </summary>
internal sealed class LiquidTemplate(string file, IReadOnlyList<LiquidNode> nodes, IReadOnlyList<string> partials)
{
    public string File { get; } = file;
    public IReadOnlyList<string> Partials { get; } = partials;

    /// <summary>Renders with outputs encoded by <paramref name="encoder"/>, or as plain text when it is null.</summary>
    public string Render(IReadOnlyDictionary<string, object?> model, TextEncoder? encoder, Func<string, LiquidTemplate?> partials)
    {
        var output = new StringBuilder();
        Render(new LiquidScope(model, encoder, partials), output);
        return output.ToString();
    }

    public void Render(LiquidScope scope, StringBuilder output) => LiquidNode.RenderAll(nodes, scope, output);
}
