using NodaTime;

namespace JourneyTriggers.Core.Metrics.Report;

/// <summary>
/// The metrics of DESIGN 4.7 for a range of days (docs/metrics.md describes every field and formula).
/// <see cref="From"/>/<see cref="To"/> are the days covered, null when the tally holds none.
/// Revenue is summed as the events carry it, in <see cref="Currency"/>'s major unit (32900 is ฿32,900), never converted.
/// </summary>
public sealed record MetricsReport(
    LocalDate? From,
    LocalDate? To,
    string? Trigger,
    string TimeZone,
    string Currency,
    long CartsStarted,
    long EventsRejected,
    FunnelReport Funnel,
    IReadOnlyList<TriggerReport> Triggers,
    IReadOnlyList<DayReport> Days,
    AbandonmentAlert Alert);

/// <summary>product viewed → added to cart → checkout started → order, counted in accepted touchpoints.</summary>
public sealed record FunnelReport(IReadOnlyList<FunnelStage> Stages, decimal OrderRevenue);

/// <summary>
/// One funnel stage. <see cref="DropOff"/> = 1 − count ÷ previous stage's count; null on the first
/// stage and when the previous stage counted nothing. Stages count events, so a stage may count more
/// than the one before (an add-to-cart without a tracked view): its drop-off is then negative.
/// </summary>
public sealed record FunnelStage(string Stage, long Count, double? DropOff);

/// <summary>
/// One trigger's figures. <see cref="AbandonmentRate"/> = abandoned ÷ carts started, for
/// cart_abandoned triggers only (null otherwise, or with no carts started). <see cref="Exits"/> counts
/// journey.exited by reason. Breakdowns: per step, per step and branch, per step, branch and
/// variant (with the comparison to the step's control variant), and per channel.
/// </summary>
public sealed record TriggerReport(
    string Trigger,
    string? Kind,
    long Entered,
    long Abandoned,
    double? AbandonmentRate,
    IReadOnlyDictionary<string, long> Exits,
    MessageCounts Messages,
    Outcome Outcome,
    IReadOnlyList<BreakdownRow> Steps,
    IReadOnlyList<BreakdownRow> Branches,
    IReadOnlyList<BreakdownRow> Variants,
    IReadOnlyList<BreakdownRow> Channels);

/// <summary>
/// What happened to the reminders of a trigger or a breakdown row. <see cref="Due"/>: steps that came
/// due (each deferral counted once). <see cref="Suppressed"/> by reason; <see cref="Skipped"/>: no
/// branch held. Delivered, failed and unknown come from the live hosts' provider calls only.
/// </summary>
public sealed record MessageCounts(
    long Due,
    long Sent,
    long Delivered,
    long Failed,
    long Unknown,
    long Deferred,
    long Skipped,
    IReadOnlyDictionary<string, long> Suppressed,
    long Opens,
    long Clicks);

/// <summary>Treated against holdout: the lift and what the reminders added.</summary>
public sealed record Outcome(GroupOutcome Treated, GroupOutcome Holdout, LiftEstimate Lift, IncrementalEstimate Incremental);

/// <summary>
/// One group's conversions. <see cref="Eligible"/> is the rate's denominator: abandoned journeys
/// for a trigger, journeys whose step came due for a step, branch or variant row, and reminders sent
/// (or held out) on that channel for a channel row. <see cref="Converted"/>: journeys credited with an order, each
/// counted on the reminder (or stand-in) its first order was credited to; <see cref="Conversions"/>: the orders credited,
/// which one journey may have several of;
/// <see cref="Revenue"/> theirs. <see cref="ConversionRate"/> = converted ÷ eligible (DESIGN 4.7), null when nothing
/// was eligible.
/// </summary>
public sealed record GroupOutcome(long Eligible, long Converted, long Conversions, decimal Revenue, double? ConversionRate);

/// <summary>
/// A ratio of two conversion rates minus one, with its 95 % interval (<see cref="Method"/>): lift
/// (treated ÷ holdout − 1) or a variant against its control. Null figures carry a <see cref="Reason"/>.
/// </summary>
public sealed record LiftEstimate(double? Value, double? Low, double? High, string Method, string? Reason);

/// <summary>
/// Incremental conversions = (treated rate − holdout rate) × treated eligible: the converted journeys the reminders
/// added; incremental revenue = incremental conversions × treated revenue per treated converted journey. Null with a
/// reason when a rate or the revenue per converted reminder is undefined.
/// </summary>
public sealed record IncrementalEstimate(double? Conversions, decimal? Revenue, string? Reason);

/// <summary>
/// One breakdown row: the dimensions that define it are set, the others null. For variant rows,
/// <see cref="VersusControl"/> compares its treated conversion rate with the control variant's.
/// </summary>
public sealed record BreakdownRow(
    int? Step,
    string? Branch,
    string? Variant,
    string? Channel,
    MessageCounts Messages,
    Outcome Outcome,
    VariantComparison? VersusControl);

/// <summary>A variant's treated conversion rate against the control variant's (the step's first variant).</summary>
public sealed record VariantComparison(string Control, double? RateDifference, LiftEstimate Lift);

/// <summary>
/// One reporting day. <see cref="Abandoned"/> sums the cart_abandoned triggers (as filtered);
/// <see cref="AbandonmentRate"/> = abandoned ÷ carts started that day. Conversions and revenue are the
/// treated group's (recovered revenue); the holdout's conversions beside them.
/// </summary>
public sealed record DayReport(
    LocalDate Day,
    long CartsStarted,
    long Entered,
    long Abandoned,
    double? AbandonmentRate,
    long Sent,
    long Conversions,
    decimal Revenue,
    long HoldoutConversions);

/// <summary>
/// The abandonment rate of the last day with carts started against the mean of the days with a
/// rate among the 7 before it: raised when
/// rate &gt; mean × (1 + threshold ÷ 100). Null figures carry a <see cref="Reason"/>.
/// </summary>
public sealed record AbandonmentAlert(
    LocalDate? Day,
    double? Rate,
    double? TrailingMean,
    int TrailingDays,
    decimal ThresholdPercent,
    bool Raised,
    string? Reason);
