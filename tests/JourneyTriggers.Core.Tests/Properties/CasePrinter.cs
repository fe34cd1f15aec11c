using System.Globalization;
using System.Text;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Tests.Properties;

/// <summary>
/// Renders a case as readable lines, so a shrunk counterexample can be read (and turned into an
/// example-based test with <c>Tp</c>) without a debugger.
/// </summary>
internal static class CasePrinter
{
    static readonly InstantPattern Minute = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    public static string Print(StreamCase c)
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine(Describe(c.Configuration));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Instant? latest = null;
        for (var i = 0; i < c.Events.Length; i++)
        {
            var tp = c.Events[i];
            var notes = (seen.Add(tp.Id.Value) ? "" : " COPY") + (latest is { } l && tp.Timestamp < l ? " LATE" : "");
            text.AppendLine(CultureInfo.InvariantCulture, $"  #{i + 1:00} {Event(tp)}{notes}");
            if (latest is null || tp.Timestamp > latest) latest = tp.Timestamp;
        }
        return text.ToString();
    }

    public static string At(Instant at) => Minute.Format(at);

    public static string Who(CustomerRef who) => (who.CustomerId, who.AnonymousId) switch
    {
        ({ } known, { } anonymous) => $"{known}+anon:{anonymous}",
        ({ } known, null) => known,
        _ => "anon:" + who.AnonymousId,
    };

    public static string Event(Touchpoint tp)
    {
        var detail = tp switch
        {
            ProductViewed v => v.Product.Sku,
            CartItemAdded a => $"{a.Product.Sku} x{a.Quantity}",
            CartItemRemoved r => r.Sku + (r.Quantity is { } q ? $" x{q}" : " (line)"),
            OrderCompleted o => $"{o.OrderId} {o.Revenue.ToString(CultureInfo.InvariantCulture)}",
            CustomerIdentified i => $"email={i.Email ?? "-"} tz={i.TimeZone ?? "-"} tier={i.Tier ?? "-"}",
            ConsentUpdated c => $"email={Flag(c.Email)} push={Flag(c.Push)}",
            PushRegistered r => r.InstallationId,
            PushUnregistered u => u.InstallationId,
            _ => "",
        };
        return $"{At(tp.Timestamp)} {Who(tp.Customer)} {tp.TypeName} {detail} [{tp.Id}]".Replace("  [", " [", StringComparison.Ordinal);
    }

    static string Flag(bool? value) => value switch { true => "grant", false => "revoke", null => "-" };

    public static string Describe(TriggerConfiguration configuration)
    {
        var d = configuration.Defaults;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  defaults zone={d.TimeZone.Id} quiet={Quiet(d.QuietHours)} cap=day:{d.FrequencyCap.PerDay?.ToString(CultureInfo.InvariantCulture) ?? "-"}/week:{d.FrequencyCap.PerWeek?.ToString(CultureInfo.InvariantCulture) ?? "-"} emailConsent={d.EmailConsent}");
        foreach (var t in configuration.Triggers)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  {t.Name} holdout={t.HoldoutPercent.ToString(CultureInfo.InvariantCulture)}% quiet={Quiet(t.QuietHours)} minViews={t.MinViews} cooldown={(t.ReentryCooldown is { } cooldown ? Iso(cooldown) : "-")}:");
            foreach (var s in t.Steps)
                text.Append(CultureInfo.InvariantCulture, $" [{s.Number}] after {Iso(s.After)} {string.Join(" | ", s.Branches.Select(Branch))};");
            text.AppendLine();
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>Durations as the configuration writes them (the generator only uses whole days, hours or minutes).</summary>
    static string Iso(Duration d) =>
        d.Days > 0 && d == Duration.FromDays(d.Days) ? $"P{d.Days}D"
        : d == Duration.FromHours((long)d.TotalHours) ? $"PT{(long)d.TotalHours}H"
        : $"PT{(long)d.TotalMinutes}M";

    static string Quiet(QuietHoursWindow? window) => window is null ? "off" : $"{window.Start:HH:mm}-{window.End:HH:mm}";

    static string Branch(BranchDefinition b)
    {
        var when = b.When == BranchCondition.Always ? "" : $"when({Condition(b.When)}) ";
        var variants = b.Variants.Count == 0 ? "" : " variants " + string.Join("/", b.Variants.Select(v => $"{v.Name}{v.Weight}"));
        return $"{b.Name ?? "direct"} {when}-> {string.Join(",", b.Channels.Select(c => c.ToWire()))} {b.Template}{variants}";
    }

    static string Condition(BranchCondition c) => string.Join(" ", new[]
    {
        c.MinCartValue is { } min ? $"cart>={min.ToString(CultureInfo.InvariantCulture)}" : null,
        c.MaxCartValue is { } max ? $"cart<{max.ToString(CultureInfo.InvariantCulture)}" : null,
        c.Tiers is { } tiers ? "tier in " + string.Join(",", tiers) : null,
        c.MinOrders is { } minOrders ? $"orders>={minOrders}" : null,
        c.MaxOrders is { } maxOrders ? $"orders<{maxOrders}" : null,
    }.OfType<string>());
}
