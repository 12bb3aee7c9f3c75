// A test's time limit only catches a hang; it is no speed check (speed is measured by `npm run bench`).
// Jest's 5 s default failed tests that take 2 s on an idle machine when the machine was loaded.
// testTimeout is not a per-project option, so the unit, sandbox and integration projects set it here.
jest.setTimeout(5 * 60 * 1000);
