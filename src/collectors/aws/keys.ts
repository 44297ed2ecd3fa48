// Natural keys for AWS things, shared by the Terraform and CloudFormation collectors so that the same
// bucket, role or Bedrock model named in either (or in code) becomes one asset.

export const s3Key = (bucket: string) => `s3://${bucket}`;
export const roleKey = (name: string) => `aws-iam-role:${name}`;
export const bedrockModelKey = (id: string) => `aws-bedrock/${id}`;
export const sagemakerModelKey = (name: string) => `sagemaker/${name}`;
export const sagemakerEndpointKey = (name: string) => `sagemaker:${name}`;
export const knowledgeBaseKey = (name: string) => `aws-bedrock-kb:${name}`;
export const bedrockAgentKey = (name: string) => `aws-bedrock-agent:${name}`;

/** `s3://bucket/prefix` or `arn:aws:s3:::bucket/key` → bucket. */
export function bucketOf(uriOrArn: string): string | undefined {
  const m = /^s3a?:\/\/([^/]+)/.exec(uriOrArn) ?? /^arn:aws[\w-]*:s3:::([^/]+)/.exec(uriOrArn);
  return m?.[1];
}

/** `arn:aws:iam::123456789012:role/service-role/name` → `name`. */
export function roleNameOfArn(arn: string): string | undefined {
  return /^arn:aws[\w-]*:iam::[^:]*:role\/(?:[^/]+\/)*([^/]+)$/.exec(arn)?.[1];
}

/** A Bedrock model id from an id or an ARN (`...:foundation-model/amazon.titan-embed-text-v2:0`). */
export function bedrockModelIdOf(idOrArn: string): string | undefined {
  const m = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile|custom-model|provisioned-model)\/(.+)$/.exec(idOrArn);
  if (m) return m[1];
  return /^[a-z0-9-]+\.[\w.:-]+$/.test(idOrArn) ? idOrArn : undefined;
}

/** AWS glob (`*`, `?`) matching; the classic two-pointer algorithm, no regular expression. */
export function awsGlob(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
