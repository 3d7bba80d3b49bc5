import { createSynthCache } from "./synth-cache-dir";

export default createSynthCache;
