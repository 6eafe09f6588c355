// Kickstart files (FusionAuth's format, spec/kickstart.md) for the integration tests.
//
//   const server = await startServer({ kickstart: baseKickstart({ requests: [...] }) });

// The key every test uses unless it needs another: global, all endpoints, key manager.
export const DEFAULT_API_KEY = 'latchkey-integration-test-key-0123456789abcdef';

// FusionAuth's well-known id of its own admin application (spec/tenants-applications.md).
export const FUSIONAUTH_APPLICATION_ID = '3c219e58-ed0e-4b18-ad48-f4f92793ae32';

export function baseKickstart({ apiKey = DEFAULT_API_KEY, variables, apiKeys = [], requests = [] } = {}) {
  return {
    ...(variables ? { variables } : {}),
    apiKeys: [
      { key: apiKey, description: 'integration tests: global key manager', keyManager: true },
      ...apiKeys,
    ],
    requests,
  };
}
