using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Engine.Sweeps;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace LeadFunctions.Http.OpenApi;

/// <summary>
/// How the OpenAPI document is generated from the endpoints: contract names for the schemas, the function key as the
/// security of keyed routes, and "required" meaning "always present" (the API leaves nulls out).
/// </summary>
public static class LeadOpenApi
{
    public const string DocumentName = "v1";
    public const string KeySchemeHeader = "functionKeyHeader";
    public const string KeySchemeQuery = "functionKeyQuery";

    private static readonly Dictionary<Type, string> ContractNames = new()
    {
        [typeof(LeadView)] = "Lead",
        [typeof(LeadListView)] = "LeadPage",
        [typeof(StampView)] = "Stamp",
        [typeof(HistoryView)] = "HistoryEntry",
        [typeof(PlaybookVocabulary)] = "PlaybookVocabulary",
        [typeof(VelocityReport)] = "VelocityReport",
        [typeof(SweepReport)] = "SweepReport",
        [typeof(SweepStatusList)] = "SweepStatusList",
        [typeof(SweepStatus)] = "SweepStatus",
        [typeof(SweepRun)] = "SweepRun",
    };

    public static IServiceCollection AddLeadOpenApi(this IServiceCollection services)
    {
        // Schemas follow the HTTP JSON options: enums by name, as ApiJson writes them.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        services.AddOpenApi(DocumentName, options =>
        {
            options.CreateSchemaReferenceId = type => ContractNames.TryGetValue(type.Type, out var name) ? name : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "LeadFunctions API",
                    Version = "1",
                    Description = "Website form intake, lead events, rep views and reports. Keyed routes take the function key in the x-functions-key header or the code query parameter.",
                };

                // The same document is served by every deployment, so it names no server.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[KeySchemeHeader] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyFilter.KeyHeader };
                document.Components.SecuritySchemes[KeySchemeQuery] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = ApiKeyFilter.KeyQuery };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<DocumentedBody>().FirstOrDefault() is { } body)
                {
                    var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }, StringComparer.Ordinal),
                    };
                }

                foreach (var parameter in metadata.OfType<DocumentedQueryParameter>())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = parameter.Name,
                        In = ParameterLocation.Query,
                        Description = parameter.Description,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }

                if (metadata.OfType<RequiresFunctionKey>().Any())
                {
                    operation.Security =
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeySchemeHeader, context.Document)] = [] },
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeySchemeQuery, context.Document)] = [] },
                    ];
                }
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
                {
                    schema.Required = new HashSet<string>(context.JsonTypeInfo.Properties.Where(AlwaysPresent).Select(p => p.Name), StringComparer.Ordinal);
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Written in every answer: not nullable, so the API's "leave nulls out" never drops it.</summary>
    private static bool AlwaysPresent(JsonPropertyInfo property)
        => !property.IsGetNullable && Nullable.GetUnderlyingType(property.PropertyType) is null;
}
