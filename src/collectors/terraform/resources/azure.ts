// Azure: Cognitive Services / AI Services accounts (OpenAI and others) with their network and
// authentication settings, OpenAI model deployments, Machine Learning workspaces, AI Foundry hubs and
// projects, AI Search services and storage accounts.

import { PROVIDERS } from '../../../model/index.js';
import { compact, type Handler } from '../emit.js';
import { block, bool, dig, str, type Value } from '../values.js';
import { internet } from './aws-data.js';

const OPENAI_KINDS = new Set(['OpenAI', 'AIServices']);

const accountKey = (kind: string | undefined, name: string) => (kind && OPENAI_KINDS.has(kind) ? `azure-openai:${name}` : `azure-ai:${name}`);

/** `public_network_access_enabled` (default on) unless network rules deny by default. */
function publiclyReachable(publicAccess: Value | undefined, acls: Record<string, Value> | undefined, dflt = true): boolean {
  const open = bool(publicAccess) ?? dflt;
  return open && (!acls || str(acls.default_action) !== 'Deny');
}

const account: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const kind = str(b.kind);
  const acls = block(b.network_acls);
  const cmk = block(b.customer_managed_key);
  const openai = kind !== undefined && OPENAI_KINDS.has(kind);
  const subdomain = str(b.custom_subdomain_name);
  const reachable = publiclyReachable(b.public_network_access_enabled, acls);
  const ep = e.asset({
    kind: 'endpoint',
    key: accountKey(kind, n.name),
    name: n.name,
    provider: openai ? 'azure-openai' : 'azure',
    attrs: {
      ...n.attrs,
      platform: openai ? 'azure-openai' : 'azure-cognitive-services',
      accountKind: kind,
      sku: b.sku_name,
      url: subdomain ? `https://${subdomain}.${openai ? 'openai.azure.com' : 'cognitiveservices.azure.com'}/` : undefined,
      publicNetworkAccess: bool(b.public_network_access_enabled) ?? true,
      localAuth: bool(b.local_auth_enabled) ?? true,
      outboundRestricted: bool(b.outbound_network_access_restricted) ?? false,
      customerManagedKey: cmk !== undefined,
      keyVaultKeyId: cmk?.key_vault_key_id,
      networkAcls: acls ? compact({ defaultAction: acls.default_action, ipRules: acls.ip_rules, virtualNetworkRules: acls.virtual_network_rules !== undefined }) : undefined,
      managedIdentity: dig(b, 'identity', 'type'),
    },
  });
  if (reachable) e.edge(internet(e), 'exposes', ep);
  if (openai) e.asset({ kind: 'ai-service', key: 'azure-openai', name: PROVIDERS['azure-openai']!.name, provider: 'azure-openai' }, false);
};

const deployment: Handler = async (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const model = block(b.model);
  const acct = e.referencedName(b.cognitive_account_id, 'azurerm_cognitive_account', 'name');
  const acctInst = acct ? await e.find('azurerm_cognitive_account', (i) => str(i.body.name) === acct) : undefined;
  const m = e.asset({
    kind: 'model',
    key: `azure-openai/${n.name}`,
    name: n.name,
    provider: 'azure-openai',
    attrs: {
      ...n.attrs,
      modelId: n.name,
      deployment: n.name,
      modelName: model?.name,
      modelVersion: model?.version,
      modelFormat: model?.format,
      account: acct,
      sku: dig(b, 'sku', 'name') ?? dig(b, 'scale', 'type'),
      capacity: dig(b, 'sku', 'capacity') ?? dig(b, 'scale', 'capacity'),
      contentFilter: b.rai_policy_name,
      versionUpgrade: b.version_upgrade_option,
    },
  });
  e.edge(e.asset({ kind: 'ai-service', key: 'azure-openai', name: PROVIDERS['azure-openai']!.name, provider: 'azure-openai' }, false), 'serves', m);
  if (acct) e.edge({ kind: 'endpoint', key: accountKey(str(acctInst?.body.kind) ?? 'OpenAI', acct) }, 'serves', m);
};

