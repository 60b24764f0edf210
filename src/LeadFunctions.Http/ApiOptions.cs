namespace LeadFunctions.Http;

/// <summary>
/// The key for the non-public routes on the local host. In Azure the Functions host enforces function keys itself
/// (AuthorizationLevel.Function), so this check is only applied by <see cref="LeadApi.MapLeadApi"/>.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public string? Key { get; set; }
}
