/**
 * Output formats: the JSON shape other tools read, SARIF 2.1.0 for code scanning, GitHub
 * workflow commands (escaping), and the pretty format's code frame and colour switch.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/compile.ts';
import { formatGithub } from '../../compiler/report/format-github.ts';
import { formatJson } from '../../compiler/report/format-json.ts';
import { codeFrame, formatPretty } from '../../compiler/report/format-pretty.ts';
import { formatSarif } from '../../compiler/report/format-sarif.ts';
import type { ReportInput } from '../../compiler/report/report-input.ts';
import { SourceFile } from '../../compiler/source/source-file.ts';

const source = new SourceFile('conf/litellm.yaml', 'router_settings:\n  routing_strategy: least_busy\n');
const diagnostic: Diagnostic = {
  code: 'LG3003',
  severity: 'error',
  message: "unknown routing_strategy 'least_busy'; did you mean 'least-busy'?",
  file: 'conf/litellm.yaml',
  line: 2,
  column: 21,
  endLine: 2,
  endColumn: 31,
  path: '/router_settings/routing_strategy',
  suggestion: 'least-busy',
};
const input: ReportInput = { reports: [{ file: 'conf/litellm.yaml', diagnostics: [diagnostic] }], source: (file) => (file === source.path ? source : undefined) };

describe('report formats', () => {
  it('json has the documented shape', () => {
    expect(JSON.parse(formatJson(input))).toEqual({
      files: [
        {
          file: 'conf/litellm.yaml',
          diagnostics: [
            {
              code: 'LG3003',
              severity: 'error',
              message: "unknown routing_strategy 'least_busy'; did you mean 'least-busy'?",
              line: 2,
              column: 21,
              endLine: 2,
              endColumn: 31,
              path: '/router_settings/routing_strategy',
              suggestion: 'least-busy',
            },
          ],
        },
      ],
    });
  });

  it('pretty prints file:line:col, severity, message, code and an underline', () => {
    expect(formatPretty(input, { color: false })).toBe(
      [
        "conf/litellm.yaml:2:21 error unknown routing_strategy 'least_busy'; did you mean 'least-busy'? [LG3003]",
        ' 2 |   routing_strategy: least_busy',
        '   |                     ^~~~~~~~~~',
        '1 error, 0 warnings in 1 file',
        '',
      ].join('\n'),
    );
    expect(formatPretty(input, { color: true })).toContain('\u001b[31merror\u001b[0m');
    expect(formatPretty(input, { color: false })).not.toContain('\u001b[');
    expect(formatPretty({ reports: [{ file: 'a.yaml', diagnostics: [] }], source: () => undefined }, { color: false })).toBe('');
  });

  it('underlines a multi-line range to the end of its first line and keeps tabs aligned', () => {
    const tabbed = new SourceFile('t.yaml', 'a:\t{b: 1,\n  c: 2}\n');
    expect(codeFrame(tabbed, { ...diagnostic, file: 't.yaml', line: 1, column: 4, endLine: 2, endColumn: 8 })).toBe(' 1 | a:\t{b: 1,\n   |   \t^~~~~~');
  });

  it('masks the value of a literal-secret finding in the code frame, so lint and serve output never show it', () => {
    const secretSource = new SourceFile('s.yaml', 'model_list:\n  - litellm_params:\n      api_key: sk-proj-Xq3vB9kR2mT7wL5nP8zY\n');
    const finding: Diagnostic = { ...diagnostic, code: 'LG3013', severity: 'warning', file: 's.yaml', line: 3, column: 16, endLine: 3, endColumn: 44 };
    const frame = codeFrame(secretSource, finding);
    expect(frame).not.toContain('Xq3vB9');
    expect(frame).toBe(` 3 |       api_key: ${'*'.repeat(28)}\n   |                ^${'~'.repeat(27)}`);
    // Other findings keep the line as written.
    expect(codeFrame(secretSource, { ...finding, code: 'LG3003' })).toContain('sk-proj-Xq3vB9kR2mT7wL5nP8zY');
  });

  it('github annotations escape data and properties', () => {
    const tricky: Diagnostic = { ...diagnostic, file: 'dir,1/a:b.yaml', message: 'first line\nsecond 100%' };
    expect(formatGithub({ reports: [{ file: tricky.file, diagnostics: [tricky, { ...tricky, severity: 'info' }] }], source: () => undefined })).toBe(
      [
        '::error file=dir%2C1/a%3Ab.yaml,line=2,col=21,endLine=2,endColumn=31,title=litegate LG3003::first line%0Asecond 100%25',
        '::notice file=dir%2C1/a%3Ab.yaml,line=2,col=21,endLine=2,endColumn=31,title=litegate LG3003::first line%0Asecond 100%25',
        '',
      ].join('\n'),
    );
  });

  it('sarif is a 2.1.0 log with rule metadata and relative artifact locations', () => {
    const log = JSON.parse(formatSarif(input, { version: '1.2.3', baseDirectory: process.cwd() }));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('litegate');
    const rule = run.tool.driver.rules[run.results[0].ruleIndex];
    expect(rule).toMatchObject({ id: 'LG3003', name: 'routing-strategy' });
    expect(run.results[0]).toMatchObject({
      ruleId: 'LG3003',
      level: 'error',
      message: { text: diagnostic.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'conf/litellm.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 21, endLine: 2, endColumn: 31 } } }],
    });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
  });

  it('sarif gives a file outside the base directory an absolute file: URI, not ../', () => {
    const outside = { reports: [{ file: '/elsewhere/litellm.yaml', diagnostics: [{ ...diagnostic, file: '/elsewhere/litellm.yaml' }] }], source: () => undefined };
    const log = JSON.parse(formatSarif(outside, { version: '1.2.3', baseDirectory: '/work/project' }));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/litellm.yaml' });
  });
});
