using JourneyTriggers.Functions.Http.Auth;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// Builds the container as the default factory does, with the checks that must pass before anything
/// starts: every port has an adapter, and the access keys can be had (the key file is made now). Doing
/// it here, after every registration (the tests' too) and before the container validates itself, puts
/// our message first instead of a generic "unable to resolve service".
/// </summary>
internal sealed class CheckedServiceProviderFactory(ServiceProviderOptions options, bool customHandler) : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services) => services;

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
    {
        RequiredPorts.Check(containerBuilder, customHandler);
        var provider = containerBuilder.BuildServiceProvider(options);
        provider.GetRequiredService<AccessKeys>();
        return provider;
    }
}
