using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LeadFunctions.LocalHost;

/// <summary>
/// Runs the local host unless its HTTP port is taken. The generic host starts hosted services (Azurite among them)
/// before Kestrel binds, so a busy port is found here first: one line naming the port and how to choose another,
/// exit code 2, and no emulator started.
/// </summary>
internal static partial class LocalHostRun
{
    public const int PortInUseExitCode = 2;

    public static async Task<int> RunLocalHostAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (IsGeneratingOpenApiDocument)
        {
            // The build's document generator describes the endpoints from the built app's services. Start nothing (no
            // Azurite, no port check, no options validation), leave the services undisposed for it, and hand the mapped
            // endpoints to routing, which starting would otherwise do.
            app.UseRouting();
            app.UseEndpoints(_ => { });
            return 0;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalHostRun).FullName!);
        try
        {
            var busy = ListensOnKestrel(app) ? BusyPort(ListenUrls.From(app.Configuration)) : null;
            if (busy is not null)
            {
                LogPortInUse(logger, busy.Value);
                return PortInUseExitCode;
            }

            await app.RunAsync();
            return Environment.ExitCode;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            // Taken between the check and Kestrel's bind; Azurite stops by itself once this process is gone.
            LogPortInUse(logger, ListenUrls.From(app.Configuration).Select(u => u.Port).FirstOrDefault());
            return PortInUseExitCode;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Microsoft.Extensions.ApiDescription.Server runs Program under this entry assembly during the build.</summary>
    private static bool IsGeneratingOpenApiDocument => Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>Tests run the same Program on TestServer, which binds nothing.</summary>
    private static bool ListensOnKestrel(WebApplication app)
        => app.Services.GetRequiredService<IServer>().GetType().Assembly == typeof(KestrelServerOptions).Assembly;

    private static int? BusyPort(IEnumerable<ListenUrl> urls)
    {
        foreach (var url in urls.Where(u => u.Port > 0))
        {
            var listener = new TcpListener(url.IsWildcard ? IPAddress.Any : url.Address, url.Port);
            try
            {
                listener.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                return url.Port;
            }
            finally
            {
                listener.Dispose();
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Port {Port} is already in use (another LeadFunctions host, or Azure Functions Core Tools?). Choose another: bash scripts/run.sh --port 7072 (or LEADFUNCTIONS_PORT=7072)")]
    private static partial void LogPortInUse(ILogger logger, int port);
}
