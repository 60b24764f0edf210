using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.Dashboard;
using LeadFunctions.Http.OpenApi;
using LeadFunctions.Http.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http;

public static class LeadApi
{
    public const string IntakeCorsPolicy = "intake";

    /// <summary>Options, the endpoint classes and the intake CORS policy (origins from Intake:AllowedOrigins). Hosts add the engine and storage.</summary>
    public static IServiceCollection AddLeadHttp(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section);
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddIntakeRateLimiting();

        // Event intake queues through the host's transport, so it is registered with the API that takes events rather
        // than with the engine, which runs without a transport too (storage tests, tools).
        services.TryAddSingleton<EventIntakeHandler>();
        services.AddSingleton<IntakeEndpoints>();
        services.AddSingleton<HealthEndpoints>();
        services.AddSingleton<OpenApiEndpoints>();
        services.AddSingleton<PlaybookEndpoints>();
        services.AddSingleton<EventEndpoints>();
        services.AddSingleton<ViewEndpoints>();
        services.AddSingleton<LeadEndpoints>();
        services.AddSingleton<AdminEndpoints>();
        services.AddSingleton<RepEndpoints>();
        services.AddSingleton<DeliveryEndpoints>();
        services.AddSingleton<ImportEndpoints>();
        services.AddSingleton<DashboardEndpoints>();
        services.AddSingleton<SignedInUser>();
        services.AddProblemDetails();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<IntakeOptions>>((cors, intake) => cors.AddPolicy(IntakeCorsPolicy, policy => policy
            .WithOrigins([.. intake.Value.AllowedOrigins.Select(o => o.TrimEnd('/'))])
            .WithMethods(HttpMethods.Post)
            .WithHeaders("Content-Type", IntakeEndpoints.IdempotencyKeyHeader)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    /// <summary>
    /// The whole API under /api for the local host. Keyed routes get <see cref="ApiKeyFilter"/>; in Azure the Functions
    /// host checks function keys itself and the triggers call the same endpoint classes without it. Needs app.UseCors().
    /// The response metadata here is what the build-time OpenAPI document says; operation ids are the Functions' names.
    /// </summary>
    public static RouteGroupBuilder MapLeadApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLeadDashboard();
        var api = endpoints.MapGroup(ApiRoutes.Prefix);
        api.MapPost(ApiRoutes.Submissions, (HttpRequest request, string formId, [FromServices] IntakeEndpoints intake) => intake.SubmitAsync(request, formId))
            .RequireCors(IntakeCorsPolicy).DisableAntiforgery()
            .WithName("SubmitForm").WithSummary("Submit a website form")
            .WithDescription("JSON, urlencoded or multipart. 202 once stored (a replay gets the same answer); 303 to an allowed redirect; 429 with Retry-After over the intake limit.")
            .WithMetadata(new DocumentedBody(typeof(Dictionary<string, string>), ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]))
            .Produces<SubmissionAccepted>(StatusCodes.Status202Accepted).Produces(StatusCodes.Status303SeeOther)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        api.MapGet(ApiRoutes.Health, ([FromServices] HealthEndpoints health, CancellationToken cancellationToken) => health.GetAsync(cancellationToken))
            .WithName("Health").WithSummary("Whether storage answers")
            .Produces<HealthStatus>().Refuses(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(ApiRoutes.OpenApi, ([FromServices] OpenApiEndpoints openApi) => openApi.Get())
            .WithName("OpenApi").WithSummary("This document")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");

        var keyed = api.MapGroup(string.Empty).AddEndpointFilter<ApiKeyFilter>().WithMetadata(RequiresFunctionKey.Instance)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        keyed.MapGet(ApiRoutes.Playbook, ([FromServices] PlaybookEndpoints playbook) => playbook.Get())
            .WithName("GetPlaybook").WithSummary("The deployed playbook's vocabulary")
            .Produces<PlaybookVocabulary>();
        keyed.MapPost(ApiRoutes.LeadEvents, (HttpRequest request, string leadId, [FromServices] EventEndpoints events) => events.PostForLeadAsync(request, leadId))
            .WithName("PostLeadEvent").WithSummary("Queue an event for a lead")
            .WithMetadata(new DocumentedBody(typeof(EventBody), ["application/json"]))
            .Produces<EventAccepted>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable);
        keyed.MapPost(ApiRoutes.Events, (HttpRequest request, [FromServices] EventEndpoints events) => events.PostByEmailAsync(request))
            .WithName("PostEventByEmail").WithSummary("Queue an event for the lead of an e-mail address")
            .WithMetadata(new DocumentedBody(typeof(EventBody), ["application/json"]))
            .Produces<EventAccepted>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable);
        keyed.MapGet(ApiRoutes.Leads, (HttpRequest request, [FromServices] ViewEndpoints views) => views.ListAsync(request))
            .WithName("ListLeads").WithSummary("A rep's view, paged")
            .WithDescription("Query: stage, status, owner, flag (CheckBackDue, SlaBreached, Unassigned, SlaWarning), team, territory, quadrant, suppressed, pageSize (1-100, default 25), continuationToken. owner with a status that has an SLA is a rep's inbox: every such lead at once, soonest SLA due first.")
            .WithMetadata(ViewQueryDocumentation.Parameters)
            .Produces<LeadListView>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status503ServiceUnavailable);
        keyed.MapGet(ApiRoutes.Velocity, (HttpRequest request, [FromServices] ViewEndpoints views) => views.VelocityAsync(request))
            .WithName("VelocityReport").WithSummary("Lead velocity as of the stored report's asOf")
            .WithDescription("Query: cohort (Month, Source, Medium, Campaign) adds that dimension's cohorts; refresh=true recomputes from every lead first (otherwise a background pass keeps it current). Accept: text/csv gives the same rows as CSV.")
            .WithMetadata(VelocityQueryDocumentation.Parameters)
            .Produces<VelocityReport>()
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status503ServiceUnavailable);
        keyed.MapGet(ApiRoutes.Lead, (string leadId, [FromServices] LeadEndpoints leads, CancellationToken cancellationToken) => leads.GetAsync(leadId, cancellationToken))
            .WithName("GetLead").WithSummary("A lead with its history")
            .Produces<LeadView>().Refuses(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        keyed.MapDelete(ApiRoutes.Lead, (string leadId, [FromServices] LeadEndpoints leads, CancellationToken cancellationToken) => leads.EraseAsync(leadId, cancellationToken))
            .WithName("EraseLead").WithSummary("Erase every row about a lead (GDPR)")
            .Produces(StatusCodes.Status204NoContent).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        keyed.MapGet(ApiRoutes.Sweeps, ([FromServices] AdminEndpoints admin, CancellationToken cancellationToken) => admin.ListSweepsAsync(cancellationToken))
            .WithName("ListSweeps").WithSummary("Every sweep with its schedule and latest run: state, done of total, queued, skipped")
            .Produces<SweepStatusList>().Refuses(StatusCodes.Status503ServiceUnavailable);
        keyed.MapPost(ApiRoutes.Sweep, (HttpRequest request, string sweep, [FromServices] AdminEndpoints admin) => admin.RunSweepAsync(request, sweep))
            .WithName("RunSweep").WithSummary("Run one sweep now")
            .WithDescription("Query: dryRun (true or false); asOf (an ISO-8601 instant, Development only).")
            .Produces<SweepReport>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        keyed.MapGet(ApiRoutes.Reps, ([FromServices] RepEndpoints reps, CancellationToken cancellationToken) => reps.ListAsync(cancellationToken))
            .WithName("ListReps").WithSummary("The reps of the playbook's teams, with availability and open New leads")
            .Produces<RepList>().Refuses(StatusCodes.Status503ServiceUnavailable);
        keyed.MapPut(ApiRoutes.RepAvailability, (HttpRequest request, string repId, [FromServices] RepEndpoints reps) => reps.SetAvailabilityAsync(request, repId))
            .WithName("SetRepAvailability").WithSummary("Mark a rep away (optionally until a time) or back")
            .WithDescription("Body: {\"available\": false, \"until\": \"2026-12-14T08:00:00Z\"} (until optional), or {\"available\": true}.")
            .WithMetadata(new DocumentedBody(typeof(AvailabilityBody), ["application/json"]))
            .Produces<AvailabilitySet>()
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable);
        keyed.MapGet(ApiRoutes.Deliveries, (HttpRequest request, [FromServices] DeliveryEndpoints deliveries) => deliveries.ListAsync(request))
            .WithName("ListDeliveries").WithSummary("Webhook events not yet delivered, by state, paged")
            .WithDescription("Query: state (dead, pending or queued; required), pageSize (1-100, default 25), continuationToken.")
            .Produces<DeliveryList>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status503ServiceUnavailable);
        keyed.MapPost(ApiRoutes.Redeliver, (string deliveryId, [FromServices] DeliveryEndpoints deliveries, CancellationToken cancellationToken) => deliveries.RedeliverAsync(deliveryId, cancellationToken))
            .WithName("RedeliverDelivery").WithSummary("Give a dead webhook delivery a fresh retry window, due now")
            .Produces<DeliveryView>().Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        keyed.MapPost(ApiRoutes.Imports, (HttpRequest request, [FromServices] ImportEndpoints imports) => imports.StartAsync(request))
            .WithName("StartImport").WithSummary("Import a list of people (NDJSON or CSV) from a source")
            .WithDescription("Query: source (purchased-list, research, customers or manual). Body: application/x-ndjson (one object per line) or text/csv (a header row), with a form's field names plus rowKey and owner (manual only). At most 20,000 rows and 10 MB. 202 once stored; the rows are applied in the background.")
            .WithMetadata(new DocumentedBody(typeof(Dictionary<string, string>), [ImportEndpoints.Ndjson, ImportEndpoints.Csv]))
            .WithMetadata(new DocumentedQueryParameter("source", "purchased-list (MQL / Nurturing), research (SQL / New, routed), customers (Customer / Current Customer) or manual (SQL / New, owned by the row's owner)."))
            .Produces<ImportAccepted>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable);
        keyed.MapGet(ApiRoutes.Import, (string importId, [FromServices] ImportEndpoints imports, CancellationToken cancellationToken) => imports.GetAsync(importId, cancellationToken))
            .WithName("GetImport").WithSummary("An import's progress and row errors")
            .Produces<ImportStatus>().Refuses(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    /// <summary>RFC 7807 answers, 400 as a validation problem (field errors) and the rest as plain problems.</summary>
    private static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder = status == StatusCodes.Status400BadRequest ? builder.ProducesValidationProblem() : builder.ProducesProblem(status);
        }

        return builder;
    }
}
