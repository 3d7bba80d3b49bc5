import { allStackNames, imageContract, loadConfig, sumaAuthConfig } from "../../config";
import { configErrors } from "../support/config-errors";
import { withConfig } from "../support/synth";

describe("semantic config rules", () => {
  it("the default config breaks none of them", () => {
    expect(configErrors(sumaAuthConfig)).toEqual([]);
  });

  it("accountsExist: an environment must name a configured account", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dev!.account = "sandbox")))).toEqual([
      'environments.dev.account: "sandbox" is not an account in accounts (nonprod, prod)',
    ]);
  });

  it("azLettersExistInRegion: rejects a letter the region does not have", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.environments.dr!.network = {
              ...c.environments.dr!.network,
              azCount: undefined,
              azLetters: ["a", "b", "z"],
            }),
        ),
      ),
    ).toEqual(['environments.dr.network.azLetters: us-west-2 has no AZ "z" (it has a, b, c, d)']);
  });

  it("azLettersExistInRegion: rejects more AZs than the region has", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.network.azCount = 5)))).toEqual([
      "environments.dr.network.azCount: us-west-2 has only 4 AZs, not 5",
    ]);
  });

  it("azLettersExistInRegion: azCount must agree with azLetters", () => {
    expect(configErrors(withConfig((c) => void (c.environments.staging!.network.azLetters = ["a", "b"])))).toEqual([
      "environments.staging.network.azCount: 3 does not match the 2 letters in azLetters",
    ]);
  });

  it("productionIsMultiAz: prod with one AZ reports only that root cause, not the readers and replicas the plan then leaves out", () => {
    expect(configErrors(withConfig((c) => void (c.environments.prod!.network.azCount = 1)))).toEqual([
      "environments.prod.network.azCount: a production environment needs at least 2 AZs for the 99.95% availability target (got 1)",
    ]);
  });

  it("productionIsMultiAz: a single-AZ dev is allowed", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dev!.network.azCount = 1)))).toEqual([]);
  });

  it("productionNatPerAz: prod with a single NAT fails", () => {
    expect(configErrors(withConfig((c) => void (c.environments.prod!.network.natMode = "single")))).toEqual([
      'environments.prod.network.natMode: a production environment needs "per-az" NAT so losing one AZ keeps egress in the others',
    ]);
  });

  it("subnetTiersFit: tiers that overflow the VPC CIDR fail with the arithmetic", () => {
    const errors = configErrors(withConfig((c) => void (c.environments.dev!.network.cidr = "10.10.0.0/20")));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^environments\.dev\.network\.cidr: subnet tiers need \d+ addresses .* but 10\.10\.0\.0\/20 holds 4096$/,
    );
  });

  it("subnetTiersFit: smaller subnets make a small VPC fit", () => {
    const config = withConfig((c) => {
      c.environments.dev!.network.cidr = "10.10.0.0/20";
      c.environments.dev!.network.subnetPrefixes = { public: 26, private: 23, isolated: 26 };
    });
    expect(configErrors(config)).toEqual([]);
  });

  it("drTargetsValid: the DR region must differ from its primary's", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.region = "us-east-1")))).toEqual([
      "environments.dr.region: the DR region must differ from prod's region us-east-1",
    ]);
  });

  it("drTargetsValid: drFor must name an environment", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.drFor = "prd")))).toContain(
      'environments.dr.drFor: "prd" is not an environment',
    );
  });

  it("drTargetsValid: the DR copy of production is production", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.production = false)))).toEqual([
      'environments.dr.production: the DR copy of production environment "prod" must be production too',
    ]);
  });

  it("connectedCidrsDisjoint: a DR network overlapping its primary fails", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.network.cidr = "10.30.128.0/17")))).toEqual([
      "environments.dr.network.cidr: 10.30.128.0/17 overlaps prod's 10.30.0.0/16, and the two networks connect",
    ]);
  });

  it("connectedCidrsDisjoint: explicitly connected networks must not overlap", () => {
    const config = withConfig((c) => {
      c.environments.staging!.network.cidr = "10.10.0.0/16";
      c.environments.staging!.network.connectsTo = ["dev"];
    });
    expect(configErrors(config)).toEqual([
      "environments.staging.network.cidr: 10.10.0.0/16 overlaps dev's 10.10.0.0/16, and the two networks connect",
    ]);
  });

  it("connectedCidrsDisjoint: unconnected networks may reuse address space", () => {
    expect(configErrors(withConfig((c) => void (c.environments.staging!.network.cidr = "10.10.0.0/16")))).toEqual([]);
  });

  it("stackNamesUnique: two environments cannot share a stack name", () => {
    expect(configErrors(withConfig((c) => void (c.environments.staging!.stackName = "suma-auth-dev")))).toEqual([
      'environments: stack name "suma-auth-dev" is used more than once',
    ]);
  });

  it("stackNamesUnique: an environment cannot take a shared stack's name", () => {
    expect(
      configErrors(withConfig((c) => void (c.environments.dev!.stackName = "suma-auth-shared-prod-us-east-1"))),
    ).toEqual(['environments: stack name "suma-auth-shared-prod-us-east-1" is used more than once']);
  });

  it("derives predictable stack names", () => {
    expect(allStackNames(loadConfig(sumaAuthConfig))).toEqual([
      "suma-auth-state-nonprod-us-east-1",
      "suma-auth-state-prod-us-east-1",
      "suma-auth-state-prod-us-west-2",
      "suma-auth-shared-nonprod-us-east-1",
      "suma-auth-shared-prod-us-east-1",
      "suma-auth-shared-prod-us-west-2",
      "suma-auth-dev",
      "suma-auth-staging",
      "suma-auth-prod",
      "suma-auth-dr",
      "suma-auth-github",
    ]);
  });
});

