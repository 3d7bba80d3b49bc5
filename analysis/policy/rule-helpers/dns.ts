/** Readers the dns deployability rules share (rules/deployability/dns/). */
import type { ResourceValues, TerraformJson } from "../terraform-json";
import { stackPlacement } from "./stacks";
import { asString, isToken } from "./values";

/** The parts of a synthesized stack these checks read besides its resources. */
export interface StackDocument extends TerraformJson {
  readonly data?: Readonly<Record<string, Readonly<Record<string, ResourceValues>>>>;
  readonly provider?: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;
  readonly output?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly terraform?: {
    readonly backend?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly cloud?: Readonly<Record<string, unknown>>;
  };
}

/** The stack with the top-level blocks these checks read typed. */
export const stackDocument = (stack: TerraformJson): StackDocument => stack as StackDocument;

/** A DNS name as Route 53 compares names: lower case, no trailing dot. */
export const normalizeDnsName = (name: string): string => name.toLowerCase().replace(/\.$/, "");

/** The stack's AWS provider blocks, aliased ones included. */
export function awsProviderBlocks(stack: StackDocument): ReadonlyArray<Readonly<Record<string, unknown>>> {
  return stack.provider?.aws ?? [];
}

/** The region of the stack's default AWS provider (the one without an alias). */
export const stackRegion = (stack: TerraformJson): string | undefined => stackPlacement(stack).region;

/** The account the stack's default AWS provider is pinned to. */
export const stackAccount = (stack: TerraformJson): string | undefined => stackPlacement(stack).accountId;

/** A certificate's literal names, wildcards included. */
export function certificateNames(values: ResourceValues): string[] {
  const sans = Array.isArray(values.subject_alternative_names) ? values.subject_alternative_names : [];
  return [values.domain_name, ...sans]
    .filter((n): n is string => typeof n === "string" && !isToken(n))
    .map(normalizeDnsName);
}

/** The certificate whose validation options a record's for_each iterates, if any. */
export function validatedCertificate(values: ResourceValues): string | undefined {
  return asString(values.for_each)?.match(/aws_acm_certificate\.([A-Za-z0-9_-]+)\.domain_validation_options/)?.[1];
}
