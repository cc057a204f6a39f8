import { afterEach, vi } from 'vitest';

// An error logged during a test is a defect, even when the assertions pass (epic-stack habit).
const errorSpy = vi.spyOn(console, 'error');

afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockClear();
  if (calls.length > 0) throw new Error(`console.error tijdens de test: ${calls.map((c) => c.join(' ')).join('\n')}`);
});
