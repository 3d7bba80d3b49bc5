export {
  STATEFUL_RESOURCE_CHECKS,
  assertNoDataLossRisk,
  dataLossFindings,
  statefulResources,
  type DataLossFinding,
  type ProtectionCheck,
  type ProtectionCheckFn,
  type StatefulResource,
} from "./stateful-resources";
export {
  asNumber,
  camelCase,
  dataSourcesOfType,
  hasPreventDestroy,
  isSet,
  isTrue,
  nestedBlock,
  reference,
  resourcesOfType,
  type ResourceValues,
  type TerraformJson,
} from "./terraform-json";
export {
  ruleArea,
  type AppProblem,
  type ConstraintSource,
  type ControlMapping,
  type DeployabilityAppCheck,
  type DeployabilityMetadata,
  type DeployabilityRule,
  type Finding,
  type PolicyRule,
  type RuleCheck,
  type RuleSubject,
  type Severity,
  type Suppression,
  type SynthesizedApp,
} from "./rule";
export {
  PolicyInputError,
  blockingFindings,
  describeSuppression,
  runPolicy,
  suppressionMatches,
  validateSuppressions,
  type PolicyCounts,
  type PolicyReport,
  type RuleDescriptor,
  type RunPolicyOptions,
  type StackCheck,
} from "./engine";
export { formatTable, toJson } from "./report";
export {
  SARIF_SCHEMA,
  SARIF_VERSION,
  TOOL_NAME,
  controlTags,
  resourceLines,
  toSarif,
  type SarifLog,
  type SarifOptions,
} from "./sarif";
export {
  DATA_OBSERVABILITY_RULES,
  DEFAULT_PACK,
  DEPLOYABILITY_APP_CHECKS,
  DEPLOYABILITY_RULES,
  INFRA_RULES,
} from "./packs";
export { OUTPUT_CHECKS, noSecretsInOutput, referencesResolve } from "./output-checks";
export {
  TERRAFORM_FUNCTIONS,
  unresolvedReferences,
  unresolvedRemoteOutputs,
  type CrossStackProblem,
  type ReferenceProblem,
  type TerraformDocument,
} from "./validate-references";
export {
  SAFE_CREDENTIAL_NAMES,
  isCredentialName,
  secretFindings,
  type SecretFinding,
  type SecretKind,
} from "./secrets-scan";
export { addressOfPath, walkStrings, type StringVisit } from "./json-walk";
export { AREA_TITLES, renderComplianceDoc, type ComplianceDocOptions } from "./compliance-doc";
export {
  DEPLOYABILITY_ID_PREFIX,
  DEPLOYABILITY_PACK,
  deployabilityFindings,
  manifestDependencies,
  withDeployability,
  type DeployabilityPack,
  type StackManifest,
} from "./deployability";
