using JourneyTriggers.Functions.Hosting;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// <c>serve --custom-handler</c>: the Functions host posts every invocation to <c>/{FunctionName}</c>
/// (host.json keeps <c>enableForwardingHttpRequest</c> off, so HTTP functions come as envelopes too).
/// </summary>
internal static class CustomHandlerEndpoints
{
    public static IServiceCollection AddCustomHandlerFunctions(this IServiceCollection services) =>
        services.AddSingleton<TouchpointsFunction>().AddSingleton<TimersFunction>().AddSingleton<MetricsCompactionFunction>();

    public static WebApplication MapCustomHandler(this WebApplication app)
    {
        // Before routing: an HTTP function's request is rewritten into the standalone route it runs.
        app.UseMiddleware<HttpInvocations>();
        app.UseRouting();
        app.UseProblemAnswers();
        app.MapHttpApis();
        app.MapPost("/" + TouchpointsFunction.Name, (HttpRequest request, TouchpointsFunction function, CancellationToken cancellationToken) =>
            function.InvokeAsync(request, cancellationToken));
        app.MapPost("/" + TimersFunction.Name, (HttpRequest request, TimersFunction function, CancellationToken cancellationToken) =>
            function.InvokeAsync(request, cancellationToken));
        // The timer's invocation says only that the schedule fired (and whether late): nothing in it is needed.
        app.MapPost("/" + MetricsCompactionFunction.Name, (MetricsCompactionFunction function, CancellationToken cancellationToken) =>
            function.InvokeAsync(cancellationToken));
        return app;
    }
}
