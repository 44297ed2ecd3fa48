using Acme.TicketTriage;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<TriageService>();

var app = builder.Build();
app.MapPost("/triage", async (Ticket ticket, TriageService triage) => Results.Ok(await triage.ClassifyAsync(ticket)));
app.Run();

public record Ticket(string Id, string Subject, string Body, string Plan, string Region);
