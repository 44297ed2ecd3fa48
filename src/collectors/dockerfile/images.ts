// Container image references and the catalogue of images that mean AI: model servers, vector databases,
// notebooks, ML platforms and gateways. Shared by the Dockerfile, compose, Kubernetes and CI collectors,
// which all name images the same way. Data first; the matcher is at the bottom.

import type { AttrValue } from '../../model/index.js';

export interface ImageRef {
  /** The reference as written. */
  image: string;
  /** Registry host when the reference names one (`ghcr.io`, `nvcr.io`). */
  registry?: string;
  /** Repository path without registry, tag or digest (`vllm/vllm-openai`). */
  repository: string;
  tag?: string;
  /** `sha256:<hex>` when pinned by digest. */
  digest?: string;
}

/** Splits `registry/repo:tag@sha256:...`; undefined for an empty or templated reference. */
export function parseImageRef(raw: string): ImageRef | undefined {
  const image = raw.trim();
  if (!image || /\s/.test(image)) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    // Docker's rule: the first component is a registry when it has a dot, a port or is localhost.
    if (/[.:]/.test(first) || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  return { image, ...(registry ? { registry } : {}), repository: rest.toLowerCase(), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export type ImageRole =
  | 'model-server' // serves models over HTTP (vLLM, TGI, Ollama, Triton, ...)
  | 'vector-store'
  | 'notebook'
  | 'ml-platform' // tracking, orchestration and distributed compute (MLflow, Ray, Kubeflow)
  | 'gateway' // multi-provider LLM routers (LiteLLM)
  | 'ml-runtime' // base images with an ML framework (PyTorch, TensorFlow, Hugging Face)
  | 'ai-app'; // chat front-ends and agent builders (Open WebUI, Flowise, Langflow)

export interface AiImage {
  product: string;
  role: ImageRole;
  /** Provider id (model/providers.ts) the product speaks for, used as the hint for model ids in its args. */
  provider?: string;
  /** Provider hint for model ids in args and env (vLLM and TGI load Hugging Face ids). */
  modelHint?: string;
  /** Only these tags mean AI (`llama.cpp:server`). */
  tagPrefix?: string;
}

interface ImageRule extends AiImage {
  /** Anchored, linear-time pattern over the repository path (registry removed, lower case). */
  re: RegExp;
}

const r = (re: RegExp, product: string, role: ImageRole, extra: Partial<AiImage> = {}): ImageRule => ({ re, product, role, ...extra });

/** First match wins; more specific repositories come first. */
export const AI_IMAGES: ImageRule[] = [
  r(/^vllm\/vllm-(?:openai|tpu|cpu)[\w-]*$|^(?:[\w.-]+\/)?vllm(?:-openai)?$/, 'vLLM', 'model-server', { modelHint: 'huggingface' }),
  r(/^huggingface\/text-generation-inference$/, 'Text Generation Inference', 'model-server', { modelHint: 'huggingface', provider: 'huggingface' }),
  r(/^huggingface\/text-embeddings-inference$/, 'Text Embeddings Inference', 'model-server', { modelHint: 'huggingface', provider: 'huggingface' }),
  r(/^ollama\/ollama$/, 'Ollama', 'model-server', { provider: 'ollama', modelHint: 'ollama' }),
  r(/^nvidia\/tritonserver$|^nvidia\/triton[\w-]*$/, 'Triton Inference Server', 'model-server'),
  r(/^nim\/[\w./-]+$/, 'NVIDIA NIM', 'model-server'),
  r(/^lmsysorg\/sglang$/, 'SGLang', 'model-server', { modelHint: 'huggingface' }),
  r(/^(?:go-skynet\/local-ai|localai\/localai|mudler\/localai)$/, 'LocalAI', 'model-server'),
  r(/^(?:ggerganov|ggml-org)\/llama\.cpp$/, 'llama.cpp server', 'model-server', { tagPrefix: 'server', modelHint: 'huggingface' }),
  r(/^pytorch\/torchserve[\w-]*$/, 'TorchServe', 'model-server'),
  r(/^tensorflow\/serving$/, 'TensorFlow Serving', 'model-server'),
  r(/^kserve\/[\w-]+$/, 'KServe', 'model-server', { modelHint: 'huggingface' }),
  r(/^seldonio\/[\w-]+$/, 'Seldon', 'model-server'),
  r(/^bentoml\/[\w-]+$/, 'BentoML', 'model-server'),
  r(/^openvino\/model_server$/, 'OpenVINO Model Server', 'model-server'),
  r(/^(?:mistralai\/mistral-inference|predibase\/lorax)$/, 'LoRAX', 'model-server', { modelHint: 'huggingface' }),
  r(/^qdrant\/qdrant$/, 'Qdrant', 'vector-store'),
  r(/^semitechnologies\/weaviate$|^weaviate\/weaviate$/, 'Weaviate', 'vector-store'),
  r(/^milvusdb\/milvus$|^zilliz\/attu$/, 'Milvus', 'vector-store'),
  r(/^chromadb\/chroma$|^chroma-core\/chroma$/, 'Chroma', 'vector-store'),
  r(/^(?:pgvector\/pgvector|ankane\/pgvector)$/, 'pgvector', 'vector-store'),
  r(/^(?:redis\/redis-stack(?:-server)?)$/, 'Redis Stack', 'vector-store'),
  r(/^(?:jupyter|jupyterhub)\/[\w-]+$|^quay\.io\/jupyter\/[\w-]+$/, 'Jupyter', 'notebook'),
  r(/^kubeflownotebookswg\/[\w-]+$/, 'Kubeflow Notebooks', 'notebook'),
  r(/^(?:mlflow\/mlflow|bitnami\/mlflow|larribas\/mlflow)$/, 'MLflow', 'ml-platform'),
  r(/^rayproject\/ray(?:-ml|-llm)?$/, 'Ray', 'ml-platform'),
  r(/^kubeflow\/[\w-]+$|^kubeflowmanifestswg\/[\w-]+$/, 'Kubeflow', 'ml-platform'),
  r(/^berriai\/litellm[\w-]*$/, 'LiteLLM', 'gateway', { provider: 'litellm' }),
  r(/^open-webui\/open-webui$/, 'Open WebUI', 'ai-app'),
  r(/^flowiseai\/flowise$/, 'Flowise', 'ai-app'),
  r(/^langflowai\/langflow$/, 'Langflow', 'ai-app'),
  r(/^langgenius\/dify-[\w-]+$/, 'Dify', 'ai-app'),
  r(/^pytorch\/pytorch$|^nvidia\/pytorch$/, 'PyTorch', 'ml-runtime'),
  r(/^tensorflow\/tensorflow$|^nvidia\/tensorflow$/, 'TensorFlow', 'ml-runtime'),
  r(/^huggingface\/transformers-[\w-]+$/, 'Transformers', 'ml-runtime', { provider: 'huggingface' }),
];

/** The AI product an image runs, or undefined when the image is not one the catalogue knows. */
export function classifyImage(ref: ImageRef): AiImage | undefined {
  // `nvcr.io/nvidia/tritonserver` keeps its namespace; `quay.io/jupyter/...` is matched with its host too.
  const candidates = ref.registry ? [ref.repository, `${ref.registry}/${ref.repository}`] : [ref.repository];
  for (const rule of AI_IMAGES) {
    if (!candidates.some((c) => rule.re.test(c))) continue;
    if (rule.tagPrefix && !(ref.tag ?? '').startsWith(rule.tagPrefix)) continue;
    const { re: _re, ...info } = rule;
    return info;
  }
  return undefined;
}

/** Attributes describing an image reference, as every container collector records them. */
export function imageAttrs(ref: ImageRef, ai?: AiImage): Record<string, AttrValue> {
  const a: Record<string, AttrValue> = { image: ref.image, repository: ref.repository };
  if (ref.registry) a.registry = ref.registry;
  if (ref.tag) a.tag = ref.tag;
  if (ref.digest) a.digest = ref.digest;
  a.pinnedByDigest = !!ref.digest && /^sha256:[0-9a-f]{64}$/i.test(ref.digest);
  // no tag means `latest`; a moving tag is recorded, not judged
  a.latest = !ref.digest && (!ref.tag || ref.tag === 'latest');
  if (ai) {
    a.product = ai.product;
    a.role = ai.role;
  }
  return a;
}

/**
 * Roll-ups over a workload's images that checks read without walking containers: images that float on
 * `latest` (or no tag) and images not pinned by digest, AI images only (a logging sidecar is not the
 * model server).
 */
export function imageRollup(images: Array<{ ref?: ImageRef; ai?: AiImage }>): Record<string, AttrValue> {
  const ai = images.filter((i): i is { ref: ImageRef; ai: AiImage } => !!i.ref && !!i.ai);
  const pinned = (r: ImageRef) => !!r.digest && /^sha256:[0-9a-f]{64}$/i.test(r.digest);
  const out: Record<string, AttrValue> = {};
  const latest = [...new Set(ai.filter((i) => !pinned(i.ref) && (!i.ref.tag || i.ref.tag === 'latest')).map((i) => i.ref.image))];
  const undigested = [...new Set(ai.filter((i) => !pinned(i.ref)).map((i) => i.ref.image))];
  if (ai.length) {
    out.latestImages = latest;
    out.imagesWithoutDigest = undigested;
  }
  return out;
}
