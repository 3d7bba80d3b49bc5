/**
 * Wiring of the database bootstrap in the default app, derived from config: every environment with
 * its own (primary) database gets the one-off task in its data-clients group, reading its master
 * secret; the deploy role may run exactly that task; DR copies get none.
 */
import { databaseBootstrapTarget, environmentStackName, sharedStackName } from "../../config";
import { blocks, byPath, only, policyOf, synthApp, type Block, type StackJson } from "../support/synth";

const { stacks, config } = synthApp();
const ref = (block: Block, attr: string) => `\${${block.type}.${block.name}.${attr}}`;
const envNames = Object.keys(config.environments);
const primaries = envNames.filter((name) => databaseBootstrapTarget(config, name) !== undefined);
const copies = envNames.filter((name) => databaseBootstrapTarget(config, name) === undefined);

function bootstrapOf(stack: StackJson): {
  task: Block;
  container: {
    image: string;
    environment: Array<{ name: string; value: string }>;
    secrets: Array<{ valueFrom: string }>;
  };
} {
  const task = byPath(stack, "aws_ecs_task_definition", "data-tier/database-bootstrap/task");
  const [container] = JSON.parse(String(task.values.container_definitions)) as Array<{
    image: string;
    environment: Array<{ name: string; value: string }>;
    secrets: Array<{ valueFrom: string }>;
  }>;
  return { task, container: container! };
}

