/**
 * The container definition of the service's task, as typed objects serialized with
 * JSON.stringify. Pure: no cdktf, so the hardening rules can be tested on their own.
 */
import {
  healthCheckCommand,
  imageContractLabels,
  imageContractProblems,
  resolveImageContract,
  scratchVolumeName,
  type ImageContract,
  type ImageContractInput,
} from "./image-contract";
import { CONTAINER_HEALTH_CHECK, coldStartProblems, DEFAULT_COLD_START_SECONDS, startupTiming } from "./startup";

/** The path the load balancer and the container health check probe when none is given; config's schema takes it from here. */
export const DEFAULT_HEALTH_CHECK_PATH = "/health";

/** What the caller says about the service's one container; `buildContainerDefinition` adds the hardening. */
export interface ContainerSpec {
  /** @default "app" */
  readonly name?: string;
  /** Image reference, e.g. `<account>.dkr.ecr.<region>.amazonaws.com/suma-auth:<sha>`. */
  readonly image: string;
  /** Port the application listens on: the image contract's port. */
  readonly port: number;
  /** HTTP path the load balancer and the container health check probe. @default "/health" (DEFAULT_HEALTH_CHECK_PATH) */
  readonly healthCheckPath?: string;
  /**
   * What the image promises (see image-contract.ts): the user the container runs as, the
   * scratch paths it declares with VOLUME (each bind-mounted, the only writable paths under the
   * read-only root) and the binary the container health check runs, in exec form:
   * `["CMD", <healthCheckBinary>, ...<healthCheckArgs>, "http://localhost:<port><healthCheckPath>"]`.
   * @default DEFAULT_IMAGE_CONTRACT: user "10001:10001", scratchPaths ["/tmp"], healthCheckBinary "/usr/bin/curl"
   */
  readonly imageContract?: Omit<ImageContractInput, "port">;
  /**
   * Seconds from container start until the application answers its health check. The container
   * health check's startPeriod and the service's health-check grace period derive from it
   * (see startup.ts); at most 300, the longest startPeriod ECS accepts.
   * @default 60
   */
  readonly coldStartSeconds?: number;
  /** Plain configuration. Names that look like credentials are rejected: use `secrets`. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Environment variable name → Secrets Manager secret ARN (optionally `:json-key::`) or SSM parameter ARN. @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
}

export interface ContainerLogging {
  readonly logGroupName: string;
  readonly region: string;
  readonly streamPrefix: string;
}

/**
 * Amazon ECS task definition, one entry of `containerDefinitions` (the JSON the task definition's
 * `container_definitions` holds). The literal types are the hardening every container gets.
 */
export interface ContainerDefinition {
  /** Container name; the load balancer and the deploy workflow's image replacement refer to it. */
  name: string;
  /** Image reference the task pulls. */
  image: string;
  /** The task stops when this container stops. */
  essential: true;
  /** `uid:gid` the process runs as: the image contract's user, never root. */
  user: string;
  /** No privileged mode (Fargate refuses it anyway). */
  privileged: false;
  /** The root filesystem is read-only; only the scratch volumes are writable. */
  readonlyRootFilesystem: true;
  /** The one port the application listens on. */
  portMappings: Array<{
    /** Port inside the container, the image contract's port (awsvpc: also the host port). */
    containerPort: number;
    /** Transport protocol. */
    protocol: "tcp";
    /** Port mapping name, `<container>-http`. */
    name: string;
  }>;
  /** Plain environment variables. */
  environment: Array<{
    /** Variable name. */
    name: string;
    /** Variable value, visible in the task definition. */
    value: string;
  }>;
  /** Environment variables ECS fetches at task start with the execution role. */
  secrets: Array<{
    /** Variable name. */
    name: string;
    /** Secrets Manager secret ARN (optionally with a JSON key) or SSM parameter ARN. */
    valueFrom: string;
  }>;
  /** Linux process settings. */
  linuxParameters: {
    /** Runs an init process (tini) as PID 1, which reaps zombies and forwards signals. */
    initProcessEnabled: true;
    /** Linux capabilities. */
    capabilities: {
      /** Capabilities removed from the default set: all of them. */
      drop: ["ALL"];
    };
  };
  /** Writable bind mounts, one per scratch path of the image contract. */
  mountPoints: Array<{
    /** Task volume name (`scratchVolumes`). */
    sourceVolume: string;
    /** Path in the container, as the image declares it with VOLUME. */
    containerPath: string;
    /** The mount is writable. */
    readOnly: false;
  }>;
  /** The image contract as labels (`IMAGE_CONTRACT_LABELS`), read by the deployability rules. */
  dockerLabels: Record<string, string>;
  /** Container health check; ECS replaces a task whose container stays unhealthy. */
  healthCheck: {
    /** Exec-form command, `["CMD", <binary>, ...args, <url>]`; exit 0 is healthy. */
    command: string[];
    /** Seconds between checks. */
    interval: number;
    /** Seconds before one check counts as failed. */
    timeout: number;
    /** Consecutive failures before the container is unhealthy. */
    retries: number;
    /** Seconds after start during which failures do not count (derived from the cold start). */
    startPeriod: number;
  };
  /** Where stdout and stderr go. */
  logConfiguration: {
    /** CloudWatch Logs. */
    logDriver: "awslogs";
    /** awslogs driver options: group, region, stream prefix, non-blocking mode and buffer size. */
    options: Record<string, string>;
  };
  /** Seconds between SIGTERM and SIGKILL when the task stops. */
  stopTimeout: number;
}

/** The image contract of a container spec: its `imageContract` with its `port`, defaults filled in. */
export function containerImageContract(spec: ContainerSpec): ImageContract {
  return resolveImageContract({ ...spec.imageContract, port: spec.port }, "container.imageContract");
}

/** The task definition's bind-mount volumes, one per scratch path of the contract (Fargate: a volume with a name only). */
export function scratchVolumes(contract: ImageContract): Array<{
  /** Volume name, derived from the path; mount points refer to it. */
  name: string;
}> {
  return contract.scratchPaths.map((path) => ({ name: scratchVolumeName(path) }));
}

const CREDENTIAL_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
const SECRET_ARN = /^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:.+|ssm:[a-z0-9-]+:\d{12}:parameter\/.+)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every problem with a container spec; [] when it is fine. Tokens (`${...}`) are trusted. */
export function containerSpecProblems(spec: ContainerSpec): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(spec.port) || spec.port < 1 || spec.port > 65535)
    problems.push(`container.port must be 1-65535 (got ${spec.port})`);
  problems.push(...imageContractProblems(spec.imageContract ?? {}, "container.imageContract"));
  problems.push(
    ...coldStartProblems(spec.coldStartSeconds ?? DEFAULT_COLD_START_SECONDS, "container.coldStartSeconds"),
  );
  const path = spec.healthCheckPath ?? DEFAULT_HEALTH_CHECK_PATH;
  if (!path.startsWith("/")) problems.push(`container.healthCheckPath must start with "/" (got "${path}")`);
  for (const [name, value] of Object.entries(spec.environment ?? {})) {
    if (!ENV_NAME.test(name)) problems.push(`container.environment.${name}: not a valid variable name`);
    if (CREDENTIAL_NAME.test(name))
      problems.push(
        `container.environment.${name}: looks like a credential; pass it in container.secrets from Secrets Manager or SSM`,
      );
    if (/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(value))
      problems.push(`container.environment.${name}: holds an AWS access key id`);
  }
  for (const [name, arn] of Object.entries(spec.secrets ?? {})) {
    if (!ENV_NAME.test(name)) problems.push(`container.secrets.${name}: not a valid variable name`);
    if (!arn.includes("${") && !SECRET_ARN.test(arn))
      problems.push(`container.secrets.${name}: "${arn}" is not a Secrets Manager secret or SSM parameter ARN`);
  }
  return problems;
}

