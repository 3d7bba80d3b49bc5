import { createHash } from "node:crypto";

/** Limits of AWS names this collection builds. */
export const NAME_LIMITS = {
  /** ALB and target group names. */
  loadBalancer: 32,
  /** IAM role names. */
  iamRole: 64,
  /** S3 bucket names. */
  s3Bucket: 63,
  /** Default for everything else. */
  default: 64,
} as const;

const HASH_LENGTH = 6;

/**
 * Builds `<app>-<env>-<purpose>` style names: lower case, dash separated. A name longer
 * than `maxLength` is cut and ends in a stable 6-character hash of the full name, so two
 * long names that share a prefix stay distinct and the same input always gives the same name.
 */
export function resourceName(parts: readonly string[], maxLength: number = NAME_LIMITS.default): string {
  if (maxLength < HASH_LENGTH + 2) throw new Error(`resourceName: maxLength ${maxLength} is below ${HASH_LENGTH + 2}`);
  const full = parts
    .map((p) => p.toLowerCase().replace(/[^a-z0-9-]+/g, "-"))
    .join("-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  if (full.length === 0) throw new Error("resourceName: the name has no letters or digits");
  if (full.length <= maxLength) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, HASH_LENGTH);
  const head = full.slice(0, maxLength - HASH_LENGTH - 1).replace(/-+$/, "");
  return `${head}-${hash}`;
}
