using System.ClientModel;
using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Acme.TicketTriage;

/// <summary>Routes support tickets to a queue with a GPT-4o deployment on Azure OpenAI.</summary>
public sealed class TriageService
{
    private const string Deployment = "gpt-4o";

    private const string Instructions = """
        You are the Acme ticket triage agent. Classify each ticket into exactly one queue:
        billing, bug, account, other. Reply with the queue name only.
        """;

    private readonly ChatClient _chat;

    public TriageService(IConfiguration config)
    {
        var endpoint = new Uri(config["AzureOpenAI:Endpoint"] ?? "https://acme-support.openai.azure.com/");
        var key = Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY")
                  ?? throw new InvalidOperationException("AZURE_OPENAI_API_KEY is not set");
        var client = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
        _chat = client.GetChatClient(Deployment);
    }

    public async Task<string> ClassifyAsync(Ticket ticket)
    {
        ChatCompletion completion = await _chat.CompleteChatAsync(
            new SystemChatMessage(Instructions),
            new UserChatMessage($"Plan: {ticket.Plan}\nRegion: {ticket.Region}\n\n{ticket.Subject}\n{ticket.Body}"));
        return completion.Content[0].Text.Trim().ToLowerInvariant();
    }
}
