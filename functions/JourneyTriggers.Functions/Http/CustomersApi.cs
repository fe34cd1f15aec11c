using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http;

/// <summary>
/// Admin routes over one customer document: read it with its decision timeline, or erase it (GDPR).
/// <c>{id}</c> is the known customer id; with <c>?anonymous=true</c> it is an anonymous id.
/// </summary>
internal static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").RequireAdminKey();
        customers.MapGet("/{id}", GetCustomer).AfterDecisions();
        customers.MapDelete("/{id}", DeleteCustomer).AfterEveryDecision();
        return app;
    }

    public static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetCustomer(
        string id, bool? anonymous, ICustomerStore store, JourneyEngine engine, CustomerPseudonyms pseudonyms, CancellationToken cancellationToken)
    {
        var key = KeyOf(id, anonymous);
        return await store.FindAsync(key, cancellationToken) is { } stored
            ? TypedResults.Ok(CustomerView.Of(key, pseudonyms.Of(key), stored.State, engine.Configuration))
            : NotFound(anonymous);
    }

    public static async Task<Results<Ok<ErasureView>, ProblemHttpResult>> DeleteCustomer(
        string id, bool? anonymous, CustomerErasure erasure, CustomerPseudonyms pseudonyms, ILogger<CustomerErasure> logger, CancellationToken cancellationToken)
    {
        var key = KeyOf(id, anonymous);
        if (await erasure.EraseAsync(key, cancellationToken) is not { } erased) return NotFound(anonymous);
        var (exits, report) = erased;
        Log.CustomerErased(logger, pseudonyms.Of(key), report.Removed.Values.Sum(), exits.Count);
        return TypedResults.Ok(ErasureView.Of(key.Value, exits, report.Removed));
    }

    static ProfileKey KeyOf(string id, bool? anonymous)
    {
        // ASP.NET Core decodes a path except for %2F (so a segment cannot turn into two): an id with a slash in it, such
        // as Shopify's gid://shopify/Customer/7, arrives with its slashes still encoded.
        id = id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return anonymous == true ? ProfileKey.ForAnonymous(id) : ProfileKey.ForCustomer(id);
    }

    static ProblemHttpResult NotFound(bool? anonymous) => TypedResults.Problem(
        anonymous == true
            ? "No anonymous profile has this id. It may have been merged into a known customer, erased, or never sent an event."
            : "No customer has this id. For a visitor known only by an anonymous id, add ?anonymous=true.",
        statusCode: StatusCodes.Status404NotFound, title: "Unknown customer");
}
