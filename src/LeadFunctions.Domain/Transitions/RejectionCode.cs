namespace LeadFunctions.Domain.Transitions;

/// <summary>Machine-readable reasons a command was refused; they are stored in the audit trail and counted in metrics.</summary>
public static class RejectionCode
{
    public const string StatusNotAllowed = "status-not-allowed";
    public const string StageWouldRegress = "stage-would-regress";
    public const string NotARegress = "not-a-regress";
    public const string RegressNotAllowed = "regress-not-allowed";
    public const string ReasonRequired = "reason-required";
    public const string MissingData = "missing-data";
    public const string StageDisabled = "stage-disabled";
    public const string AlreadySalesOwned = "already-sales-owned";
    public const string NotDue = "not-due";
    public const string UnknownForm = "unknown-form";
    public const string AlreadyOwned = "already-owned";
    public const string UnknownRep = "unknown-rep";

    /// <summary>A StatusSet named a status the playbook does not define.</summary>
    public const string UnknownStatus = "unknown-status";

    /// <summary>A StatusSet named the status the lead is already in.</summary>
    public const string AlreadyInStatus = "already-in-status";
}
