namespace JourneyTriggers.Application.Messages;

/// <summary>One thing wrong with the template set; Line and Column are null when no line is at fault (a missing file).</summary>
public sealed record TemplateProblem(string File, int? Line, int? Column, string Problem)
{
    public override string ToString() => Line is { } line ? $"{File}({line},{Column}): {Problem}" : $"{File}: {Problem}";
}

/// <summary>Thrown by <see cref="ReminderTemplates.Validate"/> with every problem found, so one start-up shows them all.</summary>
public sealed class TemplateValidationException(IReadOnlyList<TemplateProblem> problems)
    : Exception($"{problems.Count} template problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = problems;
}
