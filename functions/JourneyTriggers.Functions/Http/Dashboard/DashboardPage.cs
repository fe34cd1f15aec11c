using System.Globalization;
using System.Text;
using JourneyTriggers.Application.Messages.Money;
using JourneyTriggers.Core.Metrics.Report;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.DevInbox;
using JourneyTriggers.Functions.Http.Metrics;

namespace JourneyTriggers.Functions.Http.Dashboard;

/// <summary>
/// The dashboard, rendered on the server from the very <see cref="MetricsReport"/> that <c>GET /api/metrics</c>
/// answers for the same query (the page links to it), so every figure shown is one the API gives. Every value
/// goes through <see cref="Html.Encode"/>.
/// </summary>
internal static class DashboardPage
{
    public const string Path = "/dashboard";

    public static readonly AdminPage Page = new(Path, "jt_dashboard", "dashboard");

    public static SignInPrompt Prompt(DashboardLabels labels) => new(labels.SignInWords, DashboardStyles.Css);

    /// <param name="self">This page's path as the browser reaches it (<c>/api/dashboard</c> behind the Functions host).</param>
    /// <param name="api">The metrics API's path as the browser reaches it.</param>
    public static string Render(MetricsReport report, MetricsRequest request, IReadOnlyList<string> triggers, DashboardLabels labels, string self, string api)
    {
        var culture = CultureInfo.GetCultureInfo(labels.Locale);
        var page = Start(labels, labels.Title);
        page.Append("<header class=\"top\"><nav class=\"lang\">")
            .Append($"<a href=\"{Link(self, request, "th")}\" lang=\"th\">ไทย</a> · <a href=\"{Link(self, request, "en")}\" lang=\"en\">English</a></nav>")
            .Append($"<h1>{Html.Encode(labels.Title)}</h1><p>{Html.Encode(labels.Intro)} ({Html.Encode(report.TimeZone)})</p>")
            .Append($"<form class=\"range\" method=\"get\" action=\"{Html.Encode(self)}\">")
            .Append($"<label>{Html.Encode(labels.From)}<input type=\"date\" name=\"from\" value=\"{MetricsRequest.Iso(request.From)}\"></label>")
            .Append($"<label>{Html.Encode(labels.To)}<input type=\"date\" name=\"to\" value=\"{MetricsRequest.Iso(request.To)}\"></label>")
            .Append($"<label>{Html.Encode(labels.Trigger)}<select name=\"trigger\"><option value=\"\">{Html.Encode(labels.AllTriggers)}</option>");
        foreach (var name in triggers)
            page.Append($"<option{(name == request.Trigger ? " selected" : "")}>{Html.Encode(name)}</option>");
        page.Append($"</select></label><input type=\"hidden\" name=\"lang\" value=\"{labels.Code}\"><button>{Html.Encode(labels.Show)}</button></form></header><main>");

        if (report.Alert.Raised) Alert(page, report.Alert, labels, culture);
        var headline = report.Triggers.FirstOrDefault(t => t.Kind == "cart_abandoned") ?? report.Triggers.FirstOrDefault();
        if (headline is null || report.Days.Count == 0)
            page.Append($"<p class=\"empty\">{Html.Encode(labels.NoData)}</p>");
        else
        {
            Tiles(page, headline, report.Currency, labels, culture);
            Daily(page, report, labels, culture);
            Funnel(page, report.Funnel, labels, culture);
            foreach (var trigger in report.Triggers) Breakdowns(page, trigger, labels, culture);
        }
        page.Append($"</main><footer><a href=\"{Html.Encode(api + ApiQuery(request))}\">{Html.Encode(labels.Api)}</a> (GET {Html.Encode(api + ApiQuery(request))}, admin key)</footer></body></html>");
        return page.ToString();
    }

    static void Alert(StringBuilder page, AbandonmentAlert alert, DashboardLabels labels, CultureInfo culture)
    {
        var text = string.Format(culture, labels.AlertText, alert.Day is { } day ? MetricsRequest.Iso(day) : "", Percent(alert.Rate, labels, culture),
            alert.ThresholdPercent.ToString("0.##", culture), alert.TrailingDays, Percent(alert.TrailingMean, labels, culture));
        page.Append($"<div class=\"alert\" role=\"alert\" id=\"abandonment-alert\"><strong>{Html.Encode(labels.AlertTitle)}</strong>{Html.Encode(text)}</div>");
    }

