export * from "./auth-signals";
export * from "./slo";
export * from "./targets";
export {
  ALARM_DELIVERY_TAG,
  AlarmTopic,
  alarmTopicProblems,
  checkAlarmTopicProps,
  type AlarmTopicProps,
  type TopicSubscription,
} from "./alarm-topic";
export {
  AuthSecuritySignals,
  authSecuritySignalsProblems,
  checkAuthSecuritySignalsProps,
  type AuthSecuritySignalsProps,
} from "./auth-security-signals";
export {
  checkLogDataProtectionProps,
  DEFAULT_MASKED_IDENTIFIERS,
  LogDataProtection,
  logDataProtectionProblems,
  TOKEN_IDENTIFIERS,
  type LogDataProtectionProps,
} from "./log-data-protection";
export {
  alarmArguments,
  alarmDefinitionProblem,
  type AlarmDefinition,
  type AlarmSignal,
  type MetricInput,
  type MetricRef,
  type MetricStat,
} from "./alarm-definition";
export { ERROR_RATIO_EXPRESSION, errorRatioInputs, loadBalancerMetric } from "./error-ratio";
export {
  DEFAULT_HEALTH_THRESHOLDS,
  healthThresholdProblems,
  resolveHealthThresholds,
  type HealthThresholds,
  type ResolvedHealthThresholds,
} from "./health-thresholds";
export {
  cacheNodeIds,
  healthAlarmDefinitions,
  type CoreHealthAlarmId,
  type HealthAlarmDefinition,
  type HealthAlarmId,
  type HealthAlarmResource,
  type OptionalHealthAlarmId,
} from "./health-definitions";
export {
  anyAlarmRule,
  checkServiceHealthAlarmsProps,
  ServiceHealthAlarms,
  serviceHealthAlarmsProblems,
  type HealthAlarmsById,
  type ServiceHealthAlarmsProps,
} from "./health-alarms";
export {
  checkSloAlarmsProps,
  errorBudgetRemainingExpression,
  humanDuration,
  MAX_ALARM_PERIOD_SECONDS,
  sloAlarmName,
  SloAlarms,
  sloAlarmsProblems,
  windowEvaluation,
  windowEvaluationProblem,
  type SloAlarmsProps,
} from "./slo-alarms";
export {
  ERROR_BUDGET_PERIOD_SECONDS,
  layout,
  metricLine,
  serviceWidgets,
  WIDGET_TITLES,
  type DashboardBody,
  type DashboardWidget,
  type WidgetSpec,
} from "./widgets";
export {
  checkServiceDashboardProps,
  MAX_ALARM_WIDGET_ALARMS,
  ServiceDashboard,
  serviceDashboardProblems,
  type ServiceDashboardProps,
} from "./dashboard";
export { addLogMetricAlarm, type LogMetricAlarmSpec } from "./log-metric-alarm";
