/**
 * The other team's project that the consumer test builds outside the repository: a stack that
 * reaches the constructs only through the package name and its subpaths, with its own names,
 * region and CIDR. Kept as text: this repository cannot resolve its own package name.
 */

export const CONSUMER = {
  packageName: "@suma-finance/infra-constructs",
  stackName: "acme-payments-dev",
  name: "acme-payments-dev",
  cidr: "10.42.0.0/16",
  region: "eu-west-1",
} as const;

/** Packages the temp project links to the repository's node_modules instead of downloading. */
export const LINKED_PACKAGES = [
  "cdktf",
  "constructs",
  "@cdktf/provider-aws",
  "@cdktf/provider-github",
  "zod",
  "ip-address",
  "yaml",
] as const;

/** The consumer's own dev dependencies, linked too: zod's declarations need Node's `URL`. */
export const LINKED_DEV_PACKAGES = ["@types/node"] as const;

export const CONSUMER_PACKAGE_JSON = {
  name: "acme-payments-infra",
  version: "1.0.0",
  private: true,
  // Filled in by the test with the tarball's path (file:...).
  dependencies: {} as Record<string, string>,
};

/** Node16 resolution: the only kind (with nodenext and bundler) that reads the `exports` map. */
export const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022"],
    module: "node16",
    moduleResolution: "node16",
    strict: true,
    noEmit: true,
    // skipLibCheck off, so the package's own .d.ts files are checked too.
    types: ["node"],
    skipLibCheck: false,
  },
  files: ["main.ts"],
};

export const CONSUMER_MAIN_TS = `
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Network } from "@suma-finance/infra-constructs/network";
import { ServiceCluster } from "@suma-finance/infra-constructs/ecs";
import { FargateService } from "@suma-finance/infra-constructs/ecs-service";
import { ApplicationLoadBalancer } from "@suma-finance/infra-constructs/load-balancer";
import { ServiceRepository } from "@suma-finance/infra-constructs/registry";
import { AlarmTopic, SloAlarms, type SloAlarmsProps } from "@suma-finance/infra-constructs/monitoring";
import type * as Root from "@suma-finance/infra-constructs";

// The root re-exports the subpaths' classes (type-only: loads nothing at run time).
const rootNetwork: typeof Root.Network = Network;
void rootNetwork;

const NAME = "${CONSUMER.name}";
const KEY = "arn:aws:kms:${CONSUMER.region}:333333333333:key/acme-payments";

class PaymentsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "${CONSUMER.region}" });
    const network = new Network(this, "network", {
      name: NAME,
      cidr: "${CONSUMER.cidr}",
      availabilityZones: ["${CONSUMER.region}a", "${CONSUMER.region}b"],
      natGateways: "single",
      flowLogs: { kmsKeyArn: KEY, retentionInDays: 90 },
      preventDestroy: false,
    });
    const cluster = new ServiceCluster(this, "cluster", { name: NAME, logs: { kmsKeyArn: KEY }, preventDestroy: false });
    const repository = new ServiceRepository(this, "repository", { name: "acme/payments-api", kmsKeyArn: KEY, preventDestroy: false });
    const alb = new ApplicationLoadBalancer(this, "alb", {
      name: NAME,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.public,
      certificateArn: "arn:aws:acm:${CONSUMER.region}:333333333333:certificate/acme-payments",
      deletionProtection: false,
      accessLogs: { bucketName: "acme-payments-dev-alb-logs", preventDestroy: false },
    });
    const service = new FargateService(this, "api", {
      name: NAME,
      cluster: { arn: cluster.clusterArn, name: cluster.clusterName },
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.private,
      container: { image: repository.repositoryUrl + ":1.0.0", port: 3000, environment: { NODE_ENV: "development" } },
      size: { cpu: 512, memoryMiB: 1024 },
      repositoryArn: repository.repositoryArn,
      scaling: { minCount: 2, maxCount: 4 },
      loadBalancer: { listenerArn: alb.httpsListenerArn, arnSuffix: alb.arnSuffix, securityGroupId: alb.securityGroupId },
      deployment: { strategy: "rolling" },
      logs: { kmsKeyArn: KEY, retentionInDays: 90 },
      preventDestroy: false,
    });
    const topic = new AlarmTopic(this, "alarms", { name: NAME + "-alarms", kmsKeyArn: KEY });
    const slo: SloAlarmsProps = {
      name: NAME,
      loadBalancerArnSuffix: alb.arnSuffix,
      targetPercent: 99.9,
      topics: { page: topic.topicArn, ticket: topic.topicArn },
    };
    new SloAlarms(this, "slo", slo);
    // The declarations are real types, not any: a wrong prop must not compile.
    // @ts-expect-error cidr is a string
    void (() => new Network(this, "typo", { name: NAME, cidr: 42, availabilityZones: [], flowLogs: { kmsKeyArn: KEY } }));
    const serviceName: string = service.serviceName;
    void serviceName;
  }
}

const app = new App({ outdir: "cdktf.out" });
new PaymentsStack(app, "${CONSUMER.stackName}");
app.synth();
`;
