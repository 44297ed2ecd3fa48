from openai import OpenAI

client = OpenAI(
resp = client.chat.completions.create(model="gpt-4o"

def broken(:
    pass
