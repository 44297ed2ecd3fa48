import os
from openai import OpenAI
from langchain_anthropic import ChatAnthropic

CHAT_MODEL = "gpt-4o"
FALLBACK = os.getenv("FALLBACK_MODEL", "claude-3-haiku-20240307")
EMBED = "text-embedding-3-small"


def make_llm(model: str = "claude-3-5-sonnet-latest"):
    return ChatAnthropic(model=model)


client = OpenAI()
client.chat.completions.create(model=CHAT_MODEL, messages=[])
client.embeddings.create(model=EMBED, input="x")
fallback = ChatAnthropic(model=FALLBACK)
