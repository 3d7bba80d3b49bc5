/**
 * Facts about whole stacks of a synthesized app: where a stack is placed (its AWS account and
 * region), the region a resource acts in, and the order cdktf applies the stacks in.
 */
import type { SynthesizedApp } from "../rule";
import type { ResourceValues, TerraformJson } from "../terraform-json";
import { asString, isToken } from "./values";

/** Where a stack is placed: the account its default AWS provider is pinned to, and its region. */
export interface Placement {
  readonly accountId?: string;
  readonly region?: string;
}

/** The account and region of a stack's default AWS provider (the one without an alias, else the first). */
export function stackPlacement(stack: TerraformJson): Placement {
  const providers = (stack as { provider?: { aws?: ReadonlyArray<Record<string, unknown>> } }).provider?.aws ?? [];
  const main = providers.find((p) => p.alias === undefined) ?? providers[0] ?? {};
  const accounts = main.allowed_account_ids;
  return {
    region: typeof main.region === "string" ? main.region : undefined,
    accountId: Array.isArray(accounts) && typeof accounts[0] === "string" ? accounts[0] : undefined,
  };
}

/** The region a resource acts in: its own `region` argument, its aliased AWS provider's region, or the stack's. */
export function resourceRegion(stack: TerraformJson, values: ResourceValues): string | undefined {
  const own = asString(values.region);
  if (own && !isToken(own)) return own;
  const alias = asString(values.provider)?.match(/^aws\.(.+)$/)?.[1];
  if (alias) {
    const providers = (stack as { provider?: { aws?: ReadonlyArray<Record<string, unknown>> } }).provider?.aws ?? [];
    return asString(providers.find((p) => p.alias === alias)?.region);
  }
  return stackPlacement(stack).region;
}

/** Stacks applied before `stack`: its dependencies, their dependencies, and so on. */
export function appliedBefore(app: SynthesizedApp, stack: string): Set<string> {
  const seen = new Set<string>();
  const pending = [...(app.dependencies[stack] ?? [])];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(app.dependencies[next] ?? []));
  }
  return seen;
}
