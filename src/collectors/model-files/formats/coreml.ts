// Core ML: `.mlmodel` is a protobuf Model (specificationVersion, description, one model-type field);
// `.mlpackage` is a folder whose Manifest.json lists the spec and weights (the folder is the asset).

import { maskSecrets } from '../../../util/mask.js';
import { fields, smallMessage, WIRE } from '../binary/protobuf.js';
import { MalformedError, TruncatedError } from '../binary/source.js';
import { compact, type FormatReader } from './types.js';

// Model.Type oneof field numbers from Model.proto.
const MODEL_TYPES: Record<number, string> = {
  200: 'pipelineClassifier', 201: 'pipelineRegressor', 202: 'pipeline', 300: 'glmRegressor', 301: 'supportVectorRegressor',
  302: 'treeEnsembleRegressor', 303: 'neuralNetworkRegressor', 304: 'bayesianProbitRegressor', 400: 'glmClassifier',
  401: 'supportVectorClassifier', 402: 'treeEnsembleClassifier', 403: 'neuralNetworkClassifier', 404: 'kNearestNeighborsClassifier',
  500: 'neuralNetwork', 501: 'itemSimilarityRecommender', 502: 'mlProgram', 555: 'customModel', 556: 'linkedModel',
};
const SPEC_VERSION = 1;
const DESCRIPTION = 2;
const METADATA = 100; // ModelDescription.metadata: shortDescription 1, versionString 2, author 3, license 4

export const coremlReader: FormatReader = {
  format: 'coreml',
  extensions: ['mlmodel'],
  // A spec starts with specificationVersion (field 1, varint) and then the description (field 2).
  sniff: (head, rel) => rel.toLowerCase().endsWith('.mlmodel') && head[0] === 0x08,
  async describe(src, _head, _rel, warn) {
    const attrs: Record<string, string | number | boolean | undefined> = { framework: 'coreml' };
    try {
      for await (const f of fields(src, 0, src.size)) {
        if (f.field === SPEC_VERSION && f.wire === WIRE.VARINT) attrs.specificationVersion = f.value;
        else if (f.field === DESCRIPTION && f.wire === WIRE.LEN) {
          for await (const d of fields(src, f.offset, f.offset + f.length)) {
            if (d.field !== METADATA || d.wire !== WIRE.LEN) continue;
            const m = await smallMessage(src, d);
            // Free text written by the model's author: bounded and masked.
            const text = (n: number) => (typeof m.get(n) === 'string' ? maskSecrets((m.get(n) as string).slice(0, 200)) : undefined);
            attrs.description = text(1);
            attrs.version = text(2);
            attrs.author = text(3);
            attrs.license = text(4);
          }
        } else if (MODEL_TYPES[f.field]) attrs.modelType = MODEL_TYPES[f.field];
      }
    } catch (e) {
      if (!(e instanceof MalformedError || e instanceof TruncatedError)) throw e;
      warn(`Core ML spec is malformed: ${e.message}`);
      attrs.malformed = true;
    }
    return { format: 'coreml', attrs: compact(attrs) };
  },
};

/** `X.mlpackage/Manifest.json`: the package folder is the model. */
export const mlpackageReader: FormatReader = {
  format: 'coreml-package',
  extensions: [],
  sniff: (_head, rel) => /\.mlpackage\/Manifest\.json$/i.test(rel),
  async describe(src, _head, rel, warn) {
    const key = rel.slice(0, rel.length - '/Manifest.json'.length);
    const attrs: Record<string, string | number | undefined> = { framework: 'coreml' };
    try {
      const manifest = JSON.parse((await src.read(0, 1024 * 1024)).toString('utf8')) as { fileFormatVersion?: unknown; itemInfoEntries?: Record<string, { path?: unknown }> };
      attrs.fileFormatVersion = typeof manifest.fileFormatVersion === 'string' ? manifest.fileFormatVersion : undefined;
      const items = Object.values(manifest.itemInfoEntries ?? {});
      attrs.items = items.length;
      const weights = items.find((i) => typeof i.path === 'string' && /weight/i.test(i.path));
      attrs.weights = typeof weights?.path === 'string' ? weights.path : undefined;
    } catch (e) {
      warn(`Core ML package Manifest.json is not valid JSON: ${(e as Error).message}`);
    }
    return { format: 'coreml-package', key, attrs: compact(attrs) };
  },
};
