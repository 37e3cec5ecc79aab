import type { FeatureRequest } from './feature-request';
import type { Actor } from './roles';

// Shared by the domain's unit specs only.

export const AUTHOR: Actor = { subject: '0d9c2f3e-5b1a-4c7d-8e6f-1a2b3c4d5e6f', roles: ['couple'] };
export const SUPPLIER: Actor = { subject: '7f8e9d0c-1b2a-4394-a5b6-c7d8e9f0a1b2', roles: ['supplier'] };
export const PRODUCT: Actor = { subject: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', roles: ['product'] };
export const ADMIN: Actor = { subject: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', roles: ['admin'] };
export const REQUEST_ID = 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d';
export const TARGET_ID = 'b5e3d8f1-2c9a-4d4f-8e7b-6f8a9b0c1d2e';
export const AT = new Date('2026-05-01T10:00:00.000Z');
export const LATER = new Date('2026-05-02T11:30:00.000Z');

export function featureRequest(overrides: Partial<FeatureRequest> = {}): FeatureRequest {
  return {
    id: REQUEST_ID,
    authorId: AUTHOR.subject,
    title: 'Seating plan export',
    description: 'Print the seating chart as PDF',
    category: 'guest-management',
    tags: ['seating'],
    weddingContext: null,
    status: 'submitted',
    statusReason: '',
    mergedIntoId: null,
    statusBeforeMerge: null,
    possibleDuplicateOfIds: [],
    commentCount: 0,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}
