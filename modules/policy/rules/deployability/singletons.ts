/**
 * Deployability checks: account singletons (GuardDuty detector, Config recorder and delivery
 * channel, IAM OIDC providers). Each exists once per account (and region, where regional), so
 * two stacks that both create one fail the second apply, and an adopted one must be imported
 * under the id its API knows it by. Whole-app checks: the stacks of one account are many.
 */
import type { ControlMapping } from "../../rule";
import type { ResourceValues, TerraformJson } from "../../terraform-json";
import type { AppProblem, DeployabilityAppCheck, SynthesizedApp } from "./rule";

const CHANGE_AND_AVAILABILITY: ControlMapping = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };
const MONITORING: ControlMapping = { pci: ["6.5.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] };

/** The parts of a stack's JSON these checks read besides resources. */
interface StackWithProviders extends TerraformJson {
  readonly provider?: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;
  readonly import?: ReadonlyArray<{ readonly id?: unknown; readonly to?: unknown }>;
}

/** One resource of the app, with the account and region its AWS provider is pinned to. */
interface Placed {
  readonly stack: string;
  readonly address: string;
  readonly name: string;
  readonly values: ResourceValues;
  /** The provider's single allowed account id; undefined when the provider doesn't pin one. */
  readonly accountId?: string;
  /** The provider's region (may be a `${...}` reference). */
  readonly region?: string;
  /** The id of the `import` block that adopts this resource, when there is one. */
  readonly importId?: unknown;
}

/** The AWS provider block a resource uses: its `provider` meta-argument (`aws.<alias>`), else the default one. */
function awsProviderOf(stack: StackWithProviders, values: ResourceValues): Readonly<Record<string, unknown>> | undefined {
  const providers = stack.provider?.aws ?? [];
  const ref = typeof values.provider === "string" ? values.provider : undefined;
  const alias = ref?.startsWith("aws.") ? ref.slice(4) : undefined;
  return providers.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias));
}

/** Every resource of a type across the app, placed in its account and region. */
function placed(app: SynthesizedApp, type: string): Placed[] {
  const found: Placed[] = [];
  for (const [stackName, json] of Object.entries(app.stacks)) {
    const stack = json as StackWithProviders;
    const imports = new Map<unknown, unknown>((stack.import ?? []).map((i) => [i.to, i.id]));
    for (const [name, values] of Object.entries(stack.resource?.[type] ?? {})) {
      const provider = awsProviderOf(stack, values);
      const allowed = provider?.allowed_account_ids;
      const accountId = Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string" ? allowed[0] : undefined;
      const region = typeof provider?.region === "string" ? provider.region : undefined;
      const address = `${type}.${name}`;
      found.push({ stack: stackName, address, name, values, accountId, region, importId: imports.get(address) });
    }
  }
  return found;
}

/** Where a singleton lives. A provider that pins no account is compared within its own stack only. */
function scopeKey(r: Placed, regional: boolean): string {
  const account = r.accountId ?? `unpinned account of stack ${r.stack}`;
  return regional ? `${account}|${r.region ?? "default region"}` : account;
}

const where = (r: Placed, regional: boolean) =>
  `${r.accountId ? `account ${r.accountId}` : "its account"}${regional ? ` in ${r.region ?? "its region"}` : ""}`;

/** Problems for every group of more than one resource under the same key. */
function duplicates(resources: readonly Placed[], key: (r: Placed) => string, message: (r: Placed, others: readonly Placed[]) => string): AppProblem[] {
  const groups = new Map<string, Placed[]>();
  for (const r of resources) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .flatMap((g) => g.map((r) => ({ stack: r.stack, address: r.address, message: message(r, g.filter((o) => o !== r)) })));
}

const named = (others: readonly Placed[]) => others.map((o) => `${o.stack} ${o.address}`).join(", ");
/** A string with no interpolation; unlike isLiteral, an empty one counts (an import id must still be checked). */
const isUntemplated = (value: unknown): value is string => typeof value === "string" && !value.includes("${");
const dependsOnType = (values: ResourceValues, type: string) =>
  Array.isArray(values.depends_on) && values.depends_on.some((d) => typeof d === "string" && d.startsWith(`${type}.`));

/** A GuardDuty detector id as the API returns it. */
const DETECTOR_ID = /^[a-z0-9]{32}$/;

