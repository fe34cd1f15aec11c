namespace JourneyTriggers.Core.Customers;

public sealed record CartLine(string Sku, string? Name, decimal Price, int Quantity, string? Currency, string? Url, string? ImageUrl)
{
    public decimal Value => Price * Quantity;
}
