// Values as the stub provider sees them: msgpack-decoded cty values (plain JS objects, arrays,
// strings, numbers, booleans, null), with Terraform's unknown value as msgpack extension type 0.
import { ExtData, decode, encode } from "@msgpack/msgpack";
import type { BlockSchema, CtyType } from "../schema";

/** cty's unknown value on the wire: a msgpack fixext1 of extension type 0. */
export const UNKNOWN = new ExtData(0, new Uint8Array([0]));

export type Value = null | string | number | boolean | ExtData | Uint8Array | Value[] | { [key: string]: Value };

export function isUnknown(value: unknown): value is ExtData {
  return value instanceof ExtData && value.type === 0;
}

function isObject(value: unknown): value is { [key: string]: Value } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof ExtData) &&
    !(value instanceof Uint8Array)
  );
}

export function decodeValue(bytes: Uint8Array | undefined): Value {
  if (!bytes || bytes.length === 0) return null;
  return decode(bytes, { useBigInt64: false }) as Value;
}

export function encodeValue(value: Value): Uint8Array {
  return encode(value, { ignoreUndefined: false, forceFloat32: false });
}

/**
 * A resource's planned state for a create: the proposed new state (config merged with prior state)
 * with every computed attribute the config left null set to unknown, and write-only attributes null
 * (Terraform never plans their values). `hooks` then adjust attributes a real provider computes at
 * plan time.
 */
export function planBlock(schema: BlockSchema, value: Value): Value {
  if (!isObject(value)) return value;
  const planned: { [key: string]: Value } = { ...value };
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    const current = planned[name] ?? null;
    if (attribute.writeOnly) planned[name] = null;
    else if (attribute.computed && current === null) planned[name] = UNKNOWN;
    else planned[name] = current;
  }
  for (const [name, nested] of Object.entries(schema.blocks)) {
    const current = planned[name] ?? null;
    if (Array.isArray(current)) planned[name] = current.map((element) => planBlock(nested.block, element));
    else if (nested.nesting === "map" && isObject(current))
      planned[name] = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, planBlock(nested.block, v)]));
    else if (nested.nesting === "single") planned[name] = planBlock(nested.block, current);
    else planned[name] = current;
  }
  return planned;
}

/** A plausible value of a type for an attribute a data source or ephemeral resource computes. */
export function plausible(type: CtyType, name: string, context: { typeName: string; region: string }): Value {
  if (type === "string") return plausibleString(name, context);
  if (type === "number") return 1;
  if (type === "bool") return false;
  if (type === "dynamic") return null;
  const [kind, inner] = type;
  if (kind === "object")
    return Object.fromEntries(Object.entries(inner).map(([field, t]) => [field, plausible(t, field, context)]));
  if (kind === "map") return {};
  // One element, so that `[0]` and `one()` over the list work as they do against real data.
  return [plausible(inner, name.replace(/s$/, ""), context)];
}

const ACCOUNT = "123456789012";

function plausibleString(name: string, { typeName, region }: { typeName: string; region: string }): string {
  // Numeric ids: configs convert some of them with tonumber() (GitHub team and repository ids).
  if (name === "id" || (name.endsWith("_id") && /^(repo|team|node|user)_id$/.test(name))) return "1234567";
  if (name === "account_id" || name === "owner_id") return ACCOUNT;
  if (name === "arn" || name.endsWith("_arn"))
    return `arn:aws:${typeName.split("_")[1] ?? "service"}:${region}:${ACCOUNT}:stub/${typeName}`;
  if (name === "partition") return "aws";
  if (name === "dns_suffix") return "amazonaws.com";
  if (name === "region" || (name === "name" && typeName === "aws_region")) return region;
  if (name === "zone_id" || name.endsWith("_zone_id")) return "Z0123456789STUBZONE";
  if (name === "password" || name.endsWith("_password")) return "stub-Password-0123456789";
  if (name.endsWith("json") || name === "policy") return "{}";
  if (name.includes("date") || name.endsWith("_at") || name.endsWith("_time")) return "2025-01-01T00:00:00Z";
  return `stub-${name}`;
}

/** A data source's or ephemeral resource's result: its config with every computed null filled in. */
export function fillComputed(schema: BlockSchema, value: Value, context: { typeName: string; region: string }): Value {
  if (!isObject(value)) return value;
  const filled: { [key: string]: Value } = { ...value };
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (filled[name] === undefined) filled[name] = null;
    if (attribute.computed && (filled[name] === null || isUnknown(filled[name])))
      filled[name] = plausible(attribute.type, name, context);
  }
  return filled;
}

/** A JSON value (a stored state) conformed to a block schema: every attribute and block present. */
export function conform(schema: BlockSchema, value: unknown): Value {
  if (!isObject(value)) return null;
  const out: { [key: string]: Value } = {};
  for (const name of Object.keys(schema.attributes))
    out[name] = value[name] === undefined ? null : (value[name] as Value);
  for (const [name, nested] of Object.entries(schema.blocks)) {
    const current = value[name];
    if (nested.nesting === "single") out[name] = conform(nested.block, current);
    else if (nested.nesting === "map")
      out[name] = isObject(current)
        ? Object.fromEntries(Object.entries(current).map(([k, v]) => [k, conform(nested.block, v)]))
        : null;
    else out[name] = Array.isArray(current) ? current.map((element) => conform(nested.block, element)) : [];
  }
  return out;
}
