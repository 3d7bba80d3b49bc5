/** Readers for single argument values of synthesized Terraform JSON: lists, blocks, tokens, literals. */
import { isSet } from "../terraform-json";

/** A list argument's items (a single value counts as a list of one); nothing for a missing value. */
export function asList(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The strings of a value that is a string or a list of strings (a policy's `Action`, a principal list); other items are dropped. */
export function stringsOf(value: unknown): string[] {
  return asList(value).filter((item): item is string => typeof item === "string");
}

/** Every block of a list-or-single nested block argument (cdktf renders both shapes). */
export function blocksOf(value: unknown): Array<Readonly<Record<string, unknown>>> {
  return asList(value).filter(
    (item): item is Readonly<Record<string, unknown>> =>
      typeof item === "object" && item !== null && !Array.isArray(item),
  );
}

/** A value as an object: itself when it is one (not a list), else an empty object. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : {};
}

/** A value as a string, or undefined when it is something else. */
export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A string that holds a Terraform interpolation (`${...}`), whose value is unknown until plan. */
export function isToken(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** A non-empty string with no interpolation in it. */
export function isLiteral(value: unknown): value is string {
  return isSet(value) && !isToken(value);
}

/** `value` rendered for a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return "unset";
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

/** A single nested block: the object itself, or the one element of a list of one; undefined otherwise. */
export const singleBlock = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : Array.isArray(value) && value.length === 1
      ? singleBlock(value[0])
      : undefined;
