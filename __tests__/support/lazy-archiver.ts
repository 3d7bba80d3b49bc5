/**
 * cdktf requires archiver when it loads, for the zip files of TerraformAsset, which nothing in this
 * repository uses; evaluating it costs every test file about a fifth of a second. jest.config.js maps
 * "archiver" to this module, which loads the real one on first use, so behaviour is unchanged.
 */
import { join } from "node:path";

// A path, not the package name, so jest's moduleNameMapper does not send the request back here.
const ARCHIVER = join(__dirname, "../../node_modules/archiver");
let archiver: ((...args: unknown[]) => unknown) | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = () => (archiver ??= require(ARCHIVER) as (...args: unknown[]) => unknown);

module.exports = new Proxy(function lazyArchiver() {}, {
  apply: (_target, thisArg, args: unknown[]) => Reflect.apply(load(), thisArg, args),
  get: (_target, key) => Reflect.get(load(), key),
});
