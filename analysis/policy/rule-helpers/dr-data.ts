/** Readers the dr-data deployability rules share (rules/deployability/dr-data/). */
import type { SynthesizedApp } from "../rule";
import { resourcesOfType, type TerraformJson } from "../terraform-json";
import { stackPlacement } from "./stacks";

/** One ECR replication rule's destination: where it replicates from and to, and which repositories. */
export interface EcrReplication {
  readonly stack: string;
  readonly address: string;
  readonly accountId: string;
  readonly region: string;
  readonly destinationRegion: string;
  /** PREFIX_MATCH filters; empty: every repository. */
  readonly prefixes: readonly string[];
}

/** Every ECR replication destination of the app, one per rule and destination region. */
export function ecrReplications(app: SynthesizedApp): EcrReplication[] {
  const found: EcrReplication[] = [];
  for (const [stackName, stack] of Object.entries(app.stacks)) {
    const { accountId, region } = stackPlacement(stack);
    if (!accountId || !region) continue;
    for (const [name, values] of resourcesOfType(stack, "aws_ecr_replication_configuration")) {
      const configuration = values.replication_configuration as
        | {
            rule?: Array<{
              destination?: Array<{ region?: string; registry_id?: string }>;
              repository_filter?: Array<{ filter?: string }>;
            }>;
          }
        | undefined;
      for (const rule of configuration?.rule ?? []) {
        const prefixes = (rule.repository_filter ?? [])
          .map((f) => f.filter)
          .filter((f): f is string => typeof f === "string");
        for (const destination of rule.destination ?? []) {
          if (
            destination.registry_id !== accountId ||
            typeof destination.region !== "string" ||
            destination.region === region
          )
            continue;
          found.push({
            stack: stackName,
            address: `aws_ecr_replication_configuration.${name}`,
            accountId,
            region,
            destinationRegion: destination.region,
            prefixes,
          });
        }
      }
    }
  }
  return found;
}

/** The stacks pinned to an account and region. */
export function stacksAt(app: SynthesizedApp, accountId: string, region: string): Array<[string, TerraformJson]> {
  return Object.entries(app.stacks).filter(([, stack]) => {
    const placement = stackPlacement(stack);
    return placement.accountId === accountId && placement.region === region;
  });
}

/** Repository names (literal) in the replication's source stack that its filters replicate. */
export function replicatedRepositories(app: SynthesizedApp, replication: EcrReplication): string[] {
  const source = app.stacks[replication.stack]!;
  return resourcesOfType(source, "aws_ecr_repository")
    .map(([, values]) => values.name)
    .filter((name): name is string => typeof name === "string" && !name.includes("${"))
    .filter((name) => replication.prefixes.length === 0 || replication.prefixes.some((p) => name.startsWith(p)));
}
