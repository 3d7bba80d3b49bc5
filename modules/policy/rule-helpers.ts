/**
 * Small readers shared by the rules in `rules/`: how one resource points at another, IAM-style
 * policy documents, ECS container definitions, CIDRs and port ranges. Pure, no cdktf import.
 */
import { asNumber, reference, resourcesOfType, type ResourceValues, type TerraformJson } from "./terraform-json";

// ---- Pointers between resources ------------------------------------------------------------

/**
 * The strings by which another resource can point at `type.name`: the interpolations
 * `${type.name.<attribute>}` for each attribute, plus the given literal values (e.g. a bucket's
 * literal name), skipping values that are themselves interpolations.
 */
export function pointersTo(type: string, name: string, attributes: readonly string[], literals: readonly unknown[] = []): ReadonlySet<string> {
  const pointers = new Set(attributes.map((attribute) => reference(type, name, attribute)));
  for (const literal of literals) {
    if (typeof literal === "string" && literal !== "" && !literal.includes("${")) pointers.add(literal);
  }
  return pointers;
}

/** True when `value` (a string, or a list of strings) holds one of the pointers. */
export function pointsAt(value: unknown, pointers: ReadonlySet<string>): boolean {
  if (typeof value === "string") return pointers.has(value);
  return Array.isArray(value) && value.some((item) => typeof item === "string" && pointers.has(item));
}

/** Resources of `type` whose `argument` holds one of the pointers. */
export function resourcesPointingAt(stack: TerraformJson, type: string, argument: string, pointers: ReadonlySet<string>): Array<[string, ResourceValues]> {
  return resourcesOfType(stack, type).filter(([, values]) => pointsAt(values[argument], pointers));
}

/** The same, across several resource types (e.g. `aws_lb` and its alias `aws_alb`), as `[type, name, values]`. */
export function resourcesOfTypes(stack: TerraformJson, types: readonly string[]): Array<[string, string, ResourceValues]> {
  return types.flatMap((type) => resourcesOfType(stack, type).map(([name, values]): [string, string, ResourceValues] => [type, name, values]));
}

