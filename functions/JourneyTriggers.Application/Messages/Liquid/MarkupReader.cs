using System.Globalization;
using System.Text.RegularExpressions;

namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>
/// Reads the inside of a tag or an output: literals, variable paths, comparisons joined by
/// <c>and</c>/<c>or</c> (right to left, as in Liquid), and filter chains. Every error points at the tag.
/// </summary>
internal sealed partial class MarkupReader
{
    readonly List<string> parts;
    readonly SourcePosition position;
    readonly string markup;
    int next;

    public MarkupReader(string markup, SourcePosition position)
    {
        this.markup = markup;
        this.position = position;
        parts = [];
        var at = 0;
        foreach (Match m in Part().Matches(markup))
        {
            if (!string.IsNullOrWhiteSpace(markup[at..m.Index])) throw Error($"unexpected '{markup[at..m.Index].Trim()}'");
            parts.Add(m.Value);
            at = m.Index + m.Length;
        }
        if (!string.IsNullOrWhiteSpace(markup[at..])) throw Error($"unexpected '{markup[at..].Trim()}'");
    }

    public bool AtEnd => next >= parts.Count;

    string? Peek => AtEnd ? null : parts[next];

    public LiquidException Error(string problem) => new(position, $"{problem} in '{markup}'");

    public bool TryTake(string part)
    {
        if (Peek != part) return false;
        next++;
        return true;
    }

    public void Expect(string part)
    {
        if (!TryTake(part)) throw Error(AtEnd ? $"expected '{part}' at the end" : $"expected '{part}' but found '{Peek}'");
    }

    public void ExpectEnd()
    {
        if (!AtEnd) throw Error($"unexpected '{Peek}'");
    }

    public string Identifier(string what)
    {
        if (Peek is { } p && IdentifierPattern().IsMatch(p)) { next++; return p; }
        throw Error(AtEnd ? $"expected {what} at the end" : $"expected {what} but found '{Peek}'");
    }

    public string QuotedString(string what)
    {
        if (Peek is ['\'' or '"', ..] p) { next++; return p[1..^1]; }
        throw Error($"expected {what} as a quoted string");
    }

    /// <summary>Filtered expression: <c>value | filter: arg, arg | filter</c>.</summary>
    public FilteredExpression Filtered()
    {
        var input = Primary();
        var filters = new List<FilterCall>();
        while (TryTake("|"))
        {
            var name = Identifier("a filter name");
            if (!LiquidFilters.TryGet(name, out var filter)) throw Error($"unknown filter '{name}'");
            var args = new List<LiquidExpression>();
            if (TryTake(":"))
                do args.Add(Primary()); while (TryTake(","));
            if (args.Count < filter.MinArgs || args.Count > filter.MaxArgs)
                throw Error($"filter '{name}' takes {Arity(filter)}, not {args.Count}");
            filters.Add(new FilterCall(filter, args));
        }
        return new FilteredExpression(input, filters);
    }

    public LiquidExpression Condition()
    {
        var left = Comparison();
        if (TryTake("and")) return new LogicalExpression(left, true, Condition());
        if (TryTake("or")) return new LogicalExpression(left, false, Condition());
        return left;
    }

    LiquidExpression Comparison()
    {
        var left = Primary();
        return Peek is "==" or "!=" or "<>" or "<" or ">" or "<=" or ">=" or "contains"
            ? new ComparisonExpression(left, parts[next++], Primary())
            : left;
    }

    public LiquidExpression Primary()
    {
        var part = Peek ?? throw Error("expected a value at the end");
        next++;
        if (part[0] is '\'' or '"') return new LiteralExpression(part[1..^1]);
        if (part[0] is '-' || char.IsAsciiDigit(part[0]))
            return new LiteralExpression(decimal.Parse(part, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        switch (part)
        {
            case "true": return new LiteralExpression(true);
            case "false": return new LiteralExpression(false);
            case "nil" or "null": return new LiteralExpression(null);
            case "empty" or "blank": return EmptyExpression.Instance;
        }
        if (!IdentifierPattern().IsMatch(part)) throw Error($"expected a value but found '{part}'");
        var segments = new List<object>();
        while (true)
        {
            if (TryTake(".")) segments.Add(Identifier("a property name"));
            else if (TryTake("[")) { segments.Add(Primary()); Expect("]"); }
            else break;
        }
        return new VariableExpression(part, segments);
    }

    static string Arity(LiquidFilter f) =>
        f.MinArgs == f.MaxArgs ? $"{f.MinArgs} argument(s)" : $"{f.MinArgs} to {f.MaxArgs} arguments";

    // Strings, numbers, operators, punctuation and identifiers (Liquid allows '-' and a trailing '?').
    [GeneratedRegex(@"'[^']*'|""[^""]*""|-?\d+(?:\.\d+)?|==|!=|<>|<=|>=|[<>|:,.\[\]=]|[A-Za-z_][A-Za-z0-9_-]*\??")]
    private static partial Regex Part();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*\??$")]
    private static partial Regex IdentifierPattern();
}
