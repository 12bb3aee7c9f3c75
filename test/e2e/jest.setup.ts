// Real n8n needs minutes on a cold machine (runtime install, migrations); testTimeout is not a per-project option.
jest.setTimeout(10 * 60 * 1000);