describe("service rules", () => {
  it("canaryHasNoCircuitBreaker: a canary with the circuit breaker is refused with the reason", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void (c.environments.staging!.service = { deployment: { strategy: "canary", circuitBreaker: true } }),
        ),
      ),
    ).toEqual([
      'environments.staging.service.deployment.circuitBreaker: the ECS circuit breaker does not apply to CANARY deployments; a canary rolls back on its CloudWatch alarms. Remove it, or use strategy "rolling"',
    ]);
  });

  it("canaryHasNoCircuitBreaker: in production the advice does not offer rolling, which productionIsCanary forbids", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void (c.environments.prod!.service = { deployment: { strategy: "canary", circuitBreaker: true } }),
        ),
      ),
    ).toEqual([
      "environments.prod.service.deployment.circuitBreaker: the ECS circuit breaker does not apply to CANARY deployments; a canary rolls back on its CloudWatch alarms. Remove it (production deploys only as a canary)",
    ]);
  });

  it("productionIsCanary: production may not deploy with rolling updates", () => {
    expect(
      configErrors(withConfig((c) => void (c.environments.prod!.service = { deployment: { strategy: "rolling" } }))),
    ).toEqual([
      'environments.prod.service.deployment.strategy: production deployments must use "canary" (a required canary deployment)',
    ]);
  });

  it("canaryFitsDeployJob: a canary whose bakes outlast the deploy job's wait is refused with the arithmetic", () => {
    const bakes = (canaryBakeMinutes: number, bakeMinutes: number) =>
      withConfig(
        (c) =>
          void (c.environments.prod!.service = {
            ...c.environments.prod!.service,
            deployment: { strategy: "canary", canaryBakeMinutes, bakeMinutes },
          }),
      );
    expect(configErrors(bakes(60, 60))).toEqual([
      "environments.prod.service.deployment.bakeMinutes: canaryBakeMinutes (60) + bakeMinutes (60) + 15 minutes to start and drain tasks is 135 minutes, but the deploy job waits at most 120 for a deployment (it may wait twice, for the deploy and a rollback, and GitHub ends a hosted-runner job after 6 hours); bake for at most 105 minutes in all",
    ]);
    expect(configErrors(bakes(60, 45))).toEqual([]);
  });

  it("pipelineSharesHealthPath: the environments the deploy workflow deploys share its one health path", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.environments.staging!.service = {
              ...c.environments.staging!.service,
              healthCheckPath: "/healthz",
            }),
        ),
      ),
    ).toEqual([
      'environments.staging.service.healthCheckPath: "/healthz" differs from "/health" of dev: the deploy workflow checks one health path after every environment\'s deployment; give the environments it deploys the same path',
    ]);
  });

  it("serviceSizingValid: an invalid Fargate pair names the field and the allowed values", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.environments.dev!.sizing = {
              service: { reason: "test an invalid pair", cpu: 256, memoryMiB: 4096 },
            }),
        ),
      ),
    ).toEqual([
      "environments.dev.sizing.service.memoryMiB: memory 4096 MiB is not valid with cpu 256 (allowed: 512, 1024, 2048 MiB)",
    ]);
  });

  it("serviceSizingValid: production runs at least 3 tasks and one per AZ", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void (c.environments.prod!.sizing = { service: { reason: "test too few tasks", minTasks: 2 } }),
        ),
      ),
    ).toEqual([
      "environments.prod.sizing.service.minTasks: 2 leaves an AZ without a task; use at least one per AZ (3)",
      "environments.prod.sizing.service.minTasks: a production service runs at least 3 tasks (got 2)",
    ]);
  });

  it("serviceSizingValid: a maximum below the minimum is refused, not silently raised to it", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.environments.dev!.sizing = {
              service: { reason: "test inverted bounds", minTasks: 10, maxTasks: 2 },
            }),
        ),
      ),
    ).toEqual([
      "environments.dev.sizing.service.maxTasks: 2 is below minTasks 10; auto scaling can't run fewer than its minimum",
    ]);
  });

  it("serviceHasCertificate: without a DNS zone the service needs a certificate ARN", () => {
    expect(configErrors(withConfig((c) => void delete c.accounts.nonprod!.dns))).toEqual([
      'environments.dev.service: needs a certificate: set certificateArn, or give account "nonprod" a dns zone so a DNS-validated certificate can be issued there',
      'environments.staging.service: needs a certificate: set certificateArn, or give account "nonprod" a dns zone so a DNS-validated certificate can be issued there',
    ]);
  });

  it("dnsZonesValid: two accounts can't both hold the authoritative zone of one name", () => {
    expect(
      configErrors(withConfig((c) => void (c.accounts.nonprod!.dns = { zoneName: "auth.suma-finance.example" }))),
    ).toEqual([
      'accounts.prod.dns.zoneName: "auth.suma-finance.example" is already account "nonprod"\'s zone; a name has one authoritative zone, so one of the two would never be delegated to',
    ]);
  });

  it("dnsZonesValid: a hostname outside its account's zone is refused, its certificate would never validate", () => {
    expect(
      configErrors(
        withConfig((c) => void (c.environments.dev!.service = { hostname: "dev.auth.suma-finance.example" })),
      ),
    ).toEqual([
      'environments.dev.service.hostname: "dev.auth.suma-finance.example" is not in account "nonprod"\'s zone "nonprod.auth.suma-finance.example": its alias and certificate validation record would go into a zone that does not answer for it, so the certificate never validates',
    ]);
  });

  it("dnsZonesValid: a DR copy with DNS lives in its primary's account", () => {
    const errors = configErrors(withConfig((c) => void (c.environments.dr!.account = "nonprod")));
    expect(errors).toContain(
      'environments.dr.account: a DR copy with DNS must be in its primary\'s account ("prod"): the failover pair shares one zone, and ACM\'s validation record for "prod.auth.suma-finance.example" is per account and owned by the primary\'s stack',
    );
  });

  it("dns.zoneId must be a hosted zone id", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void (c.accounts.prod!.dns = { zoneName: "auth.suma-finance.example", zoneId: "/hostedzone/Z123" }),
        ),
      ),
    ).toEqual([
      'accounts.prod.dns.zoneId: "/hostedzone/Z123" is not a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ" (without "/hostedzone/")',
    ]);
  });

  it("rolling deployments always keep the circuit breaker", () => {
    const errors = configErrors(
      withConfig(
        (c) =>
          void (c.environments.dev!.service = { deployment: { strategy: "rolling", circuitBreaker: false as never } }),
      ),
    );
    expect(errors).toEqual([
      "environments.dev.service.deployment.circuitBreaker: rolling deployments always use the circuit breaker with rollback",
    ]);
  });
});

