namespace LeadFunctions.Engine.Webhooks;

/// <summary>Where an undelivered event stands for one subscriber. Delivered ones are not kept.</summary>
public enum DeliveryState
{
    /// <summary>Tried and failed; tried again at its next attempt time.</summary>
    Pending,

    /// <summary>Not tried yet: an earlier event of the same lead is still open for this subscriber, and goes first.</summary>
    Queued,

    /// <summary>Failed for the whole retry window; listed for an operator, who can redeliver it.</summary>
    Dead,
}
