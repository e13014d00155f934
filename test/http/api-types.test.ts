import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, committedApiTypes, generateApiTypes } from '../../scripts/api-types.ts';

/** The first line where two texts differ, to point at the drift: "line 812: …". */
function firstDifference(generated: string, committed: string): string | null {
  const a = generated.split('\n');
  const b = committed.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: generated ${JSON.stringify(a[i] ?? '')}, committed ${JSON.stringify(b[i] ?? '')}`;
  }
  return null;
}

describe('the web app’s generated API types', () => {
  it(`${SCHEMA_FILE} is what the route definitions generate today`, async () => {
    const generated = await generateApiTypes();
    expect(generated).toContain('export interface components');
    const drift = firstDifference(generated, committedApiTypes());
    expect(
      drift,
      `${SCHEMA_FILE} is stale (the OpenAPI document changed since it was generated): run \`npm run api:types\` and commit it`,
    ).toBeNull();
  });
});
