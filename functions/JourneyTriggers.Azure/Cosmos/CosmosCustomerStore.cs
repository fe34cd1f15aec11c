using System.Net;
using System.Text.Json;
using Azure;
using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Application.Push;
using JourneyTriggers.Azure.Effects;
using JourneyTriggers.Azure.Outbox;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Metrics;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JourneyTriggers.Azure.Cosmos;

/// <summary>
/// Customer documents in Cosmos DB (DESIGN 4.6): one item per customer, item id and partition key
/// (<c>/id</c>) the profile key, point reads and ETag-conditional writes only, but for the one query an erasure
/// makes. Our own bytes go through the SDK's stream APIs, so no SDK serializer ever touches a document.
/// <para>
/// A save writes the state and, in the same item, the work the change still owes (<see cref="PendingWork"/>),
/// then carries that work out. Work with messages is cleared by a second conditional write that records the
/// delivery verdicts; work without ends with its completion marker blob instead, so such a save costs one
/// write. A load that finds work left over and unmarked (a crash, a failure in between) finishes it before
/// anyone decides on the state.
/// </para>
/// </summary>
public sealed class CosmosCustomerStore : ICustomerStore
{
    readonly Container container;
    readonly PendingWorkRunner pending;
    readonly BlobReminderOutbox outbox;
    readonly BlobEffectLog effects;
    readonly StorageQueueTimerScheduler wakeUps;
    readonly Duration sweepDelay;
    readonly int anonymousTtlSeconds;
    readonly TimeProvider time;
    readonly CustomerPseudonyms pseudonyms;
    readonly MetricFacts facts;
    readonly ILogger logger;

    /// <param name="sweepDelay">When an erasure's second sweep comes (<see cref="AzureOptions.ErasureSweepDelay"/>).</param>
    internal CosmosCustomerStore(Container container, PendingWorkRunner pending, BlobReminderOutbox outbox, BlobEffectLog effects,
        StorageQueueTimerScheduler wakeUps, TimeSpan sweepDelay,
        CosmosOptions options, TimeProvider time, CustomerPseudonyms pseudonyms, MetricFacts facts, ILogger<CosmosCustomerStore> logger)
    {
        this.container = container;
        this.pending = pending;
        this.outbox = outbox;
        this.effects = effects;
        this.wakeUps = wakeUps;
        this.sweepDelay = Duration.FromTimeSpan(sweepDelay);
        anonymousTtlSeconds = checked((int)options.AnonymousTimeToLive.TotalSeconds);
        this.time = time;
        this.pseudonyms = pseudonyms;
        this.facts = facts;
        this.logger = logger;
    }

    public async Task<StoredCustomer?> FindAsync(ProfileKey key, CancellationToken cancellationToken = default)
    {
        using var item = await ReadItemAsync(key, "a read", cancellationToken);
        // Being erased: no customer to read, and none to finish work for, which would write blobs the erasure deletes.
        if (item is null || item.IsErasing) return null;
        var (state, work) = CustomerItem.Parse(key, item.Root);
        var etag = item.ETag;
        if (work.IsEmpty || await IsFinishedAsync(key, work, cancellationToken)) return new StoredCustomer(state, etag);

        logger.FinishingLeftoverWork(pseudonyms.Of(key), work.Timers.Count, work.Messages.Count, work.Effects is not null);
        // Cleared: hand out the new version. Marked done, or not cleared (someone wrote meanwhile): hand out the
        // version read, whose work is done; after a lost race a save against it fails on the ETag and the caller loads again.
        return await FinishAsync(key, state, etag, work, cancellationToken);
    }

    public async Task<bool> TrySaveAsync(CustomerChange change, CancellationToken cancellationToken = default)
    {
        var work = PendingWork.Of(change, Now());
        var item = CustomerItem.Compose(change.Key, change.State, TtlOf(change.Key), work);
        var etag = await WriteAsync(change.Key, item, change.ExpectedETag, cancellationToken);
        if (etag is null)
        {
            // A customer read as missing whose create conflicts may be one being erased: retrying now would only meet its
            // marker again, while after the erasure the same save starts a new customer.
            if (change.ExpectedETag is null && await IsBeingErasedAsync(change.Key, cancellationToken))
                throw new StoreUnavailableException("The customer is being erased; nothing is saved for them until the erasure ends, after which a retry starts a new customer.");
            return false;
        }
        if (work.IsEmpty) return true;

        await FinishAsync(change.Key, change.State, etag, work, cancellationToken);
        return true;
    }

