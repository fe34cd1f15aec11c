namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>Where a token starts in its file, for error messages an operator can act on.</summary>
internal readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}({Line},{Column})";
}

internal enum LiquidTokenKind { Text, Output, Tag }

/// <summary>
/// One piece of a template: literal text, an output <c>{{ … }}</c> (Markup is the inside), or a tag
/// <c>{% name markup %}</c>.
/// </summary>
internal sealed record LiquidToken(LiquidTokenKind Kind, string Name, string Markup, SourcePosition Position);
