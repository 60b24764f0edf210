namespace LeadFunctions.LocalHost;

internal static class LocalConsoleLogging
{
    /// <summary>One line per entry with a time stamp, what a developer reads while the host runs (exceptions still follow their line).</summary>
    public static WebApplicationBuilder AddLocalConsoleLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        return builder;
    }
}
