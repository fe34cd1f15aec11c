using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// The front of the custom handler's pipeline. <c>GET /</c> is the host's readiness and health ping;
/// <c>POST /{HTTP function}</c> is unwrapped into the caller's request, run through the standalone route and
/// wrapped back into <c>Outputs.res</c> of a 200 invocation answer (protocol doc §4, §5.3); the trigger
/// functions go on to their endpoints. Nothing else is served: the standalone routes are reachable only
/// through a function, as in Azure.
/// </summary>
internal sealed class HttpInvocations(RequestDelegate next, ILogger<HttpInvocations> logger)
{
    static readonly string[] Triggers = [TouchpointsFunction.Name, TimersFunction.Name, MetricsCompactionFunction.Name];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var function = path.TrimStart('/');
        if (path == "/")
        {
            await WriteAsync(context, StatusCodes.Status200OK, """{"status":"ready"}""");
            return;
        }
        if (HttpMethods.IsPost(context.Request.Method) && Triggers.Contains(function, StringComparer.Ordinal))
        {
            await next(context);
            return;
        }
        if (!HttpMethods.IsPost(context.Request.Method) || !HttpFunctions.Contains(function))
        {
            CustomHandlerLog.UnknownFunction(logger, path);
            await WriteAsync(context, StatusCodes.Status404NotFound,
                JsonSerializer.Serialize(new { error = "no such function", detail = $"The functions are POST /{string.Join(", /", [.. Triggers, .. HttpFunctions.Names])}." }));
            return;
        }

        var answer = await AnswerAsync(context, function);
        var logs = answer.StatusCode >= 400 ? [$"{function.ToLowerInvariant()}: answered {answer.StatusCode}"] : Array.Empty<string>();
        await WriteAsync(context, StatusCodes.Status200OK, InvocationAnswer.Envelope(logs, json => HttpResponseOutput.Write(json, answer)));
    }

    async Task<CapturedResponse> AnswerAsync(HttpContext context, string function)
    {
        var (invocation, problem) = await Invocation.ReadAsync(context.Request, context.RequestAborted);
        if (invocation?.Data("req") is not { } req) return await Problem(context, StatusCodes.Status400BadRequest, problem ?? "The invocation has no Data.req.");
        var described = HostHttpRequest.Read(req);
        // The host leaves Body out when the caller sent no Content-Length (chunked): refuse rather than see an empty batch.
        if (described.Body is null && described.Headers.ContainsKey("Transfer-Encoding"))
            return await Problem(context, StatusCodes.Status411LengthRequired,
                "Send the body with a Content-Length: the Functions host passes on no chunked body.");
        if (described.CompressedBodyLost)
            return await Problem(context, StatusCodes.Status415UnsupportedMediaType,
                "Send the body uncompressed: the Azure Functions host hands a JSON body on as text, which breaks Content-Encoding "
                + $"'{((IHeaderDictionary)described.Headers).ContentEncoding}'. (The standalone service takes gzip; here, turn your SDK's compression off.)");
        return await InnerRequest.RunAsync(context, described, HttpFunctions.PathOf(function, described.RouteValues), next);
    }

    /// <summary>A refusal of ours, written by the same problem details writer as the endpoints' own.</summary>
    async Task<CapturedResponse> Problem(HttpContext context, int status, string detail)
    {
        var captured = new DefaultHttpContext { RequestServices = context.RequestServices, Response = { Body = new MemoryStream() } };
        await TypedResults.Problem(detail, statusCode: status).ExecuteAsync(captured);
        return new CapturedResponse(status, captured.Response.Headers, ((MemoryStream)captured.Response.Body).ToArray());
    }

    static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = InvocationAnswer.ContentType;
        await context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted);
    }
}
