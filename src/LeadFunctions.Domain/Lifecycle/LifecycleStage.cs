namespace LeadFunctions.Domain.Lifecycle;

/// <summary>Canonical lifecycle stages in funnel order. Companies rename them and switch SAL on in the playbook.</summary>
public enum LifecycleStage
{
    Subscriber = 0,
    Lead = 1,
    MQL = 2,
    SAL = 3,
    SQL = 4,
    Opportunity = 5,
    Customer = 6,
    Evangelist = 7,
}
