/**
 * Small readers shared by the data, observability, IAM and GitHub rules of the
 * data-observability pack. Pure TypeScript with no cdktf import; builds on ../terraform-json.
 */
import { isSet, nestedBlock, resourcesOfType, type ResourceValues, type TerraformJson } from "../terraform-json";

/** A string that holds a Terraform interpolation (`${...}`), whose value is unknown until plan. */
export function isToken(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

/** A non-empty string with no interpolation in it. */
export function isLiteral(value: unknown): value is string {
  return isSet(value) && !isToken(value);
}

/** The strings of a value that is a string or a list of strings (other elements are dropped). */
export function stringList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Every element of a list block as an object (cdktf renders a single block as an object). */
export function blockList(value: unknown): Array<Readonly<Record<string, unknown>>> {
  if (Array.isArray(value)) return value.filter((v): v is Readonly<Record<string, unknown>> => typeof v === "object" && v !== null);
  const single = nestedBlock(value);
  return single ? [single] : [];
}

/**
 * A key reference that names an AWS managed key (`alias/aws/rds`, `arn:...:alias/aws/sns`).
 * AWS managed keys cannot have their key policy restricted, rotated on your schedule, or be
 * shared across accounts, so they do not evidence key management (PCI DSS 3.6, 3.7).
 */
export function isAwsManagedKey(value: unknown): boolean {
  return typeof value === "string" && /(^|:)alias\/aws\//.test(value);
}

/** A parsed `${type.name.attribute}` reference, with anything written after the closing brace. */
export interface ResourceReference {
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
  readonly suffix: string;
}

/** Parses a string that is exactly one resource reference (plus an optional literal suffix such as `:*`). */
export function parseReference(value: unknown): ResourceReference | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\$\{([a-z][a-z0-9_]*)\.([^.}\s]+)\.([a-z0-9_]+)\}(.*)$/.exec(value.trim());
  if (!match) return undefined;
  const [, type, name, attribute, suffix] = match;
  if (type === "data" || type === "var" || type === "local" || type === "module") return undefined;
  return { type: type!, name: name!, attribute: attribute!, suffix: suffix ?? "" };
}

/**
 * The resource of `type` in `stack` that `value` points at: either a `${type.name.attr}`
 * reference whose attribute is one of `attributes`, or a literal equal to one of the target's
 * `literalArguments` (e.g. a bucket's `bucket` name). Undefined when nothing in the stack matches.
 */
export function referencedResource(
  stack: TerraformJson,
  type: string,
  value: unknown,
  attributes: readonly string[],
  literalArguments: readonly string[] = [],
): [string, ResourceValues] | undefined {
  const ref = parseReference(value);
  if (ref) {
    if (ref.type !== type || !attributes.includes(ref.attribute)) return undefined;
    const values = stack.resource?.[type]?.[ref.name];
    return values ? [ref.name, values] : undefined;
  }
  if (!isLiteral(value)) return undefined;
  return resourcesOfType(stack, type).find(([, v]) => literalArguments.some((arg) => v[arg] === value));
}

/**
 * Whether `value` points at the resource `type.name` (by reference to one of `attributes`, or by a
 * literal equal to one of its `literalArguments`).
 */
export function pointsAt(
  value: unknown,
  stack: TerraformJson,
  type: string,
  name: string,
  attributes: readonly string[],
  literalArguments: readonly string[] = [],
): boolean {
  const found = referencedResource(stack, type, value, attributes, literalArguments);
  return found !== undefined && found[0] === name;
}

/** `value` rendered for a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return "unset";
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}