describe("data tier rules", () => {
  it("a Multi-AZ cache with fewer than 2 nodes is refused", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dev!.cache = { multiAz: true })))).toEqual([
      "environments.dev.cache.multiAz: a Multi-AZ cache needs at least 2 nodes (a primary and a replica); this one has 1",
    ]);
  });

  it("an unknown instance class is refused with examples", () => {
    const errors = configErrors(
      withConfig(
        (c) =>
          void (c.environments.prod!.sizing = {
            database: { reason: "test an unknown class", instanceClass: "db.r7g.huge" },
          }),
      ),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^environments\.prod\.sizing\.database\.instanceClass: "db\.r7g\.huge" is not an Aurora PostgreSQL instance class this collection supports \(e\.g\. db\.t4g\.medium/,
      ),
    ]);
  });

  it("an unknown cache node type is refused", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.environments.dev!.sizing = {
              cache: { reason: "test an unknown node type", nodeType: "cache.x1.tiny" },
            }),
        ),
      )[0],
    ).toMatch(/^environments\.dev\.sizing\.cache\.nodeType: "cache\.x1\.tiny" is not an ElastiCache node type/);
  });

  it.each([0, 36])("a backup retention of %i days is outside 1-35", (days) => {
    expect(
      configErrors(withConfig((c) => void (c.environments.dev!.database = { backupRetentionDays: days }))),
    ).toEqual([
      `environments.dev.database.backupRetentionDays: ${days} is outside 1-35 days (Aurora's backup retention range)`,
    ]);
  });

  it("refuses daily backups kept fewer than 30 days in a production environment, naming the key", () => {
    expect(configErrors(withConfig((c) => void (c.environments.prod!.backup = { dailyRetentionDays: 7 })))).toEqual([
      "environments.prod.backup.dailyRetentionDays: a production environment keeps its daily backups at least 30 days, so an incident found weeks later can still be restored from before it began (got 7)",
    ]);
    expect(
      configErrors(withConfig((c) => void (c.environments.prod!.backup = { dailyRetentionDays: 29 }))),
    ).toHaveLength(1);
  });

  it("accepts exactly 30 days in production, and shorter retention outside production", () => {
    expect(configErrors(withConfig((c) => void (c.environments.prod!.backup = { dailyRetentionDays: 30 })))).toEqual(
      [],
    );
    expect(configErrors(withConfig((c) => void (c.environments.dev!.backup = { dailyRetentionDays: 7 })))).toEqual([]);
  });

  it("leaves a DR copy's unused backup settings alone: its primary's plan sets the retention", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.backup = { dailyRetentionDays: 7 })))).toEqual([]);
  });

  it("production keeps at least 14 days of backups", () => {
    expect(configErrors(withConfig((c) => void (c.environments.prod!.database = { backupRetentionDays: 7 })))).toEqual([
      "environments.prod.database.backupRetentionDays: a production database keeps at least 14 days of backups (got 7)",
    ]);
  });

  it("production without deletion protection is refused", () => {
    expect(
      configErrors(withConfig((c) => void (c.environments.prod!.database = { deletionProtection: false }))),
    ).toEqual(["environments.prod.database.deletionProtection: a production database keeps deletion protection on"]);
  });

  it("a production cache needs a replica", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.environments.prod!.sizing = { cache: { reason: "test a cache without replicas", replicas: 0 } }),
        ),
      ),
    ).toEqual([
      "environments.prod.sizing.cache.replicas: a production cache needs at least 1 replica for automatic failover",
    ]);
  });
});