/** The hardened container definition of a spec, logging to `logging`'s log group with the awslogs driver. */
export function buildContainerDefinition(spec: ContainerSpec, logging: ContainerLogging): ContainerDefinition {
  const path = spec.healthCheckPath ?? DEFAULT_HEALTH_CHECK_PATH;
  const name = spec.name ?? "app";
  const contract = containerImageContract(spec);
  return {
    name,
    image: spec.image,
    essential: true,
    user: contract.user,
    privileged: false,
    readonlyRootFilesystem: true,
    portMappings: [{ containerPort: spec.port, protocol: "tcp", name: `${name}-http` }],
    environment: Object.entries(spec.environment ?? {}).map(([n, value]) => ({ name: n, value })),
    secrets: Object.entries(spec.secrets ?? {}).map(([n, valueFrom]) => ({ name: n, valueFrom })),
    // tini as PID 1 reaps zombies and forwards SIGTERM; dropping every capability costs a web service nothing.
    linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
    // Fargate bind mounts are root-owned 0755 unless the image declares the path with VOLUME: the contract says it does, with mode 1777.
    mountPoints: contract.scratchPaths.map((containerPath) => ({
      sourceVolume: scratchVolumeName(containerPath),
      containerPath,
      readOnly: false as const,
    })),
    // The contract travels with the task definition, where the deployability rules (SUMA-DEP-607 to 609) and `docker inspect` read it.
    dockerLabels: imageContractLabels(contract),
    healthCheck: {
      command: healthCheckCommand(contract, path),
      interval: CONTAINER_HEALTH_CHECK.intervalSeconds,
      timeout: CONTAINER_HEALTH_CHECK.timeoutSeconds,
      retries: CONTAINER_HEALTH_CHECK.retries,
      startPeriod: startupTiming(spec.coldStartSeconds).containerStartPeriodSeconds,
    },
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": logging.logGroupName,
        "awslogs-region": logging.region,
        "awslogs-stream-prefix": logging.streamPrefix,
        // A full log buffer must not block request handling.
        mode: "non-blocking",
        "max-buffer-size": "25m",
      },
    },
    stopTimeout: 30,
  };
}
