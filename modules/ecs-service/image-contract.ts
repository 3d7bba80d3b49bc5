/**
 * The image contract: what the service's container image must promise so that the task
 * definition FargateService writes can run it. The container definition's user, scratch mounts,
 * port and health check come from it, the deploy workflow checks an image against it before
 * pushing, and the deployability rules SUMA-DEP-607 to 609 check task definitions against it.
 * Pure: no cdktf.
 *
 * Why each item:
 * - `user`: the task sets `user` to it. A numeric uid:gid needs no entry in the image's
 *   /etc/passwd (a name does, or the container fails to start) and is never root.
 * - `scratchPaths`: the root filesystem is read-only, so each path is a Fargate bind mount.
 *   Fargate creates a bind mount owned by root with mode 0755 unless the image declares the path
 *   with `VOLUME`, in which case it copies the image's directory (and its mode) into the mount.
 *   A uid-10001 process can write to it only when the image declares it, with mode 1777.
 * - `healthCheckBinary`: the container health check runs inside the image, in exec form
 *   (no shell needed). An image without it is marked unhealthy and stopped, forever.
 * - `port`: the port the application listens on and the image EXPOSEs; the target group, the
 *   security groups and the port mapping use it.
 */

import { throwIfProblems } from "../core/validation";

/** Mode of every scratch path: world-writable with the sticky bit, like any /tmp. */
export const SCRATCH_PATH_MODE = "1777";
/** The same mode as `ls -l` / `tar -tv` print it for a directory. */
export const SCRATCH_PATH_MODE_STRING = "drwxrwxrwt";

/** Port the application listens on when nothing says otherwise. */
export const DEFAULT_CONTAINER_PORT = 8080;

/** curl's options for a health probe: fail on HTTP errors, print nothing but errors, give up before the ECS timeout. */
export const CURL_HEALTH_CHECK_ARGS = [
  "--fail",
  "--silent",
  "--show-error",
  "--max-time",
  "4",
  "--output",
  "/dev/null",
] as const;

/** Everything an image promises to the task that runs it. */
export interface ImageContract {
  /** Numeric `uid:gid` the image declares with `USER` and the task runs as; never 0. */
  readonly user: string;
  /** Port the image EXPOSEs (tcp) and the application listens on. */
  readonly port: number;
  /** Absolute paths the image declares with `VOLUME`, each a directory of mode 1777; the only writable paths. */
  readonly scratchPaths: readonly string[];
  /** Absolute path of the executable the container health check runs, in exec form. */
  readonly healthCheckBinary: string;
  /** Arguments before the health URL, which is always the last argument. */
  readonly healthCheckArgs: readonly string[];
}

/** The contract's settings; each has a default. */
export interface ImageContractInput {
  /** @default "10001:10001" */
  readonly user?: string;
  /** @default DEFAULT_CONTAINER_PORT (8080) */
  readonly port?: number;
  /** @default ["/tmp"] */
  readonly scratchPaths?: readonly string[];
  /** @default "/usr/bin/curl" */
  readonly healthCheckBinary?: string;
  /**
   * Arguments before the health URL. The binary must exit 0 when the URL answers 2xx, and
   * non-zero otherwise, within the health check's 5 s timeout.
   * @default CURL_HEALTH_CHECK_ARGS when healthCheckBinary ends in "/curl", else []
   */
  readonly healthCheckArgs?: readonly string[];
}

/** The default contract: uid/gid 10001, /tmp as the one scratch path, curl as the probe, port 8080. */
export const DEFAULT_IMAGE_CONTRACT: ImageContract = {
  user: "10001:10001",
  port: DEFAULT_CONTAINER_PORT,
  scratchPaths: ["/tmp"],
  healthCheckBinary: "/usr/bin/curl",
  healthCheckArgs: CURL_HEALTH_CHECK_ARGS,
};

/** `uid` or `uid:gid`, positive integers without leading zeros. */
const NUMERIC_USER = /^([1-9]\d{0,9})(?::(0|[1-9]\d{0,9}))?$/;
/** An absolute path of plain characters, without `.`/`..` segments or a trailing "/". */
const ABSOLUTE_PATH = /^(\/[A-Za-z0-9_.+@-]+)+$/;
const PLAIN_ARG = /^[\x21-\x7e]+$/;

/** Where the docker labels that record the contract on a container definition start. */
export const IMAGE_CONTRACT_LABEL_PREFIX = "image-contract.";
/** The container definition's `dockerLabels` that record its image contract (the deployability rules read them). */
export const IMAGE_CONTRACT_LABELS = {
  /** Label holding the `uid[:gid]` the container runs as. */
  user: `${IMAGE_CONTRACT_LABEL_PREFIX}user`,
  /** Label holding the port the application listens on. */
  port: `${IMAGE_CONTRACT_LABEL_PREFIX}port`,
  /** Label holding the scratch (VOLUME) paths, comma-separated. */
  scratchPaths: `${IMAGE_CONTRACT_LABEL_PREFIX}volumes`,
  /** Label holding the absolute path of the binary the container health check runs. */
  healthCheckBinary: `${IMAGE_CONTRACT_LABEL_PREFIX}health-check-binary`,
} as const;

