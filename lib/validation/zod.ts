import { z } from "zod";

// zod 4 probes `Function("")` to decide whether it may compile parsers; under the
// nonce CSP that probe is a reported script-src violation in every browser that
// loads a form schema. The console's schemas are small: interpret them. Every
// schema module imports `z` from here, so this runs before any schema exists.
z.config({ jitless: true });

export { z };
