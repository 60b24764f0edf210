namespace LeadFunctions.Domain.Intake;

/// <summary>Names of fields a client sent that we refuse: echoed in the error, but never at any length the client likes.</summary>
public static class FieldNames
{
    public const int MaxEchoedLength = 64;

    public static string Shortened(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > MaxEchoedLength ? name[..MaxEchoedLength] : name;
    }
}
