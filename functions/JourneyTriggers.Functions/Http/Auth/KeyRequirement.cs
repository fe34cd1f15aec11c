using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http.Auth;

/// <summary>
/// An endpoint filter that lets a request through only with a key of the required role: 401 with a
/// <c>WWW-Authenticate</c> challenge when the key is missing or wrong, 403 when an ingestion key
/// calls an admin route. It runs before the endpoint reads the body.
/// </summary>
internal static class KeyRequirement
{
    /// <summary>Bearer ingestion key (or the admin key).</summary>
    public static TBuilder RequireIngestionKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new KeyFilter(KeyRole.Ingestion, Challenge.Bearer));

    /// <summary>Segment's write key: the ingestion key as the Basic user name.</summary>
    public static TBuilder RequireWriteKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new KeyFilter(KeyRole.Ingestion, Challenge.Basic));

    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new KeyFilter(KeyRole.Admin, Challenge.Bearer));

    enum Challenge { Bearer, Basic }

    sealed class KeyFilter(KeyRole required, Challenge challenge) : IEndpointFilter
    {
        const string Realm = "realm=\"journeytriggers\"";

        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var presented = PresentedKey.Read(http.Request.Headers.Authorization);
            var role = presented is null ? null : http.RequestServices.GetRequiredService<AccessKeys>().Identify(presented);
            if (role is null) return Unauthorized(http, presented is null ? HowToSend() : "The key sent is not one of ours. " + HowToSend());
            if (required == KeyRole.Admin && role != KeyRole.Admin)
                return Refuse(http, StatusCodes.Status403Forbidden,
                    "This route needs the admin key (Auth:AdminKey); the key sent is an ingestion key, which can only send events.");
            return await next(context);
        }

        string HowToSend() => challenge == Challenge.Basic
            ? "Send the write key as the user name of HTTP Basic auth with an empty password, as Segment SDKs do. " + WhereKeysAre
            : $"Send 'Authorization: Bearer <{(required == KeyRole.Admin ? "admin" : "ingestion")} key>'. " + WhereKeysAre;

        const string WhereKeysAre =
            "Keys are set by Auth:IngestionKeys and Auth:AdminKey, or generated into keys.json in the data directory at first start.";

        ProblemHttpResult Unauthorized(HttpContext http, string detail)
        {
            http.Response.Headers.WWWAuthenticate = (challenge == Challenge.Basic ? "Basic " : "Bearer ") + Realm;
            return Refuse(http, StatusCodes.Status401Unauthorized, detail);
        }

        static ProblemHttpResult Refuse(HttpContext http, int status, string detail)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRequirement));
            Log.RequestRefused(logger, http.GetEndpoint()?.DisplayName, status, status == 403 ? "ingestion key on an admin route" : "missing or unknown key");
            return TypedResults.Problem(detail, statusCode: status);
        }
    }
}
