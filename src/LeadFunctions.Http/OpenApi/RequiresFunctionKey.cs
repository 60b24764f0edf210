namespace LeadFunctions.Http.OpenApi;

/// <summary>Endpoint metadata for routes behind the function key (the Functions host's, or <see cref="ApiKeyFilter"/> locally).</summary>
public sealed class RequiresFunctionKey
{
    public static readonly RequiresFunctionKey Instance = new();

    private RequiresFunctionKey()
    {
    }
}
