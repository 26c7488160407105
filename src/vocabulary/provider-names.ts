/**
 * Where the throwaway databases come from. A leaf that imports nothing, so src/config/ can validate
 * `--provider` without loading a provider.
 */
export const PROVIDER_NAMES = ['docker', 'embedded', 'url'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