const oneDetector: DeployabilityAppCheck = {
  id: "SUMA-DEP-401",
  title: "At most one GuardDuty detector per account and region",
  severity: "error",
  controls: MONITORING,
  resourceTypes: ["aws_guardduty_detector"],
  constraint: "GuardDuty allows one detector per account per Region; CreateDetector fails when the Region already has one.",
  source: {
    title: "Amazon GuardDuty API Reference: CreateDetector",
    url: "https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html",
  },
  rationale:
    "Two stacks that each create (or import) the detector of the same account and region fail the second apply and then fight over its settings. " +
    "Create the detector in one stack per account and region; where one already exists set accounts.<name>.singletons.guardDuty.<region> to adopt it by id, or to reference it when the organization's delegated administrator manages it.",
  checkApp: (app) =>
    duplicates(
      placed(app, "aws_guardduty_detector"),
      (r) => scopeKey(r, true),
      (r, others) => `a second GuardDuty detector for ${where(r, true)}: GuardDuty allows one per account and region (also ${named(others)})`,
    ),
};

const detectorImportId: DeployabilityAppCheck = {
  id: "SUMA-DEP-402",
  title: "An adopted GuardDuty detector is imported by its detector id",
  severity: "error",
  controls: MONITORING,
  resourceTypes: ["aws_guardduty_detector"],
  constraint: "aws_guardduty_detector imports by the detector id (32 lower-case letters and digits, from ListDetectors); anything else finds no detector and the import fails.",
  source: {
    title: "Terraform AWS provider: aws_guardduty_detector, Import",
    url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/guardduty_detector.html.markdown",
  },
  rationale:
    "The import block of an adopted detector must carry the id `aws guardduty list-detectors` prints in that account and region. " +
    "Fix accounts.<name>.singletons.guardDuty.<region>.detectorId.",
  checkApp: (app) =>
    placed(app, "aws_guardduty_detector")
      .filter((r) => r.importId !== undefined && !(isUntemplated(r.importId) && DETECTOR_ID.test(r.importId)))
      .map((r) => ({ stack: r.stack, address: r.address, message: `imported as ${JSON.stringify(r.importId)}, which is not a GuardDuty detector id (32 of a-z, 0-9)` })),
};

const oneRecorder: DeployabilityAppCheck = {
  id: "SUMA-DEP-403",
  title: "At most one AWS Config recorder per account and region",
  severity: "error",
  controls: MONITORING,
  resourceTypes: ["aws_config_configuration_recorder"],
  constraint:
    "AWS Config allows one customer managed configuration recorder per account per Region; PutConfigurationRecorder with another name fails with MaxNumberOfConfigurationRecordersExceededException, and with the same name silently overwrites the other owner's recorder.",
  source: {
    title: "AWS Config Developer Guide: Working with the configuration recorder, Considerations for the customer managed configuration recorder",
    url: "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
  },
  rationale:
    "Record from one stack per account and region. Where a recorder already exists (often named \"default\", or created by Control Tower) set accounts.<name>.singletons.configRecorder.<region> to adopt it by name, or to reference it.",
  checkApp: (app) =>
    duplicates(
      placed(app, "aws_config_configuration_recorder"),
      (r) => scopeKey(r, true),
      (r, others) => `a second AWS Config recorder for ${where(r, true)}: Config allows one per account and region (also ${named(others)})`,
    ),
};

const oneDeliveryChannel: DeployabilityAppCheck = {
  id: "SUMA-DEP-404",
  title: "At most one AWS Config delivery channel per account and region",
  severity: "error",
  controls: MONITORING,
  resourceTypes: ["aws_config_delivery_channel"],
  constraint: "AWS Config allows one delivery channel per account per Region; PutDeliveryChannel with another name fails with MaxNumberOfDeliveryChannelsExceededException.",
  source: {
    title: "AWS Config API Reference: PutDeliveryChannel",
    url: "https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html",
  },
  rationale:
    "Create the delivery channel beside the recorder in one stack per account and region. Adopt an existing channel together with its recorder (accounts.<name>.singletons.configRecorder.<region>, mode adopt), or reference both.",
  checkApp: (app) =>
    duplicates(
      placed(app, "aws_config_delivery_channel"),
      (r) => scopeKey(r, true),
      (r, others) => `a second AWS Config delivery channel for ${where(r, true)}: Config allows one per account and region (also ${named(others)})`,
    ),
};

const CONFIG_NAMED = ["aws_config_configuration_recorder", "aws_config_delivery_channel", "aws_config_configuration_recorder_status"] as const;

