namespace JourneyTriggers.Core.Effects;

public enum ExitReason { OrderCompleted, CartEmptied, Completed, CartActivity, AppOpened, Merged, Erased }

public static class ExitReasonNames
{
    public static string ToWire(this ExitReason reason) => reason switch
    {
        ExitReason.OrderCompleted => "order_completed",
        ExitReason.CartEmptied => "cart_emptied",
        ExitReason.Completed => "completed",
        ExitReason.CartActivity => "cart_activity",
        ExitReason.AppOpened => "app_opened",
        ExitReason.Merged => "merged",
        ExitReason.Erased => "erased",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
