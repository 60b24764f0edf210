using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.TestSupport;

/// <summary>Records every log entry at every level: the formatted message, every structured value, scopes and exceptions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Values(object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                yield return $"{key}={Render(value)}";
            }
        }
        else if (state is not null)
        {
            yield return Render(state);
        }
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(i => i?.ToString())),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}: {formatter(state, exception)}" };
            parts.AddRange(Values(state));
            owner._scopes.ForEachScope((scope, list) => list.AddRange(Values(scope)), parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            owner._entries.Enqueue(string.Join(" | ", parts));
        }
    }
}