const configImportByName: DeployabilityAppCheck = {
  id: "SUMA-DEP-405",
  title: "An adopted Config recorder or delivery channel is imported by, and keeps, its name",
  severity: "error",
  controls: MONITORING,
  resourceTypes: [...CONFIG_NAMED],
  constraint:
    "A Config recorder and delivery channel are identified by name, and a recorder's name can't be changed: renaming means deleting it and creating a new one. The Terraform resources import by name and replace on a name change.",
  source: {
    title: "AWS Config API Reference: ConfigurationRecorder, name (Changing the name of a configuration recorder)",
    url: "https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorder.html",
  },
  rationale:
    "An import id that differs from the resource's name either finds nothing or plans to delete the adopted recorder and create another, losing its history. " +
    "Give the existing names in accounts.<name>.singletons.configRecorder.<region> (recorderName, deliveryChannelName); the constructs use them as both the import id and the name.",
  checkApp: (app) =>
    CONFIG_NAMED.flatMap((type) =>
      placed(app, type)
        .filter((r) => r.importId !== undefined)
        .filter((r) => !isUntemplated(r.importId) || r.importId.trim() === "" || (isUntemplated(r.values.name) && r.values.name !== r.importId))
        .map((r) => ({
          stack: r.stack,
          address: r.address,
          message: `imported as ${JSON.stringify(r.importId)} but named ${JSON.stringify(r.values.name)}: the import id must be the existing name, and the name must stay that name`,
        })),
    ),
};

const configOrder: DeployabilityAppCheck = {
  id: "SUMA-DEP-406",
  title: "A Config delivery channel follows its recorder, and recording starts after the channel",
  severity: "error",
  controls: MONITORING,
  resourceTypes: ["aws_config_delivery_channel", "aws_config_configuration_recorder_status"],
  constraint:
    "PutDeliveryChannel needs a configuration recorder to exist first (NoAvailableConfigurationRecorderException), and StartConfigurationRecorder needs a delivery channel (NoAvailableDeliveryChannelException).",
  source: {
    title: "AWS Config API Reference: StartConfigurationRecorder, Errors",
    url: "https://docs.aws.amazon.com/config/latest/APIReference/API_StartConfigurationRecorder.html",
  },
  rationale:
    "Terraform creates resources in parallel unless one references or depends on another, so on a first apply the channel can race its recorder and the status its channel. " +
    "Give the delivery channel depends_on its recorder and the recorder status depends_on the delivery channel (ConfigRecorder does).",
  checkApp: (app) => [
    ...placed(app, "aws_config_delivery_channel")
      .filter((r) => !dependsOnType(r.values, "aws_config_configuration_recorder"))
      .map((r) => ({ stack: r.stack, address: r.address, message: "the delivery channel does not depend on a configuration recorder: Config refuses a channel before its recorder exists" })),
    ...placed(app, "aws_config_configuration_recorder_status")
      .filter((r) => !dependsOnType(r.values, "aws_config_delivery_channel"))
      .map((r) => ({ stack: r.stack, address: r.address, message: "recording is started without depending on a delivery channel: Config refuses to start a recorder that has none" })),
  ],
};