/** A list argument's items (a single value counts as a list of one); nothing for a missing value. */
export function asList(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every block of a list-or-single nested block argument (cdktf renders both shapes). */
export function blocksOf(value: unknown): Array<Readonly<Record<string, unknown>>> {
  return asList(value).filter((item): item is Readonly<Record<string, unknown>> => typeof item === "object" && item !== null && !Array.isArray(item));
}

// ---- Policy documents -----------------------------------------------------------------------

/** One statement of an IAM, KMS key or S3 bucket policy, as written (keys as AWS spells them). */
export type ParsedStatement = Readonly<Record<string, unknown>>;

/** The statements of a policy argument (a JSON string or an already parsed object); undefined when unreadable. */
export function policyStatements(policy: unknown): ParsedStatement[] | undefined {
  let document: unknown = policy;
  if (typeof policy === "string") {
    try {
      document = JSON.parse(policy);
    } catch {
      return undefined;
    }
  }
  if (typeof document !== "object" || document === null) return undefined;
  return blocksOf((document as Readonly<Record<string, unknown>>).Statement);
}

/** A policy element (`Action`, `Resource`, a principal list) as a list of strings. */
export function stringsOf(value: unknown): string[] {
  return asList(value).filter((item): item is string => typeof item === "string");
}

/** Every principal a statement names, as `{ kind, value }`; `*` (the bare string) is kind "*". */
export function principalsOf(statement: ParsedStatement): Array<{ kind: string; value: string }> {
  const principal = statement.Principal;
  if (typeof principal === "string") return [{ kind: principal === "*" ? "*" : "AWS", value: principal }];
  if (typeof principal !== "object" || principal === null) return [];
  return Object.entries(principal as Readonly<Record<string, unknown>>).flatMap(([kind, values]) => stringsOf(values).map((value) => ({ kind, value })));
}

/** True when the statement has a non-empty `Condition` block. */
export function hasCondition(statement: ParsedStatement): boolean {
  const condition = statement.Condition;
  return typeof condition === "object" && condition !== null && Object.keys(condition).length > 0;
}

// ---- Network ---------------------------------------------------------------------------------

/** True for a CIDR that covers every address: any `/0` (`0.0.0.0/0`, `::/0`). */
export function isWorldCidr(value: unknown): boolean {
  return typeof value === "string" && /\/0$/.test(value.trim());
}

/** Normalizes a protocol as Terraform accepts it: "-1"/"all" → "all", "6" → "tcp", "17" → "udp", "1"/"58" → "icmp". */
export function protocolName(value: unknown): string {
  const raw = String(value ?? "").trim().toLowerCase();
  if (raw === "-1" || raw === "all") return "all";
  if (raw === "6") return "tcp";
  if (raw === "17") return "udp";
  if (raw === "1" || raw === "58" || raw === "icmpv6") return "icmp";
  return raw;
}

/**
 * The port range a rule opens, or "all" for every port (protocol all, or no ports given).
 * Returns undefined for ICMP and for ranges that are not literal numbers.
 */
export function portRange(protocol: unknown, fromPort: unknown, toPort: unknown): { from: number; to: number } | "all" | undefined {
  const name = protocolName(protocol);
  if (name === "all") return "all";
  if (name === "icmp") return undefined;
  const from = asNumber(fromPort);
  const to = asNumber(toPort);
  if (from === undefined && to === undefined) return "all";
  if (from === undefined || to === undefined) return undefined;
  if ((from === 0 && to === 0) || (from <= 0 && to >= 65535) || from === -1) return "all";
  return { from, to };
}

/** True when the range includes `port`. */
export function rangeIncludes(range: { from: number; to: number } | "all" | undefined, port: number): boolean {
  if (range === undefined) return false;
  return range === "all" || (range.from <= port && port <= range.to);
}

/** `tcp 443`, `tcp 1024-65535`, `all ports`. */
export function describeRange(protocol: unknown, range: { from: number; to: number } | "all" | undefined): string {
  if (range === "all") return `${protocolName(protocol) === "all" ? "all protocols" : protocolName(protocol)}, all ports`;
  if (range === undefined) return protocolName(protocol);
  return `${protocolName(protocol)} ${range.from === range.to ? range.from : `${range.from}-${range.to}`}`;
}

// ---- ECS -----------------------------------------------------------------------------------

/** One container of an `aws_ecs_task_definition.container_definitions` document. */
export type ContainerDefinition = Readonly<Record<string, unknown>>;

/** The parsed containers, or an error message when the argument is not literal JSON (e.g. a token). */
export function containerDefinitions(values: ResourceValues): { containers: ContainerDefinition[] } | { error: string } {
  const raw = values.container_definitions;
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { error: "container_definitions is not literal JSON, so its containers cannot be checked" };
    }
  }
  if (!Array.isArray(parsed)) return { error: "container_definitions is not a JSON array of containers" };
  return { containers: blocksOf(parsed) };
}

/** A container's name for messages. */
export function containerName(container: ContainerDefinition, index: number): string {
  return typeof container.name === "string" ? container.name : `#${index}`;
}

// ---- Load balancers ------------------------------------------------------------------------

/** `aws_lb` and its older alias `aws_alb`. */
export const LOAD_BALANCER_TYPES = ["aws_lb", "aws_alb"] as const;

/** True for an Application Load Balancer (the default `load_balancer_type`). */
export function isApplicationLoadBalancer(values: ResourceValues): boolean {
  return values.load_balancer_type === undefined || values.load_balancer_type === null || values.load_balancer_type === "application";
}

/** True unless `internal` is literally true: an unresolved value counts as internet-facing. */
export function isInternetFacing(values: ResourceValues): boolean {
  return !(values.internal === true || values.internal === "true");
}
