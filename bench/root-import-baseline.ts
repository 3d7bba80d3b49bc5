/**
 * Benchmark baseline: loads the prebuilt providers from their package roots, the way
 * cdktf's project templates import them, then synthesizes the default app as main.ts does.
 * The difference to `main.ts` alone is what the deep-path imports save.
 */
import * as aws from "@cdktf/provider-aws";
import * as github from "@cdktf/provider-github";
import { main } from "../main";

// esbuild (tsx) drops imports whose bindings are never read; reading them keeps the
// package roots, and every resource class they require, loaded.
const exported = Object.keys(aws).length + Object.keys(github).length;
if (exported === 0) throw new Error("the provider package roots exported nothing");

process.exitCode = main(process.argv.slice(2), process.env);
