using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Identity;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using JourneyTriggers.Standalone.Sqlite;
using NodaTime;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// The standalone host's <see cref="ITouchpointDestination"/>: a request's touchpoints are acknowledged once
/// they are in the inbox table (one group-committed write, so durable), and <see cref="InboxPump"/> decides
/// them in arrival order moments later, the events of many requests per batch, one load and one save per
/// customer. Deciding in the request meant one document write per event; batching is what lets ingestion
/// keep up with tens of thousands of events a second (docs/performance.md).
/// <para>
/// An id the customer already sent within 7 days is answered <c>duplicate</c> here and not queued again
/// (<see cref="AcceptedIds"/>).
/// When the pump falls too far behind, requests are refused whole with 503 and Retry-After until it catches up.
/// </para>
/// </summary>
public sealed class SqliteInbox : ITouchpointDestination, IPendingTouchpoints, IDisposable
{
    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    readonly SqliteDatabase database;
    readonly AcceptedIds accepted;
    readonly InboxHandOff handOff = new();
    readonly HostClock clock;
    readonly TimeProvider time;
    readonly long maxBacklog;
    readonly Lock gate = new();
    long acknowledgedThrough;
    long decidedThrough;
    TaskCompletionSource progressed = NewSignal();
    TaskCompletionSource arrived = NewSignal();
    TaskCompletionSource wanted = NewSignal();

    public SqliteInbox(HostClock clock, TimeProvider time, StandaloneOptions options)
    {
        database = SqliteDatabase.Open(options.DataDirectory, InboxSchema.FileName, InboxSchema.Migrations, SqliteDatabase.AppendedPagesBackstop,
            options.Durability, SqliteDatabase.AppendedPagesCheckpointInterval);
        accepted = database.Read(AcceptedIds.Load);
        this.clock = clock;
        this.time = time;
        maxBacklog = options.InboxMaxBacklog;
        var (first, lastGiven) = database.Read(InboxTable.Bounds);
        acknowledgedThrough = lastGiven;
        // Touchpoints acknowledged before a restart and not yet decided are first in line.
        decidedThrough = first is { } queued ? queued - 1 : lastGiven;
    }

    /// <summary>
    /// Makes sure every seq handed out from now on is after <paramref name="seq"/>: the last one another file (the touchpoint
    /// archive) holds. Called before the service takes requests; does nothing when the inbox is already past it.
    /// </summary>
    internal void GiveSeqsAfter(long seq)
    {
        if (seq <= Interlocked.Read(ref acknowledgedThrough)) return;
        database.WriteAsync(session => session.Command("UPDATE inbox_sequence SET last = max(last, $seq)").Bind("$seq", seq).ExecuteNonQuery(),
            CancellationToken.None).GetAwaiter().GetResult();
        var (first, lastGiven) = database.Read(InboxTable.Bounds);
        Interlocked.Exchange(ref acknowledgedThrough, lastGiven);
        Interlocked.Exchange(ref decidedThrough, first is { } queued ? queued - 1 : lastGiven);
    }

    /// <summary>The inbox's own file (<see cref="InboxSchema"/>).</summary>
    internal SqliteDatabase Database => database;

    /// <summary>The last sequence number whose touchpoint has been decided; the pump reads after it.</summary>
    internal long DecidedThrough => Interlocked.Read(ref decidedThrough);

    /// <summary>Acknowledged and not yet decided.</summary>
    public long Backlog => Interlocked.Read(ref acknowledgedThrough) - DecidedThrough;

    public async Task<IngestReport> ReceiveAsync(IReadOnlyList<TouchpointReading> readings, CancellationToken cancellationToken = default)
    {
        // Before any work on the events: a refused request must cost the service as little as possible.
        if (readings.Any(r => r is TouchpointReading.Accepted)) RefuseWhenFull();
        var queued = new List<(int Index, PendingTouchpoint Touchpoint)>(readings.Count);
        var receivedAt = clock.Now().ToUnixTimeTicks();
        // Everything that costs CPU is done before queueing for the one writer.
        var results = ReadingsTriage.Split(readings, (i, touchpoint) => queued.Add((i, new PendingTouchpoint(
            AcceptedId.Of(ProfileRouting.OwnerOf(touchpoint).Profile, touchpoint.Id.Value), touchpoint,
            NativeTouchpointJson.Serialize(touchpoint)))));
        if (queued.Count == 0) return new IngestReport(results);

        var ids = queued.ConvertAll(q => q.Touchpoint.Id);
        AcceptedIds.Admission? admission = null;
        List<QueuedTouchpoint> committed;
        try
        {
            committed = await database.WriteAsync(session =>
            {
                admission = accepted.Admit(session, ids, receivedAt);
                var fresh = new List<PendingTouchpoint>(queued.Count);
                for (var i = 0; i < queued.Count; i++)
                {
                    var (index, touchpoint) = queued[i];
                    if (admission.Fresh[i]) fresh.Add(touchpoint);
                    results[index] = new EventResult(index, touchpoint.Touchpoint.Id.Value, admission.Fresh[i] ? EventStatus.Accepted : EventStatus.Duplicate);
                }
                // Every one a duplicate: nothing to queue, and no row of none.
                if (fresh.Count == 0) return [];
                var first = InboxTable.Append(session, fresh.ConvertAll(t => t.Json), receivedAt);
                return fresh.Select((t, i) => new QueuedTouchpoint(first + i, receivedAt, t.Json, t.Touchpoint)).ToList();
            }, cancellationToken);
        }
        catch
        {
            if (admission is not null) accepted.Undo(admission);
            throw;
        }
        if (committed.Count > 0)
        {
            handOff.Add(committed);
            Acknowledged(committed[^1].Seq);
        }
        return new IngestReport(results);
    }

