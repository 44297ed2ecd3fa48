import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { GoogleGenAI } from '@google/genai';
import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { Mistral } from '@mistralai/mistralai';
import { CohereClient } from 'cohere-ai';
import Groq from 'groq-sdk';
import { HfInference } from '@huggingface/inference';
import ollama from 'ollama';

const anthropic = new Anthropic({ apiKey: import.meta.env.VITE_ANTHROPIC_KEY });
await anthropic.messages.create({
  model: 'claude-sonnet-4-20250514',
  system: 'You are a careful contract reviewer.',
  max_tokens: 1024,
  messages: [],
});

const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
const gemini = genAI.getGenerativeModel({ model: 'gemini-1.5-pro' });
await gemini.generateContent('hi');

const genai = new GoogleGenAI({});
await genai.models.generateContent({ model: 'gemini-2.0-flash', contents: 'hi' });

const bedrock = new BedrockRuntimeClient({ region: 'eu-west-1' });
await bedrock.send(new ConverseCommand({ modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0', messages: [] }));
await bedrock.send(new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', body: '{}' }));

const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY });
await mistral.chat.complete({ model: 'mistral-large-latest', messages: [] });

const cohere = new CohereClient({ token: process.env.CO_API_KEY });
await cohere.embed({ model: 'embed-english-v3.0', texts: [] });

const groq = new Groq();
await groq.chat.completions.create({ model: 'llama-3.3-70b-versatile', messages: [] });

const hf = new HfInference(process.env.HF_TOKEN);
await hf.textGeneration({ model: 'mistralai/Mistral-7B-Instruct-v0.3', inputs: 'hi' });

await ollama.chat({ model: 'llama3.1', messages: [] });
