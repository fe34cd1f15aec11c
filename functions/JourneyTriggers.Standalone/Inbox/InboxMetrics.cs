using System.Diagnostics.Metrics;
using JourneyTriggers.Application.Diagnostics;

namespace JourneyTriggers.Standalone.Inbox;

/// <summary>
/// <c>journeytriggers.inbox.backlog</c>: touchpoints answered 202 and not decided yet, the standalone service's consumer
/// lag. The collector answers promptly whatever the pump's pace until this reaches <c>Standalone:InboxMaxBacklog</c>, so
/// a backlog that keeps growing is the early sign that the machine cannot keep up, long before any 503.
/// </summary>
internal static class InboxMetrics
{
    public static void Publish(IMeterFactory meters, SqliteInbox inbox) =>
        meters.Create(Instrumentation.Name, Instrumentation.Version).CreateObservableGauge(
            "journeytriggers.inbox.backlog", () => inbox.Backlog, "{event}",
            "Touchpoints acknowledged (202) and not yet decided; reads of customers, erasures and unsubscribes wait for them.");
}
