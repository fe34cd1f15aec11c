namespace JourneyTriggers.Core.Touchpoints;

/// <summary>What a view or an add-to-cart says about the product; only the SKU is required.</summary>
public sealed record ProductInfo(string Sku, string? Name, decimal? Price, string? Currency, string? Url, string? ImageUrl);
