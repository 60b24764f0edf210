using LeadFunctions.Domain.Events;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// Refuses a subscriber list that could only fail later, at start. The messages name the setting's path, never its
/// value: URLs may carry tokens and secrets are secrets.
/// </summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var urls = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var subscriber = options.Webhooks[i];
            var path = $"{WebhookOptions.Section}:Webhooks:{i}";
            if (!Uri.TryCreate(subscriber.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{path}:Url must be an absolute http or https URL.");
            }
            else if (!urls.Add(subscriber.Url))
            {
                failures.Add($"{path}:Url is listed twice; one subscriber per URL.");
            }

            if (string.IsNullOrEmpty(subscriber.Secret) || subscriber.Secret.Length < MinSecretLength)
            {
                failures.Add($"{path}:Secret must be at least {MinSecretLength} characters.");
            }

            failures.AddRange(subscriber.Events.Where(e => !Enum.TryParse<LeadEventType>(e, ignoreCase: true, out _) || int.TryParse(e, out _))
                .Select(_ => $"{path}:Events names an unknown event type; known: {string.Join(", ", Enum.GetNames<LeadEventType>())}."));
            if (!string.Equals(subscriber.Format, "raw", StringComparison.OrdinalIgnoreCase) && !string.Equals(subscriber.Format, "chat", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{path}:Format must be raw or chat.");
            }
        }

        var retry = options.Retry;
        if (retry.InitialDelay <= TimeSpan.Zero || retry.MaxDelay < retry.InitialDelay || retry.Window <= TimeSpan.Zero || retry.PassInterval <= TimeSpan.Zero || retry.BatchSize < 1)
        {
            failures.Add($"{WebhookOptions.Section}:Retry needs InitialDelay > 0, MaxDelay >= InitialDelay, Window > 0, PassInterval > 0 and BatchSize >= 1.");
        }

        if (options.Circuit.FailuresToOpen < 1 || options.Circuit.OpenFor <= TimeSpan.Zero)
        {
            failures.Add($"{WebhookOptions.Section}:Circuit needs FailuresToOpen >= 1 and OpenFor > 0.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{WebhookOptions.Section}:Timeout must be between 0 and 2 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
