import { assertNotSystemRecord, isSystemRecord } from './system-records';

const event = (type: string) => ({ id: '0b6e2a7c-3f7e-4d8e-9d0a-6b7e2a0c9e51', type, data: {} });

describe('EventStoreDB system records', () => {
  it('recognises them by a $ in front of the type or the stream', () => {
    expect(isSystemRecord('$metadata', '$$order-1')).toBe(true);
    expect(isSystemRecord('$>', '$ce-order')).toBe(true);
    expect(isSystemRecord('update-default-acl', '$settings')).toBe(true);
    expect(isSystemRecord('frm.events.v1.VoteCast', 'vote-1-2')).toBe(false);
  });

  it('refuses to append to a system stream or with a system type', () => {
    expect(() => assertNotSystemRecord('$$order-1', [event('A')])).toThrow('reserves for its system streams');
    expect(() => assertNotSystemRecord('order-1', [event('A'), event('$metadata')])).toThrow('"$metadata"');
    expect(() => assertNotSystemRecord('order-1', [event('frm.events.v1.RequestSubmitted')])).not.toThrow();
  });
});
