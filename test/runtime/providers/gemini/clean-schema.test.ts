import { describe, expect, it } from 'vitest';
import { cleanSchema } from '../../../../runtime/providers/gemini/clean-schema.ts';

describe('cleanSchema (Gemini OpenAPI subset)', () => {
  it('inlines local $refs and removes keywords Gemini rejects, at every depth', () => {
    expect(cleanSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      properties: {
        items: { type: 'array', items: { $ref: '#/definitions/Item' } },
        // A property literally named like a keyword is a name, not a keyword.
        strict: { type: 'boolean' },
      },
      definitions: { Item: { type: 'object', additionalProperties: false, properties: { id: { type: 'integer' } } } },
    })).toEqual({
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } },
        strict: { type: 'boolean' },
      },
    });
  });

  it('cuts off a self-referencing schema instead of looping', () => {
    const schema = { type: 'object', properties: { child: { $ref: '#/$defs/Node' } }, $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } } };
    const cleaned = JSON.stringify(cleanSchema(schema));
    expect(cleaned.length).toBeLessThan(5_000);
    expect(cleaned).not.toContain('$ref');
  });
});