describe("the database bootstrap in each environment with its own database", () => {
  it("covers the config's primaries and leaves out its DR copies", () => {
    expect(primaries.length).toBeGreaterThan(0);
    for (const name of copies) expect(config.environments[name]!.drFor).toBeDefined();
  });

  it.each(primaries)(
    "%s: the task definition config names, with the image from the account's pull-through cache",
    (envName) => {
      const target = databaseBootstrapTarget(config, envName)!;
      const stack = stacks[environmentStackName(config, envName)]!;
      const { task, container } = bootstrapOf(stack);
      expect(task.values.family).toBe(target.taskFamily);
      expect(container.image).toBe(target.image.uri);
      const env = config.environments[envName]!;
      const shared = stacks[sharedStackName(config, { account: env.account, region: env.region })]!;
      const cachePrefix = /amazonaws\.com\/([^/]+)\//.exec(target.image.uri)![1];
      expect(only(shared, "aws_ecr_pull_through_cache_rule").values).toMatchObject({
        ecr_repository_prefix: cachePrefix,
        upstream_registry_url: "public.ecr.aws",
      });
    },
  );

  it.each(primaries)(
    "%s: runs in the private subnets and the data-clients group, which the database admits on 5432",
    (envName) => {
      const stack = stacks[environmentStackName(config, envName)]!;
      const clients = byPath(stack, "aws_security_group", "data-tier/clients/sg");
      const parameter = byPath(stack, "aws_ssm_parameter", "data-tier/database-bootstrap/network-configuration").values;
      expect(parameter.name).toBe(databaseBootstrapTarget(config, envName)!.networkParameterName);
      expect(String(parameter.value)).toContain(`aws_security_group.${clients.name}.id`);
      const privateSubnets = blocks(stack, "aws_subnet").filter(
        (s) => (s.values.tags as Record<string, string>).tier === "private",
      );
      expect(privateSubnets.length).toBeGreaterThan(0);
      for (const subnet of privateSubnets) expect(String(parameter.value)).toContain(`aws_subnet.${subnet.name}.id`);
      const dbSg = byPath(stack, "aws_security_group", "data-tier/database/sg");
      const ingress = blocks(stack, "aws_vpc_security_group_ingress_rule").filter(
        (r) => r.values.security_group_id === ref(dbSg, "id"),
      );
      expect(ingress.map((r) => [r.values.referenced_security_group_id, r.values.from_port])).toContainEqual([
        ref(clients, "id"),
        5432,
      ]);
    },
  );

  it.each(primaries)(
    "%s: signs in to the writer with the cluster's master secret, decrypted with the secrets key",
    (envName) => {
      const stack = stacks[environmentStackName(config, envName)]!;
      const { container } = bootstrapOf(stack);
      const cluster = only(stack, "aws_rds_cluster");
      const global = blocks(stack, "aws_rds_global_cluster")[0];
      const host = container.environment.find((e) => e.name === "PGHOST")!.value;
      expect(host).toBe(global ? ref(global, "endpoint") : ref(cluster, "endpoint"));
      const secret = cluster.values.manage_master_user_password
        ? `\${aws_rds_cluster.${cluster.name}.master_user_secret[0].secret_arn}`
        : ref(byPath(stack, "aws_secretsmanager_secret", "data-tier/database/master-secret"), "arn");
      expect(container.secrets.map((s) => s.valueFrom)).toEqual([`${secret}:username::`, `${secret}:password::`]);
      const statements = policyOf(
        byPath(stack, "aws_iam_role_policy", "data-tier/database-bootstrap/execution-policy"),
      ).Statement;
      expect(statements.find((s) => s.Sid === "ReadMasterSecret")!.Resource).toBe(secret);
      const secretsKeyAlias = blocks(stack, "aws_kms_alias").find((a) => String(a.values.name).endsWith("-secrets"))!;
      expect(
        `\${aws_kms_key.${/aws_kms_key\.([^.]+)\./.exec(String(secretsKeyAlias.values.target_key_id))![1]}.arn}`,
      ).toBe(statements.find((s) => s.Sid === "DecryptMasterSecret")!.Resource);
      const appUser = config.environments[envName]!.database.appUser;
      expect(container.environment).toContainEqual({ name: "BOOTSTRAP_APP_USER", value: appUser });
    },
  );

  it.each(primaries)(
    "%s: the GitHub deploy role may run that task family on the service's cluster, watch its tasks, pass its role and read its network",
    (envName) => {
      const stack = stacks[environmentStackName(config, envName)]!;
      const target = databaseBootstrapTarget(config, envName)!;
      const statements = policyOf(byPath(stack, "aws_iam_role_policy", "github-deploy/deploy")).Statement;
      const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      const name = environmentStackName(config, envName);
      expect(bySid.RunDatabaseBootstrap).toMatchObject({
        Action: "ecs:RunTask",
        Resource: expect.stringMatching(new RegExp(`:task-definition/${target.taskFamily}:\\*$`)),
      });
      expect(JSON.stringify(bySid.RunDatabaseBootstrap!.Condition)).toMatch(
        new RegExp(`"ecs:cluster":"arn:[^"]+:cluster/${name}"`),
      );
      expect(bySid.WatchDatabaseBootstrap).toMatchObject({
        Action: "ecs:DescribeTasks",
        Resource: expect.stringMatching(new RegExp(`:task/${name}/\\*$`)),
      });
      expect(bySid.ReadBootstrapNetwork).toMatchObject({
        Action: "ssm:GetParameter",
        Resource: expect.stringMatching(new RegExp(`:parameter${target.networkParameterName}$`)),
      });
      const execution = byPath(stack, "aws_iam_role", "data-tier/database-bootstrap/execution");
      expect(bySid.PassOnlyTheServiceRoles!.Resource).toContain(ref(execution, "arn"));
    },
  );

  it.each(copies)(
    "%s (a DR copy): no bootstrap task and no RunTask permission; its database replicates the primary's roles",
    (envName) => {
      const stack = stacks[environmentStackName(config, envName)]!;
      expect(blocks(stack, "aws_ecs_task_definition").map((t) => t.values.family)).not.toContainEqual(
        expect.stringMatching(/db-bootstrap$/),
      );
      const deploy = blocks(stack, "aws_iam_role_policy").find((p) => /github-deploy/.test(p.name));
      if (deploy) expect(JSON.stringify(policyOf(deploy))).not.toContain("ecs:RunTask");
    },
  );
});
