namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>A value in a tag or output; evaluated against the scope of the render in progress.</summary>
internal abstract record LiquidExpression
{
    public abstract object? Evaluate(LiquidScope scope);
}

internal sealed record LiteralExpression(object? Value) : LiquidExpression
{
    public override object? Evaluate(LiquidScope scope) => Value;
}

/// <summary>Liquid's <c>empty</c>/<c>blank</c>: equal to an empty string, list or object, and to nil.</summary>
internal sealed record EmptyExpression : LiquidExpression
{
    public static readonly EmptyExpression Instance = new();
    public override object? Evaluate(LiquidScope scope) => EmptyValue.Instance;
}

/// <summary><c>cart.lines[0].name</c>: a root name, then property names (strings) or index expressions.</summary>
internal sealed record VariableExpression(string Root, IReadOnlyList<object> Segments) : LiquidExpression
{
    public override object? Evaluate(LiquidScope scope)
    {
        var value = scope.Get(Root);
        foreach (var segment in Segments)
            value = segment is string name
                ? LiquidValues.Member(value, name)
                : LiquidValues.Index(value, ((LiquidExpression)segment).Evaluate(scope));
        return value;
    }
}

internal sealed record ComparisonExpression(LiquidExpression Left, string Operator, LiquidExpression Right) : LiquidExpression
{
    public override object? Evaluate(LiquidScope scope)
    {
        var left = Left.Evaluate(scope);
        var right = Right.Evaluate(scope);
        return Operator switch
        {
            "==" => LiquidValues.AreEqual(left, right),
            "!=" or "<>" => !LiquidValues.AreEqual(left, right),
            "contains" => LiquidValues.Contains(left, right),
            _ => LiquidValues.Compare(left, right) is { } order && Operator switch
            {
                "<" => order < 0,
                ">" => order > 0,
                "<=" => order <= 0,
                _ => order >= 0,
            },
        };
    }
}

internal sealed record LogicalExpression(LiquidExpression Left, bool IsAnd, LiquidExpression Right) : LiquidExpression
{
    public override object? Evaluate(LiquidScope scope) => IsAnd
        ? LiquidValues.IsTruthy(Left.Evaluate(scope)) && LiquidValues.IsTruthy(Right.Evaluate(scope))
        : LiquidValues.IsTruthy(Left.Evaluate(scope)) || LiquidValues.IsTruthy(Right.Evaluate(scope));
}

internal sealed record NotExpression(LiquidExpression Inner) : LiquidExpression
{
    public override object? Evaluate(LiquidScope scope) => !LiquidValues.IsTruthy(Inner.Evaluate(scope));
}

internal sealed record FilterCall(LiquidFilter Filter, IReadOnlyList<LiquidExpression> Arguments);

/// <summary>An output or assignment value: an input piped through filters, left to right.</summary>
internal sealed record FilteredExpression(LiquidExpression Input, IReadOnlyList<FilterCall> Filters) : LiquidExpression
{
    public override object? Evaluate(LiquidScope scope)
    {
        var value = Input.Evaluate(scope);
        foreach (var call in Filters)
            value = call.Filter.Apply(value, [.. call.Arguments.Select(a => a.Evaluate(scope))]);
        return value;
    }
}
