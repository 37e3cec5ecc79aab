/** What a field reads as once its subject's key is deleted (crypto-shredded). */
export const ERASED = '[erased]';
