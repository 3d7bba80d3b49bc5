/**
 * Readers for synthesized Terraform JSON (`cdk.tf.json`), shared by the policy rules; the diagram
 * reads the same document type.
 *
 * Pure TypeScript with no cdktf import: rules read what `cdktf synth` wrote, the same JSON
 * Terraform plans from, so they see escape hatches and defaults exactly as Terraform will.
 */

/** The arguments of one resource, keyed by Terraform argument name (snake_case). */
export type ResourceValues = Readonly<Record<string, unknown>>;

/**
 * One synthesized stack (`cdk.tf.json`) as the policy rules and the diagram read it: resources
 * and data sources by type and name (`resource[type][name] = values`), and the provider blocks.
 * Readers of other top-level blocks (`output`, `import`, `terraform`) widen it where they need to.
 */
export interface TerraformJson {
  /** Managed resources: `resource[type][name]` is one resource's arguments. */
  readonly resource?: Readonly<Record<string, Readonly<Record<string, ResourceValues>>>>;
  /** Data sources: `data[type][name]` is one data source's arguments. */
  readonly data?: Readonly<Record<string, Readonly<Record<string, ResourceValues>>>>;
  /** Provider blocks by provider name (`aws`, `github`...), each a list of configurations (aliases, regions). */
  readonly provider?: Readonly<Record<string, unknown>>;
}

/** True for a literal `true` (or the string "true", which Terraform also accepts). Tokens are not true. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** True for a non-empty string (a literal or a `${...}` reference). */
export function isSet(value: unknown): boolean {
  return typeof value === "string" && value.trim() !== "";
}

/** A literal number (or numeric string); undefined for a missing value or an unresolved token. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/**
 * A nested block's arguments. cdktf renders single nested blocks as an object, list blocks
 * as an array; either way the first element is the block.
 */
export function nestedBlock(value: unknown): Readonly<Record<string, unknown>> | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === "object" && first !== null ? (first as Readonly<Record<string, unknown>>) : undefined;
}

/** Whether the resource carries `lifecycle { prevent_destroy = true }`. */
export function hasPreventDestroy(values: ResourceValues): boolean {
  return isTrue(nestedBlock(values.lifecycle)?.prevent_destroy);
}

/** The Terraform interpolation of one attribute of a resource, e.g. `${aws_s3_bucket.logs.id}`. */
export function reference(type: string, name: string, attribute: string): string {
  return `\${${type}.${name}.${attribute}}`;
}

/** Every resource of one type in the stack, as `[name, values]` pairs. */
export function resourcesOfType(stack: TerraformJson, type: string): Array<[string, ResourceValues]> {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** Every data source of one type in the stack, as `[name, values]` pairs. */
export function dataSourcesOfType(stack: TerraformJson, type: string): Array<[string, ResourceValues]> {
  return Object.entries(stack.data?.[type] ?? {});
}

/** `deletion_protection` → `deletionProtection`: the cdktf binding's name for an argument. */
export function camelCase(argument: string): string {
  return argument.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}
