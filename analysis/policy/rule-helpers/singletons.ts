/** Readers the singletons deployability rules share (rules/deployability/singletons/). */
import type { AppProblem, SynthesizedApp } from "../rule";
import type { ResourceValues, TerraformJson } from "../terraform-json";

/** The parts of a stack's JSON these checks read besides resources. */
export interface StackWithProviders extends TerraformJson {
  readonly provider?: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;
  readonly import?: ReadonlyArray<{ readonly id?: unknown; readonly to?: unknown }>;
}

/** One resource of the app, with the account and region its AWS provider is pinned to. */
export interface PlacedResource {
  readonly stack: string;
  readonly address: string;
  readonly name: string;
  readonly values: ResourceValues;
  /** The provider's single allowed account id; undefined when the provider doesn't pin one. */
  readonly accountId?: string;
  /** The provider's region (may be a `${...}` reference). */
  readonly region?: string;
  /** The id of the `import` block that adopts this resource, when there is one. */
  readonly importId?: unknown;
}

/** The AWS provider block a resource uses: its `provider` meta-argument (`aws.<alias>`), else the default one. */
export function resourceAwsProvider(
  stack: StackWithProviders,
  values: ResourceValues,
): Readonly<Record<string, unknown>> | undefined {
  const providers = stack.provider?.aws ?? [];
  const ref = typeof values.provider === "string" ? values.provider : undefined;
  const alias = ref?.startsWith("aws.") ? ref.slice(4) : undefined;
  return providers.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias));
}

/** Every resource of a type across the app, placed in its account and region. */
export function placedResources(app: SynthesizedApp, type: string): PlacedResource[] {
  const found: PlacedResource[] = [];
  for (const [stackName, json] of Object.entries(app.stacks)) {
    const stack = json as StackWithProviders;
    const imports = new Map<unknown, unknown>((stack.import ?? []).map((i) => [i.to, i.id]));
    for (const [name, values] of Object.entries(stack.resource?.[type] ?? {})) {
      const provider = resourceAwsProvider(stack, values);
      const allowed = provider?.allowed_account_ids;
      const accountId =
        Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string" ? allowed[0] : undefined;
      const region = typeof provider?.region === "string" ? provider.region : undefined;
      const address = `${type}.${name}`;
      found.push({ stack: stackName, address, name, values, accountId, region, importId: imports.get(address) });
    }
  }
  return found;
}

/** Where a singleton lives. A provider that pins no account is compared within its own stack only. */
export function singletonScopeKey(r: PlacedResource, regional: boolean): string {
  const account = r.accountId ?? `unpinned account of stack ${r.stack}`;
  return regional ? `${account}|${r.region ?? "default region"}` : account;
}

/** Where a singleton is, for messages: its account and, for a regional one, its region. */
export const singletonLocation = (r: PlacedResource, regional: boolean) =>
  `${r.accountId ? `account ${r.accountId}` : "its account"}${regional ? ` in ${r.region ?? "its region"}` : ""}`;

/** Problems for every group of more than one resource under the same key. */
export function duplicateSingletons(
  resources: readonly PlacedResource[],
  key: (r: PlacedResource) => string,
  message: (r: PlacedResource, others: readonly PlacedResource[]) => string,
): AppProblem[] {
  const groups = new Map<string, PlacedResource[]>();
  for (const r of resources) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .flatMap((g) =>
      g.map((r) => ({
        stack: r.stack,
        address: r.address,
        message: message(
          r,
          g.filter((o) => o !== r),
        ),
      })),
    );
}

/** Other resources, listed as `stack address` for messages. */
export const listedByAddress = (others: readonly PlacedResource[]) =>
  others.map((o) => `${o.stack} ${o.address}`).join(", ");

/** A string with no interpolation; unlike isLiteral, an empty one counts (an import id must still be checked). */
export const isUntemplated = (value: unknown): value is string => typeof value === "string" && !value.includes("${");

/** `https://token.actions.githubusercontent.com/` → `token.actions.githubusercontent.com`: the part of the URL IAM keys providers by. */
export const oidcProviderKey = (url: unknown) =>
  typeof url === "string"
    ? url
        .replace(/^https:\/\//, "")
        .replace(/\/$/, "")
        .toLowerCase()
    : String(url);
