import type { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import type { AppConfig, EnvironmentConfig } from "../config";
import { availabilityZones } from "../config";
import { Network } from "../modules/network";
import { AwsStack } from "./aws-stack";

/** Typed outputs of the shared stack an environment stack consumes. */
export interface SharedOutputs {
  readonly logsKeyArn: string;
}

/** One deployable environment (dev, staging, prod, DR): its network and, later, its service. */
export class EnvironmentStack extends AwsStack {
  readonly network: Network;
  readonly environment: EnvironmentConfig;

  constructor(scope: Construct, name: string, config: AppConfig, envName: string, shared: SharedOutputs) {
    const env = config.environments[envName];
    if (!env) throw new Error(`${name}: environment "${envName}" is not in the config`);
    super(scope, name, { config, account: env.account, region: env.region, environment: envName, tags: env.tags });
    this.environment = env;

    this.network = new Network(this, "network", {
      name,
      cidr: env.network.cidr,
      availabilityZones: availabilityZones(env),
      azSlots: env.network.azSlots,
      subnetPrefixLengths: env.network.subnetPrefixes,
      natGateways: env.network.natMode,
      flowLogs: { kmsKeyArn: shared.logsKeyArn, retentionInDays: env.network.flowLogRetentionDays },
      preventDestroy: env.production,
    });

    new TerraformOutput(this, "vpc_id", { value: this.network.vpcId });
    new TerraformOutput(this, "public_subnet_ids", { value: this.network.subnetIds.public });
    new TerraformOutput(this, "private_subnet_ids", { value: this.network.subnetIds.private });
    new TerraformOutput(this, "isolated_subnet_ids", { value: this.network.subnetIds.isolated });
  }
}
