/**
 * The two-step email → SMS sign-up in Chromium, Firefox and WebKit, keyboard alone: the phone
 * number formats as it is typed, the phone chunk arrives only for the phone step, and the finished
 * profile (email, phone, both subscriptions) reaches the Braze sandbox.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWidgetStack, waitForUser, type WidgetStack } from '../e2e/fixtures/widget-stack.ts';
import { SANDBOX_EMAIL_GROUP, SANDBOX_SMS_GROUP } from '../../demo/sandbox/options.ts';
import { eachEngine } from './each-engine.ts';
import { openForm } from './widget-page.ts';

let stack: WidgetStack;
beforeAll(async () => {
  stack = await startWidgetStack();
});
afterAll(() => stack?.close());

eachEngine('two-step email → SMS sign-up', (engine, name) => {
  it(`completes with the keyboard alone, formatting the phone number as it is typed, in ${name}`, async () => {
    const w = await openForm(engine(), stack, 'sms');
    try {
      expect(await w.identify()).toBe(name);
      const phoneChunk = async () => (await w.resources()).filter((p) => p.startsWith('/phone-'));
      expect(await phoneChunk()).toEqual([]);

      // Step 1: the dialog put focus in the email field.
      const email = `sms-${name}@example.com`;
      expect(await w.focused()).toBe('input#email');
      await w.page.type(email);
      await w.page.press('Tab');
      expect(await w.focused()).toBe('input#email_consent');
      expect(await w.checked('input[name=email_consent]')).toBe(false);
      await w.page.press('Space');
      expect(await w.checked('input[name=email_consent]')).toBe(true);
      await w.page.press('Tab');
      expect(await w.focused()).toBe('button');
      await w.page.press('Enter');

      // Step 2: phone and SMS consent on their own screen; the phone chunk arrives for it.
      await w.waitForText('Get texts too?');
      await w.rect('select');
      expect(await phoneChunk()).toHaveLength(1);
      expect(await w.focused()).toBe('input#phone');
      // As-you-type: each key reformats the field, in every engine's input events.
      await w.page.type('201555');
      expect(await w.value('input[name=phone]')).toBe('(201) 555');
      await w.page.type('0123');
      expect(await w.value('input[name=phone]')).toBe('(201) 555-0123');
      await w.page.press('Backspace');
      expect(await w.value('input[name=phone]')).toBe('(201) 555-012');
      await w.page.type('3');
      expect(await w.value('input[name=phone]')).toBe('(201) 555-0123');
      expect(await w.checked('input[name=sms_consent]')).toBe(false);
      expect(await w.axeViolations()).toEqual([]);
      await w.screenshot('sms-step2');
      await w.page.press('Tab');
      expect(await w.focused()).toBe('input#sms_consent');
      await w.page.press('Space');
      // Past the disclosure's two links to the submit button.
      await w.page.press('Tab');
      await w.page.press('Tab');
      await w.page.press('Tab');
      expect(await w.focused()).toBe('button');
      await w.page.press('Enter');

      await w.waitForText('WELCOME10');
      await w.screenshot('sms-success');
      const user = await waitForUser(stack, email, (u) => Boolean(u.phone));
      expect(user.phone).toBe('+12015550123');
      expect(user.subscription_groups[SANDBOX_EMAIL_GROUP]).toBe('subscribed');
      expect(user.subscription_groups[SANDBOX_SMS_GROUP]).toBe('subscribed');
      expect(await w.events()).toEqual(['show:sms:0', 'submit:sms:0', 'step:sms:1', 'submit:sms:1', 'step:sms:2']);
    } finally {
      await w.close();
    }
  });
});
