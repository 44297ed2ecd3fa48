package com.acme.summarizer;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.chat.ChatModel;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import java.util.List;

// import com.openai.client.OpenAIClient;  (commented out: not an import)
public class Summarizer {
    private static final String MODEL = "gpt-4o-mini";
    private static final String PROMPT = """
        Summarize the document. Mention "claude-3-opus" only as text.
        """;

    private final ChatModel model = OpenAiChatModel.builder()
        .apiKey(System.getenv("OPENAI_API_KEY"))
        .modelName(MODEL)
        .build();

    private final var claude = AnthropicOkHttpClient.builder().apiKey(System.getenv("ANTHROPIC_API_KEY")).build();

    public String summarize(String text) {
        return model.chat(PROMPT + text) + claudeModel();
    }

    private String claudeModel() {
        return "claude-3-5-sonnet-20241022";
    }
}
