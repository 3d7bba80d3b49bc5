import { IMAGE_BOOTSTRAP_WORKFLOW_FILE } from "../../../../../modules/github/workflows/image-bootstrap";
import type { DeployabilityAppCheck, SynthesizedApp } from "../../../rule";
import { containersOf, ROLE_ARN_ACCOUNT, stackPlacement, workflowOf } from "../../../rule-helpers";
import { resourcesOfType, type TerraformJson } from "../../../terraform-json";

/** `account/region/tag` for every image the bootstrap workflow publishes. */
function publishedImages(app: SynthesizedApp): Set<string> {
  const published = new Set<string>();
  for (const stack of Object.values(app.stacks)) {
    for (const [, file] of resourcesOfType(stack, "github_repository_file")) {
      if (typeof file.file !== "string" || !file.file.endsWith(`/${IMAGE_BOOTSTRAP_WORKFLOW_FILE}`)) continue;
      const workflow = workflowOf(file) as
        { jobs?: Record<string, { steps?: Array<Record<string, unknown>> }> } | undefined;
      if (!workflow) continue;
      for (const job of Object.values(workflow.jobs ?? {})) {
        const steps = job.steps ?? [];
        const credentials = steps
          .map((s) => s.with as Record<string, unknown> | undefined)
          .find((w) => typeof w?.["role-to-assume"] === "string");
        const account = ROLE_ARN_ACCOUNT.exec(String(credentials?.["role-to-assume"] ?? ""))?.[1];
        const region = credentials?.["aws-region"];
        if (!account || typeof region !== "string") continue;
        for (const step of steps) {
          const loop = typeof step.run === "string" ? /^\s*for tag in (.+); do$/m.exec(step.run) : null;
          for (const tag of loop?.[1]?.split(/\s+/) ?? [])
            published.add(`${account}/${region}/${tag.replace(/^'|'$/g, "")}`);
        }
      }
    }
  }
  return published;
}

/** `account/region` → the regions ECR replication copies that account's images to from there. */
function replicationTargets(app: SynthesizedApp): Map<string, Set<string>> {
  const targets = new Map<string, Set<string>>();
  for (const stack of Object.values(app.stacks)) {
    const { accountId, region } = stackPlacement(stack);
    if (!accountId || !region) continue;
    for (const [, values] of resourcesOfType(stack, "aws_ecr_replication_configuration")) {
      for (const destination of JSON.stringify(values).matchAll(/"region":"([a-z0-9-]+)","registry_id":"(\d{12})"/g)) {
        if (destination[2] !== accountId) continue;
        const key = `${accountId}/${destination[1]}`;
        targets.set(key, new Set([...(targets.get(key) ?? []), region]));
      }
    }
  }
  return targets;
}

/**
 * `account/region/prefix` of every ECR pull-through cache rule: an image under `<registry>/<prefix>/`
 * is fetched from the upstream registry on its first pull, so nothing has to publish it.
 */
function pullThroughCaches(app: SynthesizedApp): Set<string> {
  const caches = new Set<string>();
  for (const stack of Object.values(app.stacks)) {
    const { accountId, region } = stackPlacement(stack);
    if (!accountId || !region) continue;
    for (const [, rule] of resourcesOfType(stack, "aws_ecr_pull_through_cache_rule")) {
      if (typeof rule.ecr_repository_prefix === "string")
        caches.add(`${accountId}/${region}/${rule.ecr_repository_prefix}`);
    }
  }
  return caches;
}

function images(stack: TerraformJson): Array<{ address: string; container: string; image: string }> {
  return resourcesOfType(stack, "aws_ecs_task_definition").flatMap(([name, values]) => {
    const containers = typeof values.container_definitions === "string" ? containersOf(values) : [];
    return containers
      .filter((c) => typeof c.image === "string")
      .map((c) => ({
        address: `aws_ecs_task_definition.${name}`,
        container: (c.name as string | undefined) ?? "?",
        image: c.image as string,
      }));
  });
}

/** SUMA-DEP-605: the image a task definition names is published before its stack is applied. */
export const FirstImagePublished: DeployabilityAppCheck = {
  id: "SUMA-DEP-605",
  title: "Every ECR image a task definition names is published (or replicated) before the stack's first apply",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["A1.2", "CC8.1"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "ECS cannot start a task whose image is not in the repository: the task stops with CannotPullContainerError (image not found), and the service keeps retrying. " +
    "An image under the prefix of an ECR pull-through cache rule is the exception: ECR fetches it from the upstream registry on its first pull.",
  source: {
    title: "Amazon ECS Developer Guide: CannotPullContainer task errors",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html",
  },
  rationale:
    "The environment stacks' task definitions name the service image by tag in the account's own ECR repository, which is empty on day one. The image bootstrap " +
    "workflow publishes each such tag per account and region before the environment stacks are applied; DR regions receive it by ECR replication. " +
    "Fix: publish the tag with the image bootstrap workflow (the stacks derive its targets from config), or name a tag that is already published.",
  checkApp: (app) => {
    const published = publishedImages(app);
    const replicated = replicationTargets(app);
    const caches = pullThroughCaches(app);
    const cached = (accountId: string, region: string, image: string) => {
      const path = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/([^/:@]+)\//.exec(image)?.[1];
      return path !== undefined && caches.has(`${accountId}/${region}/${path}`);
    };
    const has = (accountId: string, region: string, tag: string) =>
      published.has(`${accountId}/${region}/${tag}`) ||
      [...(replicated.get(`${accountId}/${region}`) ?? [])].some((from) =>
        published.has(`${accountId}/${from}/${tag}`),
      );
    return Object.entries(app.stacks).flatMap(([stackName, stack]) => {
      const { accountId, region } = stackPlacement(stack);
      return images(stack).flatMap(({ address, container, image }) => {
        if (image.includes("@sha256:") || !(image.includes(".dkr.ecr.") || image.startsWith("${"))) return [];
        const tag = image.slice(image.lastIndexOf(":") + 1);
        if (
          !accountId ||
          !region ||
          tag.includes("}") ||
          has(accountId, region, tag) ||
          cached(accountId, region, image)
        )
          return [];
        return [
          {
            stack: stackName,
            address,
            message: `container "${container}" runs image tag "${tag}", which nothing publishes to account ${accountId} in ${region} before this stack's first apply (no image bootstrap job, no replication from a region that has it)`,
          },
        ];
      });
    });
  },
};
