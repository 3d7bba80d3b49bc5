/**
 * The image contract check runs in bash against a fake `docker` that answers `image inspect`
 * from a made-up image config and `cp` with a real tar stream of a made-up image filesystem:
 * a compliant image passes, and each breach is named before the step fails.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_IMAGE_CONTRACT,
  resolveImageContract,
  type ImageContract,
} from "../../../../modules/ecs-service/image-contract";
import {
  imageContractCheckLines,
  imageContractCheckStep,
} from "../../../../modules/github/workflows/image-contract-check";
import { callsOf, runStep } from "./run-step";

const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/suma-auth:abc";

interface FakeImage {
  readonly user?: string;
  readonly volumes?: readonly string[];
  readonly ports?: readonly string[];
  /** Files: path → octal mode; a path ending in "/" is a directory. */
  readonly files?: Readonly<Record<string, number>>;
  /** Owner uid of the files in the tar stream. @default 0 */
  readonly owner?: number;
}

const COMPLIANT: FakeImage = {
  user: "10001:10001",
  volumes: ["/tmp"],
  ports: ["8080/tcp"],
  files: { "/tmp/": 0o1777, "/usr/bin/curl": 0o755 },
};

// `docker image inspect --format <template> <image>`, `create`, `cp --follow-link <container>:<path> -`, `rm`.
const FAKE_DOCKER = `
case "$1" in
  image)
    case "$4" in
      *Config.User*) printf '%s\\n' "$FAKE_USER" ;;
      *Config.Volumes*) printf '%s' "$FAKE_VOLUMES" ;;
      *Config.ExposedPorts*) printf '%s' "$FAKE_PORTS" ;;
      *) echo "unexpected template $4" >&2; exit 2 ;;
    esac ;;
  create) echo "c0ffee" ;;
  cp)
    path="\${3#c0ffee:}"
    if [[ ! -e "$FAKE_ROOT$path" ]]; then echo "Error: Could not find the file $path in container c0ffee" >&2; exit 1; fi
    tar -C "$FAKE_ROOT$(dirname "$path")" --owner="$FAKE_OWNER" --group=0 --numeric-owner -cf - "$(basename "$path")" ;;
  rm) echo "$2" ;;
  *) echo "unexpected docker $*" >&2; exit 2 ;;
esac`;

