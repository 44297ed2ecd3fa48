// AI source files: provider SDKs, LangChain, the OpenAI Agents SDK, the Vercel AI SDK, Hugging Face and
// local runtimes, with concrete model ids (recorded in truth.json) and decoys that sit where a model id
// could be but are not one (template strings, variables, annotations).
import type { Rng } from '../../src/util/rng.js';
import { POOL, written, type PoolModel, type PoolName } from './model-pool.js';
import { TextBuilder } from './text-builder.js';
import { camel, noun, pascal, snake } from './words.js';

type AiTemplate = (rng: Rng, b: TextBuilder) => void;

function pick(rng: Rng, pool: PoolName): PoolModel {
  return rng.pick(POOL[pool]);
}

/** Adds `prefix + quoted id + suffix` as a planted line. */
function plant(b: TextBuilder, rng: Rng, pool: PoolName, render: (w: string) => string): PoolModel {
  const p = pick(rng, pool);
  b.model(render(written(p)), p);
  return p;
}

const PY: AiTemplate[] = [
  (rng, b) => {
    b.add('import os', 'from openai import OpenAI', '', 'client = OpenAI()', `SYSTEM_PROMPT = "You are a helpful assistant for the ${noun(rng)} team. Answer briefly."`, '');
    b.add(`def answer(question: str) -> str:`, '    resp = client.chat.completions.create(');
    plant(b, rng, 'openaiChat', (w) => `        model="${w}",`);
    b.add('        messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}],', '        temperature=0.2,', '    )', '    return resp.choices[0].message.content or ""', '');
    plant(b, rng, 'openaiChat', (w) => `DEFAULT_MODEL = os.getenv("OPENAI_MODEL", "${w}")`);
    b.add('', 'def embed(texts: list[str]) -> list[list[float]]:');
    plant(b, rng, 'openaiEmbed', (w) => `    out = client.embeddings.create(model="${w}", input=texts)`);
    b.add('    return [d.embedding for d in out.data]', '');
    b.add('def versioned_answer(question: str, version: str) -> str:');
    b.decoy('    resp = client.chat.completions.create(model=f"gpt-{version}", messages=[{"role": "user", "content": question}])', 'gpt-{version}', 'an f-string: the model is only known at run time');
    b.add('    return resp.choices[0].message.content or ""', '');
  },
  (rng, b) => {
    b.add('import subprocess', 'import anthropic', '', 'client = anthropic.Anthropic()', '', 'TOOLS = [', '    {', '        "name": "run_shell",', '        "description": "Run a shell command on the build host and return its output.",', '        "input_schema": {"type": "object", "properties": {"cmd": {"type": "string"}}, "required": ["cmd"]},', '    }', ']', '');
    b.add('def run_shell(cmd: str) -> str:', '    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout', '');
    b.add('def ask(prompt: str) -> str:', '    msg = client.messages.create(');
    plant(b, rng, 'anthropic', (w) => `        model="${w}",`);
    b.add('        max_tokens=1024,', '        system="You are an ops assistant. Use tools when needed.",', '        tools=TOOLS,', '        messages=[{"role": "user", "content": prompt}],', '    )', '    return "".join(block.text for block in msg.content if block.type == "text")', '');
    b.decoy('def score(model, samples):', 'model', 'a parameter named model');
    b.add('    return sum(model(s) for s in samples) / max(len(samples), 1)', '');
  },
  (rng, b) => {
    const n = noun(rng);
    b.add('from langchain_openai import ChatOpenAI, OpenAIEmbeddings', 'from langchain_core.tools import tool', 'from langchain_community.vectorstores import Chroma', 'from langgraph.prebuilt import create_react_agent', '');
    b.add('@tool', `def search_${n}s(query: str) -> str:`, `    """Search ${n}s by free text."""`, `    return db.search("${n}s", query)`, '');
    b.add('@tool', 'def run_sql(statement: str) -> str:', '    """Run a read-only SQL statement against the warehouse."""', '    return warehouse.execute(statement)', '');
    plant(b, rng, 'openaiChat', (w) => `llm = ChatOpenAI(model="${w}", temperature=0)`);
    plant(b, rng, 'openaiEmbed', (w) => `embeddings = OpenAIEmbeddings(model="${w}")`);
    b.add(`store = Chroma(collection_name="${n}-docs", embedding_function=embeddings, persist_directory="./chroma")`, 'retriever = store.as_retriever(search_kwargs={"k": 4})', `agent = create_react_agent(llm, [search_${n}s, run_sql])`, '');
    b.decoy('model_name: str = settings.chat_model', 'model_name', 'a settings field read at run time');
  },
  (rng, b) => {
    b.add('from agents import Agent, Runner, function_tool', '', '@function_tool', 'def lookup_order(order_id: str) -> dict:', '    """Look up an order by id."""', '    return orders.get(order_id)', '', '@function_tool', 'def issue_refund(order_id: str, amount: float) -> str:', '    """Refund part of an order to the original payment method."""', '    return payments.refund(order_id, amount)', '');
    b.add('support_agent = Agent(', '    name="Support",', '    instructions="You help customers with orders. Never refund more than the order total.",');
    plant(b, rng, 'openaiChat', (w) => `    model="${w}",`);
    b.add('    tools=[lookup_order, issue_refund],', ')', '', 'def handle(message: str) -> str:', '    return Runner.run_sync(support_agent, message).final_output', '');
  },
  (rng, b) => {
    b.add('import torch', 'from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline', 'from sentence_transformers import SentenceTransformer', '');
    plant(b, rng, 'huggingface', (w) => `MODEL_ID = "${w}"`);
    b.add('tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)', 'model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16)');
    plant(b, rng, 'huggingface', (w) => `classifier = pipeline("text-classification", model="${w}")`);
    plant(b, rng, 'sentenceTransformers', (w) => `encoder = SentenceTransformer("${w}")`);
    b.add(`head = torch.load("models/${snake(noun(rng), 'head')}.pt")`, '');
    b.decoy('mock_model = MagicMock(spec=AutoModelForCausalLM)', 'mock_model', 'a test double');
  },
  (rng, b) => {
    b.add('import ollama', 'from litellm import completion', '');
    plant(b, rng, 'litellm', (w) => `resp = completion(model="${w}", messages=[{"role": "user", "content": "ping"}])`);
    plant(b, rng, 'ollama', (w) => `local = ollama.chat(model="${w}", messages=[{"role": "user", "content": "summarise"}])`);
    b.decoy('fallback = completion(model=str(cfg.fallback), messages=[])', 'str', 'a conversion, not a model id');
  },
  (rng, b) => {
    b.add('import json', 'import boto3', '', 'bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")', '');
    plant(b, rng, 'bedrock', (w) => `resp = bedrock.invoke_model(modelId="${w}", body=json.dumps(payload))`);
  },
  (rng, b) => {
    b.add('import google.generativeai as genai', 'from mistralai import Mistral', 'from groq import Groq', 'from openai import OpenAI', '');
    plant(b, rng, 'gemini', (w) => `gemini = genai.GenerativeModel("${w}")`);
    plant(b, rng, 'mistral', (w) => `mistral_resp = Mistral(api_key=KEY).chat.complete(model="${w}", messages=msgs)`);
    plant(b, rng, 'groq', (w) => `groq_resp = Groq().chat.completions.create(model="${w}", messages=msgs)`);
    b.add('deepseek = OpenAI(base_url="https://api.deepseek.com", api_key=DEEPSEEK_KEY)');
    plant(b, rng, 'deepseek', (w) => `ds = deepseek.chat.completions.create(model="${w}", messages=msgs)`);
  },
];

