/**
 * Authentication security signals: one typed definition per signal, from which the metric
 * filters, their alarms and the dashboard's auth widgets are all generated. Pure data.
 *
 * The filters read the application's structured JSON log lines (docs/logging.md):
 * `{"timestamp", "event", "outcome", "userId", "origin": {"ip", "userAgent"}, "resource", ...}`.
 */
import { throwIfProblems } from "../core/validation";

/** Which SNS topic an alarm notifies: `page` wakes someone up, `ticket` is handled in working hours. */
export type AlarmSeverity = "page" | "ticket";

/** One authentication security signal: the log lines it counts, its metric, its alarm threshold and severity. */
export interface AuthSignal {
  /** Stable id, used in resource and alarm names. */
  readonly id: string;
  /** CloudWatch metric name in the signals namespace. */
  readonly metricName: string;
  /** Human-readable name, the signal's line label in the dashboard's auth widget. */
  readonly title: string;
  /** CloudWatch Logs JSON filter pattern over the app's log lines. */
  readonly filterPattern: string;
  /** PCI DSS v4.0 requirements the signal evidences. */
  readonly pci: readonly string[];
  /** Alarm when the 5-minute sum is at or above this. */
  readonly threshold: number;
  /** Which topic the signal's alarm notifies. */
  readonly severity: AlarmSeverity;
  /** What a breach suggests; the alarm description, followed by the PCI DSS requirements. */
  readonly description: string;
}

const eventIs = (...events: string[]) => events.map((e) => `$.event = "${e}"`).join(" || ");

/** The `event` values of the application's authentication log lines (docs/logging.md); the filters match on them. */
export const AUTH_EVENT_TYPES = [
  "auth.login",
  "auth.logout",
  "auth.lockout",
  "auth.registration",
  "auth.password.change",
  "auth.password.reset",
  "auth.mfa.enroll",
  "auth.mfa.disable",
  "auth.credential.change",
  "auth.privilege.change",
  "auth.token.issue",
  "auth.token.validate",
] as const;

/** The default signals with their default thresholds (5-minute sums); `authSignals()` applies overrides. */
export const AUTH_SIGNALS: readonly AuthSignal[] = [
  {
    id: "failed-logins",
    metricName: "FailedLogins",
    title: "Failed logins",
    filterPattern: `{ $.event = "auth.login" && $.outcome = "failure" }`,
    pci: ["10.2.1.4"],
    threshold: 50,
    severity: "ticket",
    description: "Invalid logical access attempts above the usual rate: credential stuffing or a broken client",
  },
  {
    id: "account-lockouts",
    metricName: "AccountLockouts",
    title: "Account lockouts",
    filterPattern: `{ $.event = "auth.lockout" }`,
    pci: ["10.2.1.4", "8.3.4"],
    threshold: 10,
    severity: "page",
    description: "Many accounts locked in five minutes: a targeted attack on user accounts",
  },
  {
    id: "credential-changes",
    metricName: "CredentialChanges",
    title: "Password, MFA and credential changes",
    filterPattern: `{ ${eventIs("auth.password.change", "auth.password.reset", "auth.mfa.enroll", "auth.mfa.disable", "auth.credential.change")} }`,
    pci: ["10.2.1.5"],
    threshold: 100,
    severity: "ticket",
    description:
      "Changes to identification and authentication credentials above the usual rate: possible account takeover",
  },
  {
    id: "privilege-changes",
    metricName: "PrivilegeChanges",
    title: "Privilege changes",
    filterPattern: `{ $.event = "auth.privilege.change" }`,
    pci: ["10.2.1.5", "10.2.2"],
    threshold: 1,
    severity: "page",
    description: "A user's privileges changed: every change is reviewed",
  },
  {
    id: "registration-spike",
    metricName: "Registrations",
    title: "Registrations",
    filterPattern: `{ $.event = "auth.registration" }`,
    pci: ["10.2.1"],
    threshold: 500,
    severity: "ticket",
    description: "Registrations far above normal: bot sign-ups or fake-account fraud",
  },
  {
    id: "token-validation-failures",
    metricName: "TokenValidationFailures",
    title: "Token validation failures",
    filterPattern: `{ $.event = "auth.token.validate" && $.outcome = "failure" }`,
    pci: ["10.2.1.4"],
    threshold: 100,
    severity: "ticket",
    description: "Forged, expired or replayed tokens above the usual rate",
  },
];

/** Every problem of per-signal threshold overrides (unknown ids, thresholds below 1); empty when they are valid. */
export function authSignalThresholdProblems(overrides: Readonly<Record<string, number>> = {}): string[] {
  const problems: string[] = [];
  const unknown = Object.keys(overrides).filter((id) => !AUTH_SIGNALS.some((s) => s.id === id));
  if (unknown.length > 0)
    problems.push(
      `unknown auth signal ${unknown.map((u) => `"${u}"`).join(", ")} (known: ${AUTH_SIGNALS.map((s) => s.id).join(", ")})`,
    );
  for (const s of AUTH_SIGNALS) {
    const threshold = overrides[s.id] ?? s.threshold;
    if (!(threshold >= 1)) problems.push(`auth signal "${s.id}": threshold must be at least 1 (got ${threshold})`);
  }
  return problems;
}

/** Thresholds per signal id override the defaults above; throws one PropsError naming every problem. */
export function authSignals(overrides: Readonly<Record<string, number>> = {}): AuthSignal[] {
  throwIfProblems("authSignals", authSignalThresholdProblems(overrides));
  return AUTH_SIGNALS.map((s) => ({ ...s, threshold: overrides[s.id] ?? s.threshold }));
}
