import os
import boto3
from openai import OpenAI, AzureOpenAI
from anthropic import Anthropic
import google.generativeai as genai
from mistralai import Mistral
import litellm
import ollama

client = OpenAI()
resp = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "system", "content": "You are a billing assistant."}],
)
emb = client.embeddings.create(model="text-embedding-3-small", input=["x"])

azure = AzureOpenAI(
    azure_endpoint="https://acme-eastus.openai.azure.com",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2024-06-01",
)

claude = Anthropic(api_key=os.getenv("CLAUDE_KEY"))
msg = claude.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=100, system="Answer briefly.", messages=[])

genai.configure(api_key=os.environ.get("GOOGLE_API_KEY"))
gemini = genai.GenerativeModel("gemini-1.5-pro")

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
bedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body="{}")

router = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
router.chat.completions.create(model="meta-llama/llama-3.1-70b-instruct", messages=[])

mistral = Mistral(api_key=os.environ["MISTRAL_API_KEY"])
mistral.chat.complete(model="mistral-large-latest", messages=[])

litellm.completion(model="anthropic/claude-3-haiku-20240307", messages=[])
ollama.chat(model="llama3.1:8b", messages=[])
