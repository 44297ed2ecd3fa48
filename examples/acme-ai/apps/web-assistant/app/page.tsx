'use client';

import { useState } from 'react';
import { useChat } from '@ai-sdk/react';

export default function AssistantPage() {
  const [input, setInput] = useState('');
  const { messages, sendMessage, status } = useChat();

  return (
    <main className="assistant">
      <h1>Acme Assistant</h1>
      <ul>
        {messages.map((m) => (
          <li key={m.id} className={m.role}>
            {m.parts.map((p, i) => (p.type === 'text' ? <span key={i}>{p.text}</span> : null))}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          sendMessage({ text: input });
          setInput('');
        }}
      >
        <input value={input} onChange={(e) => setInput(e.target.value)} disabled={status !== 'ready'} placeholder="Ask about an order" />
      </form>
    </main>
  );
}
