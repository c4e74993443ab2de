/**
 * `litegate schema`: prints the JSON Schema of litellm_config.yaml, for editors
 * (`# yaml-language-server: $schema=…`) and for other tools that validate configs.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const help = `usage: litegate schema [--help]

Prints the JSON Schema (draft 2020-12) of litellm_config.yaml to stdout.

For editor autocompletion (YAML language server), start the config with:
  # yaml-language-server: $schema=./node_modules/litegate/schema/litellm-config.schema.json
(the path is relative to the YAML file; or save this output next to it:
  litegate schema > litellm-config.schema.json)

options:
  -h, --help  show this help
`;

const schemaFile = new URL('../../../schema/litellm-config.schema.json', import.meta.url);

/** Runs the command; returns the exit code (0 printed, 2 usage error). */
export async function run(argv: string[]): Promise<number> {
  let values: { help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    process.stderr.write(`litegate schema: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  // The file is printed byte for byte: it is already formatted JSON, and tools may hash it.
  return writeOut(await readFile(schemaFile, 'utf8'));
}

/**
 * Writes to stdout and settles when the data is flushed. A reader that goes away early
 * (`litegate schema | head`) is not an error, as with cat: EPIPE ends the command quietly.
 */
function writeOut(text: string): Promise<number> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      resolve(error.code === 'EPIPE' ? 0 : 2);
      if (error.code !== 'EPIPE') process.stderr.write(`litegate schema: cannot write to stdout: ${error.message}\n`);
    };
    process.stdout.once('error', onError);
    process.stdout.write(text, (error) => {
      if (error) return;
      process.stdout.off('error', onError);
      resolve(0);
    });
  });
}
