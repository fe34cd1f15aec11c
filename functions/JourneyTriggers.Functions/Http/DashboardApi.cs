using System.Text;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Dashboard;
using JourneyTriggers.Functions.Http.Metrics;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// <c>GET /dashboard?from=&amp;to=&amp;trigger=&amp;lang=</c>: the metrics report as a page (KPI tiles, the daily
/// chart, the funnel, tables per step, branch, variant and channel, the abandonment alert). Admin only, by the
/// same key-for-cookie exchange as the dev inbox (<see cref="PageAccess"/>); <c>POST /dashboard</c> is its sign-in form.
/// A bad range is shown as the API's 400 would word it.
/// </summary>
internal static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardPage(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(DashboardPage.Path, GetDashboard).ExcludeFromDescription();
        app.MapPost(DashboardPage.Path, PostSignIn).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> GetDashboard(HttpContext http, MetricsReader metrics, JourneyEngine engine, CancellationToken cancellationToken)
    {
        DashboardHeaders.Apply(http.Response);
        var labels = DashboardLabels.For(http.Request);
        if (PageAccess.Check(http, DashboardPage.Page, DashboardPage.Prompt(labels)) is { } refusal) return refusal;
        await DecidedReads.WaitAsync(http);

        var (request, problem) = metrics.Parse(http.Request);
        if (request is null) return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Bad metrics query");
        var report = await metrics.ReportAsync(request, cancellationToken);
        var triggers = engine.Configuration.Triggers.Select(t => t.Name).ToList();
        var page = DashboardPage.Render(report, request, triggers, labels,
            PageAccess.PublicPath(http.Request, DashboardPage.Page), MetricsApi.PublicPath(http.Request));
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8);
    }

    public static async Task<IResult> PostSignIn(HttpContext http, CancellationToken cancellationToken)
    {
        DashboardHeaders.Apply(http.Response);
        var labels = DashboardLabels.For(http.Request);
        return await PageAccess.SignInFromFormAsync(http, DashboardPage.Page, DashboardPage.Prompt(labels), cancellationToken);
    }
}
