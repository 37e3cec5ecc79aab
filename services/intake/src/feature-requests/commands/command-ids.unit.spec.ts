import { commandIdFor, entityIdFor } from './command-ids';

const ALICE = { subject: '0d9c2f3e-5b1a-4c7d-8e6f-1a2b3c4d5e6f', roles: ['couple' as const] };
const BOB = { subject: '7f8e9d0c-1b2a-4394-a5b6-c7d8e9f0a1b2', roles: ['couple' as const] };
const REQUEST_ID = 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d';

describe('command ids', () => {
  it('are the same for a retry, in any letter case', () => {
    expect(commandIdFor('AddComment', ALICE, REQUEST_ID)).toBe(commandIdFor('AddComment', ALICE, REQUEST_ID.toUpperCase()));
  });

  it('differ by caller and by RPC, so a reused request id never collides', () => {
    const ids = new Set([
      commandIdFor('AddComment', ALICE, REQUEST_ID),
      commandIdFor('AddComment', BOB, REQUEST_ID),
      commandIdFor('SubmitFeatureRequest', ALICE, REQUEST_ID),
    ]);
    expect(ids.size).toBe(3);
  });

  it('are fresh without a request id', () => {
    expect(commandIdFor('AddComment', ALICE, '')).not.toBe(commandIdFor('AddComment', ALICE, ''));
  });

  it('give what a command creates a stable id of its own', () => {
    const commandId = commandIdFor('SubmitFeatureRequest', ALICE, REQUEST_ID);
    expect(entityIdFor(commandId, 'feature-request')).toBe(entityIdFor(commandId, 'feature-request'));
    expect(entityIdFor(commandId, 'feature-request')).not.toBe(entityIdFor(commandId, 'comment'));
    expect(entityIdFor(commandId, 'comment')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
