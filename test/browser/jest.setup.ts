// The browser test starts the whole main job (n8n, sandbox) and drives Chromium: allow it time.
jest.setTimeout(15 * 60 * 1000);
