/**
 * The words the credential's fields, its notice, its Authentication option and every error use for CDEK's
 * keys, so that a shop manager meets one name for each. CDEK's cabinet calls them "Account" and "Secure
 * password"; the OAuth names (client_id, client_secret) are what other tools and CDEK's API docs say. n8n's
 * credential dialog labels any field named clientId / clientSecret "Client ID" / "Client Secret" whatever its
 * displayName, and the names cannot change (saved credentials), so every other text pairs both names.
 */
export const ACCOUNT_LABEL = 'Account (Client ID)';
export const SECURE_PASSWORD_LABEL = 'Secure Password (Client Secret)';
export const WHERE_KEYS_ARE = 'CDEK\'s cabinet, lk.cdek.ru → Integration ("Интеграция")';