    public async Task<bool> WaitDecidedAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref acknowledgedThrough);
        if (DecidedThrough < target) Signal(ref wanted);
        var started = time.GetTimestamp();
        while (true)
        {
            Task next;
            lock (gate) next = progressed.Task;
            if (DecidedThrough >= target) return true;
            var left = maxWait - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return false;
            try
            {
                await next.WaitAsync(left, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return DecidedThrough >= target;
            }
        }
    }

    /// <summary>
    /// The next touchpoints to decide, up to <paramref name="limit"/>: as the collector read them when it has them,
    /// else read back from the file.
    /// </summary>
    internal List<QueuedTouchpoint> Next(int limit)
    {
        var after = DecidedThrough;
        var handed = handOff.Take(after, limit);
        return handed.Count > 0 ? handed : database.Read(session => InboxTable.Next(session, after, limit));
    }

    /// <summary>Completes when someone waits for touchpoints still undecided (a read, a due timer): the pump stops gathering.</summary>
    internal Task Wanted()
    {
        lock (gate) return wanted.Task;
    }

    /// <summary>Completes when a touchpoint is acknowledged after this call; the pump listens before it reads.</summary>
    internal Task Listen()
    {
        lock (gate) return arrived.Task;
    }

    /// <summary>The pump decided and removed everything up to and including <paramref name="last"/>, the last of its batch.</summary>
    internal void Decided(QueuedTouchpoint last)
    {
        var seq = last.Seq;
        TaskCompletionSource done;
        handOff.Decided(seq, fromFile: last.Read is null);
        lock (gate)
        {
            Interlocked.Exchange(ref decidedThrough, seq);
            done = progressed;
            progressed = NewSignal();
        }
        done.TrySetResult();
    }

    void Acknowledged(long seq)
    {
        lock (gate)
            if (seq > acknowledgedThrough) Interlocked.Exchange(ref acknowledgedThrough, seq);
        Signal(ref arrived);
    }

    void Signal(ref TaskCompletionSource signal)
    {
        TaskCompletionSource done;
        lock (gate)
        {
            done = signal;
            signal = NewSignal();
        }
        done.TrySetResult();
    }

    void RefuseWhenFull()
    {
        var backlog = Backlog;
        if (backlog < maxBacklog) return;
        throw new DestinationUnavailableException(
            $"The service has {backlog:N0} acknowledged events still to decide, at its limit of {maxBacklog:N0} " +
            $"(InboxMaxBacklog), so none of this request's events is accepted. Send the request again in {RetryAfter.TotalSeconds:0} s.",
            RetryAfter);
    }

    /// <summary>Erasure: the customer's acknowledged event ids; how many there were.</summary>
    public async Task<int> EraseAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        var customer = AcceptedId.CustomerOf(key);
        var erasure = await database.WriteAsync(session => accepted.PlanErasure(session, customer), cancellationToken);
        var forgotten = accepted.Apply(erasure);
        await database.EmptyWalAsync();
        return forgotten;
    }

    /// <summary>Ids acknowledged before <paramref name="before"/> no longer answer "duplicate"; how many were forgotten.</summary>
    internal Task<int> ForgetAcceptedBeforeAsync(Instant before, CancellationToken cancellationToken) =>
        database.WriteAsync(session => accepted.Forget(session, before.ToUnixTimeTicks()), cancellationToken);

    /// <summary>How many acknowledged ids answer "duplicate".</summary>
    internal int AcceptedIdCount => accepted.Count;

    public void Dispose() => database.Dispose();

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