    /// <summary>
    /// Carries out the work of version <paramref name="etag"/>. Work without messages ends with its completion marker
    /// and the version stays as it is. Work with messages: replaces the version with the state minus that work,
    /// plus the provider verdicts the work produced (DESIGN 4.6): recorded in the same write that clears the
    /// messages, so a verdict is recorded exactly when its message leaves the document. A lost race leaves the
    /// verdict to whoever wrote instead: they finished the same messages and found the same delivery records.
    /// </summary>
    async Task<StoredCustomer> FinishAsync(ProfileKey key, CustomerState state, string etag, PendingWork work, CancellationToken cancellationToken)
    {
        var reports = await RunAsync(key, work, cancellationToken);
        if (work.CompletionMarker is not null) return new StoredCustomer(state, etag);
        if (reports.Count == 0) return new StoredCustomer(state, await TryReplaceAsync(key, state, PendingWork.None, etag, cancellationToken) ?? etag);

        var (recorded, follow, outcomes) = Recorded(key, state, reports, Now());
        if (await TryReplaceAsync(key, recorded, follow, etag, cancellationToken) is not { } written) return new StoredCustomer(state, etag);
        DecisionMetrics.Saved(outcomes);
        // The follow-up has no messages, so its completion marker, not a third write, tells that it is done.
        await RunAsync(key, follow, cancellationToken);
        return new StoredCustomer(recorded, written);
    }

    /// <summary>
    /// The verdicts on the timeline, and what that owes outside the document: the outcome effects to log and to count
    /// (delivered, failed, unknown), gone installations to drop.
    /// </summary>
    (CustomerState State, PendingWork Work, List<Effect> Effects) Recorded(ProfileKey key, CustomerState state, IReadOnlyList<DeliveryReport> reports, Instant now)
    {
        var next = state;
        var effects = new List<Effect>();
        foreach (var report in reports)
        {
            var decision = JourneyEngine.RecordDelivery(next, report, now);
            next = decision.State;
            effects.AddRange(decision.Effects);
        }
        var metrics = new MetricsTallyBuilder();
        facts.OfEffects(effects, metrics);
        var change = new CustomerChange(key, next, null, effects, [], Metrics: metrics.ToTally()) { Installations = InstallationSync.Between(key, state, next) };
        return (next, PendingWork.Of(change, now), effects);
    }

    /// <summary>
    /// Marks the document as being erased (<see cref="ErasureMarker"/>), so that no instance still working on the customer
    /// can save or start writing blobs any more, then deletes the customer's outbox records and effect log, and the
    /// document last: an erasure interrupted halfway still finds the customer when it is asked again. A customer already
    /// marked is an erasure cut short, and is finished. Before marking, a second sweep is queued (<see cref="SweepAsync"/>)
    /// for the blobs that work saved just before the marker can still write after this deletes them. No document (an
    /// anonymous profile expired while its blobs stay, a customer whose sweep never ran): a placeholder marker is created
    /// where there is no item, and the blobs left behind go the same way; a save that creates the customer meanwhile meets
    /// the marker and waits, as for any erasure.
    /// </summary>
    public async Task<ErasureReport> EraseAsync(ProfileKey key, CancellationToken cancellationToken = default) =>
        await RemoveAsync(key, await MarkErasingAsync(key, remainsOnly: false, cancellationToken), cancellationToken);

    public async Task<ErasureReport> EraseRemainsAsync(ProfileKey key, CancellationToken cancellationToken = default) =>
        await RemoveAsync(key, await MarkErasingAsync(key, remainsOnly: true, cancellationToken), cancellationToken);

    /// <summary>
    /// A marker seen in place (<paramref name="SeenAt"/>), at version <paramref name="ETag"/>: no new customer of that id
    /// existed then. <paramref name="Customer"/>: it marks a customer, not a placeholder for none.
    /// </summary>
    sealed record Marked(Instant SeenAt, string ETag, bool Customer)
    {
        public static Marked Of(ReadItem item, Instant seenAt) => new(seenAt, item.ETag, !ErasureMarker.IsPlaceholder(item.Root));
    }

