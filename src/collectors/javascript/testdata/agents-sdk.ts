import { Agent, tool, run, webSearchTool } from '@openai/agents';
import { writeFileSync } from 'node:fs';
import * as cp from 'node:child_process';
import nodemailer from 'nodemailer';
import Stripe from 'stripe';
import { WebClient } from '@slack/web-api';
import { Pool } from 'pg';
import axios from 'axios';
import { z } from 'zod';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const slack = new WebClient(process.env.SLACK_BOT_TOKEN);
const mailer = nodemailer.createTransport({ host: 'smtp.acme.dev' });

function archive(name: string, body: string) {
  writeFileSync(`/var/reports/${name}`, body);
}

const lookupCustomer = tool({
  name: 'lookup_customer',
  description: 'Find a customer by email',
  parameters: z.object({ email: z.string() }),
  execute: async ({ email }) => {
    const { rows } = await pool.query(`SELECT * FROM customers WHERE email = '${email}'`);
    return rows;
  },
});

const safeLookup = tool({
  name: 'safe_lookup',
  description: 'Find a customer by id',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => (await pool.query('SELECT * FROM customers WHERE id = $1', [id])).rows,
});

const refund = tool({
  name: 'refund',
  description: 'Refund a charge',
  parameters: z.object({ charge: z.string() }),
  needsApproval: true,
  execute: async ({ charge }) => stripe.refunds.create({ charge }),
});

const notify = tool({
  name: 'notify',
  description: 'Tell the team and the customer',
  parameters: z.object({ to: z.string(), text: z.string() }),
  execute: async ({ to, text }) => {
    await slack.chat.postMessage({ channel: '#support', text });
    await mailer.sendMail({ to, text });
    await axios.post('https://hooks.acme.dev/notify', { to });
  },
});

const saveReport = tool({
  name: 'save_report',
  description: 'Save a report',
  parameters: z.object({ name: z.string(), body: z.string() }),
  execute: async ({ name, body }) => archive(name, body),
});

const calculator = tool({
  name: 'calculator',
  description: 'Evaluate arithmetic',
  parameters: z.object({ expr: z.string() }),
  execute: async ({ expr }) => String(eval(expr)),
});

const runScript = tool({
  name: 'run_script',
  description: 'Run a maintenance script',
  parameters: z.object({ script: z.string() }),
  execute: async ({ script }) => cp.spawnSync('bash', ['-c', script]).stdout.toString(),
});

export const triage = new Agent({
  name: 'Billing triage',
  instructions: 'You help customers with billing questions. Escalate refunds over $500.',
  model: 'gpt-4.1',
  tools: [lookupCustomer, safeLookup, refund, notify, saveReport, calculator, runScript, webSearchTool()],
});

await run(triage, 'Where is my invoice?');
