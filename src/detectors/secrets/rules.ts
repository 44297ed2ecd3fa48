// The secret rules as data: one row per credential format. Each pattern is written from the documented
// prefix, length and alphabet of the format (see the AI key reference kept with the project's shared
// notes) and captures the secret value in group 1. Keywords are lower-case literals; a rule runs only when
// one of them occurs in the lower-cased text. Keyword-gated formats (no distinctive prefix) also need a
// context keyword shortly before the value.
import { githubChecksum, jwtClaims, type Verdict } from './validators.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface RuleContext {
  /** Must match within `window` characters before the value (a variable name, a provider name). */
  before: RegExp;
  window?: number;
  /** Also accept the keyword within `window` characters after the value. */
  after?: boolean;
  /** Must match somewhere in the text (e.g. the Azure OpenAI host next to a bare hex key). */
  file?: RegExp;
}

export interface PatternRule {
  id: string;
  provider: string;
  description: string;
  keywords: readonly string[];
  /** Global regex with the `d` flag; group 1 is the secret. Linear-time: checked by regex-safety. */
  pattern: RegExp;
  severity: Severity;
  confidence: number;
  context?: RuleContext;
  /** Minimum Shannon entropy (bits per character) of the value, for formats with a loose alphabet. */
  minEntropy?: number;
  /** Whether the value must mix letters and digits (for bare alphanumeric, keyword-gated formats). */
  mixed?: boolean;
  validate?: (value: string) => Verdict;
  /** Pair the value with another rule's match nearby (AWS secret key with its access key id). */
  pairWith?: { rule: string; window: number; unpairedScore: number };
}

// Boundaries: a key starts where no key character precedes it and ends where none follows.
const L = '(?<![A-Za-z0-9])';
const L_ = '(?<![A-Za-z0-9_-])';
const R = '(?![A-Za-z0-9])';
const R_ = '(?![A-Za-z0-9_-])';
const R64 = '(?![A-Za-z0-9+/=])';

function re(source: string, flags = ''): RegExp {
  return new RegExp(source, `dg${flags}`);
}

/** A prefixed key whose body alphabet ends the match: `${L}(prefix body)${R}`. */
function prefixed(body: string, left = L, right = R): RegExp {
  return re(`${left}(${body})${right}`);
}

/** A bare value whose format has no prefix: it must sit right after a keyword (see `context`). */
function gated(word: string, window = 64): RuleContext {
  return { before: new RegExp(word, 'i'), window };
}

const ALNUM32 = prefixed('[A-Za-z0-9]{32}');
const ALNUM40 = prefixed('[A-Za-z0-9]{40}');
const LOWER32 = prefixed('[a-z0-9]{32}');
const LOWER40 = prefixed('[a-z0-9]{40}');
const HEX32 = prefixed('[a-f0-9]{32}');
const HEX40 = prefixed('[a-f0-9]{40}');

