using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Telemetry;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.Transitions;

/// <summary>How the transport should settle a message after handling.</summary>
public enum MessageSettlement
{
    /// <summary>Applied, refused (and recorded) or already recorded: done for good.</summary>
    Complete,

    /// <summary>Can never succeed (unreadable, or aimed at no lead): park it with the reason for a person to look at.</summary>
    DeadLetter,
}

public sealed record MessageHandling(MessageSettlement Settlement, string? Reason, CommandOutcome? Outcome);

/// <summary>
/// The consumer side of the transition queue, called by the Service Bus trigger in Azure and by the storage-queue
/// worker locally. Transient failures are thrown, so the transport retries and eventually dead-letters.
/// </summary>
public sealed partial class TransitionMessageHandler
{
    private readonly LeadCommandProcessor _processor;
    private readonly ILogger<TransitionMessageHandler> _logger;

    public TransitionMessageHandler(LeadCommandProcessor processor, ILogger<TransitionMessageHandler> logger)
    {
        _processor = processor;
        _logger = logger;
    }

    public async Task<MessageHandling> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var envelope = TransitionJson.TryDeserialize(body, out var error);
        if (envelope is null)
        {
            LogUnreadable(error ?? "no detail");
            return new MessageHandling(MessageSettlement.DeadLetter, error, null);
        }

        using var activity = LeadTelemetry.Source.StartActivity("ApplyTransition");
        activity?.SetTag("lead.id", envelope.LeadId);
        activity?.SetTag("transition.type", envelope.Command.Type.ToString());
        var outcome = await _processor.ProcessAsync(envelope.LeadId, envelope.Command, cancellationToken);
        if (outcome.IsUnknownLead)
        {
            LogUnknownLead(envelope.LeadId);
            return new MessageHandling(MessageSettlement.DeadLetter, "unknown-lead", outcome);
        }

        return new MessageHandling(MessageSettlement.Complete, null, outcome);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettering an unreadable transition message: {Error}")]
    private partial void LogUnreadable(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettering a transition for lead {LeadId}: no such lead (erased, or never existed)")]
    private partial void LogUnknownLead(string leadId);
}
