// Intake's catalogues (services/intake/src/feature-requests/domain/catalogue.ts), repeated here so
// the board can offer choices without a call; intake validates, and names the accepted values
// when it refuses one. Keep the two in the same order.

/** The marketplace areas a feature request can be about. */
export const CATEGORIES = [
  'search-and-discovery',
  'supplier-profiles',
  'reviews',
  'messaging',
  'enquiries-and-booking',
  'payments',
  'contracts-and-invoices',
  'planning-tools',
  'guest-management',
  'budget',
  'wedding-website',
  'gift-list',
  'supplier-dashboard',
  'notifications',
  'mobile-app',
  'accounts-and-privacy',
  'other',
] as const;

/** The marketplace's supplier types; couples have none. */
export const SUPPLIER_TYPES = [
  'photographer',
  'videographer',
  'venue',
  'florist',
  'caterer',
  'planner',
  'cake-maker',
  'musician',
  'dj',
  'hair-and-makeup',
  'bridalwear',
  'stationer',
  'officiant',
  'transport',
  'decor-and-hire',
  'other',
] as const;

/** `guest-management` → `Guest management`, `dj` → `DJ`. */
export function catalogueLabel(value: string): string {
  if (value === 'dj') return 'DJ';
  const words = value.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
