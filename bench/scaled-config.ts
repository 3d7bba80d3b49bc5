import type { AppConfigInput } from "../config";

/** Generated environments take 10.(CIDR_SECOND_OCTET_BASE + i).0.0/16, so the last usable i is 255 - base. */
const CIDR_SECOND_OCTET_BASE = 100;
export const MAX_SCALED_ENVS = 255 - CIDR_SECOND_OCTET_BASE;
export const SCALED_ENV_PREFIX = "load";
export const SCALED_ACCOUNT = "nonprod";

/** `load01`..`loadNN`, zero-padded to at least two digits (`load001` once there are 100 or more). */
export function scaledEnvName(index: number, total: number): string {
  const width = Math.max(2, String(total).length);
  return `${SCALED_ENV_PREFIX}${String(index).padStart(width, "0")}`;
}

/**
 * The default config plus `envCount` small non-production environments: nonprod account,
 * us-east-1, 2 AZs, one NAT gateway, each in its own /16 (10.101.0.0/16, 10.102.0.0/16, ...),
 * which overlaps neither another generated environment nor the default ones (10.10-10.40).
 * When the base config has a GitHub pipeline, each one deploys from it too, as the guide for
 * adding an environment says, in stages placed before the first production one.
 * Pure: the input is not modified and the same arguments give the same config.
 */
export function scaledConfig(base: AppConfigInput, envCount: number): AppConfigInput {
  if (!Number.isInteger(envCount) || envCount < 1 || envCount > MAX_SCALED_ENVS) {
    throw new RangeError(`envCount must be an integer from 1 to ${MAX_SCALED_ENVS} (got ${envCount})`);
  }
  if (!(SCALED_ACCOUNT in base.accounts)) throw new Error(`the base config has no "${SCALED_ACCOUNT}" account`);
  const environments: AppConfigInput["environments"] = { ...base.environments };
  for (let i = 1; i <= envCount; i++) {
    const name = scaledEnvName(i, envCount);
    if (name in environments) throw new Error(`the base config already has an environment named "${name}"`);
    environments[name] = {
      account: SCALED_ACCOUNT,
      region: "us-east-1",
      network: { cidr: `10.${CIDR_SECOND_OCTET_BASE + i}.0.0/16`, azCount: 2, natMode: "single" },
    };
  }
  return {
    ...base,
    environments,
    ...(base.github ? { github: { ...base.github, environments: withPipelineStages(base, environments) } } : {}),
  };
}

type GithubEnvironments = NonNullable<AppConfigInput["github"]>["environments"];

/** The base pipeline with a stage for each generated environment inserted before the first production stage. */
function withPipelineStages(base: AppConfigInput, environments: AppConfigInput["environments"]): GithubEnvironments {
  const stages = Object.entries(base.github!.environments);
  const generated = Object.keys(environments).filter((name) => !(name in base.environments));
  const firstProduction = stages.findIndex(([name]) => base.environments[name]?.production === true);
  const at = firstProduction < 0 ? stages.length : firstProduction;
  return Object.fromEntries([
    ...stages.slice(0, at),
    ...generated.map((name) => [name, {}] as const),
    ...stages.slice(at),
  ]);
}
