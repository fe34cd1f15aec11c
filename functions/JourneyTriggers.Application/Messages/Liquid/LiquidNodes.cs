using System.Text;

namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>A parsed piece of a template; rendering appends to the output.</summary>
internal abstract record LiquidNode(SourcePosition Position)
{
    public abstract void Render(LiquidScope scope, StringBuilder output);

    public static void RenderAll(IReadOnlyList<LiquidNode> nodes, LiquidScope scope, StringBuilder output)
    {
        foreach (var node in nodes) node.Render(scope, output);
    }
}

internal sealed record TextNode(SourcePosition Position, string Text) : LiquidNode(Position)
{
    public override void Render(LiquidScope scope, StringBuilder output) => output.Append(Text);
}

internal sealed record OutputNode(SourcePosition Position, FilteredExpression Value) : LiquidNode(Position)
{
    public override void Render(LiquidScope scope, StringBuilder output) => scope.Write(output, Value.Evaluate(scope));
}

/// <summary>if / elsif / else, and unless (its condition negated). A null condition is the else branch.</summary>
internal sealed record IfNode(SourcePosition Position, IReadOnlyList<(LiquidExpression? Condition, IReadOnlyList<LiquidNode> Body)> Branches)
    : LiquidNode(Position)
{
    public override void Render(LiquidScope scope, StringBuilder output)
    {
        foreach (var (condition, body) in Branches)
        {
            if (condition is not null && !LiquidValues.IsTruthy(condition.Evaluate(scope))) continue;
            RenderAll(body, scope, output);
            return;
        }
    }
}

internal sealed record ForNode(
    SourcePosition Position, string Variable, LiquidExpression Collection, LiquidExpression? Limit, bool Reversed,
    IReadOnlyList<LiquidNode> Body, IReadOnlyList<LiquidNode> Empty) : LiquidNode(Position)
{
    public override void Render(LiquidScope scope, StringBuilder output)
    {
        var items = LiquidValues.AsList(Collection.Evaluate(scope)).Cast<object?>();
        if (Limit is not null) items = items.Take((int)Math.Clamp(LiquidValues.ToDecimal(Limit.Evaluate(scope)) ?? 0, 0, int.MaxValue));
        var list = Reversed ? items.Reverse().ToList() : items.ToList();
        if (list.Count == 0) { RenderAll(Empty, scope, output); return; }
        scope.PushFrame();
        try
        {
            for (var i = 0; i < list.Count; i++)
            {
                scope.CountIteration(Position);
                scope.SetLocal(Variable, list[i]);
                scope.SetLocal("forloop", new Dictionary<string, object?>
                {
                    ["index"] = i + 1, ["index0"] = i, ["rindex"] = list.Count - i, ["rindex0"] = list.Count - i - 1,
                    ["first"] = i == 0, ["last"] = i == list.Count - 1, ["length"] = list.Count,
                });
                RenderAll(Body, scope, output);
            }
        }
        finally { scope.PopFrame(); }
    }
}

internal sealed record AssignNode(SourcePosition Position, string Variable, FilteredExpression Value) : LiquidNode(Position)
{
    public override void Render(LiquidScope scope, StringBuilder output) => scope.Assign(Variable, Value.Evaluate(scope));
}

/// <summary>In an HTML render the captured text is already encoded, so it is kept as <see cref="SafeHtml"/>.</summary>
internal sealed record CaptureNode(SourcePosition Position, string Variable, IReadOnlyList<LiquidNode> Body) : LiquidNode(Position)
{
    public override void Render(LiquidScope scope, StringBuilder output)
    {
        var captured = new StringBuilder();
        RenderAll(Body, scope, captured);
        scope.Assign(Variable, scope.Encoder is null ? captured.ToString() : new SafeHtml(captured.ToString()));
    }
}

/// <summary><c>{% render 'path', name: value %}</c>: a partial from the same template set, in its own scope.</summary>
internal sealed record RenderNode(SourcePosition Position, string Path, IReadOnlyList<(string Name, FilteredExpression Value)> Arguments)
    : LiquidNode(Position)
{
    public override void Render(LiquidScope scope, StringBuilder output)
    {
        if (scope.Depth >= LiquidScope.MaxPartialDepth)
            throw new LiquidException(Position, $"partials nested more than {LiquidScope.MaxPartialDepth} deep (does '{Path}' render itself?)");
        var partial = scope.Partials(Path) ?? throw new LiquidException(Position, $"no partial '{Path}'");
        var arguments = Arguments.ToDictionary(a => a.Name, a => a.Value.Evaluate(scope), StringComparer.Ordinal);
        partial.Render(scope.ForPartial(arguments), output);
    }
}
