namespace LeadFunctions.Functions.LeadImports;

/// <summary>
/// The name infra/modules/servicebus.bicep gives the import queue; fixed, like the lead-events topic's, so no app
/// setting can point the app at a queue infra did not create.
/// </summary>
public static class ImportQueueName
{
    public const string Name = "lead-imports";
}
