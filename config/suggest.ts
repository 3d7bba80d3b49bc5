/**
 * "Did you mean" for unknown config keys. zod reports an unrecognized key with its path but not
 * the keys that were allowed there, so this walks the schema to the same place and offers the
 * closest allowed key by edit distance.
 */
import leven from "leven";
import type { z } from "zod";

type AnySchema = z.core.$ZodType;

/** The object schemas a value at `path` may be checked against (several inside unions). */
function objectsAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return objectsAt(def.innerType as AnySchema, path);
    case "pipe":
      return objectsAt(def.in as AnySchema, path);
    case "lazy":
      return objectsAt((def.getter as () => AnySchema)(), path);
    case "union":
      return (def.options as AnySchema[]).flatMap((option) => objectsAt(option, path));
    case "intersection":
      return [...objectsAt(def.left as AnySchema, path), ...objectsAt(def.right as AnySchema, path)];
    default:
      break;
  }
  if (path.length === 0) return def.type === "object" ? [schema] : [];
  const [head, ...rest] = path;
  if (def.type === "object") {
    const field = (def.shape as Record<string, AnySchema>)[String(head)];
    return field ? objectsAt(field, rest) : [];
  }
  if (def.type === "record") return objectsAt(def.valueType as AnySchema, rest);
  if (def.type === "array") return objectsAt(def.element as AnySchema, rest);
  return [];
}

/** The keys an object at `path` accepts, sorted; empty when the path leads to no object. */
export function allowedKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const keys = objectsAt(schema, path).flatMap((object) =>
    Object.keys((object._zod.def as unknown as { shape: Record<string, unknown> }).shape),
  );
  return [...new Set(keys)].sort();
}

/**
 * The allowed key closest to `key`, when it is close enough to be a typo: at most a third of
 * the key's length in edits (at least one), or the same key in another case.
 */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : leven(key, candidate);
    if (distance <= limit && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}
