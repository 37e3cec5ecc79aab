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

const categories: ReadonlySet<string> = new Set(CATEGORIES);
const supplierTypes: ReadonlySet<string> = new Set(SUPPLIER_TYPES);

export function isCategory(value: string): boolean {
  return categories.has(value);
}

export function isSupplierType(value: string): boolean {
  return supplierTypes.has(value);
}
