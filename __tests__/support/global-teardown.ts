import { removeSynthCache } from "./synth-cache-dir";

export default removeSynthCache;
