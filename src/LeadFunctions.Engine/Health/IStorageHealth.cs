namespace LeadFunctions.Engine.Health;

/// <summary>Whether the lead store answers. The engine registers <see cref="LeadStoreHealth"/> unless the host brings its own.</summary>
public interface IStorageHealth
{
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
