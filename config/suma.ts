import type { AppConfigInput } from "./schema";

/**
 * The default app: the SUMA Finance user registration and authentication service.
 *
 * Production and non-production live in separate accounts, as PCI DSS 6.5.3 asks of
 * pre-production and production. The account ids are placeholders: set yours before
 * the first apply (the AWS provider refuses any other account, so a wrong id fails safe).
 * The DNS zones are placeholders too, under the reserved `.example` TLD, and so are the alarm
 * subscriptions of the production environments and account (PROD_ALARMS): replace them with your
 * on-call tool's SNS integration URLs and a mailbox before the first apply, then confirm them
 * (docs/first-deploy.md). Synth refuses a production environment whose alarms reach no one.
 */
/**
 * Placeholder alarm endpoints under the reserved `suma-finance.example` domain: they resolve nowhere,
 * so until they are replaced the subscriptions stay pending and the alarms still reach no one.
 * Paging and ticket integrations are HTTPS (the on-call tool's SNS integration URL; set
 * `autoConfirms: true` when the tool confirms SNS subscriptions itself); security also goes to a mailbox.
 */
const PROD_ALARMS = {
  page: [{ protocol: "https", endpoint: "https://oncall.suma-finance.example/integrations/sns/auth-page" }],
  ticket: [{ protocol: "https", endpoint: "https://oncall.suma-finance.example/integrations/sns/auth-ticket" }],
  security: [
    { protocol: "https", endpoint: "https://oncall.suma-finance.example/integrations/sns/auth-security" },
    { protocol: "email", endpoint: "security-alerts@suma-finance.example" },
  ],
} as const;

/**
 * The roles that administer every KMS key of an account (docs/key-administration.md): Terraform
 * applies as `suma-auth-terraform-apply`, and `suma-auth-break-glass` (MFA) is for emergencies.
 * Both are created outside this app, before the first apply, like the account itself.
 */
function keyAdministrators(accountId: string) {
  return {
    applyRoleArns: [`arn:aws:iam::${accountId}:role/suma-auth-terraform-apply`],
    breakGlassRoleArn: `arn:aws:iam::${accountId}:role/suma-auth-break-glass`,
  };
}

