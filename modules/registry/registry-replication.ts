import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { isLiteral, literalMismatch } from "../core/literal";
import { ACCOUNT_ID, AWS_REGION } from "../core/patterns";
import { throwIfProblems } from "../core/validation";

/** ECR replicates to at most 25 destinations per registry. */
const MAX_DESTINATIONS = 25;
/** ECR accepts at most 100 repository filters per rule. */
const MAX_FILTERS = 100;
const REPOSITORY_PREFIX = /^[a-z0-9][a-z0-9._/-]{0,255}$/;

/** One destination registry of ECR replication. */
export interface ReplicationDestination {
  /** Destination region, e.g. `us-west-2`. */
  readonly region: string;
  /** 12-digit account id of the destination registry (this account's id for same-account DR copies). */
  readonly registryId: string;
}

/** Props of `RegistryReplication`: the destination registries and the repository prefixes replicated. */
export interface RegistryReplicationProps {
  /** Where images are copied; at least one, each region once. */
  readonly destinations: readonly ReplicationDestination[];
  /**
   * Repository name prefixes to replicate (one PREFIX_MATCH filter each).
   * @default [] (every repository of the registry)
   */
  readonly repositoryPrefixes?: readonly string[];
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function registryReplicationProblems(props: RegistryReplicationProps): string[] {
  const problems: string[] = [];
  const destinations = props.destinations;
  if (destinations.length < 1 || destinations.length > MAX_DESTINATIONS)
    problems.push(`destinations must hold 1 to ${MAX_DESTINATIONS} entries (got ${destinations.length})`);
  const seenRegions = new Set<string>();
  for (const { region, registryId } of destinations) {
    if (literalMismatch(region, AWS_REGION))
      problems.push(`destinations region "${region}" is not an AWS region name such as us-west-2`);
    if (literalMismatch(registryId, ACCOUNT_ID))
      problems.push(`destinations registryId "${registryId}" for ${region} must be a 12-digit account id`);
    if (isLiteral(region) && seenRegions.has(region))
      problems.push(`destinations list region ${region} more than once`);
    seenRegions.add(region);
  }
  const prefixes = props.repositoryPrefixes ?? [];
  if (prefixes.length > MAX_FILTERS)
    problems.push(`repositoryPrefixes may hold at most ${MAX_FILTERS} prefixes (got ${prefixes.length})`);
  for (const prefix of prefixes) {
    if (!REPOSITORY_PREFIX.test(prefix))
      problems.push(
        `repositoryPrefixes entry "${prefix}" must be 1-256 of a-z, 0-9, ".", "_", "-", "/", starting with a letter or digit`,
      );
  }
  if (new Set(prefixes).size !== prefixes.length)
    problems.push("repositoryPrefixes lists the same prefix more than once");
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkRegistryReplicationProps(
  where: string,
  props: RegistryReplicationProps,
): RegistryReplicationProps & {
  /** Repository name prefixes replicated; empty means every repository. */
  readonly repositoryPrefixes: readonly string[];
} {
  throwIfProblems(where, registryReplicationProblems(props));
  return { ...props, repositoryPrefixes: props.repositoryPrefixes ?? [] };
}

/**
 * Registry-level ECR replication: one rule copying matching repositories to every destination.
 * The setting belongs to the registry, so create one per account and region, never one per repository.
 */
export class RegistryReplication extends Construct {
  /** The registry's replication configuration resource. */
  readonly configuration: EcrReplicationConfiguration;
  /** Destination regions, in the order given. */
  readonly destinationRegions: readonly string[];

  constructor(scope: Construct, id: string, props: RegistryReplicationProps) {
    super(scope, id);
    const { destinations, repositoryPrefixes: prefixes } = checkRegistryReplicationProps(this.node.path, props);

    this.destinationRegions = destinations.map((d) => d.region);
    this.configuration = new EcrReplicationConfiguration(this, "replication", {
      replicationConfiguration: {
        rule: [
          {
            destination: destinations.map((d) => ({ region: d.region, registryId: d.registryId })),
            ...(prefixes.length > 0
              ? { repositoryFilter: prefixes.map((filter) => ({ filter, filterType: "PREFIX_MATCH" })) }
              : {}),
          },
        ],
      },
      provider: props.provider,
    });
  }
}