// TypeScript/JavaScript templates avoid type annotations so that they are valid as .js files too.
const TS: AiTemplate[] = [
  (rng, b) => {
    b.add("import { generateText, streamText, tool } from 'ai';", "import { openai } from '@ai-sdk/openai';", "import { anthropic } from '@ai-sdk/anthropic';", "import { z } from 'zod';", '');
    b.add('export async function plan(prompt) {', '  const { text } = await generateText({');
    plant(b, rng, 'openaiChat', (w) => `    model: openai('${w}'),`);
    b.add("    system: 'You plan trips. Use the weather tool before suggesting dates.',", '    prompt,', '    tools: {', '      getWeather: tool({', "        description: 'Get the weather for a city',", '        parameters: z.object({ city: z.string() }),', '        execute: async ({ city }) => fetchWeather(city),', '      }),', '    },', '  });', '  return text;', '}', '');
    b.add('export function chat(messages) {');
    plant(b, rng, 'anthropic', (w) => `  return streamText({ model: anthropic('${w}'), messages });`);
    b.add('}');
  },
  (rng, b) => {
    b.add("import OpenAI from 'openai';", '', 'const client = new OpenAI();', '', 'export async function summarise(text) {', '  const res = await client.chat.completions.create({');
    plant(b, rng, 'openaiChat', (w) => `    model: '${w}',`);
    b.add("    messages: [{ role: 'user', content: `Summarise:\\n${text}` }],", '  });', "  return res.choices[0].message.content ?? '';", '}', '');
    plant(b, rng, 'openaiEmbed', (w) => `export const embed = (input) => client.embeddings.create({ model: '${w}', input });`);
    b.add('', 'export function routed(provider, name, input) {');
    b.decoy('  return client.chat.completions.create({ model: `${provider}:${name}`, messages: [{ role: \'user\', content: input }] });', '${provider}:${name}', 'a template literal built at run time');
    b.add('}');
  },
  (rng, b) => {
    b.add("import Anthropic from '@anthropic-ai/sdk';", '', 'const anthropic = new Anthropic();', '', 'export async function triage(ticket) {', '  const msg = await anthropic.messages.create({');
    plant(b, rng, 'anthropic', (w) => `    model: '${w}',`);
    b.add('    max_tokens: 1024,', "    tools: [{ name: 'send_email', description: 'Send an email to a customer', input_schema: { type: 'object', properties: { to: { type: 'string' }, body: { type: 'string' } } } }],", "    messages: [{ role: 'user', content: ticket.body }],", '  });', '  return msg.content;', '}');
    b.decoy("const settings = { model: 'default', retries: 3 };", 'default', 'a placeholder value');
  },
  (rng, b) => {
    b.add("import { ChatAnthropic } from '@langchain/anthropic';", "import { ChatOpenAI } from '@langchain/openai';", "import { createReactAgent } from '@langchain/langgraph/prebuilt';", "import { TavilySearchResults } from '@langchain/community/tools/tavily_search';", '');
    plant(b, rng, 'anthropic', (w) => `const reasoner = new ChatAnthropic({ model: '${w}', temperature: 0 });`);
    plant(b, rng, 'openaiChat', (w) => `const fast = new ChatOpenAI({ model: '${w}' });`);
    b.add('export const researcher = createReactAgent({ llm: reasoner, tools: [new TavilySearchResults({ maxResults: 3 })] });', 'export const drafter = createReactAgent({ llm: fast, tools: [] });');
  },
  (rng, b) => {
    b.add("import { HfInference } from '@huggingface/inference';", "import { GoogleGenerativeAI } from '@google/generative-ai';", '', 'const hf = new HfInference(process.env.HF_TOKEN);', 'const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);', '');
    plant(b, rng, 'huggingface', (w) => `export const complete = (inputs) => hf.textGeneration({ model: '${w}', inputs });`);
    plant(b, rng, 'gemini', (w) => `export const gemini = genAI.getGenerativeModel({ model: '${w}' });`);
    b.decoy('const model = process.env.CHAT_MODEL;', 'model', 'a variable read from the environment');
  },
];

const GO_AI: AiTemplate = (rng, b) => {
  b.add('package assistant', '', 'import (', '\t"context"', '', '\t"github.com/openai/openai-go"', ')', '', 'func Ask(ctx context.Context, client openai.Client, q string) (string, error) {', '\tresp, err := client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{');
  plant(b, rng, 'openaiChat', (w) => `\t\tModel:    "${w}",`);
  b.add('\t\tMessages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage(q)},', '\t})', '\tif err != nil {', '\t\treturn "", err', '\t}', '\treturn resp.Choices[0].Message.Content, nil', '}');
};

export type AiLanguage = 'python' | 'typescript' | 'javascript' | 'go';

/** An AI source file: one template plus ordinary code around it. */
export function aiSource(rng: Rng, lang: AiLanguage, index: number): TextBuilder {
  const b = new TextBuilder(lang);
  const table = lang === 'python' ? PY : lang === 'go' ? [GO_AI] : TS;
  // Cycle through the templates so that every one appears even in a small tree.
  table[index % table.length](rng, b);
  if (lang !== 'go') b.add('', lang === 'python' ? `# ${camel(noun(rng), 'helpers')} below are plain code` : `// ${pascal(noun(rng))} helpers`);
  return b;
}