/** The uid (and gid, if given) of a numeric user; undefined for anything else (a name, root). */
export function numericUser(user: string):
  | {
      /** User id, 1 or more. */
      uid: number;
      /** Group id (0 allowed). */
      gid?: number;
    }
  | undefined {
  const match = NUMERIC_USER.exec(user);
  if (!match) return undefined;
  return { uid: Number(match[1]), ...(match[2] === undefined ? {} : { gid: Number(match[2]) }) };
}

function isAbsolutePath(path: string): boolean {
  return ABSOLUTE_PATH.test(path) && !path.split("/").some((segment) => segment === "." || segment === "..");
}

/** Every problem with a contract's settings; [] when they are fine. `where` prefixes each message. */
export function imageContractProblems(input: ImageContractInput, where = "imageContract"): string[] {
  const problems: string[] = [];
  const c = { ...DEFAULT_IMAGE_CONTRACT, ...input };
  if (!numericUser(c.user)) {
    problems.push(
      `${where}.user must be a numeric non-root uid or uid:gid such as "10001:10001" (got "${c.user}"): a name needs an /etc/passwd entry in the image, and uid 0 is root`,
    );
  }
  if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535)
    problems.push(`${where}.port must be 1-65535 (got ${c.port})`);
  if (c.scratchPaths.length === 0)
    problems.push(
      `${where}.scratchPaths must name at least one path: a read-only root filesystem leaves the application nowhere to write`,
    );
  const seen = new Set<string>();
  c.scratchPaths.forEach((path, i) => {
    if (!isAbsolutePath(path) || path === "/")
      problems.push(`${where}.scratchPaths[${i}] must be an absolute path below "/" (got "${path}")`);
    if (seen.has(path)) problems.push(`${where}.scratchPaths[${i}]: "${path}" is listed twice`);
    seen.add(path);
  });
  const names = c.scratchPaths.map(scratchVolumeName);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i && c.scratchPaths.indexOf(c.scratchPaths[i]!) === i)
      problems.push(
        `${where}.scratchPaths[${i}]: "${c.scratchPaths[i]}" gets the volume name "${name}" of an earlier path; rename one`,
      );
  });
  if (!isAbsolutePath(c.healthCheckBinary))
    problems.push(
      `${where}.healthCheckBinary must be an absolute path such as "/usr/bin/curl" (got "${c.healthCheckBinary}"): the health check runs without a shell or PATH search`,
    );
  (input.healthCheckArgs ?? []).forEach((arg, i) => {
    if (!PLAIN_ARG.test(arg))
      problems.push(
        `${where}.healthCheckArgs[${i}] must be printable characters without spaces (got ${JSON.stringify(arg)})`,
      );
  });
  return problems;
}

/** The contract with every default filled in; throws one PropsError with every problem (each prefixed by `where`). */
export function resolveImageContract(input: ImageContractInput = {}, where = "imageContract"): ImageContract {
  throwIfProblems("resolveImageContract", imageContractProblems(input, where));
  const healthCheckBinary = input.healthCheckBinary ?? DEFAULT_IMAGE_CONTRACT.healthCheckBinary;
  return {
    user: input.user ?? DEFAULT_IMAGE_CONTRACT.user,
    port: input.port ?? DEFAULT_IMAGE_CONTRACT.port,
    scratchPaths: [...(input.scratchPaths ?? DEFAULT_IMAGE_CONTRACT.scratchPaths)],
    healthCheckBinary,
    healthCheckArgs: [
      ...(input.healthCheckArgs ?? (healthCheckBinary.endsWith("/curl") ? CURL_HEALTH_CHECK_ARGS : [])),
    ],
  };
}

/** The container health check command: exec form, the contract's binary and arguments, then the URL. */
export function healthCheckCommand(contract: ImageContract, healthCheckPath: string): string[] {
  return [
    "CMD",
    contract.healthCheckBinary,
    ...contract.healthCheckArgs,
    `http://localhost:${contract.port}${healthCheckPath}`,
  ];
}

/** The task definition volume name of a scratch path: "/tmp" → "tmp", "/var/cache/app" → "var-cache-app". */
export function scratchVolumeName(path: string): string {
  return path.slice(1).replace(/[^A-Za-z0-9_-]/g, "-");
}

/** The docker labels that record a contract on a container definition. */
export function imageContractLabels(contract: ImageContract): Record<string, string> {
  return {
    [IMAGE_CONTRACT_LABELS.user]: contract.user,
    [IMAGE_CONTRACT_LABELS.port]: String(contract.port),
    [IMAGE_CONTRACT_LABELS.scratchPaths]: contract.scratchPaths.join(","),
    [IMAGE_CONTRACT_LABELS.healthCheckBinary]: contract.healthCheckBinary,
  };
}
