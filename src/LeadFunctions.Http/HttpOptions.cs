namespace LeadFunctions.Http;

/// <summary>Public form intake: which web origins may post (CORS) and be redirected to after a browser post.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];

    /// <summary>Largest accepted request body; larger bodies are refused with 413 while reading, whatever Content-Length says.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// The key for the non-public routes on the local host. In Azure the Functions host enforces function keys itself
/// (AuthorizationLevel.Function), so this check is only applied by <see cref="LeadApi.MapLeadApi"/>.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public string? Key { get; set; }
}