describe("githubPipelineReachable: every deploy job is reachable, and each environment admits exactly its refs", () => {
  type GithubEnvs = NonNullable<Parameters<Parameters<typeof withConfig>[0]>[0]["github"]>["environments"];
  const envs = (edit: (e: GithubEnvs) => void) => configErrors(withConfig((c) => edit(c.github!.environments)));

  it("refuses protected-branches for a job that runs for release tags (a tag is not a branch)", () => {
    expect(envs((e) => void (e.dev = { branchPolicy: { kind: "protected-branches" } }))).toEqual([
      'github.environments.dev.branchPolicy: deploy-dev runs for pushes to main and release tags (v*), but GitHub admits only protected branches to this environment, and a tag is not a branch: every release deployment would be refused. Use { kind: "custom", tags: ["v*"], branches: ["main"] }',
    ]);
    expect(envs((e) => void (e.prod!.branchPolicy = { kind: "protected-branches" }))).toEqual([
      'github.environments.prod.branchPolicy: deploy-prod runs for release tags (v*), but GitHub admits only protected branches to this environment, and a tag is not a branch: every release deployment would be refused. Use { kind: "custom", tags: ["v*"] }',
    ]);
  });

  it("refuses a release-tag environment whose tag patterns admit no release tag", () => {
    expect(envs((e) => void (e.prod!.branchPolicy = { kind: "custom", tags: ["release-*"] }))).toEqual([
      'github.environments.prod.branchPolicy.tags: deploy-prod runs for every release tag (v*), but no tag pattern admits "v1.0.0", "v2.13.4", "v10.0.0", so GitHub would refuse those deployments; add "v*"',
      'github.environments.prod.branchPolicy.tags: "release-*" admits no release tag (v*), only tags the pipeline never deploys; remove it',
    ]);
    expect(envs((e) => void (e.prod!.branchPolicy = { kind: "custom", tags: ["v1.*"] }))).toEqual([
      'github.environments.prod.branchPolicy.tags: deploy-prod runs for every release tag (v*), but no tag pattern admits "v2.13.4", "v10.0.0", so GitHub would refuse those deployments; add "v*"',
    ]);
  });

  it("refuses a pre-release environment that does not admit the branch its job deploys", () => {
    expect(envs((e) => void (e.staging!.branchPolicy = { kind: "custom", tags: ["v*"] }))).toEqual([
      'github.environments.staging.branchPolicy.branches: deploy-staging runs for pushes to main, but no branch pattern admits "main", so GitHub would refuse those deployments; add "main"',
    ]);
  });

  it("refuses refs the pipeline never deploys from: prod and DR from release tags and nothing else", () => {
    expect(envs((e) => void (e.prod!.branchPolicy = { kind: "custom", branches: ["main"], tags: ["v*"] }))).toEqual([
      'github.environments.prod.branchPolicy.branches: deploy-prod deploys release tags only, so the environment admits no branch; "main" would let a push to a branch deploy with its role',
    ]);
    expect(
      envs((e) => void (e.dev = { branchPolicy: { kind: "custom", branches: ["main", "feature/*"], tags: ["v*"] } })),
    ).toEqual([
      'github.environments.dev.branchPolicy.branches: "feature/*" admits branches the pipeline never deploys from (it deploys main); remove it',
    ]);
  });

  it("refuses a job whose needs is skipped: a branch-deploying job after a release-only one", () => {
    expect(envs((e) => void (e.dev = { releaseTagsOnly: true }))).toEqual([
      "github.environments.staging.releaseTagsOnly: deploy-staging needs deploy-dev, which runs only for release tags, so on pushes to main deploy-staging would always be skipped; make it release-only (releaseTagsOnly: true)",
    ]);
    expect(
      envs(
        (e) =>
          void (e.dr = { releaseTagsOnly: false, branchPolicy: { kind: "custom", branches: ["main"], tags: ["v*"] } }),
      ),
    ).toEqual([
      "github.environments.dr.releaseTagsOnly: deploy-dr needs deploy-prod, which runs only for release tags, so on pushes to main deploy-dr would always be skipped; make it release-only (releaseTagsOnly: true)",
    ]);
  });

  it("refuses a DR environment without its primary before it in the pipeline", () => {
    expect(
      envs((e) => {
        const dr = e.dr!;
        delete e.dr;
        const prod = e.prod!;
        delete e.prod;
        Object.assign(e, { dr, prod });
      }),
    ).toEqual([
      'github.environments.dr: "dr" is the DR copy of "prod": its job deploys the image deploy-prod built, so "prod" must be a GitHub environment listed before it',
    ]);
  });

  it("lets DR follow prod by default: release tags only, no branch", () => {
    expect(envs((e) => void (e.dr = {}))).toEqual([]);
  });
});

