import type { Construct } from "constructs";
import type { AccountRegion, AppConfig } from "../config";
import { PublicZone } from "../modules/dns";
import { EncryptionKey } from "../modules/kms";
import { ServiceRepository } from "../modules/registry";
import { AwsStack } from "./aws-stack";

/** What an environment stack reads from the shared stack of its account and region. */
export interface SharedRegionalOutputs {
  /** KMS key for CloudWatch log groups. */
  readonly logsKeyArn: string;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;
}

/** The account's DNS zone, from the shared stack of its primary region. */
export interface SharedDnsOutputs {
  readonly zoneId: string;
  readonly zoneName: string;
}

/**
 * What exists once per account and region, for every environment there: the KMS keys for
 * logs and artifacts and the service's image repository; in the account's primary region
 * also the public DNS zone.
 */
export class SharedStack extends AwsStack implements SharedRegionalOutputs {
  readonly pair: AccountRegion;
  readonly logsKeyArn: string;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;
  readonly dns?: SharedDnsOutputs;

  constructor(scope: Construct, name: string, config: AppConfig, pair: AccountRegion) {
    super(scope, name, { config, account: pair.account, region: pair.region, environment: "shared" });
    this.pair = pair;
    const prefix = `${config.app.name}-${pair.account}`;
    const logsKey = new EncryptionKey(this, "logs-key", {
      alias: `${prefix}-logs`,
      description: `Encrypts ${config.app.name} CloudWatch log groups in account ${pair.account}`,
      serviceGrants: [{ service: "cloudwatch-logs" }],
      preventDestroy: true,
    });
    this.logsKeyArn = logsKey.keyArn;

    const artifactsKey = new EncryptionKey(this, "artifacts-key", {
      alias: `${prefix}-artifacts`,
      description: `Encrypts ${config.app.name} container images in account ${pair.account}`,
      usage: { kind: "via-services", services: ["ecr"] },
      preventDestroy: true,
    });
    // One repository per region: the DR region's copy is filled by replication, not by builds.
    const repository = new ServiceRepository(this, "repository", { name: config.app.name, kmsKeyArn: artifactsKey.keyArn });
    this.repositoryArn = repository.repositoryArn;
    this.repositoryUrl = repository.repositoryUrl;

    const zoneName = config.accounts[pair.account]?.dnsZone;
    if (pair.primary && zoneName) {
      const zone = new PublicZone(this, "zone", { zoneName });
      this.dns = { zoneId: zone.zoneId, zoneName };
    }
  }
}