export const sumaAuthConfig: AppConfigInput = {
  app: {
    name: "suma-auth",
    owner: "platform-engineering",
    dataClassification: "restricted",
    tags: { "cost-center": "identity", service: "user-auth" },
  },
  accounts: {
    nonprod: {
      id: "111111111111",
      primaryRegion: "us-east-1",
      dns: { zoneName: "nonprod.auth.suma-finance.example" },
      keyAdministration: keyAdministrators("111111111111"),
    },
    prod: {
      id: "222222222222",
      primaryRegion: "us-east-1",
      dns: { zoneName: "auth.suma-finance.example" },
      securitySubscriptions: [...PROD_ALARMS.security],
      keyAdministration: keyAdministrators("222222222222"),
    },
  },
  backend: { type: "s3", keyPrefix: "" },
  environments: {
    dev: {
      account: "nonprod",
      region: "us-east-1",
      network: { cidr: "10.10.0.0/16", azCount: 2, natMode: "single", flowLogRetentionDays: 30 },
    },
    staging: {
      account: "nonprod",
      region: "us-east-1",
      network: { cidr: "10.20.0.0/16", azCount: 3, natMode: "per-az" },
      // Staging rehearses prod's canary and topology, at smaller sizes.
      service: { deployment: { strategy: "canary" } },
      sizing: {
        database: { readers: 1, reason: "rehearse prod's failover to a reader; the plan gives a 99.9% target none" },
        cache: { replicas: 1, reason: "one replica is enough to rehearse failover; the plan sizes for staging's peak" },
      },
    },
    prod: {
      account: "prod",
      region: "us-east-1",
      production: true,
      network: { cidr: "10.30.0.0/16", azCount: 3, natMode: "per-az" },
      monitoring: { pageSubscriptions: [...PROD_ALARMS.page], ticketSubscriptions: [...PROD_ALARMS.ticket] },
    },
    dr: {
      account: "prod",
      region: "us-west-2",
      production: true,
      drFor: "prod",
      network: { cidr: "10.40.0.0/16", azCount: 3, natMode: "per-az" },
      monitoring: { pageSubscriptions: [...PROD_ALARMS.page], ticketSubscriptions: [...PROD_ALARMS.ticket] },
    },
  },
  github: {
    owner: "suma-finance",
    repository: "auth-service",
    // Enterprise Cloud with Secret Protection (the schema's default, stated here for readers).
    organization: { plan: "enterprise", secretProtection: true },
    // The "suma-platform-automation" GitHub App, installed on the organization. Its private key
    // is never in config: TF_VAR_github_app_private_key at plan and apply time.
    automation: { appId: 1_043_712, installationId: 58_213_904 },
    // The repository holds the service's code already: adopt it, don't create it.
    adoptExistingRepository: true,
    visibility: "private",
    stateAccount: "prod",
    topics: ["authentication", "fintech", "pci-dss"],
    teams: [
      { slug: "auth-backend", permission: "push" },
      { slug: "platform-engineering", permission: "maintain" },
      { slug: "security", permission: "push" },
    ],
    codeowners: [
      { pattern: "*", owners: ["@suma-finance/auth-backend"], comment: "Everything not matched below" },
      { pattern: "/backend/auth-service/", owners: ["@suma-finance/auth-backend"] },
      {
        pattern: "/backend/auth-service/src/crypto/",
        owners: ["@suma-finance/auth-backend", "@suma-finance/security"],
      },
      { pattern: "/infrastructure/", owners: ["@suma-finance/platform-engineering"] },
      { pattern: "/.github/", owners: ["@suma-finance/platform-engineering", "@suma-finance/security"] },
      { pattern: "**/Dockerfile", owners: ["@suma-finance/platform-engineering"] },
    ],
    environments: {
      dev: {},
      staging: { reviewers: { teams: ["auth-backend"] } },
      prod: {
        reviewers: { teams: ["platform-engineering", "security"] },
        waitTimerMinutes: 10,
        branchPolicy: { kind: "custom", tags: ["v*"] },
      },
      // Every prod release, after prod: the same image (replicated to us-west-2), no backup (the
      // database is the global database's secondary), scaled as the DR settings say. No second
      // approval: prod's reviewers approved the release; the environment admits release tags only.
      dr: {},
    },
  },
  policy: {
    suppressions: [
      {
        ruleId: "SUMA-RDS-003",
        environments: "non-production",
        address: "aws_rds_cluster.data-tier_database_*",
        reason:
          "Non-production databases hold synthetic data and are rebuilt at will; production keeps deletion protection and a final snapshot (config rule).",
      },
      {
        ruleId: "SUMA-RDS-006",
        environments: "non-production",
        address: "aws_rds_cluster.data-tier_database_*",
        reason: "Non-production keeps 7 days of backups of synthetic data; production keeps at least 14 (config rule).",
      },
      {
        ruleId: "SUMA-BACKUP-003",
        environments: "non-production",
        address: "aws_backup_vault.backup_vault_*",
        reason:
          "A compliance-mode lock cannot be undone; non-production vaults of synthetic data stay unlocked, production vaults are locked (config rule).",
      },
      {
        ruleId: "SUMA-CW-002",
        stack: "suma-auth-dev",
        address: "aws_cloudwatch_log_group.network_flow-logs_*",
        reason:
          "Dev's flow logs cover synthetic traffic only and are kept 30 days; every other log group keeps 400 days.",
      },
      {
        ruleId: "SUMA-NET-005",
        stack: "*",
        address: "aws_network_acl.network_public-nacl_*",
        reason:
          "The public tier's NACL admits TCP/UDP 1024-65535 from anywhere as return traffic for its NAT gateways, which allocate source ports across that whole range; nothing in the public subnets listens on 3389 (only the ALB on 80/443 and NAT), and security groups admit no RDP.",
      },
    ],
  },
};