    /// <summary>
    /// The marked customer's outbox records and effect log, then the marker itself; what was there. Several may finish one
    /// erasure at once (the erasure, a repeated request, the sweep, a save after ten minutes), and the first to delete the
    /// marker lets a new customer of the same id be made: so only records decided before the marker was seen go, and the
    /// marker is deleted only as it was seen. A new customer's records and item are never touched.
    /// </summary>
    async Task<ErasureReport> RemoveAsync(ProfileKey key, Marked marked, CancellationToken cancellationToken)
    {
        var (messages, logged) = await EraseRecordsAsync(key, marked.SeenAt, cancellationToken);
        var id = CosmosItemId.For(key);
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(id), new ItemRequestOptions { IfMatchEtag = marked.ETag },
            cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed))
            throw CosmosFailures.For(response, "a delete");
        return new ErasureReport(new Dictionary<string, int>
        {
            ["customer"] = response.IsSuccessStatusCode && marked.Customer ? 1 : 0,
            ["messages"] = messages,
            ["effects"] = logged,
        });
    }

    /// <summary>The customer's messages (with their delivery records) and effect batches decided no later than <paramref name="cutoff"/>; how many of each.</summary>
    async Task<(int Messages, int Effects)> EraseRecordsAsync(ProfileKey key, Instant cutoff, CancellationToken cancellationToken) =>
        (await outbox.EraseDecidedByAsync(key, cutoff, cancellationToken), await effects.EraseSavedByAsync(key, cutoff, cancellationToken));

    Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// <summary>
    /// Writes the erasure's marker over the document, conditionally on the version read, or a placeholder where there is no
    /// document; reads again when a save got in first. The marker as seen once in place (written now, or already there).
    /// <paramref name="remainsOnly"/>: a customer's document found unmarked is refused (<see cref="EraseRemainsAsync"/>).
    /// </summary>
    async Task<Marked> MarkErasingAsync(ProfileKey key, bool remainsOnly, CancellationToken cancellationToken)
    {
        Instant? erasedAt = null;
        for (var attempt = 1; attempt <= MaxMarkingAttempts; attempt++)
        {
            using var item = await ReadItemAsync(key, "a read before an erasure", cancellationToken);
            // No customer and so no save's work that could still write blobs: no sweep is needed. A create that conflicts
            // is a customer made this moment, who is then erased.
            if (item is null)
            {
                if (await WriteAsync(key, Placeholder(key), null, cancellationToken) is { } created) return new Marked(Now(), created, Customer: false);
                continue;
            }
            // Marked already: the erasure that marked it queued its sweep.
            if (item.IsErasing) return Marked.Of(item, Now());
            if (remainsOnly)
                throw new StoreUnavailableException(
                    "A customer of this id was made by events as the erasure began; nothing of theirs was erased: send the erasure again, which then erases them whole.");
            if (erasedAt is null)
            {
                // Queued before the marker, so the sweep also finishes an erasure cut short with nobody asking again; queued
                // once, since the sweep deletes only what was decided before this instant. It names the item, so that it
                // can tell this customer, left unmarked when marking failed, from a new one made after the erasure.
                erasedAt = Now();
                await wakeUps.ScheduleErasureSweepAsync(key, erasedAt.Value, item.ResourceId, erasedAt.Value + sweepDelay, cancellationToken);
            }
            var marker = ErasureMarker.Compose(item.Root, erasedAt.Value);
            if (await WriteAsync(key, marker, item.ETag, cancellationToken) is { } written) return new Marked(Now(), written, Customer: true);
        }
        throw new StoreUnavailableException(
            $"The customer's document changed on each of {MaxMarkingAttempts} attempts to mark it for erasure; their records and document are " +
            "untouched (their push installations, merged profiles and dead letters may be gone already): send the erasure again.");
    }

    /// <summary>
    /// A fresh document of the id marked as a placeholder: any reader, a previous version of the app too, can read it. It
    /// expires with the anonymous profiles' time to live, or after a day for a known id, should the erasure be cut short
    /// and nobody ask again.
    /// </summary>
    byte[] Placeholder(ProfileKey key)
    {
        using var fresh = JsonDocument.Parse(CustomerItem.Compose(key, CustomerState.New(key.Owner), TtlOf(key) ?? PlaceholderTtlSeconds, PendingWork.None));
        return ErasureMarker.Compose(fresh.RootElement, Now(), placeholder: true);
    }

    /// <summary>
    /// An erasure's second sweep, once the instances that saved the customer just before it can no longer be writing blobs
    /// for them. A marked document is an erasure nobody finished: it is finished. The same item unmarked is an erasure that
    /// never marked it (it failed, and answered so): the customer was not erased, and nothing of theirs goes. Otherwise (no
    /// document, or a new customer made by events after the erasure) the blobs of changes decided before the erasure began
    /// go: late writes of that work; a new customer's own records, decided after, stay (their deliveries in progress, which
    /// deleting would send again). How many records it removed; a wake-up that came early (the queue's longest wait, a
    /// shortened one in tests) is queued again and removes none.
    /// </summary>
    public async Task<int> SweepAsync(WakeUpParseResult.ErasureSweepDue sweep, CancellationToken cancellationToken = default)
    {
        var (key, erasedAt, itemThen, dueAt, _) = sweep;
        if (Now() < dueAt)
        {
            await wakeUps.ScheduleErasureSweepAsync(key, erasedAt, itemThen, dueAt, cancellationToken);
            return 0;
        }
        int removed;
        using (var item = await ReadItemAsync(key, "a read for an erasure's sweep", cancellationToken))
        {
            if (item is { IsErasing: true }) removed = (await RemoveAsync(key, Marked.Of(item, Now()), cancellationToken)).Removed.Values.Sum();
            else if (item is not null && item.ResourceId == itemThen)
            {
                logger.ErasureNeverMarked(pseudonyms.Of(key));
                return 0;
            }
            else
            {
                var (messages, logged) = await EraseRecordsAsync(key, erasedAt, cancellationToken);
                removed = messages + logged;
            }
        }
        if (removed > 0) logger.ErasureSweepRemoved(pseudonyms.Of(key), removed);
        return removed;
    }

    /// <summary>As many as a decision gets (<see cref="Application.Processing.CustomerUpdates.MaxAttempts"/>): each lost attempt means another save landed.</summary>
    const int MaxMarkingAttempts = Application.Processing.CustomerUpdates.MaxAttempts;

    /// <summary>
    /// Whether the customer's item is an erasure's marker; one point read, paid only after a create conflicted. A marker
    /// older than <see cref="AbandonedAfter"/> is an erasure cut short that nobody finished (its request failed, and its
    /// sweep is an hour away): it is finished here, so the customer's events are not held up meanwhile, and the save's
    /// retry starts a new customer.
    /// </summary>
    async Task<bool> IsBeingErasedAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        Marked marked;
        using (var item = await ReadItemAsync(key, "a read after a conflicting create", cancellationToken))
        {
            if (item is not { IsErasing: true }) return false;
            if (ErasureMarker.SinceOf(item.Root) is not { } since || Now() - since < AbandonedAfter) return true;
            marked = Marked.Of(item, Now());
        }
        if ((await RemoveAsync(key, marked, cancellationToken)).Removed["customer"] > 0) logger.ErasureFinishedBySave(pseudonyms.Of(key));
        return false;
    }

    const int PlaceholderTtlSeconds = 24 * 60 * 60;

    /// <summary>Far longer than any erasure takes (seconds: a few deletes per blob folder).</summary>
    static readonly Duration AbandonedAfter = Duration.FromMinutes(10);

    /// <summary>The item as read; null when there is none, a failure for anything else but success.</summary>
    async Task<ReadItem?> ReadItemAsync(ProfileKey key, string operation, CancellationToken cancellationToken)
    {
        var id = CosmosItemId.For(key);
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(id), cancellationToken: cancellationToken);
        if (response.IsSuccessStatusCode)
            return new ReadItem(await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken), response.Headers.ETag);
        if (response.StatusCode == HttpStatusCode.NotFound && !CosmosFailures.IsTransient(response)) return null;
        throw CosmosFailures.For(response, operation);
    }

    /// <summary>A customer's item as read, with the version it is.</summary>
    sealed record ReadItem(JsonDocument Document, string ETag) : IDisposable
    {
        public JsonElement Root => Document.RootElement;

        /// <summary>An erasure's marker rather than a customer (<see cref="ErasureMarker"/>).</summary>
        public bool IsErasing => ErasureMarker.IsOn(Root);

        /// <summary>Cosmos DB's resource id of the item: kept by every replace, new when an item of the same id is created again.</summary>
        public string? ResourceId => Root.TryGetProperty("_rid"u8, out var rid) ? rid.GetString() : null;

        public void Dispose() => Document.Dispose();
    }

    /// <summary>A cross-partition query, paid only by an erasure; tombstones also expire with the anonymous profiles' TTL.</summary>
    public async Task<IReadOnlyList<ProfileKey>> MergedIntoAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT c.anonymousId FROM c WHERE c.mergedInto = @customerId").WithParameter("@customerId", customerId);
        var keys = new List<ProfileKey>();
        using var pages = container.GetItemQueryStreamIterator(query);
        while (pages.HasMoreResults)
        {
            using var page = await pages.ReadNextAsync(cancellationToken);
            if (!page.IsSuccessStatusCode) throw CosmosFailures.For(page, "a query for merged profiles");
            using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken);
            foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
                if (item.TryGetProperty("anonymousId", out var id) && id.GetString() is { Length: > 0 } anonymousId)
                    keys.Add(ProfileKey.ForAnonymous(anonymousId));
        }
        return keys;
    }

    int? TtlOf(ProfileKey key) => key.IsAnonymous ? anonymousTtlSeconds : null;

    /// <summary>
    /// Creates (no <paramref name="expectedETag"/>) or replaces (only that version) the item; the new ETag,
    /// or null when another writer got there first: 409 on create, 412 or 404 (erased) on replace.
    /// </summary>
    async Task<string?> WriteAsync(ProfileKey key, byte[] item, string? expectedETag, CancellationToken cancellationToken)
    {
        var id = CosmosItemId.For(key);
        using var content = new MemoryStream(item, writable: false);
        using var response = expectedETag is null
            ? await container.CreateItemStreamAsync(content, new PartitionKey(id),
                new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken)
            : await container.ReplaceItemStreamAsync(content, id, new PartitionKey(id),
                new ItemRequestOptions { IfMatchEtag = expectedETag, EnableContentResponseOnWrite = false }, cancellationToken);
        if (response.IsSuccessStatusCode) return response.Headers.ETag;
        return response.StatusCode switch
        {
            HttpStatusCode.Conflict when expectedETag is null => null,
            HttpStatusCode.PreconditionFailed when expectedETag is not null => null,
            HttpStatusCode.NotFound when expectedETag is not null && !CosmosFailures.IsTransient(response) => null,
            _ => throw CosmosFailures.For(response, expectedETag is null ? "a create" : "a conditional replace"),
        };
    }

    /// <summary>
    /// Carries out the work. A failure is reported as transient whatever it was: the change is saved and its
    /// work still in the document, so the caller's retry (the host redelivering the event or wake-up) loads
    /// the customer and finishes it; left alone, a wake-up might never be sent.
    /// </summary>
    async Task<IReadOnlyList<DeliveryReport>> RunAsync(ProfileKey key, PendingWork work, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.RunAsync(key, work, cancellationToken);
        }
        catch (Exception e) when (e is StoreUnavailableException || CallFailures.IsFailure(e, cancellationToken))
        {
            logger.PendingWorkFailed(pseudonyms.Of(key), e);
            throw new StoreUnavailableException(
                "The customer is saved, but its timers, messages or effect log could not be written; loading the customer again finishes them.",
                (e as StoreUnavailableException)?.RetryAfter, e);
        }
    }

    /// <summary>Whether the work left in the document was done: its completion marker was written (one blob HEAD, no Cosmos operation).</summary>
    async Task<bool> IsFinishedAsync(ProfileKey key, PendingWork work, CancellationToken cancellationToken)
    {
        if (work.CompletionMarker is not { } marker) return false;
        try
        {
            return await effects.ExistsAsync(marker, cancellationToken);
        }
        catch (Exception e) when (CallFailures.IsFailure(e, cancellationToken))
        {
            throw new StoreUnavailableException(
                "The customer has work left from its last save, and whether it was done cannot be checked in the effect log; retry the load.", null, e);
        }
    }

    /// <summary>Writes the state again without its finished work (with <paramref name="next"/> instead), only over the version that carried it; the new ETag, or null if not written.</summary>
    async Task<string?> TryReplaceAsync(ProfileKey key, CustomerState state, PendingWork next, string etag, CancellationToken cancellationToken)
    {
        try
        {
            var cleared = await WriteAsync(key, CustomerItem.Compose(key, state, TtlOf(key), next), etag, cancellationToken);
            if (cleared is null) logger.PendingNotCleared(pseudonyms.Of(key), (int)HttpStatusCode.PreconditionFailed);
            return cleared;
        }
        catch (Exception e) when (e is StoreUnavailableException or CosmosException)
        {
            // The work is done; only the record of it stayed. Repeating it on the next load is harmless.
            logger.PendingClearFailed(pseudonyms.Of(key), e);
            return null;
        }
    }
}
