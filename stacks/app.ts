import { App } from "cdktf";
import type { AppConfig } from "../config";
import {
  accountRegions,
  githubStackName,
  resolveEnvironment,
  sharedStackName,
  stateStackName,
  zoneIdParameterName,
  zoneParentAccount,
} from "../config";
import { githubOidcProviderArn } from "../modules/github-oidc";
import { GithubStack } from "./github-stack";
import { EnvironmentStack } from "./environment-stack";
import { SharedStack } from "./shared-stack";
import { StateStack } from "./state-stack";

export interface BuiltApp {
  readonly app: App;
  readonly stateStacks: readonly StateStack[];
  readonly sharedStacks: readonly SharedStack[];
  readonly environmentStacks: readonly EnvironmentStack[];
  readonly githubStack?: GithubStack;
}

/** Builds every stack of a validated config into one cdktf App (not yet synthesized). */
export function buildApp(config: AppConfig, options: { outdir?: string } = {}): BuiltApp {
  const app = new App({ outdir: options.outdir, skipBackendValidation: false });
  const pairs = accountRegions(config);
  const stateStacks =
    config.backend.type === "s3"
      ? pairs.map((pair) => new StateStack(app, stateStackName(config, pair), { config, pair }))
      : [];
  const sharedStacks = pairs.map((pair) => new SharedStack(app, sharedStackName(config, pair), { config, pair }));
  const delegatedIn = delegateZones(config, sharedStacks);
  orderReplication(sharedStacks);
  const environmentStacks = Object.keys(config.environments).map((envName) =>
    buildEnvironmentStack(app, config, envName, sharedStacks, delegatedIn),
  );
  orderDisasterRecovery(environmentStacks, sharedStacks);
  const githubStack = config.github ? new GithubStack(app, githubStackName(config), { config }) : undefined;
  orderAfterStateStacks(config, stateStacks, [...sharedStacks, ...environmentStacks], githubStack);
  return { app, stateStacks, sharedStacks, environmentStacks, githubStack };
}

function primaryShared(sharedStacks: readonly SharedStack[], account: string): SharedStack | undefined {
  return sharedStacks.find((s) => s.pair.account === account && s.pair.primary);
}

/**
 * A zone inside another account's zone: the parent account's stack makes a role the child account
 * assumes to write its own NS record there. The child's stack comes after the parent's (the role
 * and the parent zone exist first), and neither reads the other's state. Returns the accounts
 * whose zone is delegated this way.
 */
function delegateZones(config: AppConfig, sharedStacks: readonly SharedStack[]): Set<string> {
  const delegatedIn = new Set<string>();
  for (const account of Object.keys(config.accounts)) {
    const parentAccount = zoneParentAccount(config, account);
    const child = primaryShared(sharedStacks, account);
    const parent = parentAccount ? primaryShared(sharedStacks, parentAccount) : undefined;
    if (parent?.dns && child?.dns) {
      parent.allowZoneDelegation({ accountId: child.accountId, zoneName: child.dns.zoneName });
      child.delegateFromParent({ accountId: parent.accountId, zoneName: parent.dns.zoneName });
      child.addDependency(parent);
      delegatedIn.add(account);
    }
  }
  return delegatedIn;
}

/**
 * ECR replication creates a destination repository itself if an image arrives before that region's
 * shared stack has made it (and that stack's apply then fails): the replicating stack comes after.
 */
function orderReplication(sharedStacks: readonly SharedStack[]): void {
  for (const source of sharedStacks.filter((s) => s.pair.primary)) {
    for (const target of sharedStacks.filter((s) => s.pair.account === source.pair.account && s.replicationTemplate))
      source.addDependency(target);
  }
}

/** One environment's stack, given what it reads from its account's shared stacks and applied after them. */
function buildEnvironmentStack(
  app: App,
  config: AppConfig,
  envName: string,
  sharedStacks: readonly SharedStack[],
  delegatedIn: ReadonlySet<string>,
): EnvironmentStack {
  const environment = resolveEnvironment(config, envName);
  const account = environment.account.name;
  const shared = sharedStacks.find((s) => s.pair.account === account && s.pair.region === environment.region);
  const primary = primaryShared(sharedStacks, account);
  if (!shared || !primary)
    throw new Error(`environments.${envName}: no shared stack for ${account}/${environment.region}`);
  // The OIDC provider's ARN follows from the account id, so no stack reads it from the primary
  // region's state (a DR stack must plan while that region is down); the dependency keeps the
  // provider created first.
  const oidcProviderArn = primary.githubOidcProviderArn ? githubOidcProviderArn(primary.accountId) : undefined;
  // A DR region's stack reads the zone id from an SSM parameter of its own region (written by the
  // primary shared stack), never from the primary region's state: it must plan while that region is down.
  const inDrRegion = shared !== primary;
  const dns =
    primary.dns && inDrRegion && primary.dns.nameServers
      ? { zoneName: primary.dns.zoneName, zoneIdParameter: zoneIdParameterName(config, primary.dns.zoneName) }
      : primary.dns;
  const stack = new EnvironmentStack(app, environment.stackName, {
    config,
    environment,
    shared,
    dns,
    githubOidcProviderArn: oidcProviderArn,
  });
  if (oidcProviderArn || (dns && inDrRegion)) stack.addDependency(primary);
  // Its certificate validates only once the zone is delegated (by the account's primary shared stack).
  if (dns && delegatedIn.has(account)) stack.addDependency(primary);
  return stack;
}

/** Every remote-state stack keeps its state in a bucket a state stack creates: that one first. */
function orderAfterStateStacks(
  config: AppConfig,
  stateStacks: readonly StateStack[],
  awsStacks: readonly (SharedStack | EnvironmentStack)[],
  githubStack: GithubStack | undefined,
): void {
  if (stateStacks.length === 0) return;
  const stateStackOf = (accountId: string, region: string) =>
    stateStacks.find((s) => s.accountId === accountId && s.region === region);
  for (const stack of awsStacks) {
    const state = stateStackOf(stack.accountId, stack.region);
    if (state) stack.addDependency(state);
  }
  const stateAccount = config.github && config.accounts[config.github.stateAccount];
  const githubState = stateAccount && stateStackOf(stateAccount.id, stateAccount.primaryRegion);
  if (githubStack && githubState) githubStack.addDependency(githubState);
}

/**
 * Apply order that no cross-stack reference records: a DR stack joins its primary's Aurora
 * global cluster by name, so it comes after the primary's stack; the primary's backup plan copies
 * into a vault in the DR region's shared stack, so the primary comes after that stack. Neither
 * stack reads the other's state, so the DR stack still plans while the primary region is down.
 */
function orderDisasterRecovery(
  environmentStacks: readonly EnvironmentStack[],
  sharedStacks: readonly SharedStack[],
): void {
  for (const dr of environmentStacks) {
    const { disasterRecovery, name, account, region } = dr.environment;
    if (disasterRecovery.kind !== "copy") continue;
    const primaryName = disasterRecovery.primary.name;
    const primary = environmentStacks.find((s) => s.environment.name === primaryName);
    const copyVaultStack = sharedStacks.find((s) => s.pair.account === account.name && s.pair.region === region);
    if (!primary || !copyVaultStack)
      throw new Error(`environments.${name}.drFor: no stack for "${primaryName}" or for the DR region's shared stack`);
    dr.addDependency(primary);
    primary.addDependency(copyVaultStack);
  }
}
