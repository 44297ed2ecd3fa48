import { OpenAIClient, AzureKeyCredential } from '@azure/openai';
import { GoogleGenAI } from '@google/genai';

const client = new OpenAIClient('https://acme-eu.openai.azure.com', new AzureKeyCredential(process.env.AZURE_OPENAI_KEY!));

export async function draft(prompt: string) {
  const { choices } = await client.getChatCompletions('gpt-35-turbo-eu', [{ role: 'user', content: prompt }]);
  await client.getEmbeddings('text-embedding-ada-002', [prompt]);
  return choices[0]?.message?.content;
}

const vertex = new GoogleGenAI({ vertexai: true, project: 'acme-ml', location: 'europe-west4' });
await vertex.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hello' });
