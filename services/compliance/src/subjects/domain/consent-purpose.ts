/** What a person consents to; `do_not_sell_or_share` is CCPA's opt-out, recorded the same way. */
export const CONSENT_PURPOSES = ['product_updates', 'marketing_email', 'analytics', 'do_not_sell_or_share'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export function isConsentPurpose(name: string): name is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(name);
}
