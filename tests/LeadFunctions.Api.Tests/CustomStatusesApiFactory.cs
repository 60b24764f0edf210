using LeadFunctions.TestSupport;

namespace LeadFunctions.Api.Tests;

/// <summary>The local host on <see cref="CustomStatusPlaybook"/>: "Hot! Hot! Hot!" (inbox) and "Sleeping Giant" (nurture).</summary>
public sealed class CustomStatusesApiFactory : ApiFactory
{
    public const string Hot = CustomStatusPlaybook.Hot;
    public const string Sleeping = CustomStatusPlaybook.Sleeping;

    private readonly string _playbookPath = CustomStatusPlaybook.WriteTemporary();

    public CustomStatusesApiFactory() => Settings["Playbook:Path"] = _playbookPath;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        File.Delete(_playbookPath);
    }
}
