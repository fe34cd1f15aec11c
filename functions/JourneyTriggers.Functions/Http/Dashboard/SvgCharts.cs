using System.Globalization;
using System.Text;
using JourneyTriggers.Functions.Http.DevInbox;

namespace JourneyTriggers.Functions.Http.Dashboard;

/// <summary>One line of a chart: its legend text, its CSS class (colour), and one value per x position.</summary>
internal sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<double> Values);

/// <summary>One bar of the funnel: the stage, how many reached it, and the share lost since the stage before (null for the first).</summary>
internal sealed record FunnelBar(string Stage, long Count, double? DropOff);

/// <summary>
/// Charts as inline SVG drawn on the server: nothing runs in the browser, nothing is fetched, and the page's
/// policy can forbid every script. Every text goes through <see cref="Html.Encode"/>; a hover tooltip is an
/// SVG &lt;title&gt;, which needs no script either. Coordinates are written with the invariant culture.
/// </summary>
internal static class SvgCharts
{
    const int Width = 720, Height = 240, Left = 48, Right = 12, Top = 12, Bottom = 28;

    /// <summary>A line chart over days: a y grid of five steps from zero to a round maximum, a point per day, a legend.</summary>
    public static string Lines(string title, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, Func<double, string> format)
    {
        var max = NiceMax(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (xLabels.Count <= 1 ? plotWidth / 2.0 : plotWidth * i / (double)(xLabels.Count - 1));
        double Y(double v) => Top + plotHeight * (1 - v / max);

        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append($"<title>{Html.Encode(title)}</title>");
        for (var step = 0; step <= 4; step++)
        {
            var value = max * step / 4;
            var y = N(Y(value));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left - 6}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Html.Encode(format(value))}</text>");
        }
        // At most about eight day labels, evenly spaced, so they never overlap.
        var every = Math.Max(1, (int)Math.Ceiling(xLabels.Count / 8.0));
        for (var i = 0; i < xLabels.Count; i += every)
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{N(X(i))}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Html.Encode(xLabels[i])}</text>");
        foreach (var line in series)
        {
            var points = string.Join(' ', line.Values.Select((v, i) => $"{N(X(i))},{N(Y(v))}"));
            svg.Append($"<g class=\"series {Html.Encode(line.CssClass)}\"><polyline points=\"{points}\"/>");
            for (var i = 0; i < line.Values.Count; i++)
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(line.Values[i]))}\" r=\"3\"><title>{Html.Encode($"{line.Name} · {xLabels[i]}: {format(line.Values[i])}")}</title></circle>");
            svg.Append("</g>");
        }
        svg.Append("</svg><ul class=\"legend\">");
        foreach (var line in series) svg.Append($"<li class=\"{Html.Encode(line.CssClass)}\">{Html.Encode(line.Name)}</li>");
        return svg.Append("</ul>").ToString();
    }

    /// <summary>The funnel as horizontal bars, each as long as its count relative to the first stage, with its change from the stage before.</summary>
    public static string Funnel(string title, IReadOnlyList<FunnelBar> bars, Func<double, string> percent)
    {
        const int barHeight = 30, gap = 10, labelWidth = 200, countWidth = 150;
        var height = bars.Count * (barHeight + gap);
        var widest = Math.Max(1, bars.Select(b => b.Count).DefaultIfEmpty(0).Max());
        var barSpace = Width - labelWidth - countWidth;
        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart funnel\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append($"<title>{Html.Encode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * (barHeight + gap);
            var width = Math.Max(2, barSpace * bar.Count / (double)widest);
            var drop = bar.DropOff is { } d ? $" ({Change(d, percent)})" : "";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"0\" y=\"{y + barHeight / 2}\" dominant-baseline=\"middle\">{Html.Encode(bar.Stage)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{N(width)}\" height=\"{barHeight}\" rx=\"4\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"count\" x=\"{N(labelWidth + width + 8)}\" y=\"{y + barHeight / 2}\" dominant-baseline=\"middle\">{bar.Count.ToString("N0", CultureInfo.InvariantCulture)}{Html.Encode(drop)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A drop-off as the change it is: −40 % for a stage that lost 40 %, +100 % for one that counts twice the stage
    /// before (adds without a tracked view), where "drop-off −100 %" would leave a marketer guessing.
    /// </summary>
    internal static string Change(double dropOff, Func<double, string> percent) =>
        (dropOff > 0 ? "−" : dropOff < 0 ? "+" : "") + percent(Math.Abs(dropOff));

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above <paramref name="value"/>, so grid lines fall on round numbers.</summary>
    internal static double NiceMax(double value)
    {
        if (value <= 0 || double.IsNaN(value)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
            if (factor * magnitude >= value) return factor * magnitude;
        return 10 * magnitude;
    }

    static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
