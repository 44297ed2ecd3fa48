package com.acme.assistant

import com.openai.client.okhttp.OpenAIOkHttpClient
import com.openai.models.ChatModel
import org.springframework.ai.ollama.OllamaChatModel as Ollama

class Assistant {
    private val client = OpenAIOkHttpClient.fromEnv()
    private val local = "llama3.2:3b"
    fun model() = "o3-mini"
}
