namespace LeadFunctions.Http;

/// <summary>Public form intake: which web origins may post (CORS) and be redirected to after a browser post.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];

    /// <summary>Largest accepted request body; larger bodies are refused with 413 while reading, whatever Content-Length says.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
