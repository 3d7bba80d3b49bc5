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
  hasPreventDestroy,
  isSet,
  isTrue,
  nestedBlock,
  reference,
  resourcesOfType,
  type ResourceValues,
  type TerraformJson,
} from "./terraform-json";
export type { ControlMapping, Finding, PolicyRule, RuleCheck, RuleSubject, Severity, Suppression } from "./rule";
