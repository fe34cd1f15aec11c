namespace JourneyTriggers.Core.Customers;

public sealed record CartLine(string Sku, string? Name, decimal Price, int Quantity, string? Currency, string? Url, string? ImageUrl)
{
    /// <summary>More of one product than any cart holds; adds stop there, so a line's value cannot overflow.</summary>
    public const int MaxQuantity = 1_000_000;

    public decimal Value => Price * Quantity;
}