function check(image: FakeImage, contract: ImageContract = DEFAULT_IMAGE_CONTRACT) {
  const root = mkdtempSync(join(tmpdir(), "image-root-"));
  try {
    for (const [path, mode] of Object.entries(image.files ?? {})) {
      const full = join(root, path);
      if (path.endsWith("/")) mkdirSync(full, { recursive: true });
      else {
        mkdirSync(join(full, ".."), { recursive: true });
        writeFileSync(full, "#!/bin/sh\n");
      }
      chmodSync(full, mode);
    }
    const lines = (values: readonly string[] | undefined) => (values ?? []).map((v) => `${v}\n`).join("");
    const step = imageContractCheckStep({ contract, image: "${{ steps.build.outputs.uri }}" });
    return runStep(
      step,
      {
        IMAGE,
        FAKE_ROOT: root,
        FAKE_USER: image.user ?? "",
        FAKE_VOLUMES: lines(image.volumes),
        FAKE_PORTS: lines(image.ports),
        FAKE_OWNER: String(image.owner ?? 0),
      },
      { docker: FAKE_DOCKER },
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("imageContractCheckStep", () => {
  it("passes an image that keeps the contract, reading only its config and files, and removes the container it created", () => {
    const run = check(COMPLIANT);
    expect(run.stdout).toContain(`${IMAGE} keeps the image contract`);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("/tmp drwxrwxrwt");
    expect(run.stdout).toContain("/usr/bin/curl -rwxr-xr-x");
    expect(callsOf(run, "docker", "create")).toEqual([["create", "--entrypoint", "/usr/bin/curl", IMAGE]]);
    expect(callsOf(run, "docker", "cp").map((c) => c[2])).toEqual(["c0ffee:/tmp", "c0ffee:/usr/bin/curl"]);
    expect(callsOf(run, "docker", "rm")).toEqual([["rm", "c0ffee"]]);
    // Nothing starts the image.
    expect(run.calls.some((c) => c[1] === "run" || c[1] === "start")).toBe(false);
  });

  it("accepts USER with the uid alone", () => {
    expect(check({ ...COMPLIANT, user: "10001" }).status).toBe(0);
  });

  it.each<[string, FakeImage, string]>([
    [
      "no USER (root)",
      { ...COMPLIANT, user: "" },
      "the image declares no USER, so it runs as root; the contract says USER 10001:10001",
    ],
    [
      "USER root",
      { ...COMPLIANT, user: "root" },
      "the image's USER is 'root'; the contract says 10001:10001 (numeric, non-root)",
    ],
    ["another uid", { ...COMPLIANT, user: "1000:1000" }, "the image's USER is '1000:1000'"],
    [
      "no VOLUME /tmp",
      { ...COMPLIANT, volumes: [] },
      "the image does not declare VOLUME /tmp, so Fargate would mount it root-owned 0755 and uid 10001 could not write to it",
    ],
    ["the port not exposed", { ...COMPLIANT, ports: ["80/tcp"] }, "the image does not EXPOSE 8080/tcp"],
    [
      "/tmp of mode 0755",
      { ...COMPLIANT, files: { ...COMPLIANT.files, "/tmp/": 0o755 } },
      "/tmp has mode drwxr-xr-x; the contract says drwxrwxrwt (chmod 1777 /tmp)",
    ],
    ["/tmp missing", { ...COMPLIANT, files: { "/usr/bin/curl": 0o755 } }, "/tmp is not in the image"],
    [
      "no curl",
      { ...COMPLIANT, files: { "/tmp/": 0o1777 } },
      "the health-check binary /usr/bin/curl is not in the image",
    ],
    [
      "curl that only root may run",
      { ...COMPLIANT, files: { "/tmp/": 0o1777, "/usr/bin/curl": 0o750 } },
      "the health-check binary /usr/bin/curl (-rwxr-x---, owner 0) is not executable by uid 10001",
    ],
  ])("fails on %s, naming it", (_what, image, message) => {
    const run = check(image);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`::error::image contract: ${message}`);
    expect(run.stdout).toContain("it is not pushed");
    expect(callsOf(run, "docker", "rm")).toHaveLength(1);
  });

  it("reports every breach before failing", () => {
    const run = check({ user: "", volumes: [], ports: [], files: {} });
    expect(run.status).toBe(1);
    expect(run.stdout.match(/::error::image contract:/g)).toHaveLength(5);
    expect(run.stdout).toContain("breaks the image contract (5 problems, see docs/image-contract.md)");
  });

  it("lets the contract's user run a binary it owns", () => {
    expect(check({ ...COMPLIANT, owner: 10001, files: { "/tmp/": 0o1777, "/usr/bin/curl": 0o700 } }).status).toBe(0);
  });

  it("checks another contract's paths, port and binary", () => {
    const contract = resolveImageContract({
      user: "20000:20000",
      port: 9000,
      scratchPaths: ["/tmp", "/var/cache/app"],
      healthCheckBinary: "/app/healthcheck",
    });
    const image: FakeImage = {
      user: "20000:20000",
      volumes: ["/tmp", "/var/cache/app"],
      ports: ["9000/tcp"],
      files: { "/tmp/": 0o1777, "/var/cache/app/": 0o1777, "/app/healthcheck": 0o755 },
    };
    expect(check(image, contract).status).toBe(0);
    const missing = check({ ...image, volumes: ["/tmp"] }, contract);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain("does not declare VOLUME /var/cache/app");
  });

  it("refuses a contract it can't check", () => {
    expect(() => imageContractCheckLines({ ...DEFAULT_IMAGE_CONTRACT, user: "root" })).toThrow(
      /imageContractCheck: contract\.user must be a numeric non-root uid/,
    );
  });
});
