using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace LeadFunctions.Functions.Tests.Support;

/// <summary>How a message was settled, as the mocked <see cref="ServiceBusMessageActions"/> saw it.</summary>
public sealed record Settlement(string MessageId, string Kind, string? Reason);

/// <summary>A mocked <see cref="ServiceBusMessageActions"/> that records every settlement call.</summary>
public sealed class MessageActions
{
    private readonly ConcurrentQueue<Settlement> _settlements = new();

    public MessageActions()
    {
        Mock.Setup(a => a.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusReceivedMessage m, CancellationToken _) => _settlements.Enqueue(new(m.MessageId, "complete", null)))
            .Returns(Task.CompletedTask);
        Mock.Setup(a => a.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusReceivedMessage m, IDictionary<string, object> _, CancellationToken _) => _settlements.Enqueue(new(m.MessageId, "abandon", null)))
            .Returns(Task.CompletedTask);
        Mock.Setup(a => a.DeadLetterMessageAsync(
                It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<Dictionary<string, object>>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusReceivedMessage m, Dictionary<string, object> _, string reason, string _, CancellationToken _) => _settlements.Enqueue(new(m.MessageId, "dead-letter", reason)))
            .Returns(Task.CompletedTask);
    }

    public Mock<ServiceBusMessageActions> Mock { get; } = new();

    public ServiceBusMessageActions Actions => Mock.Object;

    public IReadOnlyCollection<Settlement> Settlements => _settlements;

    public static ServiceBusReceivedMessage Message(byte[] body, string messageId, string? sessionId = null, int deliveryCount = 1)
        => ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: new BinaryData(body),
            messageId: messageId,
            sessionId: sessionId,
            deliveryCount: deliveryCount);
}
