using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Customers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// Admin routes over one customer document: read it with its decision timeline, or erase it (GDPR).
/// <c>{id}</c> is the known customer id; with <c>?anonymous=true</c> it is an anonymous id.
/// </summary>
internal static partial class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").RequireAdminKey();
        customers.MapGetAndHead("/{id}", GetCustomer).AfterDecisions();
        customers.MapDelete("/{id}", DeleteCustomer).AfterEveryDecision();
        return app;
    }

    public static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetCustomer(
        HttpContext context, string id, bool? anonymous, ICustomerStore store, JourneyEngine engine, CustomerPseudonyms pseudonyms, CancellationToken cancellationToken)
    {
        var key = KeyOf(context, id, anonymous);
        return await store.FindAsync(key, cancellationToken) is { } stored
            ? TypedResults.Ok(CustomerView.Of(key, pseudonyms.Of(key), stored.State, engine.Configuration))
            : NotFound(anonymous);
    }

    public static async Task<Results<Ok<ErasureView>, ProblemHttpResult>> DeleteCustomer(
        HttpContext context, string id, bool? anonymous, CustomerErasure erasure, CustomerPseudonyms pseudonyms, ILogger<CustomerErasure> logger,
        CancellationToken cancellationToken)
    {
        var key = KeyOf(context, id, anonymous);
        if (await erasure.EraseAsync(key, cancellationToken) is not { } erased) return NotFound(anonymous);
        var (exits, report) = erased;
        Log.CustomerErased(logger, pseudonyms.Of(key), report.Removed.Values.Sum(), exits.Count);
        return TypedResults.Ok(ErasureView.Of(key.Value, exits, report.Removed));
    }

    static ProfileKey KeyOf(HttpContext context, string routed, bool? anonymous)
    {
        var id = IdOf(context, routed);
        return anonymous == true ? ProfileKey.ForAnonymous(id) : ProfileKey.ForCustomer(id);
    }

    /// <summary>
    /// The id as the request spelt it, decoded once. ASP.NET Core decodes a path except for %2F (so a segment cannot turn
    /// into two), which leaves an id with a slash in it (Shopify's gid://shopify/Customer/7) and one with "%2F" in it
    /// looking the same; the request's own target tells them apart. In custom-handler mode the target is the URL the host
    /// reports, whose path may have been decoded and escaped again on the way, so there an id with a literal "%2F" in it
    /// can still read as the one with the slash; ids with '@', spaces, Thai or slashes read right. The target's last segment (a trailing slash aside) is
    /// used only when it is the segment routing matched, decoded the same way; otherwise (a target without the id last,
    /// or a server that keeps no target, as the in-memory test server) the routed value, with its %2F read as the slash.
    /// </summary>
    internal static string IdOf(HttpContext context, string routed)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var path = target.AsSpan(0, target.IndexOf('?') is var query and >= 0 ? query : target.Length);
        if (path.EndsWith("/")) path = path[..^1];
        var segment = path[(path.LastIndexOf('/') + 1)..].ToString();
        return segment.Length > 0 && DecodedExceptSlashes(segment) == routed
            ? Uri.UnescapeDataString(segment)
            : routed.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The segment decoded as ASP.NET Core decodes a path: everything but %2F, whose % is escaped first.</summary>
    static string DecodedExceptSlashes(string segment) => Uri.UnescapeDataString(EscapedSlash().Replace(segment, "%25"));

    [GeneratedRegex("%(?=2[Ff])")]
    private static partial Regex EscapedSlash();

    static ProblemHttpResult NotFound(bool? anonymous) => TypedResults.Problem(
        anonymous == true
            ? "No anonymous profile has this id. It may have been merged into a known customer, erased, or never sent an event."
            : "No customer has this id. For a visitor known only by an anonymous id, add ?anonymous=true.",
        statusCode: StatusCodes.Status404NotFound, title: "Unknown customer");
}
