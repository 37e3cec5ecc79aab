import { randomClusterId } from './cluster-id';

describe('randomClusterId', () => {
  it("has the shape of Kafka's Uuid: 22 URL-safe base64 characters that do not start with '-'", () => {
    for (let i = 0; i < 1_000; i++) {
      const id = randomClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });

  it('differs every time', () => {
    expect(new Set(Array.from({ length: 100 }, randomClusterId)).size).toBe(100);
  });
});