describe("productionAlarmsReachSomeone: production alarm topics have a subscriber", () => {
  it("refuses a production environment without page or ticket subscriptions, naming each path", () => {
    expect(
      configErrors(
        withConfig((c) => {
          c.environments.dr!.monitoring = { pageSubscriptions: [], ticketSubscriptions: [] };
        }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^environments\.dr\.monitoring\.pageSubscriptions: a production environment's page topic needs at least one subscription, or its alarms page no one: give an email address or the on-call tool's HTTPS integration URL/,
      ),
      expect.stringMatching(
        /^environments\.dr\.monitoring\.ticketSubscriptions: a production environment's ticket topic needs at least one subscription/,
      ),
    ]);
  });

  it("refuses an account that runs production without security subscriptions", () => {
    expect(configErrors(withConfig((c) => void delete c.accounts.prod!.securitySubscriptions))).toEqual([
      expect.stringMatching(
        /^accounts\.prod\.securitySubscriptions: the account runs production \(prod, dr\), so its security topic .* needs at least one subscription/,
      ),
    ]);
  });

  it("asks nothing of non-production environments and accounts", () => {
    const nonprod = withConfig((c) => {
      c.environments.staging!.monitoring = { pageSubscriptions: [], ticketSubscriptions: [] };
      c.accounts.nonprod!.securitySubscriptions = [];
    });
    expect(configErrors(nonprod)).toEqual([]);
    // The same environment turned production is held to it.
    nonprod.environments.staging!.production = true;
    expect(configErrors(nonprod).filter((e) => /Subscriptions:/.test(e))).toEqual([
      expect.stringMatching(/^environments\.staging\.monitoring\.pageSubscriptions: /),
      expect.stringMatching(/^environments\.staging\.monitoring\.ticketSubscriptions: /),
      expect.stringMatching(/^accounts\.nonprod\.securitySubscriptions: the account runs production \(staging\)/),
    ]);
  });

  it("refuses a malformed endpoint and autoConfirms on an email subscription", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.environments.prod!.monitoring = {
              pageSubscriptions: [{ protocol: "https", endpoint: "http://oncall.example/x" }],
              ticketSubscriptions: [{ protocol: "email", endpoint: "x@example.com", autoConfirms: true } as never],
            }),
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^environments\.prod\.monitoring\.pageSubscriptions\.0\.endpoint: /),
      expect.stringMatching(/^environments\.prod\.monitoring\.ticketSubscriptions\.0: .*autoConfirms/),
    ]);
  });
});

