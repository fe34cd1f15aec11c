using System.Globalization;
using System.Security.Cryptography;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Functions.Http.Ingestion;

namespace JourneyTriggers.Functions.Http.Unsubscribe;

/// <summary>
/// An unsubscribe link followed: the token is checked, and email consent is revoked at once by a
/// <c>consent.updated</c> touchpoint through the normal ingestion path, so the engine, the store and the
/// timeline see it like any other. A click while consent stands revoked changes nothing; one after the customer
/// opted in again revokes again, so its id, <c>unsubscribe:{messageId}:{unix ms}</c>, names the click, not the link.
/// The revocation is then handed to the host's destination as well (the inbox, the hub), which keeps the touchpoint
/// archive: a replay of the month must see the customer leave. Decided again there, it is a duplicate.
/// </summary>
internal sealed class EmailUnsubscribe(IUnsubscribeTokens tokens, ICustomerStore store, EventIntake intake, ITouchpointDestination destination, HostClock clock,
    ILogger<EmailUnsubscribe> logger)
{
    /// <summary>Longer than any token we issue; anything longer is not worth verifying.</summary>
    const int MaxTokenLength = 4096;

    public async Task<UnsubscribeVerification> ApplyAsync(string? token, CancellationToken cancellationToken)
    {
        var verification = Verify(token);
        if (verification is UnsubscribeVerification.Valid valid)
        {
            // An erased customer stays erased: the link must not bring a document back.
            var stored = await store.FindAsync(valid.Customer, cancellationToken);
            var outcome = stored is null ? "no such customer (erased?), nothing to revoke" : "email consent was already revoked";
            if (stored is { State.Profile.EmailConsent: var consent } && consent is not { Granted: false })
            {
                var now = clock.Now();
                var id = new TouchpointId($"unsubscribe:{valid.MessageId}:{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
                // The click comes after every statement taken in so far, even a grant a storefront's clock stamped
                // ahead of ours; stamped no earlier than that grant, the revocation stands (it wins a tie).
                var statedAt = consent?.StatedAt is { } granted && granted > now ? granted : now;
                var revoke = new ConsentUpdated(id, valid.Customer.Owner, statedAt, "email", Email: false, Push: null);
                // Processed here even in Azure: the revocation must hold before the next send, not after a trip through the hub.
                await intake.ProcessAsync([new TouchpointReading.Accepted(revoke)], "unsubscribe", cancellationToken);
                await ArchiveAsync(revoke, cancellationToken);
                outcome = "email consent revoked";
            }
            Log.Unsubscribed(logger, valid.MessageId, outcome);
        }
        else
        {
            Log.UnsubscribeRefused(logger, verification is UnsubscribeVerification.Expired ? "expired" : "invalid");
        }
        return verification;
    }

    /// <summary>The revocation already holds; a destination that cannot take it costs the archive's copy, never the answer.</summary>
    async Task ArchiveAsync(ConsentUpdated revoke, CancellationToken cancellationToken)
    {
        try
        {
            await destination.ReceiveAsync([new TouchpointReading.Accepted(revoke)], cancellationToken);
        }
        catch (Exception e) when (e is DestinationUnavailableException or StoreUnavailableException)
        {
            Log.UnsubscribeNotArchived(logger, e.GetType().Name);
        }
    }

    UnsubscribeVerification Verify(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength) return UnsubscribeVerification.Invalid.Instance;
        try
        {
            return tokens.Verify(token);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException)
        {
            // Whatever a hand-edited link makes the verifier trip over, it is a link we did not issue.
            return UnsubscribeVerification.Invalid.Instance;
        }
    }
}
