namespace LeadFunctions.Http.OpenApi;

/// <summary>
/// Endpoint metadata naming a request body for the OpenAPI document only. Accepts() would also make routing refuse other
/// media types with an empty 415, before the endpoint can answer its own problem+json 415.
/// </summary>
public sealed record DocumentedBody(Type Type, IReadOnlyList<string> ContentTypes);
