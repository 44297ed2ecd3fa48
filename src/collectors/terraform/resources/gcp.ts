// Google Cloud: Vertex AI endpoints, datasets, feature stores, vector search indexes and index
// endpoints, Workbench / user-managed notebook instances, and Cloud Storage buckets.

import type { KeyRef } from '../../types.js';
import { compact, internet, type Handler, type ResourceEmit } from '../emit.js';
import { block, blocks, bool, dig, isRecord, str, type Value } from '../values.js';

const VERTEX: KeyRef = { kind: 'ai-service', key: 'google-vertex-ai' };

function vertex(e: ResourceEmit): KeyRef {
  return e.asset({ kind: 'ai-service', key: VERTEX.key, name: 'Google Vertex AI', provider: VERTEX.key }, false);
}

const kms = (b: Record<string, Value>) => dig(b, 'encryption_spec', 'kms_key_name');

function gcsBucket(e: ResourceEmit, uri: Value | undefined): KeyRef | undefined {
  const m = /^gs:\/\/([^/]+)/.exec(str(uri) ?? '');
  return m ? e.asset({ kind: 'storage', key: `gs://${m[1]}`, name: m[1]!, attrs: { bucket: m[1]!, product: 'gcs' } }, false) : undefined;
}

const endpoint: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name ?? b.display_name);
  const psc = bool(dig(b, 'private_service_connect_config', 'enable_private_service_connect')) ?? false;
  const isPublic = b.network == null && !psc;
  const ep = e.asset({
    kind: 'endpoint',
    key: `google-vertex-ai:${n.name}`,
    name: n.name,
    provider: 'google-vertex-ai',
    attrs: { ...n.attrs, platform: 'google-vertex-ai', displayName: b.display_name, location: b.location, network: b.network, privateServiceConnect: psc, publicEndpoint: isPublic, dedicatedEndpoint: bool(b.dedicated_endpoint_enabled), kmsKeyName: kms(b), encrypted: kms(b) != null },
  });
  if (isPublic) e.edge(internet(e), 'exposes', ep);
  vertex(e);
};

const SCHEMA_FORMAT = /\/schema\/dataset\/metadata\/(\w+)_/;

const dataset: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.display_name);
  const schema = str(b.metadata_schema_uri);
  e.asset({ kind: 'dataset', key: `google-vertex-ai-dataset:${n.name}`, name: n.name, provider: 'google-vertex-ai', attrs: { ...n.attrs, platform: 'google-vertex-ai', format: schema ? SCHEMA_FORMAT.exec(schema)?.[1] : undefined, metadataSchema: schema, region: b.region, kmsKeyName: kms(b), encrypted: kms(b) != null } });
  vertex(e);
};

const featurestore: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  e.asset({ kind: 'dataset', key: `google-vertex-ai-featurestore:${n.name}`, name: n.name, provider: 'google-vertex-ai', attrs: { ...n.attrs, platform: 'google-vertex-ai', featurestore: true, onlineServingNodes: dig(b, 'online_serving_config', 'fixed_node_count'), kmsKeyName: kms(b), encrypted: kms(b) != null } });
};

const metadataStore: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  e.asset({ kind: 'dataset', key: `google-vertex-ai-metadata-store:${n.name}`, name: n.name, provider: 'google-vertex-ai', attrs: { ...n.attrs, platform: 'google-vertex-ai', metadataStore: true, region: b.region, kmsKeyName: kms(b), encrypted: kms(b) != null } });
  vertex(e);
};

const index: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.display_name);
  const meta = block(b.metadata);
  const vs = e.asset({ kind: 'vector-store', key: `vertex-ai-vector-search:${n.name.toLowerCase()}`, name: n.name, provider: 'google-vertex-ai', attrs: { ...n.attrs, product: 'vertex-ai-vector-search', contentsUri: meta?.contents_delta_uri, dimensions: dig(meta, 'config', 'dimensions'), distance: dig(meta, 'config', 'distance_measure_type'), updateMethod: b.index_update_method } });
  const s = gcsBucket(e, meta?.contents_delta_uri);
  if (s) e.edge(vs, 'derived-from', s);
};

const indexEndpoint: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.display_name);
  const isPublic = bool(b.public_endpoint_enabled) ?? false;
  const ep = e.asset({ kind: 'endpoint', key: `google-vertex-ai:${n.name}`, name: n.name, provider: 'google-vertex-ai', attrs: { ...n.attrs, platform: 'google-vertex-ai', vectorSearch: true, publicEndpoint: isPublic, network: b.network, privateServiceConnect: bool(dig(b, 'private_service_connect_config', 'enable_private_service_connect')) } });
  if (isPublic) e.edge(internet(e), 'exposes', ep);
};

