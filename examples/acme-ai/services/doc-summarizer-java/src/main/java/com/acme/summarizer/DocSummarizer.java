package com.acme.summarizer;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.time.Duration;

/** Summarises internal documents and embeds the summaries for the knowledge search. */
public final class DocSummarizer {

    private static final String CHAT_MODEL = "gpt-4o-mini";
    private static final String EMBEDDING_MODEL = "text-embedding-3-small";

    private static final String INSTRUCTIONS = """
        Summarise the document for an engineer who has two minutes.
        Keep product names and numbers exactly as written.
        """;

    private final ChatModel chat;
    private final EmbeddingModel embeddings;

    public DocSummarizer() {
        String apiKey = System.getenv("OPENAI_API_KEY");
        this.chat = OpenAiChatModel.builder()
            .apiKey(apiKey)
            .modelName(CHAT_MODEL)
            .timeout(Duration.ofSeconds(30))
            .build();
        this.embeddings = OpenAiEmbeddingModel.builder()
            .apiKey(apiKey)
            .modelName(EMBEDDING_MODEL)
            .build();
    }

    public String summarise(String document) {
        return chat.chat(INSTRUCTIONS + "\n\n" + document);
    }

    public Embedding embed(String summary) {
        return embeddings.embed(summary).content();
    }
}
