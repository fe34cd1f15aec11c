using JourneyTriggers.Application.Messages.Liquid;

namespace JourneyTriggers.Application.Tests.Messages;

/// <summary>The Liquid the templates rely on behaves as in Liquid; what it does not know is an error with a place.</summary>
public class LiquidEngineTests
{
    static string Render(string source, Dictionary<string, object?>? model = null, bool html = false, Dictionary<string, string>? partials = null)
    {
        var parsed = partials?.ToDictionary(p => p.Key, p => LiquidParser.Parse(p.Value, p.Key)) ?? [];
        return LiquidParser.Parse(source, "test.liquid").Render(model ?? [], html ? LiquidEncoding.Html : null, p => parsed.GetValueOrDefault(p));
    }

    static readonly Dictionary<string, object?> Model = new()
    {
        ["name"] = "<b>Somying</b>",
        ["items"] = new List<object?> { "a", "b", "c" },
        ["cart"] = new Dictionary<string, object?> { ["total"] = "฿1,000", ["count"] = 3 },
        ["nothing"] = null,
    };

    [Theory]
    [InlineData("{{ cart.total }}", "฿1,000")]
    [InlineData("{% if cart.count > 2 and items.size == 3 %}yes{% else %}no{% endif %}", "yes")]
    [InlineData("{% if nothing %}a{% elsif cart.count == 3 %}b{% else %}c{% endif %}", "b")]
    [InlineData("{% unless nothing %}shown{% endunless %}", "shown")]
    [InlineData("{% if items contains 'b' %}has b{% endif %}", "has b")]
    [InlineData("{% if nothing == empty and items != empty %}ok{% endif %}", "ok")]
    [InlineData("{% for i in items %}{{ forloop.index }}{{ i }}{% unless forloop.last %},{% endunless %}{% endfor %}", "1a,2b,3c")]
    [InlineData("{% for i in items limit: 2 reversed %}{{ i }}{% endfor %}", "ba")]
    [InlineData("{% for i in nothing %}x{% else %}none{% endfor %}", "none")]
    [InlineData("{{ items | join: '-' | upcase }}", "A-B-C")]
    [InlineData("{{ items.size | minus: 1 }} {{ items.first }}{{ items[-1] }}", "2 ac")]
    [InlineData("{{ nothing | default: 'fallback' }}", "fallback")]
    [InlineData("{% assign x = cart.count | times: 2 %}{{ x }}", "6")]
    [InlineData("{% capture c %}[{{ cart.count }}]{% endcapture %}{{ c }}{{ c }}", "[3][3]")]
    [InlineData("a  {{- cart.count -}}  b\n{%- if true %} c{% endif %}", "a3b c")]
    [InlineData("{% raw %}{{ not parsed }}{% endraw %}", "{{ not parsed }}")]
    [InlineData("x{% comment %}{% bogus %}{% endcomment %}y{% # note %}", "xy")]
    [InlineData("{{ 'ภาษาไทยยาวมาก' | truncate: 5 }}", "ภา...")]
    public void Renders_like_liquid(string source, string expected) => Assert.Equal(expected, Render(source, Model));

    [Fact]
    public void Html_outputs_are_encoded_once()
    {
        Assert.Equal("&lt;b&gt;Somying&lt;/b&gt;", Render("{{ name }}", Model, html: true));
        Assert.Equal("&lt;b&gt;Somying&lt;/b&gt;", Render("{{ name | escape }}", Model, html: true));
        Assert.Equal("<b>Somying</b>", Render("{{ name | raw }}", Model, html: true));
        Assert.Equal("<i>&lt;b&gt;Somying&lt;/b&gt;</i>", Render("{% capture c %}<i>{{ name }}</i>{% endcapture %}{{ c }}", Model, html: true));
        Assert.Equal("<b>Somying</b>", Render("{{ name }}", Model, html: false));
    }

    [Fact]
    public void A_partial_sees_its_arguments_and_the_model_but_not_the_callers_assignments() =>
        Assert.Equal("[x|฿1,000|]", Render("{% assign secret = 's' %}{% render 'p', label: 'x' %}", Model,
            partials: new() { ["p.liquid"] = "[{{ label }}|{{ cart.total }}|{{ secret }}]" }));

    [Fact]
    public void A_partial_that_renders_itself_stops() =>
        Assert.Contains("nested more than", Assert.Throws<LiquidException>(() =>
            Render("{% render 'p' %}", partials: new() { ["p.liquid"] = "{% render 'p' %}" })).Message);

    [Theory]
    [InlineData("a\nb {% bogus %}", 2, 3, "unknown tag 'bogus'")]
    [InlineData("\n\n  {% if x %}\n{% endfor %}", 4, 1, "'endfor' has no opening tag")]
    [InlineData("{% for i in items %}\n\n", 1, 1, "'for' is never closed with 'endfor'")]
    [InlineData("ok\n  {{ name | nope }}", 2, 3, "unknown filter 'nope'")]
    [InlineData("{{ name | append }}", 1, 1, "filter 'append' takes 1 argument(s), not 0")]
    [InlineData("x\n{{ name", 2, 1, "'{{' is never closed with '}}'")]
    [InlineData("{% if a == %}{% endif %}", 1, 1, "expected a value at the end")]
    [InlineData("{% if a %}{% else %}{% else %}{% endif %}", 1, 21, "'else' after 'else' in 'if'")]
    [InlineData("{{ a b }}", 1, 1, "unexpected 'b'")]
    [InlineData("{{ a ; }}", 1, 1, "unexpected ';'")]
    [InlineData("{% endcapture %}", 1, 1, "'endcapture' has no opening tag")]
    public void Errors_name_the_line_and_column(string source, int line, int column, string problem)
    {
        var error = Assert.Throws<LiquidException>(() => LiquidParser.Parse(source, "t.liquid"));
        Assert.Equal(("t.liquid", line, column), (error.File, error.Line, error.Column));
        Assert.Contains(problem, error.Problem);
        Assert.StartsWith($"t.liquid({line},{column}): ", error.Message);
    }

    [Fact]
    public void A_runaway_loop_stops()
    {
        var many = new Dictionary<string, object?> { ["n"] = Enumerable.Range(0, 200).Cast<object?>().ToList() };
        Assert.Throws<LiquidException>(() => Render("{% for a in n %}{% for b in n %}{% endfor %}{% endfor %}", many));
    }

    [Fact]
    public void Parsing_arbitrary_text_either_succeeds_or_fails_with_a_liquid_error() =>
        Gen.Frequency(
                (3, Gen.OneOf("{{", "}}", "{%", "%}", "-", " if ", " for x in y ", "endif", "endfor", "|", " upcase", "'", "\n", "a", " raw ", "endraw", "comment", "endcomment")),
                (1, Gen.String))
            .Array[0, 20].Select(parts => string.Concat(parts))
            .Sample(source =>
            {
                try { LiquidParser.Parse(source, "f"); }
                catch (LiquidException) { }
            });
}
