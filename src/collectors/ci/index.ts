// Collector `ci`: GitHub Actions workflows and GitLab CI pipelines. Jobs that train, evaluate, deploy,
// publish or download models, or hold AI credentials, become `pipeline` assets with their triggers,
// permissions, actions (pinned or not), secrets and what they deploy; see pipeline.ts for the edges.

import type { Collector } from '../types.js';
import { isWorkflowPath, readWorkflow } from './github.js';
import { isGitlabCiPath, readGitlab } from './gitlab.js';
import { emitJob } from './pipeline.js';
import { isRecord, parseYaml } from './yaml.js';

export const ciCollector: Collector = {
  id: 'ci',
  version: '1.0.0',
  wants: (rel, base) => isWorkflowPath(rel) || isGitlabCiPath(rel, base),
  async collect(file, ctx) {
    const { file: y, doc, error } = parseYaml(file.rel, await file.text());
    if (error) {
      ctx.warn(error.message, error.line);
      return;
    }
    if (!isRecord(doc)) return;
    const jobs = isWorkflowPath(file.rel) ? readWorkflow(y, doc) : readGitlab(y, doc);
    for (const j of jobs) emitJob(ctx, j);
  },
};
