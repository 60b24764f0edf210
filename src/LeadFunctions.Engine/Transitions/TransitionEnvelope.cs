using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Engine.Transitions;

/// <summary>A command on its way to a lead: the queue message body. Session id and message id derive from it.</summary>
public sealed record TransitionEnvelope(string LeadId, TransitionCommand Command);
