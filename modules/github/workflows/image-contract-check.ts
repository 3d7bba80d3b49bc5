/**
 * The step that checks a freshly built image against the image contract (see
 * modules/ecs-service/image-contract.ts and docs/image-contract.md) before anything pushes it.
 *
 * `docker image inspect` reads what the Dockerfile declared: USER (the contract's numeric uid, so
 * non-root), VOLUME (each scratch path) and EXPOSE (the port). A container that is created and
 * never started lets `docker cp` read the image's files as a tar stream, whose listing gives each
 * scratch path's mode (1777) and whether the health-check binary exists and the user can run it.
 * Every breach is reported, then the step fails; nothing runs the image's own code.
 */
import {
  imageContractProblems,
  numericUser,
  SCRATCH_PATH_MODE,
  SCRATCH_PATH_MODE_STRING,
  type ImageContract,
} from "../../ecs-service/image-contract";
import type { RunStep } from "./model";
import { throwIfProblems } from "../../core/validation";
import { bashScript, shellQuote } from "./script";

/** Props of `imageContractCheckStep`: the contract, the image to inspect and the step's id and condition. */
export interface ImageContractCheckProps {
  /** The contract the image must keep. */
  readonly contract: ImageContract;
  /** Expression of the local image reference, e.g. `${{ steps.build.outputs.uri }}`; it reaches the script as $IMAGE. */
  readonly image: string;
  /** The step id. @default "contract" */
  readonly id?: string;
  /** The step's `if:`. @default none (always) */
  readonly if?: string;
}

/** Where a breach message sends the reader. */
export const IMAGE_CONTRACT_DOC = "docs/image-contract.md";

/** Go templates that print one key of an image config map per line. */
const KEYS = (field: string) => `'{{range $key, $value := .Config.${field}}}{{println $key}}{{end}}'`;

/** The bash lines of the check (after `set -euo pipefail`); the image is `$IMAGE`. */
export function imageContractCheckLines(contract: ImageContract): string[] {
  throwIfProblems("imageContractCheck", imageContractProblems(contract, "contract"));
  const user = numericUser(contract.user)!;
  const accepted = [String(user.uid), ...(user.gid === undefined ? [] : [`${user.uid}:${user.gid}`])];
  const paths = contract.scratchPaths.map(shellQuote).join(" ");
  const binary = shellQuote(contract.healthCheckBinary);
  const port = `${contract.port}/tcp`;
  return [
    `: "\${IMAGE:?no image to check}"`,
    `failures=0`,
    `breach() { echo "::error::image contract: $*"; failures=$(( failures + 1 )); }`,
    `inspect() { docker image inspect --format "$1" "$IMAGE"; }`,
    `# USER: the contract's numeric uid (and gid, when the image names one), so never root.`,
    `user="$(inspect '{{.Config.User}}')"`,
    `case "$user" in`,
    `  ${accepted.join("|")}) echo "USER $user" ;;`,
    `  "") breach "the image declares no USER, so it runs as root; the contract says USER ${contract.user}" ;;`,
    `  *) breach "the image's USER is '$user'; the contract says ${contract.user} (numeric, non-root)" ;;`,
    `esac`,
    `# VOLUME: Fargate bind-mounts each scratch path root-owned 0755 unless the image declares it.`,
    `volumes="$(inspect ${KEYS("Volumes")})"`,
    `for path in ${paths}; do`,
    `  if grep -Fqx -- "$path" <<< "$volumes"; then echo "VOLUME $path"; else breach "the image does not declare VOLUME $path, so Fargate would mount it root-owned 0755 and uid ${user.uid} could not write to it"; fi`,
    `done`,
    `# EXPOSE: the port the target group and the security groups use.`,
    `ports="$(inspect ${KEYS("ExposedPorts")})"`,
    `if grep -Fqx -- ${port} <<< "$ports"; then echo "EXPOSE ${port}"; else breach "the image does not EXPOSE ${port}"; fi`,
    `# Files: read from a container that is created, never started.`,
    `container="$(docker create --entrypoint ${binary} "$IMAGE")"`,
    `trap 'docker rm "$container" > /dev/null' EXIT`,
    `entry() { docker cp --follow-link "$container:$1" - | tar --numeric-owner -tvf - | awk 'NR == 1 { print $1, $2 }'; }`,
    `for path in ${paths}; do`,
    `  if ! listing="$(entry "$path")" || [[ -z "$listing" ]]; then breach "$path is not in the image"; continue; fi`,
    `  mode="\${listing%% *}"`,
    `  if [[ "$mode" == ${SCRATCH_PATH_MODE_STRING} ]]; then echo "$path $mode"; else breach "$path has mode $mode; the contract says ${SCRATCH_PATH_MODE_STRING} (chmod ${SCRATCH_PATH_MODE} $path)"; fi`,
    `done`,
    `if ! listing="$(entry ${binary})" || [[ -z "$listing" ]]; then`,
    `  breach "the health-check binary ${contract.healthCheckBinary} is not in the image"`,
    `else`,
    `  mode="\${listing%% *}"`,
    `  owner="\${listing#* }"`,
    `  owner="\${owner%%/*}"`,
    `  if [[ "$mode" != -* ]]; then`,
    `    breach "the health-check binary ${contract.healthCheckBinary} is not a file ($mode)"`,
    `  elif [[ "\${mode:9:1}" == [xt] || ( "$owner" == ${user.uid} && "\${mode:3:1}" == [xs] ) ]]; then`,
    `    echo "${contract.healthCheckBinary} $mode"`,
    `  else`,
    `    breach "the health-check binary ${contract.healthCheckBinary} ($mode, owner $owner) is not executable by uid ${user.uid}"`,
    `  fi`,
    `fi`,
    `if (( failures > 0 )); then`,
    `  echo "::error::$IMAGE breaks the image contract ($failures problems, see ${IMAGE_CONTRACT_DOC}); it is not pushed"`,
    `  exit 1`,
    `fi`,
    `echo "$IMAGE keeps the image contract"`,
  ];
}

/** A run step that checks `image` against `contract` and fails on any breach. */
export function imageContractCheckStep(props: ImageContractCheckProps): RunStep {
  return {
    id: props.id ?? "contract",
    name: "Check the image against the image contract (USER, VOLUME, EXPOSE, modes, health-check binary) before pushing",
    ...(props.if === undefined ? {} : { if: props.if }),
    shell: "bash",
    env: { IMAGE: props.image },
    run: bashScript(...imageContractCheckLines(props.contract)),
  };
}
