using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Storage.Deliveries;

/// <summary>LeadStorage:DeliveriesTable: where undelivered webhook events wait, beside the Leads table in the same account.</summary>
public sealed class DeliveryTableOptions
{
    public const string Section = "LeadStorage";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string DeliveriesTable { get; set; } = "Deliveries";
}
