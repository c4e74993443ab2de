/** Types of serve-node-flags.js (plain JavaScript: the launcher loads it before TypeScript). */
export declare const serveNodeFlags: readonly string[];
export declare function missingServeFlags(given: readonly string[]): string[];
export declare const serveEnvironment: Readonly<Record<string, string>>;
export declare function missingServeEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string>;
