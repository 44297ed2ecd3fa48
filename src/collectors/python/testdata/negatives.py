import os
from openai import OpenAI
from langchain_openai import ChatOpenAI

client = OpenAI()


def ask(model_name, prompt, mockModel=None):
    client.chat.completions.create(model=model_name, messages=[])
    client.chat.completions.create(model=str, messages=[])
    client.chat.completions.create(model=mockModel, messages=[])
    client.chat.completions.create(model=f"gpt-{os.environ['VER']}", messages=[])
    ChatOpenAI(model="mock-model")
    ChatOpenAI(model="your-model-name")
    ChatOpenAI(model=os.environ["MODEL"])
