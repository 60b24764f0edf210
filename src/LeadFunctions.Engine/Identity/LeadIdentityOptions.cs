using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Engine.Identity;

public sealed class LeadIdentityOptions
{
    public const string Section = "LeadIdentity";

    /// <summary>
    /// Secret key that turns an e-mail into a lead id. Ids appear in logs and URLs; keyed hashing keeps them from
    /// being reversed by hashing a list of addresses. Never change it after go-live: ids would change with it.
    /// </summary>
    [Required]
    [MinLength(32)]
    public string Key { get; set; } = string.Empty;
}
