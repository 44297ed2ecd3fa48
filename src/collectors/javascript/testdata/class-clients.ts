import OpenAI from 'openai';
import { Mistral } from '@mistralai/mistralai';

export class Summariser {
  private client = new OpenAI({ apiKey: process.env.SUMMARY_OPENAI_KEY });
  #mistral: Mistral;
  constructor() {
    this.#mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY });
  }
  async run(text: string) {
    await this.#mistral.chat.complete({ model: 'mistral-small-latest', messages: [] });
    return this.client.responses.create({ model: 'gpt-4.1-nano', input: text });
  }
}
