using Descent.Explorer;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<ExplorerPage>("#app");
await builder.Build().RunAsync();