export const PATTERN_RULES: readonly PatternRule[] = [
  // ---- AI providers -------------------------------------------------------------------------------
  { id: 'anthropic-admin-key', provider: 'anthropic', description: 'Anthropic admin API key', keywords: ['sk-ant-'], pattern: prefixed('sk-ant-admin\\d{2}-[A-Za-z0-9_-]{80,110}AA', L_, R_), severity: 'critical', confidence: 0.97 },
  { id: 'anthropic-api-key', provider: 'anthropic', description: 'Anthropic API key', keywords: ['sk-ant-'], pattern: prefixed('sk-ant-api\\d{2}-[A-Za-z0-9_-]{80,110}AA', L_, R_), severity: 'high', confidence: 0.97 },
  { id: 'openai-admin-key', provider: 'openai', description: 'OpenAI admin API key', keywords: ['t3blbkfj'], pattern: prefixed('sk-admin-[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}', L_, R_), severity: 'critical', confidence: 0.97 },
  { id: 'openai-api-key', provider: 'openai', description: 'OpenAI API key (user, project or service account)', keywords: ['t3blbkfj'], pattern: prefixed('sk-(?:(?:proj|svcacct|service)-[A-Za-z0-9_-]{8,200}|[A-Za-z0-9]{16,200})T3BlbkFJ[A-Za-z0-9_-]{16,200}', L_, R_), severity: 'high', confidence: 0.97 },
  { id: 'openrouter-api-key', provider: 'openrouter', description: 'OpenRouter API key', keywords: ['sk-or-v1-'], pattern: prefixed('sk-or-v1-[a-f0-9]{64}', L_, R_), severity: 'high', confidence: 0.95 },
  { id: 'deepseek-api-key', provider: 'deepseek', description: 'DeepSeek API key', keywords: ['deepseek'], pattern: prefixed('sk-[a-z0-9]{32}', L_, R_), severity: 'high', confidence: 0.85, context: gated('deepseek', 80), mixed: true },
  { id: 'elevenlabs-api-key', provider: 'elevenlabs', description: 'ElevenLabs API key', keywords: ['sk_'], pattern: prefixed('sk_[a-f0-9]{48}', L_, R_), severity: 'high', confidence: 0.8, mixed: true },
  { id: 'google-api-key', provider: 'google', description: 'Google API key (Gemini, Maps, Firebase, ...)', keywords: ['aiza'], pattern: prefixed('AIza[A-Za-z0-9_-]{35}', L_, R_), severity: 'high', confidence: 0.95 },
  { id: 'huggingface-token', provider: 'huggingface', description: 'Hugging Face user access token', keywords: ['hf_'], pattern: prefixed('hf_[A-Za-z0-9]{34}'), severity: 'high', confidence: 0.92 },
  { id: 'huggingface-org-token', provider: 'huggingface', description: 'Hugging Face organisation API token', keywords: ['api_org_'], pattern: prefixed('api_org_[A-Za-z0-9]{34}'), severity: 'high', confidence: 0.92 },
  { id: 'groq-api-key', provider: 'groq', description: 'Groq API key', keywords: ['gsk_'], pattern: prefixed('gsk_[A-Za-z0-9]{52}'), severity: 'high', confidence: 0.95 },
  { id: 'replicate-api-token', provider: 'replicate', description: 'Replicate API token', keywords: ['r8_'], pattern: prefixed('r8_[A-Za-z0-9_-]{37}', L, R_), severity: 'high', confidence: 0.9, mixed: true },
  { id: 'perplexity-api-key', provider: 'perplexity', description: 'Perplexity API key', keywords: ['pplx-'], pattern: prefixed('pplx-[A-Za-z0-9]{48}'), severity: 'high', confidence: 0.95 },
  { id: 'xai-api-key', provider: 'xai', description: 'xAI (Grok) API key', keywords: ['xai-'], pattern: prefixed('xai-[A-Za-z0-9_]{80}', L, R_), severity: 'high', confidence: 0.95 },
  { id: 'pinecone-api-key', provider: 'pinecone', description: 'Pinecone API key', keywords: ['pcsk_'], pattern: prefixed('pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}'), severity: 'high', confidence: 0.95 },
  { id: 'langsmith-api-key', provider: 'langchain', description: 'LangSmith API key', keywords: ['lsv2_'], pattern: prefixed('lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}'), severity: 'high', confidence: 0.95 },
  { id: 'nvidia-api-key', provider: 'nvidia', description: 'NVIDIA NIM / build.nvidia.com API key', keywords: ['nvapi-'], pattern: prefixed('nvapi-[A-Za-z0-9_-]{64}', L, R_), severity: 'high', confidence: 0.92 },
  { id: 'together-api-key', provider: 'together', description: 'Together AI API key (observed format)', keywords: ['tgp_v1_'], pattern: prefixed('tgp_v1_[A-Za-z0-9_-]{40,64}', L, R_), severity: 'high', confidence: 0.75 },
  { id: 'aws-bedrock-api-key', provider: 'aws', description: 'Amazon Bedrock long-term API key', keywords: ['absk'], pattern: prefixed('ABSK[A-Za-z0-9+/]{109,269}={0,2}', L, R64), severity: 'critical', confidence: 0.95 },
  { id: 'aws-bedrock-api-key', provider: 'aws', description: 'Amazon Bedrock short-term API key', keywords: ['bedrock-api-key-'], pattern: prefixed('bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%_-]{20,4000}', L, '(?![A-Za-z0-9+/=%_-])'), severity: 'high', confidence: 0.95 },
  // Keyword-gated AI formats: bare alphanumerics that only mean something next to the provider's name.
  { id: 'azure-openai-key', provider: 'azure-openai', description: 'Azure OpenAI API key', keywords: ['azure'], pattern: HEX32, severity: 'high', confidence: 0.85, context: gated('azure[\\w.-]{0,30}(?:key|secret|token)', 64), mixed: true },
  { id: 'azure-openai-key', provider: 'azure-openai', description: 'Azure OpenAI API key', keywords: ['openai.azure.com'], pattern: HEX32, severity: 'high', confidence: 0.8, context: { ...gated('(?:api|openai)[_.-]?key', 64), file: /\.openai\.azure\.com/i }, mixed: true },
  { id: 'cohere-api-key', provider: 'cohere', description: 'Cohere API key', keywords: ['cohere', 'co_api_key'], pattern: ALNUM40, severity: 'high', confidence: 0.8, context: gated('cohere|co_api_key'), mixed: true, minEntropy: 3.5 },
  { id: 'mistral-api-key', provider: 'mistral', description: 'Mistral API key', keywords: ['mistral'], pattern: ALNUM32, severity: 'high', confidence: 0.8, context: gated('mistral'), mixed: true, minEntropy: 3.5 },
  { id: 'wandb-api-key', provider: 'wandb', description: 'Weights & Biases API key', keywords: ['wandb', 'weightsandbiases'], pattern: HEX40, severity: 'high', confidence: 0.8, context: gated('wandb|weights.?and.?biases'), mixed: true },
  { id: 'assemblyai-api-key', provider: 'assemblyai', description: 'AssemblyAI API key', keywords: ['assemblyai', 'assembly_ai'], pattern: LOWER32, severity: 'high', confidence: 0.75, context: gated('assembly.?ai'), mixed: true, minEntropy: 3.5 },
  { id: 'deepgram-api-key', provider: 'deepgram', description: 'Deepgram API key', keywords: ['deepgram'], pattern: LOWER40, severity: 'high', confidence: 0.75, context: gated('deepgram'), mixed: true, minEntropy: 3.5 },
  { id: 'clarifai-api-key', provider: 'clarifai', description: 'Clarifai API key', keywords: ['clarifai'], pattern: ALNUM32, severity: 'high', confidence: 0.75, context: gated('clarifai'), mixed: true, minEntropy: 3.5 },
  { id: 'fireworks-api-key', provider: 'fireworks', description: 'Fireworks AI API key (unverified format)', keywords: ['fireworks'], pattern: prefixed('fw_[A-Za-z0-9]{20,64}'), severity: 'high', confidence: 0.6, context: gated('fireworks', 80), mixed: true },
  { id: 'voyage-api-key', provider: 'voyage', description: 'Voyage AI API key (unverified format)', keywords: ['voyage'], pattern: prefixed('pa-[A-Za-z0-9_-]{30,64}', L, R_), severity: 'high', confidence: 0.6, context: gated('voyage', 80), mixed: true },

  // ---- cloud ----------------------------------------------------------------------------------------
  { id: 'aws-access-key-id', provider: 'aws', description: 'AWS access key id', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], pattern: prefixed('(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}'), severity: 'high', confidence: 0.9 },
  { id: 'aws-secret-access-key', provider: 'aws', description: 'AWS secret access key', keywords: ['aws', 'secret_key', 'secret-key', 'secretkey', 'secret_access', 'akia', 'asia'], pattern: prefixed('[A-Za-z0-9+/]{40}', '(?<![A-Za-z0-9+/=])', R64), severity: 'critical', confidence: 0.9, context: gated('aws|secret[_.-]?(?:access[_.-]?)?key', 80), minEntropy: 4, mixed: true, pairWith: { rule: 'aws-access-key-id', window: 600, unpairedScore: 0.7 } },
  { id: 'azure-storage-account-key', provider: 'azure', description: 'Azure storage account key', keywords: ['accountkey'], pattern: re('AccountKey=([A-Za-z0-9+/]{86}==)', ''), severity: 'critical', confidence: 0.95 },
  { id: 'azure-ad-client-secret', provider: 'azure', description: 'Microsoft Entra ID (Azure AD) client secret', keywords: ['q~'], pattern: prefixed('[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}', '(?<![A-Za-z0-9_~.-])', '(?![A-Za-z0-9_~.-])'), severity: 'high', confidence: 0.9, mixed: true },

  // ---- source control and package registries ------------------------------------------------------
  { id: 'github-pat', provider: 'github', description: 'GitHub personal access token (classic)', keywords: ['ghp_'], pattern: prefixed('ghp_[A-Za-z0-9]{36}'), severity: 'high', confidence: 0.9, validate: githubChecksum },
  { id: 'github-fine-grained-pat', provider: 'github', description: 'GitHub fine-grained personal access token', keywords: ['github_pat_'], pattern: prefixed('github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'), severity: 'high', confidence: 0.95 },
  { id: 'github-oauth-token', provider: 'github', description: 'GitHub OAuth access token', keywords: ['gho_'], pattern: prefixed('gho_[A-Za-z0-9]{36}'), severity: 'high', confidence: 0.9, validate: githubChecksum },
  { id: 'github-app-token', provider: 'github', description: 'GitHub App user-to-server or installation token', keywords: ['ghu_', 'ghs_'], pattern: prefixed('gh[us]_[A-Za-z0-9]{36}'), severity: 'high', confidence: 0.9, validate: githubChecksum },
  { id: 'github-app-token', provider: 'github', description: 'GitHub App installation token (JWT-shaped)', keywords: ['ghs_'], pattern: prefixed('ghs_[0-9]{1,20}_[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{10,4000}\\.[A-Za-z0-9_-]{10,2000}', L, R_), severity: 'high', confidence: 0.9 },
  { id: 'github-refresh-token', provider: 'github', description: 'GitHub refresh token', keywords: ['ghr_'], pattern: prefixed('ghr_[A-Za-z0-9]{36,76}'), severity: 'high', confidence: 0.9 },
  { id: 'gitlab-token', provider: 'gitlab', description: 'GitLab access token', keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glft-', 'glimt-', 'glsoat-', 'glcbt-'], pattern: prefixed('gl(?:pat|dt|rt|ptt|ft|imt|soat|cbt)-[A-Za-z0-9_-]{20,80}', L, R_), severity: 'high', confidence: 0.9 },
  { id: 'npm-access-token', provider: 'npm', description: 'npm access token', keywords: ['npm_'], pattern: prefixed('npm_[A-Za-z0-9]{36}'), severity: 'high', confidence: 0.9, mixed: true },
  { id: 'npm-access-token', provider: 'npm', description: 'npm legacy token (UUID next to npm)', keywords: ['npm'], pattern: prefixed('[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}', L_, R_), severity: 'high', confidence: 0.6, context: gated('npm_?token|npm_?auth', 40) },
  { id: 'pypi-token', provider: 'pypi', description: 'PyPI upload token', keywords: ['pypi-ageichlwas5vcmc'], pattern: prefixed('pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}', L, R_), severity: 'high', confidence: 0.95 },
  { id: 'docker-pat', provider: 'docker', description: 'Docker Hub personal access token', keywords: ['dckr_pat_'], pattern: prefixed('dckr_pat_[A-Za-z0-9_-]{20,40}', L, R_), severity: 'high', confidence: 0.9 },

  // ---- messaging ----------------------------------------------------------------------------------
  { id: 'slack-token', provider: 'slack', description: 'Slack bot, user, app or configuration token', keywords: ['xox', 'xapp-'], pattern: prefixed('(?:xox[abposre](?:\\.xox[bp])?|xapp)-[0-9A-Za-z]{1,40}(?:-[0-9A-Za-z]{1,300}){1,6}'), severity: 'high', confidence: 0.9 },
  { id: 'slack-webhook-url', provider: 'slack', description: 'Slack incoming webhook or workflow URL', keywords: ['hooks.slack.com'], pattern: re('(https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+-]{20,300})'), severity: 'high', confidence: 0.9 },
  { id: 'discord-webhook-url', provider: 'discord', description: 'Discord webhook URL', keywords: ['discord'], pattern: re('(https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})'), severity: 'high', confidence: 0.9 },
  { id: 'discord-bot-token', provider: 'discord', description: 'Discord bot token', keywords: ['discord'], pattern: prefixed('[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}', L_, R_), severity: 'high', confidence: 0.8, mixed: true },
  { id: 'twilio-api-key', provider: 'twilio', description: 'Twilio API key SID', keywords: ['twilio'], pattern: prefixed('SK[0-9a-fA-F]{32}'), severity: 'high', confidence: 0.8 },
  { id: 'twilio-auth-token', provider: 'twilio', description: 'Twilio auth token', keywords: ['twilio'], pattern: HEX32, severity: 'high', confidence: 0.75, context: gated('twilio[\\w.-]{0,20}(?:auth|token|secret)|auth[_.-]?token', 64), mixed: true },
  { id: 'sendgrid-api-key', provider: 'sendgrid', description: 'SendGrid API key', keywords: ['sg.'], pattern: prefixed('SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', L, R_), severity: 'high', confidence: 0.95 },
  { id: 'telegram-bot-token', provider: 'telegram', description: 'Telegram bot token', keywords: ['telegram'], pattern: prefixed('[0-9]{8,10}:AA[A-Za-z0-9_-]{33}', L, R_), severity: 'high', confidence: 0.85 },
  { id: 'mailchimp-api-key', provider: 'mailchimp', description: 'Mailchimp API key', keywords: ['-us'], pattern: prefixed('[0-9a-f]{32}-us[0-9]{1,2}'), severity: 'high', confidence: 0.85, mixed: true },
  { id: 'mailgun-api-key', provider: 'mailgun', description: 'Mailgun API key', keywords: ['mailgun'], pattern: prefixed('key-[0-9a-f]{32}'), severity: 'high', confidence: 0.85, mixed: true },

  // ---- payments -----------------------------------------------------------------------------------
  { id: 'stripe-secret-key', provider: 'stripe', description: 'Stripe secret key', keywords: ['sk_live_', 'sk_test_', 'sk_prod_'], pattern: prefixed('sk_(?:live|test|prod)_[A-Za-z0-9]{24,247}'), severity: 'critical', confidence: 0.95 },
  { id: 'stripe-restricted-key', provider: 'stripe', description: 'Stripe restricted key', keywords: ['rk_live_', 'rk_test_', 'rk_prod_'], pattern: prefixed('rk_(?:live|test|prod)_[A-Za-z0-9]{24,247}'), severity: 'high', confidence: 0.95 },
  { id: 'stripe-webhook-secret', provider: 'stripe', description: 'Stripe webhook signing secret', keywords: ['whsec_'], pattern: prefixed('whsec_[A-Za-z0-9+/=]{32,64}', L, R64), severity: 'high', confidence: 0.85, mixed: true },
  { id: 'square-access-token', provider: 'square', description: 'Square access token or OAuth secret', keywords: ['sq0atp-', 'sq0csp-'], pattern: prefixed('sq0(?:atp|csp)-[A-Za-z0-9_-]{22,43}', L, R_), severity: 'high', confidence: 0.9 },

  // ---- infrastructure and SaaS --------------------------------------------------------------------
  { id: 'databricks-token', provider: 'databricks', description: 'Databricks personal access token', keywords: ['dapi'], pattern: prefixed('dapi[a-fA-F0-9]{32}(?:-[0-9])?'), severity: 'high', confidence: 0.85, mixed: true },
  { id: 'hashicorp-vault-token', provider: 'hashicorp', description: 'HashiCorp Vault service, batch or recovery token', keywords: ['hvs.', 'hvb.', 'hvr.'], pattern: prefixed('hv[sbr]\\.[A-Za-z0-9_-]{90,400}', L, R_), severity: 'critical', confidence: 0.9 },
  { id: 'cloudflare-api-token', provider: 'cloudflare', description: 'Cloudflare API token or key', keywords: ['cfat_', 'cfut_', 'cfk_'], pattern: prefixed('cf(?:at|ut|k)_[A-Za-z0-9]{40}[a-f0-9]{8}'), severity: 'high', confidence: 0.9 },
  { id: 'grafana-token', provider: 'grafana', description: 'Grafana Cloud API token', keywords: ['glc_'], pattern: prefixed('glc_[A-Za-z0-9+/]{32,400}={0,2}', L, R64), severity: 'high', confidence: 0.9 },
  { id: 'grafana-token', provider: 'grafana', description: 'Grafana service account token', keywords: ['glsa_'], pattern: prefixed('glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}'), severity: 'high', confidence: 0.9 },
  { id: 'figma-token', provider: 'figma', description: 'Figma personal access token', keywords: ['figd_'], pattern: prefixed('figd_[A-Za-z0-9_-]{40,64}', L, R_), severity: 'medium', confidence: 0.9 },
  { id: 'linear-api-key', provider: 'linear', description: 'Linear API key', keywords: ['lin_api_', 'lin_oauth_'], pattern: prefixed('lin_(?:api|oauth)_[A-Za-z0-9]{40}'), severity: 'medium', confidence: 0.9 },
  { id: 'notion-token', provider: 'notion', description: 'Notion integration token', keywords: ['ntn_'], pattern: prefixed('ntn_[0-9]{11}[A-Za-z0-9]{35}'), severity: 'medium', confidence: 0.9 },
  { id: 'onepassword-service-token', provider: '1password', description: '1Password service account token', keywords: ['ops_eyj'], pattern: prefixed('ops_eyJ[A-Za-z0-9+/=_-]{100,5000}', L, '(?![A-Za-z0-9+/=_-])'), severity: 'critical', confidence: 0.9 },
  { id: 'shopify-token', provider: 'shopify', description: 'Shopify access token or app secret', keywords: ['shpss_', 'shpat_', 'shpca_', 'shppa_'], pattern: prefixed('shp(?:ss|at|ca|pa)_[A-Za-z0-9]{32,48}'), severity: 'high', confidence: 0.9 },
  // Tailscale keys are often embedded after an underscore or digit (`MY_tskey-…`): only a letter before is a near miss.
  { id: 'tailscale-key', provider: 'tailscale', description: 'Tailscale API, auth, OAuth client, SCIM or webhook key', keywords: ['tskey-'], pattern: prefixed('tskey-[a-z]{3,12}-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{16,48}', '(?<![A-Za-z])'), severity: 'high', confidence: 0.9 },
  { id: 'vercel-token', provider: 'vercel', description: 'Vercel access, integration, app or AI Gateway token', keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], pattern: prefixed('vc[pikra]_[A-Za-z0-9]{24,80}'), severity: 'high', confidence: 0.85 },
  { id: 'digitalocean-token', provider: 'digitalocean', description: 'DigitalOcean token', keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'], pattern: prefixed('do[opr]_v1_[a-f0-9]{64}'), severity: 'high', confidence: 0.95 },
  { id: 'supabase-token', provider: 'supabase', description: 'Supabase personal access token', keywords: ['sbp_'], pattern: prefixed('sbp_[a-f0-9]{40}'), severity: 'high', confidence: 0.9 },
  { id: 'postman-api-key', provider: 'postman', description: 'Postman API key', keywords: ['pmak-'], pattern: prefixed('PMAK-[a-f0-9]{24}-[a-f0-9]{34}'), severity: 'medium', confidence: 0.95 },
  { id: 'newrelic-api-key', provider: 'newrelic', description: 'New Relic user API key', keywords: ['nrak-'], pattern: prefixed('NRAK-[A-Z0-9]{27}'), severity: 'medium', confidence: 0.9 },
  { id: 'age-secret-key', provider: 'age', description: 'age encryption secret key', keywords: ['age-secret-key-1'], pattern: prefixed('AGE-SECRET-KEY-1[0-9A-Z]{58}'), severity: 'critical', confidence: 0.95 },
  // Ethereum-style private keys share their shape with transaction hashes: only next to wallet words.
  { id: 'ethereum-private-key', provider: 'ethereum', description: 'secp256k1 private key (0x + 64 hex) near wallet words', keywords: ['0x'], pattern: prefixed('0x[0-9a-fA-F]{64}'), severity: 'critical', confidence: 0.7, context: { before: /priv(?:ate)?[_ -]?key|privkey|secret|wallet|signer|mnemonic/i, window: 120, after: true }, mixed: true },
  { id: 'jwt', provider: 'jwt', description: 'JSON Web Token with authorisation claims', keywords: ['eyj'], pattern: prefixed('eyJ[A-Za-z0-9_-]{8,4000}\\.eyJ[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{0,4000}', L_, R_), severity: 'medium', confidence: 0.75, validate: jwtClaims },
];
