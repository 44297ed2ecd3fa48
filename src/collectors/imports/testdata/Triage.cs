using System;
using System.ClientModel;
using Azure;
using Azure.AI.OpenAI;
using OpenAI.Chat;
using static System.Console;

namespace Acme.Triage;

public sealed class TicketTriage
{
    // using OpenAIHelpers; is a comment
    private const string Deployment = "gpt-4o";
    private static readonly string Verbatim = @"C:\models\""not-a-model""";

    public ChatClient Create()
    {
        var endpoint = new Uri(Environment.GetEnvironmentVariable("AZURE_OPENAI_ENDPOINT")!);
        var key = Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY")!;
        var client = new AzureOpenAIClient(endpoint, new AzureKeyCredential(key));
        WriteLine($"using {Deployment}");
        return client.GetChatClient(Deployment);
    }
}
