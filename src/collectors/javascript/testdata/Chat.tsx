'use client';
import { useChat } from '@ai-sdk/react';
import { createOpenAI } from '@ai-sdk/openai';

const preview = createOpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_KEY });
const DEFAULT_MODEL = 'gpt-4o-mini';

export function Chat({ title }: { title: string }) {
  const { messages, input, handleInputChange, handleSubmit } = useChat({ api: '/api/chat' });
  const model = preview(DEFAULT_MODEL);
  return (
    <div className="chat">
      <h1>{title}</h1>
      {messages.map((m) => (
        <p key={m.id}>{m.content}</p>
      ))}
      <form onSubmit={handleSubmit}>
        <input value={input} onChange={handleInputChange} data-model={String(model)} />
      </form>
    </div>
  );
}
