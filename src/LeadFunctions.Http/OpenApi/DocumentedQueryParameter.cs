namespace LeadFunctions.Http.OpenApi;

/// <summary>
/// Endpoint metadata naming an optional query parameter for the OpenAPI document. Endpoints that read the query
/// themselves (to answer every bad value as a field error) have no handler parameters the generator could see.
/// </summary>
public sealed record DocumentedQueryParameter(string Name, string Description);