/** `https://token.actions.githubusercontent.com/` → `token.actions.githubusercontent.com`: the part of the URL IAM keys providers by. */
const oidcKey = (url: unknown) => (typeof url === "string" ? url.replace(/^https:\/\//, "").replace(/\/$/, "").toLowerCase() : String(url));

const oneOidcProvider: DeployabilityAppCheck = {
  id: "SUMA-DEP-407",
  title: "At most one IAM OIDC provider per URL per account",
  severity: "error",
  controls: CHANGE_AND_AVAILABILITY,
  resourceTypes: ["aws_iam_openid_connect_provider"],
  constraint: "IAM refuses to register the same OIDC provider URL twice in an account (EntityAlreadyExists); IAM is global, so this holds across regions.",
  source: {
    title: "IAM API Reference: CreateOpenIDConnectProvider, Url",
    url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html",
  },
  rationale:
    "Two stacks of one account, even in different regions, that each create the GitHub provider fail the second apply. " +
    "Create it in the account's primary region only; where it already exists set accounts.<name>.singletons.githubOidcProvider to adopt (import) or reference it.",
  checkApp: (app) =>
    duplicates(
      placed(app, "aws_iam_openid_connect_provider"),
      (r) => `${scopeKey(r, false)}|${oidcKey(r.values.url)}`,
      (r, others) => `a second IAM OIDC provider for ${oidcKey(r.values.url)} in ${where(r, false)}: IAM allows one per URL per account (also ${named(others)})`,
    ),
};

const oidcImportArn: DeployabilityAppCheck = {
  id: "SUMA-DEP-408",
  title: "An adopted IAM OIDC provider is imported by its ARN in the provider's account",
  severity: "error",
  controls: CHANGE_AND_AVAILABILITY,
  resourceTypes: ["aws_iam_openid_connect_provider"],
  constraint:
    "aws_iam_openid_connect_provider imports by the provider's ARN, arn:<partition>:iam::<account id>:oidc-provider/<URL without https://>; an ARN in another account or for another URL finds nothing or adopts the wrong provider.",
  source: {
    title: "Terraform AWS provider: aws_iam_openid_connect_provider, Import",
    url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/iam_openid_connect_provider.html.markdown",
  },
  rationale:
    "The import id must be the ARN of the provider for this resource's URL in the account the stack's AWS provider is pinned to. " +
    "GithubOidcProvider builds it with githubOidcProviderArn(accountId) from accounts.<name>.id; check that id.",
  checkApp: (app) =>
    placed(app, "aws_iam_openid_connect_provider")
      .filter((r) => r.importId !== undefined)
      .flatMap((r) => {
        const match = isUntemplated(r.importId) ? /^arn:aws[a-z-]*:iam::(\d{12}):oidc-provider\/(.+)$/.exec(r.importId) : null;
        const problem = !match
          ? "is not an IAM OIDC provider ARN (arn:<partition>:iam::<account id>:oidc-provider/<host>)"
          : r.accountId && match[1] !== r.accountId
            ? `is in account ${match[1]}, not the stack's account ${r.accountId}`
            : isUntemplated(r.values.url) && match[2]!.toLowerCase() !== oidcKey(r.values.url)
              ? `names ${match[2]}, not this provider's URL ${String(r.values.url)}`
              : undefined;
        return problem ? [{ stack: r.stack, address: r.address, message: `imported as ${JSON.stringify(r.importId)}, which ${problem}` }] : [];
      }),
};

const oneFeatureOwner: DeployabilityAppCheck = {
  id: "SUMA-DEP-409",
  title: "Each GuardDuty feature of a detector is managed by one resource",
  severity: "error",
  controls: MONITORING,
  resourceTypes: ["aws_guardduty_detector_feature"],
  constraint:
    "A detector has one setting per feature; two resources that set the same feature of the account and region's only detector overwrite each other, so every plan shows a change. Runtime Monitoring and EKS Runtime Monitoring together are refused (CreateDetector/UpdateDetector error).",
  source: {
    title: "Amazon GuardDuty API Reference: CreateDetector (features; RUNTIME_MONITORING with EKS_RUNTIME_MONITORING)",
    url: "https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html",
  },
  rationale:
    "Manage the features of a detector from the stack that owns the detector, or, for a referenced detector, from one stack with manageFeatures; never both. " +
    "Enable RUNTIME_MONITORING (which covers EKS) and not EKS_RUNTIME_MONITORING.",
  checkApp: (app) => {
    const features = placed(app, "aws_guardduty_detector_feature");
    const twice = duplicates(
      features,
      (r) => `${scopeKey(r, true)}|${String(r.values.name)}`,
      (r, others) => `${String(r.values.name)} of the detector of ${where(r, true)} is set by more than one resource (also ${named(others)})`,
    );
    const byDetector = new Map<string, Placed[]>();
    for (const f of features) byDetector.set(scopeKey(f, true), [...(byDetector.get(scopeKey(f, true)) ?? []), f]);
    const both = [...byDetector.values()].flatMap((group) => {
      const names = new Set(group.map((f) => f.values.name));
      if (!(names.has("RUNTIME_MONITORING") && names.has("EKS_RUNTIME_MONITORING"))) return [];
      return group
        .filter((f) => f.values.name === "EKS_RUNTIME_MONITORING")
        .map((f) => ({ stack: f.stack, address: f.address, message: "EKS_RUNTIME_MONITORING beside RUNTIME_MONITORING on one detector: GuardDuty refuses both; RUNTIME_MONITORING already covers EKS" }));
    });
    return [...twice, ...both];
  },
};

/** Whole-app checks of the account singletons. */
export const SINGLETON_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [
  oneDetector,
  detectorImportId,
  oneRecorder,
  oneDeliveryChannel,
  configImportByName,
  configOrder,
  oneOidcProvider,
  oidcImportArn,
  oneFeatureOwner,
];
