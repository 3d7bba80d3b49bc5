export * from "./model";
export { ACTIONS, isPinned, TRIVY_VERSION, versionOfPinnedAction, type PinnedAction } from "./actions";
export {
  checkCiWorkflowProps,
  ciWorkflow,
  ciWorkflowProblems,
  CI_REQUIRED_CHECKS,
  DEFAULT_NPM_CHECKS,
  IMAGE_SCAN_FAIL_ON,
  type CheckedCiWorkflowProps,
  type CiRequiredCheck,
  type CiWorkflowProps,
  type NpmCheck,
} from "./ci";
export {
  checkDeployWorkflowProps,
  deployJobId,
  deployWorkflow,
  deployWorkflowProblems,
  DEPLOY_VARIABLES,
  branchOrReleaseCondition,
  IMAGE_DIGEST_OUTPUT,
  MAJOR_RELEASE_TAG,
  RELEASE_TAG_CONDITION,
  RELEASE_TAG_PATTERN,
  DEFAULT_DEPLOY_WAIT_MINUTES,
  MAX_DEPLOY_WAIT_MINUTES,
  type CheckedDeployWorkflowProps,
  type DeployEnvironment,
  type DeployStrategy,
  type DeployVariable,
  type DeployWorkflowProps,
} from "./deploy";
export {
  checkDocsPagesWorkflowProps,
  DOCS_PAGES_WORKFLOW_FILE,
  docsPagesWorkflow,
  docsPagesWorkflowProblems,
  PAGES_ENVIRONMENT,
  type DocsPagesWorkflowProps,
} from "./docs-pages";
export {
  checkImageBootstrapWorkflowProps,
  IMAGE_BOOTSTRAP_ENVIRONMENT,
  IMAGE_BOOTSTRAP_WORKFLOW_FILE,
  imageBootstrapJobId,
  imageBootstrapWorkflow,
  imageBootstrapWorkflowProblems,
  type CheckedImageBootstrapWorkflowProps,
  type ImageBootstrapTarget,
  type ImageBootstrapWorkflowProps,
} from "./image-bootstrap";
export {
  IMAGE_CONTRACT_DOC,
  imageContractCheckLines,
  imageContractCheckStep,
  type ImageContractCheckProps,
} from "./image-contract-check";
