using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Functions.Http.Auth;
using JourneyTriggers.Functions.Http.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http;

/// <summary><c>GET /api/outbox?customerId=&amp;limit=</c> (admin): the messages the standalone host delivered locally, newest first.</summary>
internal static class OutboxApi
{
    const int DefaultLimit = 50;
    const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/api/outbox", GetOutbox).RequireAdminKey().AfterDecisions();
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<OutboxEntryView>>, ProblemHttpResult>> GetOutbox(
        string? customerId, int? limit, IOutboxReader outbox, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
            return TypedResults.Problem($"limit must be between 1 and {MaxLimit} (default {DefaultLimit}).", statusCode: StatusCodes.Status400BadRequest);
        var entries = await outbox.ListAsync(string.IsNullOrWhiteSpace(customerId) ? null : customerId, limit ?? DefaultLimit, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OutboxEntryView>>([.. entries.Select(OutboxEntryView.Of)]);
    }
}

/// <summary>An outbox entry with its instant as ISO 8601 and its channel by wire name.</summary>
internal sealed record OutboxEntryView(
    string MessageId, string? CustomerId, string? AnonymousId, string Channel, string Trigger, int Step, string Template,
    string Locale, string? Subject, string At, string Status, int Attempts, string? LastError, string? DeliveredAt,
    string? To, string? Html, string? Text, string? PushTitle, string? PushBody, string? DeepLink)
{
    public static OutboxEntryView Of(OutboxEntry e) => new(
        e.MessageId, e.CustomerId, e.AnonymousId, e.Channel.ToWire(), e.Trigger, e.Step, e.Template,
        e.Locale, e.Subject, CustomerView.Iso(e.At)!, e.Status.ToWire(), e.Attempts, e.LastError, CustomerView.Iso(e.DeliveredAt),
        e.To, e.Html, e.Text, e.PushTitle, e.PushBody, e.PushDeepLink);
}
