namespace LeadFunctions.Engine.Playbooks;

public sealed class PlaybookOptions
{
    public const string Section = "Playbook";

    /// <summary>Path of the company's playbook JSON; empty means the default playbook shipped with the product.</summary>
    public string? Path { get; set; }
}