    static void Tiles(StringBuilder page, TriggerReport trigger, string currency, DashboardLabels labels, CultureInfo culture)
    {
        var outcome = trigger.Outcome;
        var lift = outcome.Lift;
        var interval = lift.Low is { } low && lift.High is { } high
            ? $"{labels.Interval}: {Percent(low, labels, culture)} … {Percent(high, labels, culture)}"
            : lift.Reason ?? labels.NotDefined;
        var incremental = outcome.Incremental;
        page.Append("<div class=\"tiles\">")
            .Append(Tile("abandonment-rate", labels.AbandonmentRate, Percent(trigger.AbandonmentRate, labels, culture),
                $"{trigger.Abandoned.ToString("N0", culture)} {labels.AbandonedOfCarts}"))
            .Append(Tile("treated-conversion", labels.TreatedConversion, Percent(outcome.Treated.ConversionRate, labels, culture),
                $"{outcome.Treated.Converted.ToString("N0", culture)} / {outcome.Treated.Eligible.ToString("N0", culture)}"))
            .Append(Tile("holdout-conversion", labels.HoldoutConversion, Percent(outcome.Holdout.ConversionRate, labels, culture),
                $"{outcome.Holdout.Converted.ToString("N0", culture)} / {outcome.Holdout.Eligible.ToString("N0", culture)}"))
            .Append(Tile("lift", labels.Lift, SignedPercent(lift.Value, labels, culture), interval))
            .Append(Tile("recovered-revenue", labels.RecoveredRevenue, MoneyFormat.Format(outcome.Treated.Revenue, currency, labels.Locale), trigger.Trigger))
            .Append(Tile("incremental-revenue", labels.IncrementalRevenue,
                incremental.Revenue is { } revenue ? MoneyFormat.Format(revenue, currency, labels.Locale) : labels.NotDefined,
                incremental.Conversions is { } conversions ? $"{conversions.ToString("0.##", culture)} {labels.IncrementalConversions}" : incremental.Reason ?? labels.NotDefined))
            .Append("</div>");
    }

    static string Tile(string id, string title, string value, string note) =>
        $"<div class=\"tile\" id=\"{id}\"><h2>{Html.Encode(title)}</h2><div class=\"value\">{Html.Encode(value)}</div><div class=\"note\">{Html.Encode(note)}</div></div>";

    static void Daily(StringBuilder page, MetricsReport report, DashboardLabels labels, CultureInfo culture)
    {
        var days = report.Days.Select(d => d.Day.ToString("d MMM", culture)).ToList();
        page.Append($"<section id=\"daily\"><h2>{Html.Encode(labels.Daily)}</h2>")
            .Append(SvgCharts.Lines(labels.Daily, days,
            [
                new ChartSeries(labels.CartsStarted, "s-carts", [.. report.Days.Select(d => (double)d.CartsStarted)]),
                new ChartSeries(labels.Abandoned, "s-abandoned", [.. report.Days.Select(d => (double)d.Abandoned)]),
                new ChartSeries(labels.Conversions, "s-conversions", [.. report.Days.Select(d => (double)d.Conversions)]),
                new ChartSeries(labels.HoldoutConversions, "s-holdout", [.. report.Days.Select(d => (double)d.HoldoutConversions)]),
            ], v => v.ToString("#,0.##", culture)))
            .Append("</section>");
    }

    static void Funnel(StringBuilder page, FunnelReport funnel, DashboardLabels labels, CultureInfo culture)
    {
        string Stage(string wire) => wire switch
        {
            "product_viewed" => labels.ProductViewed,
            "added_to_cart" => labels.AddedToCart,
            "checkout_started" => labels.CheckoutStarted,
            "order_completed" => labels.OrderCompleted,
            _ => wire,
        };
        page.Append($"<section id=\"funnel\"><h2>{Html.Encode(labels.Funnel)}</h2>")
            .Append(SvgCharts.Funnel(labels.Funnel, [.. funnel.Stages.Select(s => new FunnelBar(Stage(s.Stage), s.Count, s.DropOff))], v => Percent(v, labels, culture)))
            .Append("</section>");
    }

    static void Breakdowns(StringBuilder page, TriggerReport trigger, DashboardLabels labels, CultureInfo culture)
    {
        Table(page, trigger.Trigger, "steps", labels.Steps, labels.Step, trigger.Steps, r => $"{r.Step}", labels, culture);
        Table(page, trigger.Trigger, "branches", labels.Branches, labels.Branch, trigger.Branches, r => $"{r.Step} · {r.Branch}", labels, culture);
        Table(page, trigger.Trigger, "variants", labels.Variants, labels.Variant, trigger.Variants, r => $"{r.Step} · {(r.Branch is { } b ? b + " · " : "")}{r.Variant}", labels, culture);
        Table(page, trigger.Trigger, "channels", labels.Channels, labels.Channel, trigger.Channels, r => r.Channel ?? "", labels, culture);
    }

    static void Table(StringBuilder page, string trigger, string kind, string title, string first, IReadOnlyList<BreakdownRow> rows,
        Func<BreakdownRow, string> name, DashboardLabels labels, CultureInfo culture)
    {
        if (rows.Count == 0) return;
        page.Append($"<section class=\"breakdown {kind}\" data-trigger=\"{Html.Encode(trigger)}\"><h2>{Html.Encode(trigger)} · {Html.Encode(title)}</h2><table><thead><tr>");
        foreach (var heading in new[] { first, labels.Due, labels.Sent, labels.Delivered, labels.Suppressed, labels.Opens, labels.Clicks, labels.Treated, labels.Holdout, labels.Lift })
            page.Append($"<th>{Html.Encode(heading)}</th>");
        page.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var m = row.Messages;
            var o = row.Outcome;
            var lift = row.VersusControl?.Lift ?? o.Lift;
            string Cell(string text) => $"<td>{Html.Encode(text)}</td>";
            page.Append("<tr>").Append(Cell(name(row))).Append(Cell(m.Due.ToString("N0", culture))).Append(Cell(m.Sent.ToString("N0", culture)))
                .Append(Cell(m.Delivered.ToString("N0", culture))).Append(Cell(m.Suppressed.Values.Sum().ToString("N0", culture)))
                .Append(Cell(m.Opens.ToString("N0", culture))).Append(Cell(m.Clicks.ToString("N0", culture)))
                .Append(Cell($"{o.Treated.Converted.ToString("N0", culture)} / {o.Treated.Eligible.ToString("N0", culture)} ({Percent(o.Treated.ConversionRate, labels, culture)})"))
                .Append(Cell($"{o.Holdout.Converted.ToString("N0", culture)} / {o.Holdout.Eligible.ToString("N0", culture)} ({Percent(o.Holdout.ConversionRate, labels, culture)})"))
                .Append(Cell(SignedPercent(lift.Value, labels, culture))).Append("</tr>");
        }
        page.Append("</tbody></table></section>");
    }

    static StringBuilder Start(DashboardLabels labels, string title) => new StringBuilder()
        .Append($"<!doctype html><html lang=\"{labels.Code}\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
        // An empty icon, so the browser does not ask for /favicon.ico (a 404 in the console).
        .Append("<link rel=\"icon\" href=\"data:,\">")
        .Append($"<title>{Html.Encode(title)} · JourneyTriggers</title><style>{DashboardStyles.Css}</style></head><body>");

    static string Percent(double? value, DashboardLabels labels, CultureInfo culture) =>
        value is { } v ? (v * 100).ToString("0.#", culture) + " %" : labels.NotDefined;

    static string SignedPercent(double? value, DashboardLabels labels, CultureInfo culture) =>
        value is { } v ? (v >= 0 ? "+" : "−") + Math.Abs(v * 100).ToString("0.#", culture) + " %" : labels.NotDefined;

    static string ApiQuery(MetricsRequest request)
    {
        var query = new List<KeyValuePair<string, string?>> { new("from", MetricsRequest.Iso(request.From)), new("to", MetricsRequest.Iso(request.To)) };
        if (request.Trigger is { } trigger) query.Add(new("trigger", trigger));
        return QueryString.Create(query).ToString();
    }

    static string Link(string self, MetricsRequest request, string lang) => Html.Encode(self + ApiQuery(request) + "&lang=" + lang);
}
