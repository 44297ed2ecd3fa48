# Clients used without a variable: the method chain starts at the constructor call.
from anthropic import Anthropic
import openai

reply = Anthropic().messages.create(model="claude-3-5-haiku-20241022", max_tokens=64, messages=[])
vectors = openai.OpenAI().embeddings.create(model="text-embedding-3-large", input=["a"])
