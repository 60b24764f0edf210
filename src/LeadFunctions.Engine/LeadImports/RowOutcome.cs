namespace LeadFunctions.Engine.LeadImports;

/// <summary>What one row did to its lead.</summary>
public enum RowOutcome
{
    Created,
    Updated,

    /// <summary>The row's command was already recorded (the same row imported before): nothing applied twice.</summary>
    Unchanged,
    Failed,
}
