#!/usr/bin/env node
/**
 * The package's `suma-policy` command (package.json `bin`): the policy pack over any cdktf
 * output directory, with suppressions only from `--suppressions <file.json>`. See
 * docs/policy-cli.md for the arguments, the suppressions file and the exit codes.
 */
import { runPolicyCli, SUMA_POLICY_USAGE } from "./cli";

process.exitCode = runPolicyCli(process.argv.slice(2), { usage: SUMA_POLICY_USAGE });