/** A workspace-like platform resource: an endpoint keyed `<platform>:<name>`, reachable when public. */
function workspace(platformId: string, publicAttr: (b: Record<string, Value>) => boolean, extra: (b: Record<string, Value>) => Record<string, unknown>): Handler {
  return (e) => {
    const b = e.body;
    const n = e.named(b.name);
    const reachable = publicAttr(b);
    const ep = e.asset({ kind: 'endpoint', key: `${platformId}:${n.name}`, name: n.name, provider: 'azure', attrs: { ...n.attrs, platform: platformId, publicNetworkAccess: reachable, ...extra(b) } });
    if (reachable) e.edge(internet(e), 'exposes', ep);
  };
}

const mlWorkspace = workspace(
  'azure-ml',
  (b) => bool(b.public_network_access_enabled) ?? true,
  (b) => ({
    highBusinessImpact: bool(b.high_business_impact) ?? false,
    customerManagedKey: block(b.encryption) !== undefined,
    keyVaultKeyId: dig(b, 'encryption', 'key_vault_key_id'),
    isolationMode: dig(b, 'managed_network', 'isolation_mode'),
    managedIdentity: dig(b, 'identity', 'type'),
  }),
);

const foundryHub = workspace(
  'azure-ai-foundry',
  (b) => (str(b.public_network_access) ?? 'Enabled') === 'Enabled',
  (b) => ({
    highBusinessImpact: bool(b.high_business_impact_enabled) ?? false,
    customerManagedKey: block(b.encryption) !== undefined,
    isolationMode: dig(b, 'managed_network', 'isolation_mode'),
    managedIdentity: dig(b, 'identity', 'type'),
  }),
);

const foundryProject: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const hub = e.referencedName(b.ai_services_hub_id, 'azurerm_ai_foundry', 'name');
  const ep = e.asset({ kind: 'endpoint', key: `azure-ai-foundry:${hub ? `${hub}/` : ''}${n.name}`, name: n.name, provider: 'azure', attrs: { ...n.attrs, platform: 'azure-ai-foundry', hub, highBusinessImpact: bool(b.high_business_impact_enabled) ?? false } });
  if (hub) e.edge(ep, 'defined-in', { kind: 'endpoint', key: `azure-ai-foundry:${hub}` });
};

const search: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const allowed = Array.isArray(b.allowed_ips) ? b.allowed_ips : [];
  const open = bool(b.public_network_access_enabled) ?? true;
  const vs = e.asset({
    kind: 'vector-store',
    key: `azure-ai-search:${n.name.toLowerCase()}`,
    name: n.name,
    provider: 'azure',
    attrs: {
      ...n.attrs,
      product: 'azure-ai-search',
      sku: b.sku,
      publicNetworkAccess: open,
      allowedIps: allowed.length ? allowed : undefined,
      localAuth: bool(b.local_authentication_enabled) ?? true,
      authenticationFailureMode: b.authentication_failure_mode,
      customerManagedKeyEnforced: bool(b.customer_managed_key_enforcement_enabled) ?? false,
      semanticSearch: b.semantic_search_sku,
    },
  });
  if (open && !allowed.length) e.edge(internet(e), 'exposes', vs);
};

const storageAccount: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  e.asset({
    kind: 'storage',
    key: `azure-storage:${n.name}`,
    name: n.name,
    provider: 'azure',
    attrs: {
      ...n.attrs,
      product: 'azure-storage',
      publicNetworkAccess: bool(b.public_network_access_enabled) ?? true,
      allowBlobPublicAccess: bool(b.allow_nested_items_to_be_public) ?? true,
      sharedKeyAccess: bool(b.shared_access_key_enabled) ?? true,
      minTlsVersion: b.min_tls_version,
      httpsOnly: bool(b.https_traffic_only_enabled ?? b.enable_https_traffic_only) ?? true,
      customerManagedKey: block(b.customer_managed_key) !== undefined,
      networkDefaultAction: dig(b, 'network_rules', 'default_action'),
    },
  });
};

export const AZURE_HANDLERS: Record<string, Handler> = {
  azurerm_cognitive_account: account,
  azurerm_cognitive_deployment: deployment,
  azurerm_machine_learning_workspace: mlWorkspace,
  azurerm_ai_foundry: foundryHub,
  azurerm_ai_foundry_project: foundryProject,
  azurerm_search_service: search,
  azurerm_storage_account: storageAccount,
};

