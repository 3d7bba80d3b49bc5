import { FargateService, type FargateServiceProps } from "../../../modules/ecs-service";
import {
  DEFAULT_IMAGE_CONTRACT,
  healthCheckCommand,
  IMAGE_CONTRACT_LABELS,
  imageContractProblems,
  numericUser,
  resolveImageContract,
  scratchVolumeName,
} from "../../../modules/ecs-service/image-contract";
import { only, synthConstruct } from "../../support/stack-json";

// Fail on HTTP errors, print nothing but errors, and give up within the container check's 5 s timeout.
const CURL_ARGS = ["--fail", "--silent", "--show-error", "--max-time", "4", "--output", "/dev/null"];

describe("resolveImageContract", () => {
  it("fills every default: uid 10001, port 8080, /tmp, curl with its options", () => {
    expect(resolveImageContract()).toEqual({
      user: "10001:10001",
      port: 8080,
      scratchPaths: ["/tmp"],
      healthCheckBinary: "/usr/bin/curl",
      healthCheckArgs: CURL_ARGS,
    });
  });

  it("gives another binary no curl options unless asked", () => {
    expect(resolveImageContract({ healthCheckBinary: "/app/healthcheck" }).healthCheckArgs).toEqual([]);
    expect(
      resolveImageContract({ healthCheckBinary: "/busybox/wget", healthCheckArgs: ["-q", "-O", "/dev/null"] })
        .healthCheckArgs,
    ).toEqual(["-q", "-O", "/dev/null"]);
    expect(resolveImageContract({ healthCheckBinary: "/usr/local/bin/curl" }).healthCheckArgs).toEqual(CURL_ARGS);
  });

  it("builds an exec-form health check: binary, arguments, then the URL on the contract's port", () => {
    const contract = resolveImageContract({ port: 9000, healthCheckBinary: "/app/healthcheck" });
    expect(healthCheckCommand(contract, "/ready")).toEqual(["CMD", "/app/healthcheck", "http://localhost:9000/ready"]);
    expect(healthCheckCommand(DEFAULT_IMAGE_CONTRACT, "/health")[0]).toBe("CMD");
  });

  it.each<[string, Parameters<typeof imageContractProblems>[0], string]>([
    [
      "root by uid",
      { user: "0" },
      'imageContract.user must be a numeric non-root uid or uid:gid such as "10001:10001" (got "0")',
    ],
    ["root by uid:gid", { user: "0:0" }, '(got "0:0")'],
    ["a user name", { user: "app:app" }, "a name needs an /etc/passwd entry in the image"],
    ["a leading zero", { user: "010001" }, '(got "010001")'],
    ["a port out of range", { port: 70000 }, "imageContract.port must be 1-65535 (got 70000)"],
    ["no scratch path", { scratchPaths: [] }, "imageContract.scratchPaths must name at least one path"],
    [
      "a relative scratch path",
      { scratchPaths: ["tmp"] },
      'imageContract.scratchPaths[0] must be an absolute path below "/" (got "tmp")',
    ],
    [
      "the root as scratch path",
      { scratchPaths: ["/"] },
      'imageContract.scratchPaths[0] must be an absolute path below "/" (got "/")',
    ],
    ["a .. segment", { scratchPaths: ["/tmp/../etc"] }, '(got "/tmp/../etc")'],
    [
      "a path listed twice",
      { scratchPaths: ["/tmp", "/tmp"] },
      'imageContract.scratchPaths[1]: "/tmp" is listed twice',
    ],
    [
      "two paths with one volume name",
      { scratchPaths: ["/var/cache", "/var-cache"] },
      'gets the volume name "var-cache" of an earlier path',
    ],
    [
      "a health-check binary found by PATH",
      { healthCheckBinary: "curl" },
      "imageContract.healthCheckBinary must be an absolute path",
    ],
    [
      "an argument with a space",
      { healthCheckArgs: ["--max-time 4"] },
      'imageContract.healthCheckArgs[0] must be printable characters without spaces (got "--max-time 4")',
    ],
  ])("refuses %s", (_what, input, message) => {
    expect(imageContractProblems(input).join("\n")).toContain(message);
    expect(() => resolveImageContract(input)).toThrow(message);
  });

  it("reads numeric users", () => {
    expect(numericUser("10001:10001")).toEqual({ uid: 10001, gid: 10001 });
    expect(numericUser("10001")).toEqual({ uid: 10001 });
    expect(numericUser("10001:0")).toEqual({ uid: 10001, gid: 0 });
    for (const user of ["0", "0:10001", "root", "app", "", "10001:", "-1"]) expect(numericUser(user)).toBeUndefined();
  });

  it("names a volume after its path", () => {
    expect(scratchVolumeName("/tmp")).toBe("tmp");
    expect(scratchVolumeName("/var/cache/app")).toBe("var-cache-app");
  });
});

describe("FargateService takes the container's user, mounts, labels and health check from the image contract", () => {
  const props: FargateServiceProps = {
    name: "acme-prod",
    cluster: { arn: "arn:aws:ecs:us-east-1:222222222222:cluster/acme-prod", name: "acme-prod" },
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    container: {
      image: "repo:sha",
      port: 9000,
      healthCheckPath: "/ready",
      imageContract: {
        user: "20000:30000",
        scratchPaths: ["/tmp", "/var/cache/app"],
        healthCheckBinary: "/app/healthcheck",
      },
    },
    size: { cpu: 512, memoryMiB: 1024 },
    repositoryArn: "arn:aws:ecr:us-east-1:222222222222:repository/acme",
    scaling: { minCount: 2, maxCount: 4 },
    loadBalancer: { listenerArn: "arn:listener", arnSuffix: "app/acme/123", securityGroupId: "sg-alb" },
    deployment: { strategy: "rolling" },
    logs: { kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/logs" },
  };
  const stack = synthConstruct((scope) => new FargateService(scope, "svc", props));
  const task = only(stack, "aws_ecs_task_definition");
  const [container] = JSON.parse(String(task.values.container_definitions)) as Array<Record<string, unknown>>;

  it("runs as the contract's user with a read-only root", () => {
    expect(container).toMatchObject({ user: "20000:30000", readonlyRootFilesystem: true });
  });

  it("bind-mounts each scratch path writable, from a task volume of its own", () => {
    expect(container!.mountPoints).toEqual([
      { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
      { sourceVolume: "var-cache-app", containerPath: "/var/cache/app", readOnly: false },
    ]);
    expect(task.values.volume).toEqual([{ name: "tmp" }, { name: "var-cache-app" }]);
  });

  it("probes with the contract's binary in exec form on the contract's port", () => {
    expect((container!.healthCheck as { command: string[] }).command).toEqual([
      "CMD",
      "/app/healthcheck",
      "http://localhost:9000/ready",
    ]);
    expect(container!.portMappings).toEqual([{ containerPort: 9000, protocol: "tcp", name: "app-http" }]);
  });

  it("records the contract as docker labels", () => {
    expect(container!.dockerLabels).toEqual({
      [IMAGE_CONTRACT_LABELS.user]: "20000:30000",
      [IMAGE_CONTRACT_LABELS.port]: "9000",
      [IMAGE_CONTRACT_LABELS.scratchPaths]: "/tmp,/var/cache/app",
      [IMAGE_CONTRACT_LABELS.healthCheckBinary]: "/app/healthcheck",
    });
  });
});