describe("coldStartCoverable (issue 14, item 3)", () => {
  it("defaults service.coldStartSeconds to 60", () => {
    expect(loadConfig(sumaAuthConfig).environments.prod!.service.coldStartSeconds).toBe(60);
  });

  it("refuses a cold start the container health check's start period can't cover", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void (c.environments.prod!.service = { ...c.environments.prod!.service, coldStartSeconds: 400 }),
        ),
      ),
    ).toEqual([
      "environments.prod.service.coldStartSeconds: is 400 s, but the container health check's startPeriod can be at most 300 s (ECS HealthCheck), so its failures would count before the application answers and ECS would stop the task: shorten the start-up to 300 s or less",
    ]);
  });

  it("accepts the longest coverable cold start", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void (c.environments.prod!.service = { ...c.environments.prod!.service, coldStartSeconds: 300 }),
        ),
      ),
    ).toEqual([]);
  });

  it("the schema refuses a cold start that is not a whole number of seconds from 1", () => {
    expect(
      configErrors(
        withConfig((c) => void (c.environments.dev!.service = { ...c.environments.dev!.service, coldStartSeconds: 0 })),
      ),
    ).toEqual([expect.stringMatching(/^environments\.dev\.service\.coldStartSeconds: /)]);
  });
});

describe("githubSettingsValid: production deploys need a reviewer", () => {
  it("refuses a production GitHub environment without reviewers, naming the config key", () => {
    expect(configErrors(withConfig((c) => void delete c.github!.environments.prod!.reviewers))).toEqual([
      'github.environments.prod.reviewers: "prod" is a production environment, so its deploys need at least one reviewer (teams or users) to approve each deploy',
    ]);
  });

  it("accepts a non-production environment without reviewers", () => {
    expect(configErrors(withConfig((c) => void delete c.github!.environments.staging!.reviewers))).toEqual([]);
  });
});

