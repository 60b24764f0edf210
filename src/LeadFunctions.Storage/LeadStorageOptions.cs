using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Storage;

/// <summary>
/// Where the leads live. Locally a connection string (Azurite: "UseDevelopmentStorage=true"); in Azure the service
/// URIs and the managed identity's client id, never an account key.
/// </summary>
public sealed class LeadStorageOptions : IValidatableObject
{
    public const string Section = "LeadStorage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty uses the default credential chain (az login locally).</summary>
    public string? ClientId { get; set; }

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string LeadsTable { get; set; } = "Leads";

    /// <summary>Create tables on first use. Off in Azure, where the infrastructure creates them and the identity cannot.</summary>
    public bool CreateIfMissing { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && TableServiceUri is null)
        {
            yield return new ValidationResult(
                "Set LeadStorage:ConnectionString (local) or LeadStorage:TableServiceUri (managed identity).",
                [nameof(ConnectionString), nameof(TableServiceUri)]);
        }
    }
}
