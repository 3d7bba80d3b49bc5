/**
 * How one resource points at another in synthesized JSON: by a `${type.name.attribute}`
 * interpolation, or by a literal value (a bucket's name) equal to the target's argument.
 */
import { reference, resourcesOfType, type ResourceValues, type TerraformJson } from "../terraform-json";
import { isLiteral } from "./values";

/**
 * The strings by which another resource can point at `type.name`: the interpolations
 * `${type.name.<attribute>}` for each attribute, plus the given literal values (e.g. a bucket's
 * literal name), skipping values that are themselves interpolations.
 */
export function pointersTo(
  type: string,
  name: string,
  attributes: readonly string[],
  literals: readonly unknown[] = [],
): ReadonlySet<string> {
  const pointers = new Set(attributes.map((attribute) => reference(type, name, attribute)));
  for (const literal of literals) {
    if (typeof literal === "string" && literal !== "" && !literal.includes("${")) pointers.add(literal);
  }
  return pointers;
}

/** True when `value` (a string, or a list of strings) is exactly one of the pointers. */
export function pointsAt(value: unknown, pointers: ReadonlySet<string>): boolean {
  if (typeof value === "string") return pointers.has(value);
  return Array.isArray(value) && value.some((item) => typeof item === "string" && pointers.has(item));
}

/** Resources of `type` whose `argument` holds one of the pointers. */
export function resourcesPointingAt(
  stack: TerraformJson,
  type: string,
  argument: string,
  pointers: ReadonlySet<string>,
): Array<[string, ResourceValues]> {
  return resourcesOfType(stack, type).filter(([, values]) => pointsAt(values[argument], pointers));
}

/** The resources of several types (e.g. `aws_lb` and its alias `aws_alb`), as `[type, name, values]`. */
export function resourcesOfTypes(
  stack: TerraformJson,
  types: readonly string[],
): Array<[string, string, ResourceValues]> {
  return types.flatMap((type) =>
    resourcesOfType(stack, type).map(([name, values]): [string, string, ResourceValues] => [type, name, values]),
  );
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
 * The resource of `type` in `stack` that `value` resolves to: either a `${type.name.attr}`
 * reference (a suffix such as `:*` allowed) whose attribute is one of `attributes`, or a literal
 * equal to one of the target's `literalArguments` (e.g. a bucket's `bucket` name). Undefined
 * when nothing in the stack matches.
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
 * Whether `value` resolves to the resource `type.name` as {@link referencedResource} resolves it.
 * Unlike {@link pointsAt}, a single value only, and a literal matches the first resource that
 * has it.
 */
export function resolvesTo(
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

/**
 * A key reference that names an AWS managed key (`alias/aws/rds`, `arn:...:alias/aws/sns`).
 * AWS managed keys cannot have their key policy restricted, rotated on your schedule, or be
 * shared across accounts, so they do not evidence key management (PCI DSS 3.6, 3.7).
 */
export function isAwsManagedKey(value: unknown): boolean {
  return typeof value === "string" && /(^|:)alias\/aws\//.test(value);
}
