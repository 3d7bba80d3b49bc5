/**
 * Keeps the generated API reference (docs/api.md, `npm run docs:api`) honest:
 * every construct prop is documented, every optional prop states its default, every public
 * attribute of every construct says what it is, and every module's primary construct carries
 * a usage example.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
/** The package's subpath folders: the constructs and the analysis libraries. */
const SOURCE_DIRS = ["modules", "analysis"].map((dir) => path.join(ROOT, dir));

/** The construct each module's index presents first; `null` for modules without constructs. */
const PRIMARY_CONSTRUCTS: Readonly<Record<string, string | null>> = {
  audit: "AuditBaseline",
  backup: "BackupPlan",
  cache: "SessionStore",
  capacity: null,
  certificate: "DnsValidatedCertificate",
  database: "AuroraPostgresCluster",
  diagram: null,
  dns: "PublicZone",
  ecs: "ServiceCluster",
  "ecs-service": "FargateService",
  github: "GovernedRepository",
  "github-oidc": "GithubDeployRole",
  kms: "EncryptionKey",
  "load-balancer": "ApplicationLoadBalancer",
  monitoring: "ServiceHealthAlarms",
  network: "Network",
  policy: null,
  registry: "ServiceRepository",
  s3: "SecureBucket",
  secrets: "ConnectionSecret",
  "state-backend": "StateBucket",
  waf: "WebApplicationFirewall",
};

function moduleEntries(): { module: string; file: string }[] {
  return SOURCE_DIRS.flatMap((dir) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "index.ts")))
      .map((entry) => ({ module: entry.name, file: path.join(dir, entry.name, "index.ts") })),
  ).sort((a, b) => a.module.localeCompare(b.module));
}

function loadProgram(files: string[]): ts.Program {
  const configPath = path.join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
  return ts.createProgram({ rootNames: files, options: { ...parsed.options, noEmit: true } });
}

function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** True when the declaration lives in this repository's modules/ or analysis/ tree (not in a dependency). */
function declaredInModules(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((declaration) => {
    const file = path.resolve(declaration.getSourceFile().fileName);
    return (
      SOURCE_DIRS.some((dir) => file.startsWith(dir + path.sep)) && !file.includes(`${path.sep}node_modules${path.sep}`)
    );
  });
}

describe("API doc comments", () => {
  const entries = moduleEntries();
  const program = loadProgram(entries.map((entry) => entry.file));
  const checker = program.getTypeChecker();

  function moduleExports(file: string): ts.Symbol[] {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    return moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
  }

  it("documents every prop of every exported *Props interface, with @default on optional props", () => {
    const undocumented: string[] = [];
    const missingDefault: string[] = [];
    let checked = 0;
    for (const { module, file } of entries) {
      for (const exported of moduleExports(file)) {
        const symbol = resolveAlias(checker, exported);
        if (!(symbol.flags & ts.SymbolFlags.Interface) || !exported.name.endsWith("Props")) continue;
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        for (const prop of checker.getPropertiesOfType(type)) {
          if (!declaredInModules(prop)) continue;
          checked += 1;
          const where = `${module}.${exported.name}.${prop.name}`;
          const comment = ts.displayPartsToString(prop.getDocumentationComment(checker)).trim();
          if (comment.length === 0) undocumented.push(where);
          const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
          if (optional && !prop.getJsDocTags(checker).some((tag) => tag.name === "default")) missingDefault.push(where);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    const problems = [
      ...undocumented.map((where) => `${where}: no doc comment`),
      ...missingDefault.map((where) => `${where}: optional prop without @default`),
    ];
    if (problems.length > 0) throw new Error(`${problems.length} prop doc problem(s):\n${problems.join("\n")}`);
  });

  /** True when the class extends constructs' `Construct`, directly or through other classes. */
  function isConstructClass(type: ts.Type): boolean {
    if (type.symbol?.name === "Construct" && !declaredInModules(type.symbol)) return true;
    return type.isClassOrInterface() && checker.getBaseTypes(type).some(isConstructClass);
  }

  it("documents every public attribute of every exported construct", () => {
    const undocumented: string[] = [];
    const seen = new Set<ts.Symbol>();
    let checked = 0;
    for (const { module, file } of entries) {
      for (const exported of moduleExports(file)) {
        const symbol = resolveAlias(checker, exported);
        if (!(symbol.flags & ts.SymbolFlags.Class) || seen.has(symbol) || !declaredInModules(symbol)) continue;
        seen.add(symbol);
        if (!isConstructClass(checker.getDeclaredTypeOfSymbol(symbol))) continue;
        for (const declaration of symbol.declarations ?? []) {
          if (!ts.isClassDeclaration(declaration)) continue;
          for (const member of declaration.members) {
            if (!ts.isPropertyDeclaration(member) && !ts.isGetAccessorDeclaration(member)) continue;
            if (
              ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) ||
              ts.isPrivateIdentifier(member.name)
            )
              continue;
            checked += 1;
            const property = checker.getSymbolAtLocation(member.name);
            const comment = property ? ts.displayPartsToString(property.getDocumentationComment(checker)).trim() : "";
            if (comment.length === 0)
              undocumented.push(`${module}.${symbol.name}.${member.name.getText()}: no doc comment`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    if (undocumented.length > 0)
      throw new Error(
        `${undocumented.length} construct attribute(s) without a doc comment:\n${undocumented.join("\n")}`,
      );
  });

  it("gives every module's primary construct an @example", () => {
    const problems: string[] = [];
    for (const { module, file } of entries) {
      if (!(module in PRIMARY_CONSTRUCTS)) {
        problems.push(`${module}: not listed in PRIMARY_CONSTRUCTS (add its primary construct, or null)`);
        continue;
      }
      const primary = PRIMARY_CONSTRUCTS[module];
      if (!primary) continue;
      const exported = moduleExports(file).find((symbol) => symbol.name === primary);
      if (!exported) {
        problems.push(`${module}.${primary}: not exported from ${module}/index.ts`);
        continue;
      }
      const symbol = resolveAlias(checker, exported);
      if (!(symbol.flags & ts.SymbolFlags.Class)) {
        problems.push(`${module}.${primary}: not a class`);
        continue;
      }
      const example = symbol.getJsDocTags(checker).find((tag) => tag.name === "example");
      const text = example ? ts.displayPartsToString(example.text) : "";
      if (!text.includes(`new ${primary}(`))
        problems.push(`${module}.${primary}: no @example showing \`new ${primary}(...)\``);
    }
    if (problems.length > 0) throw new Error(`${problems.length} example problem(s):\n${problems.join("\n")}`);
  });
});