describe("imageContractValid (issue 14, item 2)", () => {
  it("defaults the image contract to DEFAULT_IMAGE_CONTRACT and the port to 8080", () => {
    const config = loadConfig(sumaAuthConfig);
    expect(config.image).toEqual({ user: "10001:10001", scratchPaths: ["/tmp"], healthCheckBinary: "/usr/bin/curl" });
    expect(imageContract(config)).toMatchObject({
      user: "10001:10001",
      port: 8080,
      scratchPaths: ["/tmp"],
      healthCheckBinary: "/usr/bin/curl",
    });
  });

  it("names the field of a bad contract value", () => {
    expect(
      configErrors(
        withConfig((c) => void (c.image = { user: "root", scratchPaths: ["/tmp", "tmp"], healthCheckBinary: "wget" })),
      ),
    ).toEqual([
      'image.user: must be a numeric non-root uid or uid:gid such as "10001:10001" (got "root"): a name needs an /etc/passwd entry in the image, and uid 0 is root',
      'image.scratchPaths[1]: must be an absolute path below "/" (got "tmp")',
      'image.healthCheckBinary: must be an absolute path such as "/usr/bin/curl" (got "wget"): the health check runs without a shell or PATH search',
    ]);
  });

  it("refuses environments that listen on different ports: they run one image", () => {
    const input = withConfig(
      (c) => void (c.environments.prod!.service = { ...c.environments.prod!.service, containerPort: 9090 }),
    );
    expect(configErrors(input)).toEqual([
      expect.stringMatching(
        /^environments\.prod\.service\.containerPort: 9090 differs from \w+'s 8080: every environment runs the same image/,
      ),
    ]);
  });

  it("takes another port when every environment uses it", () => {
    const input = withConfig((c) => {
      for (const env of Object.values(c.environments)) env.service = { ...env.service, containerPort: 9090 };
    });
    expect(configErrors(input)).toEqual([]);
    expect(imageContract(loadConfig(input)).port).toBe(9090);
  });
});
