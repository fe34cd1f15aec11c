using Microsoft.AspNetCore.Http.Features;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>What the standalone endpoint answered: status, headers and the whole body.</summary>
internal sealed record CapturedResponse(int StatusCode, IHeaderDictionary Headers, byte[] Body);

/// <summary>
/// Runs the rest of the pipeline (routing, problem answers, the standalone endpoints) for the caller's request
/// the host described, on the same HttpContext: its request and response features are swapped for in-memory
/// ones for the duration, then put back, so the invocation's own response is still ours to write.
/// </summary>
internal static class InnerRequest
{
    public static async Task<CapturedResponse> RunAsync(HttpContext context, HostHttpRequest described, string path, RequestDelegate next)
    {
        var features = context.Features;
        var original = (Request: features.Get<IHttpRequestFeature>(), Response: features.Get<IHttpResponseFeature>(),
            Body: features.Get<IHttpResponseBodyFeature>(), Pipe: features.Get<IRequestBodyPipeFeature>());
        var headers = new HeaderDictionary();
        foreach (var (name, values) in described.Headers) headers[name] = values;
        // The host read the body whole: it is sent on with its real length, not the caller's framing.
        headers.Remove("Transfer-Encoding");
        headers.ContentLength = described.Body?.LongLength ?? 0;

        var request = new HttpRequestFeature
        {
            Protocol = original.Request?.Protocol ?? "HTTP/1.1",
            Scheme = described.Scheme,
            Method = described.Method,
            PathBase = PathBase(described.Path, path),
            Path = path,
            QueryString = described.QueryString,
            // The caller's own path keeps the escapes the host's route values lost (an id with %2F in it): see CustomersApi.IdOf.
            RawTarget = (described.Path ?? path) + described.QueryString,
            Headers = headers,
            Body = new MemoryStream(described.Body ?? [], writable: false),
        };
        var response = new HttpResponseFeature();
        var buffer = new MemoryStream();
        var body = new StreamResponseBodyFeature(buffer);
        try
        {
            features.Set<IHttpRequestFeature>(request);
            features.Set<IHttpResponseFeature>(response);
            features.Set<IHttpResponseBodyFeature>(body);
            features.Set<IRequestBodyPipeFeature>(new RequestBodyPipeFeature(context));
            await next(context);
            await body.CompleteAsync();
        }
        finally
        {
            features.Set(original.Request);
            features.Set(original.Response);
            features.Set(original.Body);
            features.Set(original.Pipe);
        }
        return new CapturedResponse(response.StatusCode, response.Headers, buffer.ToArray());
    }

    /// <summary>
    /// What the caller's path has in front of the standalone one (<c>/api</c>, the host's route prefix, for
    /// <c>/api/dashboard</c>), so a page builds its links, form actions, redirects and cookie path the way the browser
    /// reaches it. Empty when the function's route is not the standalone path behind a prefix.
    /// </summary>
    static string PathBase(string? callerPath, string path) =>
        callerPath is not null && callerPath.Length > path.Length && callerPath.EndsWith(path, StringComparison.Ordinal)
            ? callerPath[..^path.Length]
            : "";
}
