/**
 * The marketplace areas intake accepts as a request's category. A copy of intake's catalogue
 * (services/intake/src/feature-requests/domain/catalogue.ts), since a service may not import
 * another; the contract carries the category as a string.
 */
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

export type Category = (typeof CATEGORIES)[number];

/** Words that point to a category, for suggestions while the embedding model is unavailable. */
export const CATEGORY_KEYWORDS: Readonly<Record<Exclude<Category, 'other'>, readonly string[]>> = {
  'search-and-discovery': ['search', 'filter', 'find', 'browse', 'sort', 'map', 'nearby', 'discover', 'results', 'shortlist'],
  'supplier-profiles': ['profile', 'portfolio', 'gallery', 'bio', 'showcase', 'listing', 'packages', 'storefront'],
  reviews: ['review', 'rating', 'stars', 'feedback', 'testimonial', 'recommend'],
  messaging: ['message', 'chat', 'inbox', 'reply', 'conversation', 'attachment', 'thread'],
  'enquiries-and-booking': ['enquiry', 'inquiry', 'booking', 'book', 'availability', 'calendar', 'quote', 'reserve', 'date'],
  payments: ['payment', 'pay', 'deposit', 'refund', 'card', 'instalment', 'installment', 'checkout', 'payout', 'currency'],
  'contracts-and-invoices': ['contract', 'invoice', 'sign', 'signature', 'receipt', 'pdf', 'terms', 'vat', 'tax'],
  'planning-tools': ['checklist', 'timeline', 'planner', 'planning', 'task', 'schedule', 'todo', 'seating', 'plan'],
  'guest-management': ['guest', 'rsvp', 'invite', 'invitation', 'seating', 'dietary', 'plus'],
  budget: ['budget', 'spend', 'cost', 'expense', 'estimate', 'price', 'afford'],
  'wedding-website': ['website', 'site', 'page', 'domain', 'theme', 'template', 'story'],
  'gift-list': ['gift', 'registry', 'honeymoon', 'fund', 'present', 'wishlist'],
  'supplier-dashboard': ['dashboard', 'analytics', 'leads', 'statistics', 'stats', 'export', 'team', 'staff'],
  notifications: ['notification', 'reminder', 'alert', 'email', 'sms', 'push', 'digest', 'notify'],
  'mobile-app': ['app', 'mobile', 'ios', 'android', 'phone', 'offline', 'tablet'],
  'accounts-and-privacy': ['account', 'password', 'login', 'privacy', 'gdpr', 'delete', 'data', 'consent', 'security', 'two'],
};