/** Root access is on unless the `notebook-disable-root` metadata says otherwise. */
function rootAccess(metadata: Value | undefined): boolean {
  return !(isRecord(metadata) && str(metadata['notebook-disable-root']) === 'true');
}

function notebook(e: ResourceEmit, attrs: Record<string, unknown>, serviceAccount: Value | undefined): void {
  const n = e.named(e.body.name);
  const nb = e.asset({ kind: 'notebook', key: `vertex-workbench:${n.name}`, name: n.name, provider: 'google-vertex-ai', attrs: { ...n.attrs, platform: 'google-vertex-ai', ...attrs } });
  const sa = str(serviceAccount);
  if (sa) e.edge(nb, 'assumes', e.asset({ kind: 'identity', key: `gcp-sa:${sa}`, name: sa, provider: 'gcp', attrs: { identityType: 'gcp-service-account' } }, false));
}

const userManagedNotebook: Handler = (e) => {
  const b = e.body;
  const shielded = block(b.shielded_instance_config);
  notebook(
    e,
    {
      machineType: b.machine_type,
      publicIp: !(bool(b.no_public_ip) ?? false),
      proxyAccess: !(bool(b.no_proxy_access) ?? false),
      rootAccess: rootAccess(b.metadata),
      network: b.network,
      subnet: b.subnet,
      diskEncryption: b.disk_encryption,
      kmsKey: b.kms_key,
      // Shielded VM defaults: secure boot off, integrity monitoring and vTPM on
      secureBoot: bool(shielded?.enable_secure_boot) ?? false,
      integrityMonitoring: bool(shielded?.enable_integrity_monitoring) ?? true,
    },
    b.service_account,
  );
};

const workbench: Handler = (e) => {
  const b = e.body;
  const gce = block(b.gce_setup);
  const sa = blocks(gce?.service_accounts)[0]?.email;
  notebook(
    e,
    {
      machineType: gce?.machine_type,
      publicIp: !(bool(gce?.disable_public_ip) ?? false),
      proxyAccess: !(bool(b.disable_proxy_access) ?? false),
      rootAccess: rootAccess(gce?.metadata),
      secureBoot: bool(dig(gce, 'shielded_instance_config', 'enable_secure_boot')) ?? false,
      integrityMonitoring: bool(dig(gce, 'shielded_instance_config', 'enable_integrity_monitoring')) ?? true,
      diskEncryption: dig(gce, 'boot_disk', 'disk_encryption'),
      kmsKey: dig(gce, 'boot_disk', 'kms_key'),
      network: blocks(gce?.network_interfaces)[0]?.network,
    },
    sa,
  );
};

const bucket: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  e.asset({
    kind: 'storage',
    key: `gs://${n.name}`,
    name: n.name,
    provider: 'gcp',
    attrs: compact({ ...n.attrs, bucket: n.name, product: 'gcs', uniformBucketLevelAccess: bool(b.uniform_bucket_level_access) ?? false, publicAccessPrevention: b.public_access_prevention, kmsKeyName: dig(b, 'encryption', 'default_kms_key_name'), versioning: bool(dig(b, 'versioning', 'enabled')) }),
  });
};

/** IAM on a bucket granting `allUsers` / `allAuthenticatedUsers` makes it public. */
const bucketIam: Handler = (e) => {
  const b = e.body;
  const members = [b.member, ...(Array.isArray(b.members) ? b.members : [])].map((m) => str(m)).filter((m): m is string => !!m);
  const name = str(b.bucket);
  if (!name) return;
  const pub = members.filter((m) => m === 'allUsers' || m === 'allAuthenticatedUsers');
  e.asset({ kind: 'storage', key: `gs://${name}`, name, attrs: { bucket: name, product: 'gcs', publicIam: pub.length > 0, publicRoles: pub.length ? [str(b.role) ?? ''] : undefined } }, false);
};

export const GCP_HANDLERS: Record<string, Handler> = {
  google_vertex_ai_endpoint: endpoint,
  google_vertex_ai_dataset: dataset,
  google_vertex_ai_featurestore: featurestore,
  google_vertex_ai_metadata_store: metadataStore,
  google_vertex_ai_index: index,
  google_vertex_ai_index_endpoint: indexEndpoint,
  google_notebooks_instance: userManagedNotebook,
  google_workbench_instance: workbench,
  google_storage_bucket: bucket,
  google_storage_bucket_iam_member: bucketIam,
  google_storage_bucket_iam_binding: bucketIam,
};
