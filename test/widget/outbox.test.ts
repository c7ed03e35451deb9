import { beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPending, PENDING_KEY } from '../../widget/core/outbox.ts';
import { keep, resendPending } from '../../widget/ui/outbox.ts';

describe('browser outbox', () => {
  beforeEach(() => localStorage.clear());

  it('lets the loader see a kept sign-up, so it loads the chunk that resends it', () => {
    keep('shop/welcome/0', 'https://forms.example.com', '{"id":"abc12345"}');
    expect(JSON.parse(localStorage.getItem(PENDING_KEY)!)).toEqual({ 'shop/welcome/0': ['https://forms.example.com', '{"id":"abc12345"}'] });
    const load = vi.fn(() => Promise.resolve());
    watchPending(load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('leaves storage untouched when nothing waits: no chunk load and no key written', () => {
    const load = vi.fn(() => Promise.resolve());
    watchPending(load);
    resendPending();
    expect(load).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
  });
});
