/**
 * litegate command-line entry: dispatches `litegate <command>` to one module per
 * command, loaded lazily so `litegate lint` never pays for the runtime's imports.
 */
const commands: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  lint: { summary: 'check litellm_config.yaml files (schema + semantic rules)', load: () => import('./commands/lint.ts') },
  schema: { summary: 'print the JSON Schema of the config file', load: () => import('./commands/schema.ts') },
  serve: { summary: 'run the OpenAI-compatible proxy for a config', load: () => import('./commands/serve.ts') },
  mock: { summary: 'run the offline provider simulator', load: () => import('./commands/mock.ts') },
  explain: { summary: 'show how a request for a model would be routed', load: () => import('./commands/explain.ts') },
  build: { summary: 'build a deployable proxy bundle (server.mjs, Docker files, contract tests)', load: () => import('./commands/build.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: litegate <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'litegate <command> --help' for a command's options.\n`;
}

/** Runs the CLI and returns the process exit code (0 ok, 1 findings/failure, 2 usage or I/O error). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`litegate: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(rest);
}
