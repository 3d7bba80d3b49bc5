/**
 * Reading synthesized Terraform JSON: resources by type, `${type.name.attr}` references inside a
 * stack, and the cdktf cross-stack references and literal ARNs that join stacks.
 */

import type { TerraformJson } from "../policy/terraform-json";

// One document type for synthesized stacks across the libraries that read them.
export type { TerraformJson };

/** One resource of one stack. */
export interface Res {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

const LOCAL_REF = /\$\{(aws_[a-z0-9_]+|github_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\./g;
const REMOTE_REF = /cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.cross-stack-output-([A-Za-z0-9_-]+)/g;

export function resources(stackName: string, stack: TerraformJson | undefined, type: string): Res[] {
  return Object.entries(stack?.resource?.[type] ?? {}).map(([name, values]) => ({
    stack: stackName,
    type,
    name,
    values,
  }));
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function tags(res: Res): Record<string, string> {
  const t = res.values.tags;
  return t && typeof t === "object" ? (t as Record<string, string>) : {};
}

/** Local `${type.name.attr}` references inside a value, as `type.name` keys. */
export function localRefs(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  return [...text.matchAll(LOCAL_REF)].map((m) => `${m[1]}.${m[2]}`);
}

/** The `type.name` key that references use. */
export function key(res: Res): string {
  return `${res.type}.${res.name}`;
}

/**
 * The resource's logical role without the hash cdktf appends to its name: the construct path
 * below the stack (`network/private-us-east-1a`) when the JSON records it, else the logical name
 * with a trailing `_ABCD1234` removed.
 */
export function roleOf(res: Res): string {
  const meta = (res.values["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata;
  const path = str(meta?.path);
  if (path && path.startsWith(`${res.stack}/`)) return path.slice(res.stack.length + 1);
  return res.name.replace(/_[0-9A-F]{8}$/, "");
}

/** Resolves a cross-stack output name such as `aws_iam_roleroles_deploy_ABCD1234arn` to its resource. */
export function remoteRefs(value: unknown, stacks: Readonly<Record<string, TerraformJson>>): Res[] {
  const text = JSON.stringify(value ?? null);
  const found: Res[] = [];
  for (const m of text.matchAll(REMOTE_REF)) {
    const stackName = m[1]!;
    const output = m[2]!;
    const stack = stacks[stackName];
    for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
      if (!output.startsWith(type)) continue;
      const rest = output.slice(type.length);
      const name = Object.keys(byName).find((n) => rest.startsWith(n));
      if (name) found.push({ stack: stackName, type, name, values: byName[name]! });
    }
  }
  return found;
}

function firstAwsProvider(stack: TerraformJson | undefined): Record<string, unknown> | undefined {
  const aws = stack?.provider?.aws;
  return Array.isArray(aws) ? (aws[0] as Record<string, unknown> | undefined) : undefined;
}

/**
 * IAM OIDC providers a policy names by literal ARN (`arn:<partition>:iam::<account>:oidc-provider/<host>`):
 * the provider of that URL in a stack pinned to that account. Environment stacks trust the
 * account's GitHub provider by its ARN rather than a reference into the creating stack's state.
 */
export function oidcProvidersByArn(value: unknown, stacks: Readonly<Record<string, TerraformJson>>): Res[] {
  const text = JSON.stringify(value ?? null);
  const found: Res[] = [];
  for (const m of text.matchAll(/arn:aws[a-z-]*:iam::(\d{12}):oidc-provider\/([^"\\]+)/g)) {
    for (const [stackName, stack] of Object.entries(stacks)) {
      const accounts = firstAwsProvider(stack)?.allowed_account_ids;
      if (!Array.isArray(accounts) || !accounts.includes(m[1])) continue;
      for (const [name, values] of Object.entries(stack.resource?.aws_iam_openid_connect_provider ?? {})) {
        if ((str(values.url) ?? "").replace(/^https:\/\//, "") === m[2])
          found.push({ stack: stackName, type: "aws_iam_openid_connect_provider", name, values });
      }
    }
  }
  return found;
}

/** Names of the stacks whose outputs this stack reads through cross-stack references. */
export function referencedStacks(stack: TerraformJson): string[] {
  const text = JSON.stringify(stack);
  return [...new Set([...text.matchAll(REMOTE_REF)].map((m) => m[1]!))].sort();
}

export function regionOf(stack: TerraformJson | undefined): string | undefined {
  return str(firstAwsProvider(stack)?.region);
}
