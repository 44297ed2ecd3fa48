// Azure: Cognitive Services / AI Services accounts (OpenAI and others) with their network and
// authentication settings, OpenAI model deployments, Machine Learning workspaces, AI Foundry hubs and
// projects, AI Search services and storage accounts.

import { PROVIDERS } from '../../../model/index.js';
import { compact, internet, type Handler } from '../emit.js';
import { block, blocks, bool, dig, ResourceRef, str, type Value } from '../values.js';

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
  const rai = str(b.rai_policy_name);
  const policy = rai ? await e.find('azurerm_cognitive_account_rai_policy', (i) => str(i.body.name) === rai) : undefined;
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
      // known only when the content filter policy is defined here; the built-in policies include the shields
      promptShield: policy ? promptShield(policy.body) : undefined,
      versionUpgrade: b.version_upgrade_option,
    },
  });
  e.edge(e.asset({ kind: 'ai-service', key: 'azure-openai', name: PROVIDERS['azure-openai']!.name, provider: 'azure-openai' }, false), 'serves', m);
  if (acct) e.edge({ kind: 'endpoint', key: accountKey(str(acctInst?.body.kind) ?? 'OpenAI', acct) }, 'serves', m);
};

/** Prompt Shields: the policy's `Jailbreak` (direct) filter is on and blocking for prompts. */
function promptShield(policy: Record<string, Value>): boolean {
  return blocks(policy.content_filter).some((f) => str(f.name) === 'Jailbreak' && (str(f.source) ?? 'Prompt') === 'Prompt' && (bool(f.filter_enabled) ?? false) && (bool(f.block_enabled) ?? false));
}

/** The asset an Azure resource reference names, for resources that other resources configure. */
function referencedAsset(v: Value | undefined): { kind: 'endpoint' | 'vector-store'; key: string } | undefined {
  if (!(v instanceof ResourceRef)) return undefined;
  const name = str(v.body.name);
  if (!name) return undefined;
  switch (v.type) {
    case 'azurerm_cognitive_account':
      return { kind: 'endpoint', key: accountKey(str(v.body.kind), name) };
    case 'azurerm_machine_learning_workspace':
      return { kind: 'endpoint', key: `azure-ml:${name}` };
    case 'azurerm_ai_foundry':
      return { kind: 'endpoint', key: `azure-ai-foundry:${name}` };
    case 'azurerm_search_service':
      return { kind: 'vector-store', key: `azure-ai-search:${name.toLowerCase()}` };
    default:
      return undefined;
  }
}

/** A private endpoint to an AI account, workspace or search service: recorded on that resource. */
const privateEndpoint: Handler = (e) => {
  const n = e.named(e.body.name);
  for (const c of blocks(e.body.private_service_connection)) {
    const target = referencedAsset(c.private_connection_resource_id);
    if (target) e.asset({ ...target, attrs: { privateEndpoints: [n.name] } }, false);
  }
};

/** A customer-managed key set by its own resource rather than the account's block. */
const accountCmk: Handler = (e) => {
  const target = referencedAsset(e.body.cognitive_account_id);
  if (target) e.asset({ ...target, attrs: { customerManagedKey: true, keyVaultKeyId: e.body.key_vault_key_id } }, false);
};

/** Azure ML compute instances (per-user notebooks VMs) and compute clusters (training nodes). */
function mlCompute(kind: 'notebook' | 'workload', prefix: string): Handler {
  return (e) => {
    const b = e.body;
    const n = e.named(b.name);
    const ws = e.referencedName(b.machine_learning_workspace_id, 'azurerm_machine_learning_workspace', 'name');
    const ssh = block(b.ssh);
    e.asset({
      kind,
      key: `${prefix}:${ws ? `${ws}/` : ''}${n.name}`,
      name: n.name,
      provider: 'azure',
      attrs: {
        ...n.attrs,
        platform: 'azure-ml',
        workspace: ws,
        vmSize: b.virtual_machine_size ?? b.vm_size,
        // node_public_ip_enabled defaults to true: nodes get a public IP unless told otherwise
        nodePublicIp: bool(b.node_public_ip_enabled) ?? true,
        sshPublicAccess: kind === 'notebook' ? ssh !== undefined : (bool(b.ssh_public_access_enabled) ?? false),
        localAuth: bool(b.local_auth_enabled) ?? true,
        subnet: b.subnet_resource_id,
        managedIdentity: dig(b, 'identity', 'type'),
      },
    });
    if (ws) e.edge({ kind, key: `${prefix}:${ws}/${n.name}` }, 'defined-in', { kind: 'endpoint', key: `azure-ml:${ws}` });
  };
}

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
      managedIdentity: dig(b, 'identity', 'type'),
      replicas: b.replica_count,
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
  azurerm_private_endpoint: privateEndpoint,
  azurerm_cognitive_account_customer_managed_key: accountCmk,
  azurerm_machine_learning_compute_instance: mlCompute('notebook', 'azure-ml-compute'),
  azurerm_machine_learning_compute_cluster: mlCompute('workload', 'azure-ml-cluster'),
};

