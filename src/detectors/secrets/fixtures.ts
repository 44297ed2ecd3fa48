// Test support: synthetic credentials for every rule, generated from a seeded PRNG at test time so that no
// realistic-looking key is committed to the repository. Each sample is a line as it would appear in a
// file, the value the detector must report, and a near miss that must stay quiet.

import { prng } from '../../util/rng.js';


export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const URLSAFE = `${ALNUM}_-`;
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const BASE64 = `${ALNUM}+/`;

export type Gen = (alphabet: string, n: number) => string;

export function generator(seed: number): Gen {
  const rand = prng(seed);
  return (alphabet, n) => {
    // Retry until the value mixes letters and digits, as random keys of these lengths do.
    for (;;) {
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const mixable = /[0-9]/.test(alphabet) && /[A-Za-z]/.test(alphabet);
      if (n < 8 || !mixable || (/[0-9]/.test(s) && /[A-Za-z]/.test(s))) return s;
    }
  };
}

function b64url(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

export interface RuleSample {
  rule: string;
  /** The secret value. */
  value: string;
  /** A line holding it, as in a real file. */
  line: string;
  /** The same line with a near miss (wrong length, glued prefix, missing marker): must stay quiet. */
  nearMiss: string;
}

type SampleSpec = {
  rule: string;
  make: (g: Gen) => string;
  line?: (v: string) => string;
  /** The near miss as a changed value placed on the same line, or as a whole line. */
  nearMiss?: (v: string) => string;
  nearMissLine?: (v: string) => string;
};

const assign = (name: string) => (v: string) => `${name} = "${v}"`;
const shorten = (v: string) => v.slice(0, -1);

/** One spec per rule id: how to make a value, where it sits, and its near miss (default: one char short). */
const SPECS: SampleSpec[] = [
  { rule: 'anthropic-admin-key', make: (g) => `sk-ant-admin01-${g(URLSAFE, 93)}AA` },
  { rule: 'anthropic-api-key', make: (g) => `sk-ant-api03-${g(URLSAFE, 93)}AA`, nearMiss: (v) => v.replace('api03', 'api3') },
  { rule: 'openai-admin-key', make: (g) => `sk-admin-${g(URLSAFE, 58)}T3BlbkFJ${g(URLSAFE, 58)}`, nearMiss: (v) => v.replace('T3BlbkFJ', 'T3BlbkFK') },
  { rule: 'openai-api-key', make: (g) => `sk-proj-${g(URLSAFE, 74)}T3BlbkFJ${g(URLSAFE, 74)}`, nearMiss: (v) => v.replace('T3BlbkFJ', 'ABCDEFGH') },
  { rule: 'openrouter-api-key', make: (g) => `sk-or-v1-${g(HEX, 64)}` },
  { rule: 'deepseek-api-key', make: (g) => `sk-${g(HEX, 32)}`, line: assign('DEEPSEEK_API_KEY'), nearMissLine: (v) => `OTHER_VALUE = "${v}"` },
  { rule: 'elevenlabs-api-key', make: (g) => `sk_${g(HEX, 48)}` },
  { rule: 'google-api-key', make: (g) => `AIzaSy${g(URLSAFE, 33)}` },
  { rule: 'huggingface-token', make: (g) => `hf_${g(ALNUM, 34)}` },
  { rule: 'huggingface-org-token', make: (g) => `api_org_${g(ALNUM, 34)}` },
  { rule: 'groq-api-key', make: (g) => `gsk_${g(ALNUM, 52)}`, nearMiss: (v) => `word${v}` },
  { rule: 'replicate-api-token', make: (g) => `r8_${g(ALNUM, 37)}` },
  { rule: 'perplexity-api-key', make: (g) => `pplx-${g(ALNUM, 48)}` },
  { rule: 'xai-api-key', make: (g) => `xai-${g(ALNUM, 80)}` },
  { rule: 'pinecone-api-key', make: (g) => `pcsk_${g(ALNUM, 5)}_${g(ALNUM, 63)}`, nearMiss: (v) => v.replace(/^pcsk_[A-Za-z0-9]{5}_/, 'pcsk_ab_') },
  { rule: 'langsmith-api-key', make: (g) => `lsv2_pt_${g(HEX, 32)}_${g(HEX, 10)}` },
  { rule: 'nvidia-api-key', make: (g) => `nvapi-${g(URLSAFE, 64)}` },
  { rule: 'together-api-key', make: (g) => `tgp_v1_${g(URLSAFE, 43)}`, nearMiss: (v) => v.slice(0, 30) },
  { rule: 'aws-bedrock-api-key', make: (g) => `ABSK${g(BASE64, 132)}`, nearMiss: (v) => v.slice(0, 60) },
  { rule: 'azure-openai-key', make: (g) => g(HEX, 32), line: assign('AZURE_OPENAI_API_KEY'), nearMissLine: (v) => `checksum = "${v}"` },
  { rule: 'cohere-api-key', make: (g) => g(ALNUM, 40), line: assign('COHERE_API_KEY'), nearMissLine: (v) => `build_id = "${v}"` },
  { rule: 'mistral-api-key', make: (g) => g(ALNUM, 32), line: assign('MISTRAL_API_KEY'), nearMissLine: (v) => `request = "${v}"` },
  { rule: 'wandb-api-key', make: (g) => g(HEX, 40), line: assign('WANDB_API_KEY'), nearMissLine: (v) => `commit = "${v}"` },
  { rule: 'assemblyai-api-key', make: (g) => g(LOWER_ALNUM, 32), line: (v) => `assemblyai.settings.api_key = "${v}"`, nearMissLine: (v) => `session = "${v}"` },
  { rule: 'deepgram-api-key', make: (g) => g(LOWER_ALNUM, 40), line: (v) => `deepgram_secret: "${v}"`, nearMissLine: (v) => `digest: "${v}"` },
  { rule: 'clarifai-api-key', make: (g) => g(ALNUM, 32), line: (v) => `clarifai_pat: "${v}"`, nearMissLine: (v) => `trace: "${v}"` },
  { rule: 'fireworks-api-key', make: (g) => `fw_${g(ALNUM, 24)}`, line: assign('FIREWORKS_API_KEY'), nearMissLine: (v) => `firmware = "${v}"` },
  { rule: 'voyage-api-key', make: (g) => `pa-${g(URLSAFE, 43)}`, line: assign('VOYAGE_API_KEY'), nearMissLine: (v) => `page = "${v}"` },
  { rule: 'aws-access-key-id', make: (g) => `AKIA${g(UPPER_ALNUM, 16)}` },
  { rule: 'aws-secret-access-key', make: (g) => g(BASE64, 40), line: assign('aws_secret_access_key'), nearMissLine: (v) => `digest = "${v}"` },
  { rule: 'azure-storage-account-key', make: (g) => `${g(BASE64, 86)}==`, line: (v) => `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${v};EndpointSuffix=core.windows.net`, nearMissLine: () => `AccountName=acct;AccountKey=${'x'.repeat(86)}==` },
  { rule: 'azure-ad-client-secret', make: (g) => `${g(ALNUM, 3)}8Q~${g(URLSAFE, 34)}`, nearMiss: (v) => v.replace('Q~', 'Q-') },
  { rule: 'github-pat', make: (g) => `ghp_${g(ALNUM, 36)}`, nearMiss: (v) => v.replace('ghp_', 'gXX_') },
  { rule: 'github-fine-grained-pat', make: (g) => `github_pat_${g(ALNUM, 22)}_${g(ALNUM, 59)}` },
  { rule: 'github-oauth-token', make: (g) => `gho_${g(ALNUM, 36)}` },
  { rule: 'github-app-token', make: (g) => `ghs_${g(ALNUM, 36)}` },
  { rule: 'github-refresh-token', make: (g) => `ghr_${g(ALNUM, 76)}`, nearMiss: (v) => v.slice(0, 30) },
  { rule: 'gitlab-token', make: (g) => `glpat-${g(URLSAFE, 20)}`, nearMiss: (v) => v.slice(0, 12) },
  { rule: 'npm-access-token', make: (g) => `npm_${g(ALNUM, 36)}` },
  { rule: 'pypi-token', make: (g) => `pypi-AgEIcHlwaS5vcmc${g(URLSAFE, 70)}`, nearMiss: (v) => v.slice(0, 40) },
  { rule: 'docker-pat', make: (g) => `dckr_pat_${g(URLSAFE, 27)}`, nearMiss: (v) => v.slice(0, 20) },
  { rule: 'slack-token', make: (g) => `xoxb-${g('0123456789', 12)}-${g('0123456789', 13)}-${g(ALNUM, 24)}`, nearMiss: (v) => v.replace(/-/g, '?') },
  { rule: 'slack-webhook-url', make: (g) => `https://hooks.slack.com/services/T${g(UPPER_ALNUM, 8)}/B${g(UPPER_ALNUM, 8)}/${g(ALNUM, 24)}`, nearMiss: (v) => v.slice(0, 40) },
  { rule: 'discord-webhook-url', make: (g) => `https://discord.com/api/webhooks/${g('0123456789', 18)}/${g(URLSAFE, 68)}`, nearMiss: (v) => v.slice(0, 60) },
  { rule: 'discord-bot-token', make: (g) => `M${g(ALNUM, 23)}.${g(URLSAFE, 6)}.${g(URLSAFE, 27)}`, line: assign('DISCORD_BOT_TOKEN'), nearMissLine: (v) => `DISCORD = "${v.replace(/\./g, '')}"` },
  { rule: 'twilio-api-key', make: (g) => `SK${g(HEX, 32)}`, line: (v) => `twilio.api_key_sid = "${v}"` },
  { rule: 'twilio-auth-token', make: (g) => g(HEX, 32), line: (v) => `TWILIO_AUTH_TOKEN = "${v}"`, nearMissLine: (v) => `twilio_digest_sha = "${v}"` },
  { rule: 'sendgrid-api-key', make: (g) => `SG.${g(URLSAFE, 22)}.${g(URLSAFE, 43)}`, nearMiss: (v) => `not${v}` },
  { rule: 'telegram-bot-token', make: (g) => `${g('0123456789', 10)}:AA${g(URLSAFE, 33)}`, line: (v) => `telegram_bot_token = "${v}"` },
  { rule: 'mailchimp-api-key', make: (g) => `${g(HEX, 32)}-us14`, nearMiss: (v) => v.replace('-us14', '-xx14') },
  { rule: 'mailgun-api-key', make: (g) => `key-${g(HEX, 32)}`, line: (v) => `MAILGUN_API_KEY = "${v}"` },
  { rule: 'stripe-secret-key', make: (g) => `sk_live_${g(ALNUM, 99)}`, nearMiss: (v) => v.replace('sk_live_', 'pk_live_') },
  { rule: 'stripe-restricted-key', make: (g) => `rk_live_${g(ALNUM, 99)}`, nearMiss: (v) => v.slice(0, 20) },
  { rule: 'stripe-webhook-secret', make: (g) => `whsec_${g(ALNUM, 32)}`, nearMiss: (v) => v.slice(0, 20) },
  { rule: 'square-access-token', make: (g) => `sq0atp-${g(URLSAFE, 22)}`, nearMiss: (v) => v.slice(0, 20) },
  { rule: 'databricks-token', make: (g) => `dapi${g(HEX, 32)}`, nearMiss: (v) => `${v}ab` },
  { rule: 'hashicorp-vault-token', make: (g) => `hvs.${g(URLSAFE, 95)}`, nearMiss: (v) => v.replace('hvs.', 'hvx.') },
  { rule: 'cloudflare-api-token', make: (g) => `cfat_${g(ALNUM, 40)}${g(HEX, 8)}` },
  { rule: 'grafana-token', make: (g) => `glsa_${g(ALNUM, 32)}_${g(HEX, 8)}` },
  { rule: 'figma-token', make: (g) => `figd_${g(URLSAFE, 40)}`, nearMiss: (v) => v.slice(0, 20) },
  { rule: 'linear-api-key', make: (g) => `lin_api_${g(ALNUM, 40)}` },
  { rule: 'notion-token', make: (g) => `ntn_${g('0123456789', 11)}${g(ALNUM, 35)}` },
  { rule: 'onepassword-service-token', make: (g) => `ops_${b64url({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096' }, email: 'x@y.z', secretKey: g(ALNUM, 30) })}`, nearMiss: (v) => v.replace('ops_eyJ', 'ops_DUM') },
  { rule: 'shopify-token', make: (g) => `shpat_${g(HEX, 32)}` },
  { rule: 'tailscale-key', make: (g) => `tskey-auth-${g(ALNUM, 12)}-${g(ALNUM, 24)}`, nearMiss: (v) => `x${v}` },
  { rule: 'vercel-token', make: (g) => `vcp_${g(ALNUM, 40)}`, nearMiss: (v) => v.slice(0, 12) },
  { rule: 'digitalocean-token', make: (g) => `dop_v1_${g(HEX, 64)}` },
  { rule: 'supabase-token', make: (g) => `sbp_${g(HEX, 40)}` },
  { rule: 'postman-api-key', make: (g) => `PMAK-${g(HEX, 24)}-${g(HEX, 34)}` },
  { rule: 'newrelic-api-key', make: (g) => `NRAK-${g(UPPER_ALNUM, 27)}` },
  { rule: 'age-secret-key', make: (g) => `AGE-SECRET-KEY-1${g(UPPER_ALNUM, 58)}` },
  { rule: 'ethereum-private-key', make: (g) => `0x${g(HEX, 64)}`, line: (v) => `WALLET_PRIVATE_KEY=${v}`, nearMissLine: (v) => `tx_hash=${v}` },
  {
    rule: 'jwt',
    make: (g) => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: `user-${g(HEX, 8)}`, iss: 'https://auth.example.org', exp: 1900000000 })}.${g(URLSAFE, 86)}`,
    nearMiss: (v) => `${b64url({ alg: 'HS256' })}.${b64url({ msg: 'hello' })}.${v.split('.')[2]}`,
  },
];

export const SAMPLE_RULE_IDS: readonly string[] = SPECS.map((s) => s.rule);

export function ruleSamples(seed = 1): RuleSample[] {
  const g = generator(seed);
  return SPECS.map((s) => {
    const value = s.make(g);
    const place = s.line ?? ((v: string) => `value: ${v}`);
    // Near misses sit under a neutral name: under a secret-like name the generic rule rightly reports them.
    const nearMiss = s.nearMissLine ? s.nearMissLine(value) : `value: ${(s.nearMiss ?? shorten)(value)}`;
    const line = place(value);
    return { rule: s.rule, value, line, nearMiss };
  });
}
