namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>
/// Builds the node tree from tokens. The subset of Liquid it accepts: outputs with filters, if /
/// elsif / else / unless, for (with limit and reversed, and an else for an empty list), assign,
/// capture, render, raw and comment. Anything else is an error naming the file, line and column.
/// </summary>
internal sealed class LiquidParser
{
    /// <summary>The file extension a render path gets when it names none, as in Liquid.</summary>
    public const string Extension = ".liquid";

    readonly List<LiquidToken> tokens;
    readonly List<string> partials = [];
    int next;

    LiquidParser(List<LiquidToken> tokens) => this.tokens = tokens;

    public static LiquidTemplate Parse(string source, string file)
    {
        var parser = new LiquidParser(LiquidLexer.Tokenize(source, file));
        var (nodes, end) = parser.Block(opener: null, "");
        if (end is not null) throw new LiquidException(end.Position, $"'{end.Name}' has no opening tag");
        return new LiquidTemplate(file, nodes, parser.partials);
    }

    /// <summary>
    /// Nodes up to one of <paramref name="stops"/> (returned, not consumed as a node), or the end of the
    /// file when <paramref name="opener"/> is null. An end tag that belongs to nothing is an error.
    /// </summary>
    (List<LiquidNode> Nodes, LiquidToken? Stop) Block(LiquidToken? opener, params string[] stops)
    {
        var nodes = new List<LiquidNode>();
        while (next < tokens.Count)
        {
            var token = tokens[next++];
            switch (token.Kind)
            {
                case LiquidTokenKind.Text:
                    nodes.Add(new TextNode(token.Position, token.Markup));
                    break;
                case LiquidTokenKind.Output:
                    nodes.Add(new OutputNode(token.Position, Output(token)));
                    break;
                case LiquidTokenKind.Tag when stops.Contains(token.Name):
                    return (nodes, token);
                default:
                    nodes.Add(Tag(token));
                    break;
            }
        }
        if (opener is not null)
            throw new LiquidException(opener.Position, $"'{opener.Name}' is never closed with '{stops[^1]}'");
        return (nodes, null);
    }

    static FilteredExpression Output(LiquidToken token)
    {
        var reader = new MarkupReader(token.Markup, token.Position);
        var value = reader.Filtered();
        reader.ExpectEnd();
        return value;
    }

    LiquidNode Tag(LiquidToken token)
    {
        var reader = new MarkupReader(token.Markup, token.Position);
        return token.Name switch
        {
            "if" => If(token, reader, negate: false),
            "unless" => If(token, reader, negate: true),
            "for" => For(token, reader),
            "assign" => Assign(token, reader),
            "capture" => Capture(token, reader),
            "render" => Render(token, reader),
            "elsif" or "else" or "endif" or "endunless" or "endfor" or "endcapture" =>
                throw new LiquidException(token.Position, $"'{token.Name}' has no opening tag"),
            _ => throw new LiquidException(token.Position, $"unknown tag '{token.Name}'"),
        };
    }

    IfNode If(LiquidToken opener, MarkupReader reader, bool negate)
    {
        var condition = reader.Condition();
        reader.ExpectEnd();
        var end = negate ? "endunless" : "endif";
        var branches = new List<(LiquidExpression?, IReadOnlyList<LiquidNode>)>();
        LiquidExpression? current = negate ? new NotExpression(condition) : condition;
        while (true)
        {
            var (body, stop) = Block(opener, negate ? ["else", end] : ["elsif", "else", end]);
            branches.Add((current, body));
            switch (stop!.Name)
            {
                case "elsif" when current is not null:
                    var elsif = new MarkupReader(stop.Markup, stop.Position);
                    current = elsif.Condition();
                    elsif.ExpectEnd();
                    break;
                case "else" when current is not null:
                    NoMarkup(stop);
                    current = null;
                    break;
                case "elsif" or "else":
                    throw new LiquidException(stop.Position, $"'{stop.Name}' after 'else' in '{opener.Name}'");
                default:
                    NoMarkup(stop);
                    return new IfNode(opener.Position, branches);
            }
        }
    }

    ForNode For(LiquidToken opener, MarkupReader reader)
    {
        var variable = reader.Identifier("a loop variable");
        reader.Expect("in");
        var collection = reader.Primary();
        LiquidExpression? limit = null;
        var reversed = false;
        while (!reader.AtEnd)
        {
            if (reader.TryTake("reversed")) reversed = true;
            else if (reader.TryTake("limit")) { reader.Expect(":"); limit = reader.Primary(); }
            else throw reader.Error("expected 'limit: n' or 'reversed'");
        }
        var (body, stop) = Block(opener, "else", "endfor");
        IReadOnlyList<LiquidNode> empty = [];
        if (stop!.Name == "else")
        {
            NoMarkup(stop);
            (empty, stop) = Block(opener, "endfor");
        }
        NoMarkup(stop!);
        return new ForNode(opener.Position, variable, collection, limit, reversed, body, empty);
    }

    static AssignNode Assign(LiquidToken token, MarkupReader reader)
    {
        var variable = reader.Identifier("a variable name");
        reader.Expect("=");
        var value = reader.Filtered();
        reader.ExpectEnd();
        return new AssignNode(token.Position, variable, value);
    }

    CaptureNode Capture(LiquidToken opener, MarkupReader reader)
    {
        var variable = reader.Identifier("a variable name");
        reader.ExpectEnd();
        var (body, stop) = Block(opener, "endcapture");
        NoMarkup(stop!);
        return new CaptureNode(opener.Position, variable, body);
    }

    RenderNode Render(LiquidToken token, MarkupReader reader)
    {
        var path = reader.QuotedString("the partial's path");
        if (!path.EndsWith(Extension, StringComparison.Ordinal)) path += Extension;
        var arguments = new List<(string, FilteredExpression)>();
        while (reader.TryTake(","))
        {
            var name = reader.Identifier("an argument name");
            reader.Expect(":");
            arguments.Add((name, reader.Filtered()));
        }
        reader.ExpectEnd();
        partials.Add(path);
        return new RenderNode(token.Position, path, arguments);
    }

    static void NoMarkup(LiquidToken token)
    {
        if (token.Markup.Length > 0) throw new LiquidException(token.Position, $"'{token.Name}' takes nothing, found '{token.Markup}'");
    }
}
