// Every Terraform resource type the collector describes, by family.

import type { Handler } from '../emit.js';
import { BEDROCK_HANDLERS } from './aws-bedrock.js';
import { AWS_DATA_HANDLERS } from './aws-data.js';
import { IAM_HANDLERS } from './aws-iam.js';
import { SAGEMAKER_HANDLERS } from './aws-sagemaker.js';
import { AZURE_HANDLERS } from './azure.js';
import { GCP_HANDLERS } from './gcp.js';

export const HANDLERS: Record<string, Handler> = {
  ...SAGEMAKER_HANDLERS,
  ...BEDROCK_HANDLERS,
  ...AWS_DATA_HANDLERS,
  ...IAM_HANDLERS,
  ...AZURE_HANDLERS,
  ...GCP_HANDLERS,
};
