namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>
/// A template that cannot be parsed, or a render that cannot go on (a missing partial, a loop too
/// long). The message starts with <c>file(line,column)</c>, the form editors and build logs link to.
/// </summary>
public sealed class LiquidException : Exception
{
    internal LiquidException(SourcePosition position, string problem)
        : base($"{position}: {problem}")
    {
        File = position.File;
        Line = position.Line;
        Column = position.Column;
        Problem = problem;
    }

    public string File { get; }
    public int Line { get; }
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
